/**
 * Splits an SMTP command line into words the way smtpd's tokenizer does (smtpd_token.c):
 * - words are separated by white space;
 * - `<...>` and `"..."` are kept whole, with nesting and backslash escapes; an unterminated one
 *   marks the word as an error (corpus smtp-edge-cases: a truncated `MAIL FROM:<aaaa...` gets
 *   `501 5.1.7 Bad sender address syntax`);
 * - a word ends right after `to:` or `from:` (any case), so `MAIL FROM:<a@b>` is `MAIL`, `FROM:`, `<a@b>`.
 */
export interface SmtpToken {
  readonly text: string;
  readonly error: boolean;
}

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\v' || c === '\f';

/** Reads a quoted part starting after `open`; returns the new index and whether it was closed. */
function readQuoted(line: string, start: number, open: string, close: string): { text: string; next: number; closed: boolean } {
  let text = open;
  const stack: string[] = [close];
  let i = start;
  while (i < line.length) {
    const c = line.charAt(i++);
    text += c;
    const wanted = stack[stack.length - 1];
    if (c === '\\') {
      if (i >= line.length) break;
      text += line.charAt(i++);
    } else if (c === wanted) {
      if (stack.length === 1) return { text, next: i, closed: true };
      stack.pop();
    } else if (c === '"') {
      stack.push('"');
    } else if (c === '<' && wanted === '>') {
      stack.push('>');
    }
  }
  return { text, next: i, closed: false };
}

export function tokenize(line: string): SmtpToken[] {
  const tokens: SmtpToken[] = [];
  let i = 0;
  while (i < line.length) {
    let text = '';
    let error = false;
    while (i < line.length) {
      const c = line.charAt(i++);
      if (isSpace(c)) {
        while (i < line.length && isSpace(line.charAt(i))) i++;
        if (text.length > 0) break;
      } else if (c === '<' || c === '"') {
        const q = readQuoted(line, i, c, c === '<' ? '>' : '"');
        text += q.text;
        i = q.next;
        if (!q.closed) error = true;
      } else if (c === ':') {
        text += c;
        const lower = text.toLowerCase();
        if (lower === 'to:' || lower === 'from:') break;
      } else {
        if (c === '\\') {
          text += c;
          if (i >= line.length) break;
          text += line.charAt(i++);
        } else {
          text += c;
        }
      }
    }
    if (text.length > 0) tokens.push({ text, error });
  }
  return tokens;
}
