import type { TerminalPort, TerminalSize, Unsubscribe } from './terminal-port.ts';

/** A terminal that keeps what is written, for tests and for running the shell without a screen. */
export class MemoryPort implements TerminalPort {
  cols: number;
  rows: number;
  readonly #chunks: string[] = [];
  readonly #data = new Set<(d: string) => void>();
  readonly #resize = new Set<(s: TerminalSize) => void>();

  constructor(cols = 80, rows = 24) {
    this.cols = cols;
    this.rows = rows;
  }

  write(text: string): void {
    this.#chunks.push(text);
  }
  onData(listener: (data: string) => void): Unsubscribe {
    this.#data.add(listener);
    return () => this.#data.delete(listener);
  }
  onResize(listener: (size: TerminalSize) => void): Unsubscribe {
    this.#resize.add(listener);
    return () => this.#resize.delete(listener);
  }

  /** Sends keys as the terminal would. */
  type(data: string): void {
    for (const l of this.#data) l(data);
  }
  resize(cols: number, rows: number): void {
    this.cols = cols;
    this.rows = rows;
    for (const l of this.#resize) l({ cols, rows });
  }
  /** Everything written so far. */
  get output(): string {
    return this.#chunks.join('');
  }
  /** Returns what was written since the last call. */
  take(): string {
    const s = this.#chunks.join('');
    this.#chunks.length = 0;
    return s;
  }
}
