/**
 * Feeds big pastes to the shell a slice at a time, one slice per task, so a megabyte pasted into the
 * terminal does not hold the page for seconds: between slices the browser paints and handles clicks.
 * Keys typed while a paste is still being fed queue up behind it, in order. Ctrl-C drops what is left,
 * as a real tty discards its pending input on an interrupt. DOM-free (the scheduler is injected).
 */

export interface PacerOptions {
  /** Largest slice handed over at once (characters). */
  readonly sliceChars: number;
  /** Runs `fn` in a later task. */
  readonly schedule: (fn: () => void) => void;
  /** Hands a slice to the shell. */
  readonly deliver: (data: string) => void;
}

const INTERRUPT = '\x03';

/** Where a slice starting at `from` ends: after a line end when there is one, never inside a surrogate pair or escape sequence. */
export function sliceEnd(data: string, from: number, max: number): number {
  const limit = from + Math.max(1, max);
  if (limit >= data.length) return data.length;
  const window = data.slice(from, limit);
  const nl = Math.max(window.lastIndexOf('\r'), window.lastIndexOf('\n'));
  if (nl >= 0) return from + nl + 1;
  let end = limit;
  const esc = data.lastIndexOf('\x1b', end - 1);
  if (esc > from && end - esc < 16) end = esc;
  const code = data.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff && end - 1 > from) end -= 1;
  return end;
}

export class InputPacer {
  readonly #opts: PacerOptions;
  #queue: string[] = [];
  #offset = 0;
  #scheduled = false;
  #disposed = false;

  constructor(opts: PacerOptions) {
    this.#opts = opts;
  }

  /** True while part of an earlier input still waits. */
  get pending(): boolean {
    return this.#queue.length > 0;
  }

  push(data: string): void {
    if (this.#disposed || data === '') return;
    if (this.#queue.length > 0 && data.includes(INTERRUPT)) {
      this.#queue = [];
      this.#offset = 0;
      this.#opts.deliver(data.slice(data.lastIndexOf(INTERRUPT)));
      return;
    }
    if (this.#queue.length === 0 && data.length <= this.#opts.sliceChars) {
      this.#opts.deliver(data);
      return;
    }
    this.#queue.push(data);
    if (this.#queue.length === 1 && this.#offset === 0) this.#step();
  }

  #step(): void {
    const head = this.#queue[0];
    if (head === undefined || this.#disposed) return;
    const end = sliceEnd(head, this.#offset, this.#opts.sliceChars);
    const slice = head.slice(this.#offset, end);
    if (end >= head.length) {
      this.#queue.shift();
      this.#offset = 0;
    } else {
      this.#offset = end;
    }
    this.#opts.deliver(slice);
    if (this.#queue.length > 0 && !this.#scheduled) {
      this.#scheduled = true;
      this.#opts.schedule(() => {
        this.#scheduled = false;
        this.#step();
      });
    }
  }

  /** Drops everything pending (a new shell takes over). */
  clear(): void {
    this.#queue = [];
    this.#offset = 0;
  }

  dispose(): void {
    this.clear();
    this.#disposed = true;
  }
}
