/**
 * The line syntax shared by main.cf and master.cf, as Postfix 3.7 reads it
 * (`util/readlline.c`, `util/split_nameval.c`):
 *
 * - blank lines, whitespace-only lines and lines whose first non-blank is `#` are ignored,
 *   also in the middle of a multi-line entry;
 * - a line that starts with whitespace continues the previous logical line; the pieces are
 *   joined as they are (the newline goes, the leading whitespace of the continuation stays);
 * - a logical line that itself starts with whitespace (nothing to continue) is skipped with
 *   a warning;
 * - `name = value` splits at the first `=`, blanks around name and value are dropped.
 *
 * "Whitespace" is C's isspace() on ASCII: space, \t, \n, \v, \f, \r.
 */

/** Postfix ISSPACE(): ASCII space, tab, newline, vertical tab, form feed, carriage return. */
export function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\v' || ch === '\f' || ch === '\r';
}

/** One logical line: the joined text and the (1-based) physical lines it came from. */
export interface LogicalLine {
  /** Joined text, exactly as readlline() builds it (may contain NUL characters). */
  readonly text: string;
  /** Line number of the first physical line that contributed text. */
  readonly firstLine: number;
  /** Line number of the last physical line read for this logical line. */
  readonly lastLine: number;
}

/** A logical line that starts with whitespace (skipped); the warning text needs its start. */
export interface SkippedLine {
  readonly text: string;
  readonly firstLine: number;
}

export interface LogicalLines {
  readonly lines: readonly LogicalLine[];
  /** Logical lines skipped because they start with whitespace, in file order. */
  readonly skipped: readonly SkippedLine[];
}

function isCommentOrBlank(text: string, start: number): boolean {
  let i = start;
  while (i < text.length && isSpace(text[i])) i++;
  return i === text.length || text[i] === '#';
}

/** Splits a configuration file into logical lines the way readllines() does. */
export function readLogicalLines(content: string): LogicalLines {
  const lines: LogicalLine[] = [];
  const skipped: SkippedLine[] = [];
  const len = content.length;
  let pos = 0;
  let lineno = 0;
  while (pos < len) {
    let buf = '';
    let first = lineno + 1;
    for (;;) {
      const start = buf.length;
      const nl = content.indexOf('\n', pos);
      const end = nl < 0 ? len : nl;
      const piece = content.slice(pos, end);
      const sawNewline = nl >= 0;
      pos = sawNewline ? nl + 1 : len;
      if (sawNewline || piece.length > 0) lineno++;
      buf += piece;
      if (isCommentOrBlank(buf, start)) buf = buf.slice(0, start);
      if (start === 0) first = lineno;
      if (!sawNewline) break;
      if (buf.length > 0) {
        const next = content[pos];
        if (next !== '#' && !isSpace(next)) break;
      }
      if (pos >= len) break;
    }
    if (buf.length === 0) continue;
    if (isSpace(buf[0])) {
      skipped.push({ text: buf, firstLine: first });
      continue;
    }
    lines.push({ text: buf, firstLine: first, lastLine: lineno });
  }
  return { lines, skipped };
}

/** The text up to the first NUL, as C string functions see it. */
export function cString(text: string): string {
  const nul = text.indexOf('\0');
  return nul < 0 ? text : text.slice(0, nul);
}

export type NameValueError = 'missing attribute name' | "missing '=' after attribute name";

export type NameValue =
  { readonly ok: true; readonly name: string; readonly value: string } | { readonly ok: false; readonly error: NameValueError };

/** split_nameval(): `name = value` with blanks around both trimmed. Works on the C string. */
export function splitNameValue(input: string): NameValue {
  const text = cString(input);
  let i = 0;
  while (i < text.length && isSpace(text[i])) i++;
  const nameStart = i;
  while (i < text.length && !isSpace(text[i]) && text[i] !== '=') i++;
  const nameEnd = i;
  if (nameEnd === nameStart) return { ok: false, error: 'missing attribute name' };
  while (i < text.length && isSpace(text[i])) i++;
  if (text[i] !== '=') return { ok: false, error: "missing '=' after attribute name" };
  i++;
  while (i < text.length && isSpace(text[i])) i++;
  let end = text.length;
  while (end > i && isSpace(text[end - 1])) end--;
  return { ok: true, name: text.slice(nameStart, nameEnd), value: text.slice(i, end) };
}

/** `%.30s%s` as used by the "logical line must not start with whitespace" warning. */
export function clip30(text: string): string {
  const c = cString(text);
  return c.length > 30 ? `${c.slice(0, 30)}...` : c;
}

/** Collapses runs of blanks (space, tab, CR, LF) to one space and trims, as postconf prints values. */
export function normalizeBlanks(text: string): string {
  return text
    .split(/[ \t\r\n]+/)
    .filter((w) => w.length > 0)
    .join(' ');
}
