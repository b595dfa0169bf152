import type { FileLookup } from '../../tls/types.ts';
import type { Clock } from '../../world/clock.ts';
import type { Network } from '../../world/network.ts';

/** What a client tool of the lab (openssl s_client, posttls-finger) needs from the world. */
export interface ToolEnv {
  readonly network: Network;
  readonly clock: Clock;
  /** Files the tool may read (`-CAfile`, posttls-finger `-F`). */
  readonly files?: FileLookup;
  /** Seeds invented values (session IDs, keys, tickets); default: the clock. */
  readonly seed?: string;
  /** False when stdout goes to a pipe or a file: stdio then buffers what the program prints itself. Default true. */
  readonly stdoutIsTty?: boolean;
  /** Standard input's text when it is a pipe or a file (`... | openssl md5`); absent on a terminal. */
  readonly stdin?: string;
  /** False when stdin is a pipe or a file whose text is there at once (the program reads it before the socket). Default true. */
  readonly stdinIsTty?: boolean;
}

/** Output in the order it reaches the terminal. */
export interface Chunk {
  readonly stream: 'stdout' | 'stderr';
  readonly text: string;
}

/** What one call produced: the output, and the exit status once the program has ended (null: still running). */
export interface ToolStep {
  readonly output: readonly Chunk[];
  readonly exitCode: number | null;
}

/** Collects output chunks, merging neighbours of the same stream. */
export class Output {
  readonly #chunks: Chunk[] = [];

  stdout(text: string): void {
    this.#push('stdout', text);
  }

  stderr(text: string): void {
    this.#push('stderr', text);
  }

  #push(stream: Chunk['stream'], text: string): void {
    if (text === '') return;
    const last = this.#chunks[this.#chunks.length - 1];
    if (last !== undefined && last.stream === stream) this.#chunks[this.#chunks.length - 1] = { stream, text: last.text + text };
    else this.#chunks.push({ stream, text });
  }

  take(exitCode: number | null): ToolStep {
    const output = [...this.#chunks];
    this.#chunks.length = 0;
    return { output, exitCode };
  }
}

/** The text of one stream, for callers that keep them apart (a pipe, a file, a test). */
export function streamText(steps: readonly ToolStep[], stream: Chunk['stream']): string {
  return steps.flatMap((s) => s.output.filter((c) => c.stream === stream).map((c) => c.text)).join('');
}

/** Everything, in terminal order. */
export function screenText(steps: readonly ToolStep[]): string {
  return steps.flatMap((s) => s.output.map((c) => c.text)).join('');
}
