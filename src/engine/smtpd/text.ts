/**
 * Character clean-up as Postfix applies it to client text before it reaches a log line or a reply.
 * Input strings hold one byte (or one Unicode character typed in the lab's terminal) per code unit.
 */

function isPrintableAscii(c: number): boolean {
  return c >= 0x20 && c <= 0x7e;
}

/**
 * util/printable.c: control characters become `?`. With smtputf8_enable (the 3.7 default) text
 * beyond ASCII is kept; the lab's strings are already characters, so only C0/C1 controls and DEL go.
 */
export function printable(s: string, replacement = '?'): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    out += isPrintableAscii(c) || c >= 0xa0 ? ch : replacement;
  }
  return out;
}

/** smtpd.c: characters of a HELO name that would confuse later parsing (` <>()\";@`) become `?`. */
export function neuter(s: string): string {
  return s.replace(/[ <>()\\";@]/g, '?');
}

/**
 * util/escape.c, for the improper pipelining log line: `\r` → `\r`, `\n` → `\n` (and the other C
 * escapes), a backslash doubled, any other non-printable byte as `\ooo` octal
 * (corpus smtp-edge-cases: `MAIL FROM:<alice@example.org>\r\nQUIT\r\n`).
 */
export function escapeForLog(s: string): string {
  const named: Readonly<Record<number, string>> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r' };
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x5c) out += '\\\\';
    else if (isPrintableAscii(c)) out += s.charAt(i);
    else if (Object.hasOwn(named, c)) out += named[c] ?? '';
    else out += `\\${(c & 0xff).toString(8).padStart(3, '0')}`;
  }
  return out;
}

/** Lower-cases ASCII only, as Postfix's lowercase() does. */
export function lowerAscii(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/**
 * Whether a line of bytes (char codes 0..255) is well-formed UTF-8, as smtpd checks each command line when
 * smtputf8_enable = yes (util/valid_utf8_string.c: no stray continuation bytes, no overlong forms, no
 * surrogates, nothing above U+10FFFF; source, confirmed by corpus-extra limits-random-bytes).
 */
export function validUtf8(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    let n: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) [n, min] = [1, 0x80];
    else if (c >= 0xe0 && c <= 0xef) [n, min] = [2, 0x800];
    else if (c >= 0xf0 && c <= 0xf4) [n, min] = [3, 0x10000];
    else return false;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const d = s.charCodeAt(i + k);
      if (Number.isNaN(d) || (d & 0xc0) !== 0x80) return false;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += n;
  }
  return true;
}
