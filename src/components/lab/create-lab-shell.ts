/**
 * The lab's shell on a lab world: the one place that chooses which shell the page runs (the lab shell
 * of src/shell/lab-shell.ts: coreutils plus telnet, nc, postconf, postfix, openssl, mailq...). DOM-free.
 */
import { createLabWorld } from '../../engine/world/lab-world.ts';
import type { Shell } from '../../shell/index.ts';
import { createLabShell } from '../../shell/lab-shell.ts';

export type LabWorld = ReturnType<typeof createLabWorld>;

export interface LabShellOptions {
  /** Command lines to start the history with (oldest first), from a saved session. */
  readonly history?: readonly string[];
}

export function createLabShellFor(world: LabWorld, opts: LabShellOptions = {}): Shell {
  const shell = createLabShell(world);
  restoreHistory(shell, opts.history ?? []);
  return shell;
}

/**
 * The Shell has no way to start with a history yet, but `state.history` is the live array the line
 * editor and `history` read (typed read-only for programs), so the saved lines go into it before the
 * shell is attached. TODO(shell): a `history` option in ShellOptions would make this cast unnecessary.
 */
function restoreHistory(shell: Shell, lines: readonly string[]): void {
  if (lines.length === 0) return;
  const live = shell.state.history as string[];
  live.push(...lines);
}
