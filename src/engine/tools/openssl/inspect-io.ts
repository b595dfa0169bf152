import type { FileLookup } from '../../tls/types.ts';
import type { Output } from './tool-io.ts';
import { errLine, INSPECT_ERR, LOAD } from './inspect-texts.ts';

/** What the inspecting subcommands (x509, verify, rsa, pkey, dgst) need: files, piped stdin, a thread ID for error lines. */
export interface InspectEnv {
  /** Resolves names as typed (relative to the shell's directory). */
  readonly files: FileLookup;
  /** Standard input when it is a pipe or a file; null on a terminal (read as empty: the lab does not wait for Ctrl-D). */
  readonly stdin: string | null;
  /** OpenSSL's per-process thread ID, printed at the start of its error lines. */
  readonly threadId: string;
  /** The clock, for `x509 -checkend` (milliseconds since the epoch). */
  readonly now: number;
}

/** Reads `-in NAME` (or stdin when null) for a loader; on a missing file writes the loader's lines and returns null. */
export function loadInput(env: InspectEnv, out: Output, name: string | null, what: string, unable: boolean): string | null {
  if (name === null || name === '-') return env.stdin ?? '';
  const f = env.files(name);
  if (f !== undefined) return f.content;
  out.stderr(LOAD.cannotOpen(what, name));
  out.stderr(errLine(env.threadId, INSPECT_ERR.storeScheme) + errLine(env.threadId, INSPECT_ERR.storeStat(name)));
  if (unable) out.stderr(LOAD.unable(what));
  return null;
}

/** The name a loader error gives the input. */
export function inputName(name: string | null): string {
  return name === null || name === '-' ? LOAD.stdinName : name;
}

/** The subcommands' argument cursor: `next()` gives the next option, `value()` the argument of the option just read. */
export class Args {
  readonly #argv: readonly string[];
  #i = 0;

  constructor(argv: readonly string[]) {
    this.#argv = argv;
  }

  next(): string | undefined {
    return this.#argv[this.#i++];
  }

  value(): string | undefined {
    return this.next();
  }
}
