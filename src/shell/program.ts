import type { ShellHost } from './host.ts';
import type { InteractiveSession } from './session.ts';
import type { LineWhere } from './lazy-data.ts';

/** Where a program's standard input comes from. */
export type Stdin =
  /** The terminal: an interactive program reads keys through its session. */
  | { readonly kind: 'tty' }
  /** A pipe or a `< file` redirection, read to the end already. */
  | { readonly kind: 'text'; readonly text: string };

/** Standard output or error of a program. */
export interface Writer {
  write(text: string): void;
  /** True when this goes to the terminal (ls prints columns then, as it does on a tty). */
  readonly isTty: boolean;
}

/** The shell state a program may read or change (only builtins change it). */
export interface ShellState {
  cwd: string;
  readonly home: string;
  /** Shell variables (HOME, PWD, PATH, TERM...). */
  readonly vars: Map<string, string>;
  /** Accepted command lines, oldest first, as `history` prints them. */
  readonly history: readonly string[];
  /** How many lines have dropped off the front of the history (bash numbers the rest on from there; default 0). */
  readonly historyBase?: number;
  /** `$?`. */
  readonly lastStatus: number;
}

export interface ProgramContext {
  /** `argv[0]` is the name as typed. */
  readonly argv: readonly string[];
  readonly stdin: Stdin;
  readonly stdout: Writer;
  readonly stderr: Writer;
  readonly shell: ShellState;
  readonly host: ShellHost;
  /** The terminal's size now. */
  readonly cols: number;
  readonly rows: number;
  /** The command table (for `help`). */
  readonly programs: ProgramTable;
  /** Asks the shell to exit after this command (`exit`). */
  requestExit(code: number): void;
  /** Asks the shell to clear its history (`history -c`). */
  clearHistory(): void;
}

/** A finished program returns its exit status; an interactive one returns its session and ends through `io.exit`. */
export type ProgramResult = number | InteractiveSession;

/** What Tab completion asks a program for its arguments. */
export interface CompletionRequest {
  /** The words before the one being completed, `words[0]` being the program name. */
  readonly words: readonly string[];
  /** The partial word under the cursor (unquoted). */
  readonly prefix: string;
  readonly shell: ShellState;
  readonly host: ShellHost;
}

export interface Completion {
  /** Full replacements for the word. */
  readonly candidates: readonly string[];
  /** Whether a unique match gets a space after it (default true). */
  readonly addSpace?: boolean;
}

/**
 * A streaming filter, for programs downstream of an interactive one (`tail -f log | grep TLS`):
 * it gets the text as it comes and writes its own output as it goes.
 */
export interface StreamFilter {
  push(text: string): void;
  /** End of input; returns the exit status. */
  end(): number;
}

export interface Program {
  readonly name: string;
  /** One line for `help`, e.g. `grep [-n] [-i] [-v] [-E] [-c] PATTERN [FILE]...`. */
  readonly usage: string;
  run(ctx: ProgramContext): ProgramResult;
  /** Streaming mode, when the program can filter text as it arrives (grep, head, wc, cat, tail). */
  filter?(ctx: ProgramContext): StreamFilter | number;
  /** Completion for arguments; `undefined` falls back to file names. */
  complete?(req: CompletionRequest): Completion | undefined;
}

/** The programs the shell knows, looked up by name. */
export interface ProgramTable {
  get(name: string): Program | undefined;
  /** Sorted by name. */
  list(): readonly Program[];
  /**
   * Fetches the code of lazily loaded programs among `names` (the words of a command line), and the lazy
   * data they may read (`where`: the line's folder and text, see lazy-data.ts); `null` when there is nothing
   * to wait for. Tables without lazy programs leave it out.
   */
  ensure?(names: readonly string[], where?: LineWhere): Promise<void> | null;
}
