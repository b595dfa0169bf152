/**
 * The browser's twin of completion-code.ts: completion.ts comes with the first Tab. The shell holds every
 * Tab until `completionWait` settles (Shell.#waitBeforeTab), so the first one waits for this code as it waits
 * for the program it completes for, then completes as every later one does; the keys typed after it wait too.
 */
import type { CompletionSources } from './completion.ts';
import type { Completer, CompletionResult } from './line-editor.ts';
import type { ProgramTable } from './program.ts';

type Code = typeof import('./completion.ts');

let code: Code | null = null;
let loading: Promise<Code> | null = null;

function load(): Promise<Code> {
  loading ??= import('./completion.ts').then(
    (m) => (code = m),
    (error: unknown) => {
      loading = null; // the next Tab tries again
      throw error;
    },
  );
  return loading;
}

/** As completion.ts's, with the completion code itself among what a Tab waits for. */
export function completionWait(programs: ProgramTable, line: string, cursor: number, cwd = '/'): Promise<void> | null {
  if (code !== null) return code.completionWait(programs, line, cursor, cwd);
  return load().then((m) => m.completionWait(programs, line, cursor, cwd) ?? undefined);
}

/** As completion.ts's; until its code has come (a Tab waits for it first), no candidates. */
export function createCompleter(src: CompletionSources): Completer {
  let real: Completer | null = null;
  return (line: string, cursor: number): CompletionResult => {
    real ??= code?.createCompleter(src) ?? null;
    return real === null ? { start: cursor, candidates: [] } : real(line, cursor);
  };
}
