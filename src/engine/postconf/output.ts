/** What postconf writes, in order, and how it ends. */
export type Stream = 'stdout' | 'stderr';

export interface OutputChunk {
  readonly stream: Stream;
  readonly text: string;
}

/** Thrown inside the postconf run to stop it like msg_fatal(); caught by runPostconf. */
export class FatalExit {
  readonly exitCode: number;
  constructor(exitCode = 1) {
    this.exitCode = exitCode;
  }
}

/** Collects the output of one run, with postconf's message prefixes. */
export class PostconfOutput {
  readonly #chunks: OutputChunk[] = [];
  readonly #program: string;

  constructor(program: string) {
    this.#program = program;
  }

  get program(): string {
    return this.#program;
  }

  get chunks(): readonly OutputChunk[] {
    return this.#chunks;
  }

  #push(stream: Stream, text: string): void {
    const last = this.#chunks[this.#chunks.length - 1];
    if (last !== undefined && last.stream === stream) this.#chunks[this.#chunks.length - 1] = { stream, text: last.text + text };
    else this.#chunks.push({ stream, text });
  }

  /** One stdout line (a newline is added). */
  line(text: string): void {
    this.#push('stdout', `${text}\n`);
  }

  /** Raw stdout text. */
  write(text: string): void {
    this.#push('stdout', text);
  }

  /** `<program>: warning: <text>`. */
  warn(text: string): void {
    this.#push('stderr', `${this.#program}: warning: ${text}\n`);
  }

  /** `<program>: <text>` (msg_info, as -v prints). */
  info(text: string): void {
    this.#push('stderr', `${this.#program}: ${text}\n`);
  }

  /** A stderr line without prefix (glibc getopt messages are prefixed separately). */
  raw(text: string): void {
    this.#push('stderr', `${text}\n`);
  }

  /** `<program>: fatal: <text>` and stop with exit status 1. */
  fatal(text: string): never {
    this.#push('stderr', `${this.#program}: fatal: ${text}\n`);
    throw new FatalExit(1);
  }

  text(stream: Stream): string {
    return this.#chunks
      .filter((c) => c.stream === stream)
      .map((c) => c.text)
      .join('');
  }
}
