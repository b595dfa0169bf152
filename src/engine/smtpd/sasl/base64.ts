/**
 * Strict base64 as Postfix's SASL glue decodes client responses (util/base64_code.c): the length is a
 * multiple of 4, only the base64 alphabet, `=` padding only at the end. Bytes map to char codes 0..255.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function decodeBase64(s: string): string | null {
  if (s.length % 4 !== 0) return null;
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s)) return null;
  let out = '';
  for (let i = 0; i < s.length; i += 4) {
    const chunk = s.slice(i, i + 4);
    const pad = chunk.endsWith('==') ? 2 : chunk.endsWith('=') ? 1 : 0;
    if (pad > 0 && i + 4 < s.length) return null;
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const c = chunk.charAt(j);
      n = n * 64 + (c === '=' ? 0 : ALPHABET.indexOf(c));
    }
    out += String.fromCharCode((n >> 16) & 0xff);
    if (pad < 2) out += String.fromCharCode((n >> 8) & 0xff);
    if (pad < 1) out += String.fromCharCode(n & 0xff);
  }
  return out;
}

export function encodeBase64(bytes: string): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes.charCodeAt(i) & 0xff;
    const b = i + 1 < bytes.length ? bytes.charCodeAt(i + 1) & 0xff : 0;
    const c = i + 2 < bytes.length ? bytes.charCodeAt(i + 2) & 0xff : 0;
    const n = (a << 16) | (b << 8) | c;
    out += ALPHABET.charAt((n >> 18) & 63) + ALPHABET.charAt((n >> 12) & 63);
    out += i + 1 < bytes.length ? ALPHABET.charAt((n >> 6) & 63) : '=';
    out += i + 2 < bytes.length ? ALPHABET.charAt(n & 63) : '=';
  }
  return out;
}
