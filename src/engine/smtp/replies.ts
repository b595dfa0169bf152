/** One SMTP reply as smtp(8) reads it. */
export interface Reply {
  readonly code: number;
  /** The reply lines (code included), e.g. `250-mx.example.net`, `250 8BITMIME`. */
  readonly lines: readonly string[];
  /** The lines joined with a space, as Postfix logs a reply (`250 2.0.0 Ok: queued as RX0007`). */
  readonly text: string;
  /** The enhanced status code, or `X.0.0` from the reply class when the server gave none. */
  readonly dsn: string;
}

const LINE = /^(\d{3})([ -])?(.*)$/;

/** Splits a server's output into complete replies; a trailing incomplete reply is dropped. */
export function parseReplies(data: string): Reply[] {
  const replies: Reply[] = [];
  let pending: string[] = [];
  for (const raw of data.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line === '') continue;
    const m = LINE.exec(line);
    if (m === null) {
      // Garbage from the server: Postfix treats an unparsable reply as a protocol error (code 0 here).
      pending = [];
      replies.push({ code: 0, lines: [line], text: line, dsn: '4.0.0' });
      continue;
    }
    pending.push(line);
    if (m[2] !== '-') {
      const code = Number(m[1]);
      const first = pending[0] ?? line;
      const enh = /^\d{3}[ -]([245])\.(\d{1,3})\.(\d{1,3})(?:\s|$)/.exec(first);
      const cls = Math.floor(code / 100);
      const dsn = enh !== null && Number(enh[1]) === cls ? `${enh[1]}.${enh[2]}.${enh[3]}` : `${cls >= 2 && cls <= 5 ? cls : 4}.0.0`;
      replies.push({ code, lines: pending, text: pending.join(' '), dsn });
      pending = [];
    }
  }
  return replies;
}

/** EHLO keywords, upper-cased, from a 250 reply (the first line is the server's name). */
export function ehloKeywords(r: Reply): Set<string> {
  const words = new Set<string>();
  r.lines.slice(1).forEach((l) => {
    const w = l.slice(4).trim().split(/[\s=]/)[0];
    if (w !== undefined && w !== '') words.add(w.toUpperCase());
  });
  return words;
}
