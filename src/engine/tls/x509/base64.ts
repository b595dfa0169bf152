/** Base64 (RFC 4648) without relying on atob/btoa, which the DOM-free engine does not have. */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUE = new Map<string, number>([...ALPHABET].map((c, i) => [c, i]));

/** Decodes base64 text; whitespace is skipped. Returns null on any other stray character or bad padding. */
export function base64Decode(text: string): Uint8Array | null {
  const clean = text.replace(/[\s]/g, '');
  const body = clean.replace(/=+$/, '');
  if (clean.length - body.length > 2) return null;
  if (body.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((body.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let n = 0;
  for (const c of body) {
    const v = VALUE.get(c);
    if (v === undefined) return null;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, n);
}

/** Encodes bytes as base64 with padding, on one line. */
export function base64Encode(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const triple = (a << 16) | (b << 8) | c;
    s += ALPHABET[(triple >> 18) & 63];
    s += ALPHABET[(triple >> 12) & 63];
    s += i + 1 < bytes.length ? ALPHABET[(triple >> 6) & 63] : '=';
    s += i + 2 < bytes.length ? ALPHABET[triple & 63] : '=';
  }
  return s;
}
