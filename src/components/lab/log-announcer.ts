/**
 * Polite announcements of new mail.log lines for screen readers. A busy session writes a dozen lines
 * a second; reading each one would drown out the terminal. Instead, the lines that arrive within one
 * interval are summed up in a single message: how many there were and the latest one. DOM-free; the
 * timer is injected so tests drive it.
 */

export interface AnnouncerOptions {
  /** Quiet time between two announcements, in ms. */
  readonly intervalMs: number;
  /** Runs `fn` after `ms`; returns a function that cancels it. */
  readonly schedule: (fn: () => void, ms: number) => () => void;
  /** Puts a message into the live region. */
  readonly announce: (message: string) => void;
}

/** The text for `count` new lines, the last of which is `latest`. */
export function announcement(count: number, latest: string): string {
  return count === 1 ? `New mail.log line: ${latest}` : `${count} new mail.log lines. Latest: ${latest}`;
}

export class LogAnnouncer {
  readonly #opts: AnnouncerOptions;
  #count = 0;
  #latest = '';
  #cancel: (() => void) | null = null;

  constructor(opts: AnnouncerOptions) {
    this.#opts = opts;
  }

  /** A new line arrived. */
  push(line: string): void {
    this.#count++;
    this.#latest = line;
    this.#cancel ??= this.#opts.schedule(() => this.#flush(), this.#opts.intervalMs);
  }

  #flush(): void {
    this.#cancel = null;
    if (this.#count === 0) return;
    const message = announcement(this.#count, this.#latest);
    this.#count = 0;
    this.#opts.announce(message);
  }

  /** Forgets pending lines (reset) without announcing them. */
  clear(): void {
    this.#cancel?.();
    this.#cancel = null;
    this.#count = 0;
  }
}
