/**
 * The bytes a client sent that smtpd has not read yet, and how smtpd reads them (smtp_stream.c:smtp_get):
 * a line ends at LF (a bare LF is accepted, corpus smtp-edge-cases), trailing CRs are removed, and a
 * command line of `line_length_limit` bytes or more is cut there while the rest, up to the LF, is
 * skipped (corpus smtp-edge-cases: a 3000-byte NOOP is answered as a NOOP).
 */
export interface CommandLine {
  readonly text: string;
  /** True when the line was cut at the limit (smtpd logs `request longer than ...`). */
  readonly tooLong: boolean;
}

export class InputBuffer {
  #buf = '';
  /** The kept head of an overlong line whose LF has not arrived yet. */
  #truncated: string | null = null;

  push(bytes: string): void {
    if (this.#truncated !== null) {
      // Only the LF that ends the overlong line matters; drop what precedes it.
      const lf = bytes.indexOf('\n');
      if (lf < 0) return;
      this.#buf += bytes.slice(lf);
      return;
    }
    this.#buf += bytes;
  }

  /** The next command line, or null until a whole one has arrived. */
  nextLine(limit: number): CommandLine | null {
    if (this.#truncated !== null) {
      if (!this.#buf.startsWith('\n')) return null;
      const text = this.#truncated;
      this.#truncated = null;
      this.#buf = this.#buf.slice(1);
      return { text, tooLong: true };
    }
    const lf = this.#buf.indexOf('\n');
    if (lf >= 0 && lf < limit) {
      const text = stripCr(this.#buf.slice(0, lf));
      this.#buf = this.#buf.slice(lf + 1);
      return { text, tooLong: false };
    }
    if (lf < 0 && this.#buf.length < limit) return null;
    this.#truncated = this.#buf.slice(0, limit);
    const rest = this.#buf.slice(limit);
    const end = rest.indexOf('\n');
    this.#buf = end < 0 ? '' : rest.slice(end);
    return this.nextLine(limit);
  }

  /** The next line of message content (no length limit), or null until it is complete. */
  nextDataLine(): string | null {
    const lf = this.#buf.indexOf('\n');
    if (lf < 0) return null;
    const text = stripCr(this.#buf.slice(0, lf));
    this.#buf = this.#buf.slice(lf + 1);
    return text;
  }

  /** Exactly `n` raw bytes (BDAT), or null until they have all arrived. */
  take(n: number): string | null {
    if (this.#buf.length < n) return null;
    const out = this.#buf.slice(0, n);
    this.#buf = this.#buf.slice(n);
    return out;
  }

  /** Bytes received and not read yet (what `vstream_peek` sees). */
  get pending(): string {
    return this.#buf;
  }

  /** Throws away everything unread (after `220 2.0.0 Ready to start TLS`: the CVE-2011-0411 fix, facts §2). */
  purge(): void {
    this.#buf = '';
    this.#truncated = null;
  }
}

function stripCr(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 13) end--;
  return s.slice(0, end);
}
