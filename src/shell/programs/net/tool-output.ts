/** Writing an engine tool's result (`{ stdout, stderr, exitCode }`) as a program's output. */
import type { ProgramContext } from '../../program.ts';

export interface ToolOutput {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

export function writeResult(ctx: Pick<ProgramContext, 'stdout' | 'stderr'>, r: ToolOutput): number {
  ctx.stdout.write(r.stdout);
  ctx.stderr.write(r.stderr);
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
