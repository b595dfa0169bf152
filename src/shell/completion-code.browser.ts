/**
 * The browser's twin of completion-code.ts: completion.ts comes with the first Tab. The shell holds every
 * Tab until `completionWait` settles (Shell.#waitBeforeTab), so the first one waits for this code as it waits
 * for the program it completes for, then completes as every later one does; the keys typed after it wait too.
 */
import { codeOnDemand } from '../engine/util/code-on-demand.ts';
import type { CompletionSources } from './completion.ts';
import type { Completer, CompletionResult } from './line-editor.ts';
import type { ProgramTable } from './program.ts';

// The next Tab tries again after a failed fetch.
const code = codeOnDemand<typeof import('./completion.ts')>(() => import('./completion.ts'));

/** As completion.ts's, with the completion code itself among what a Tab waits for. */
export function completionWait(programs: ProgramTable, line: string, cursor: number, cwd = '/'): Promise<void> | null {
  const now = code.now();
  if (now !== null) return now.completionWait(programs, line, cursor, cwd);
  return code.load().then((m) => m.completionWait(programs, line, cursor, cwd) ?? undefined);
}

/** As completion.ts's; until its code has come (a Tab waits for it first), no candidates. */
export function createCompleter(src: CompletionSources): Completer {
  let real: Completer | null = null;
  return (line: string, cursor: number): CompletionResult => {
    real ??= code.now()?.createCompleter(src) ?? null;
    return real === null ? { start: cursor, candidates: [] } : real(line, cursor);
  };
}
