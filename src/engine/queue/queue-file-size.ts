/**
 * The message size qmgr logs (`size=312`) and smtp sends (`SIZE=312`): the length of the
 * queue file's content segment. Each line is one record: a type byte, its length as a
 * base-128 number (one byte below 128), then the text; a line longer than
 * line_length_limit is split into several records.
 * Checked against the corpus: the 9 lines (303 bytes with newlines) that outbound-may-starttls
 * shows the MX receiving make size=312; the 32-line postmaster notice of p25-may-cert-missing
 * (890 bytes) is size=922.
 */
export function contentSize(lines: readonly string[], lineLimit = 2048): number {
  const limit = Number.isFinite(lineLimit) && lineLimit > 0 ? Math.floor(lineLimit) : 2048;
  let size = 0;
  for (const line of lines) {
    let rest = utf8Length(line);
    do {
      const chunk = Math.min(rest, limit);
      size += 1 + lengthBytes(chunk) + chunk;
      rest -= chunk;
    } while (rest > 0);
  }
  return size;
}

function lengthBytes(n: number): number {
  let bytes = 1;
  let v = n >>> 7;
  while (v > 0) {
    bytes += 1;
    v >>>= 7;
  }
  return bytes;
}

/** Bytes of the text in UTF-8 (what the queue file stores). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i += 1;
    } else n += 3;
  }
  return n;
}
