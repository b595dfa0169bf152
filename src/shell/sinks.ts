/** Where a program's output goes: the terminal, a pipe, a file or /dev/null. */
import type { ShellFs } from './host.ts';
import type { Writer } from './program.ts';

export interface Sink extends Writer {
  readonly kind: 'tty' | 'pipe' | 'file' | 'null' | 'stream';
}

export class PipeSink implements Sink {
  readonly kind = 'pipe';
  readonly isTty = false;
  readonly #chunks: string[] = [];
  write(text: string): void {
    if (text !== '') this.#chunks.push(text);
  }
  text(): string {
    return this.#chunks.join('');
  }
}

export class NullSink implements Sink {
  readonly kind = 'null';
  readonly isTty = false;
  write(): void {}
}

/** Appends to a file of the simulated machine as the program writes. */
export class FileSink implements Sink {
  readonly kind = 'file';
  readonly isTty = false;
  constructor(
    readonly fs: ShellFs,
    readonly path: string,
  ) {}
  write(text: string): void {
    if (text === '') return;
    this.fs.write(this.path, (this.fs.read(this.path) ?? '') + text);
  }
}

/** Hands each write on at once (the downstream side of an interactive program). */
export class StreamSink implements Sink {
  readonly kind = 'stream';
  readonly isTty = false;
  constructor(readonly push: (text: string) => void) {}
  write(text: string): void {
    if (text !== '') this.push(text);
  }
}
