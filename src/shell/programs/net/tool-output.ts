/** Writing an engine tool's result (`{ stdout, stderr, exitCode }`) as a program's output. */
import type { ProgramContext } from '../../program.ts';

export interface ToolOutput {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

/**
 * Writes both streams of a finished tool. `stderrFirst` for the tools whose warnings come before their
 * listing (postqueue's `Mail system is down` warning precedes `Mail queue is empty`, term-postfix-cli).
 */
export function writeResult(ctx: Pick<ProgramContext, 'stdout' | 'stderr'>, r: ToolOutput, stderrFirst = false): number {
  if (stderrFirst) ctx.stderr.write(r.stderr);
  ctx.stdout.write(r.stdout);
  if (!stderrFirst) ctx.stderr.write(r.stderr);
  return r.exitCode;
}

/** Runs an engine call; an engine bug becomes a message and status 1 instead of taking the shell down. */
export function guarded(prog: string, fn: () => ToolOutput): ToolOutput {
  try {
    return fn();
  } catch (e) {
    return { stdout: '', stderr: `${prog}: fatal: internal simulator error: ${e instanceof Error ? e.message : String(e)}\n`, exitCode: 1 };
  }
}
