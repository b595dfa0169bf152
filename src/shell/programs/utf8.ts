/**
 * UTF-8 bytes of the shell's strings and back, for the programs that work on bytes as their C originals do
 * (printf's widths and `%c` count bytes; its `\NNN` escapes write single bytes).
 */

export function utf8Bytes(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return out;
}

/** The length of a well-formed sequence starting at `i`, or 0 when the byte there starts none. */
function sequenceAt(b: readonly number[], i: number): { len: number; cp: number } | null {
  const x = b[i] ?? 0;
  let len: number;
  let cp: number;
  if (x < 0x80) return { len: 1, cp: x };
  if (x >= 0xc2 && x <= 0xdf) [len, cp] = [2, x & 0x1f];
  else if (x >= 0xe0 && x <= 0xef) [len, cp] = [3, x & 0x0f];
  else if (x >= 0xf0 && x <= 0xf4) [len, cp] = [4, x & 0x07];
  else return null;
  for (let k = 1; k < len; k++) {
    const y = b[i + k];
    if (y === undefined || (y & 0xc0) !== 0x80) return null;
    cp = (cp << 6) | (y & 0x3f);
  }
  const min = len === 2 ? 0x80 : len === 3 ? 0x800 : 0x10000;
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return null;
  return { len, cp };
}

/** Decodes bytes; a byte that starts no well-formed sequence becomes U+FFFD, as a UTF-8 terminal shows it. */
export function utf8Decode(b: readonly number[]): string {
  let out = '';
  for (let i = 0; i < b.length;) {
    const s = sequenceAt(b, i);
    if (s === null) {
      out += '\ufffd';
      i++;
    } else {
      out += String.fromCodePoint(s.cp);
      i += s.len;
    }
  }
  return out;
}

/** Whether `b` holds only printable characters (no controls, no broken sequences): printf `%q` needs no `$'...'` then. */
export function allPrintable(b: readonly number[]): boolean {
  for (let i = 0; i < b.length;) {
    const s = sequenceAt(b, i);
    if (s === null || s.cp < 0x20 || s.cp === 0x7f || (s.cp >= 0x80 && s.cp < 0xa0)) return false;
    i += s.len;
  }
  return true;
}

/** The code point of the first character of `s` (printf's `'c` numeric argument). */
export function firstCodePoint(s: string): number {
  return s.codePointAt(0) ?? 0;
}
