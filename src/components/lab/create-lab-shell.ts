/**
 * The lab's shell on a lab world: the one place that chooses which shell the page runs, so switching
 * to the full lab shell (telnet, postconf, postfix, openssl... from src/shell/lab-shell.ts) is one line.
 * DOM-free.
 */
import { createLabWorld } from '../../engine/world/lab-world.ts';
import { Registry, Shell, standardPrograms } from '../../shell/index.ts';

export type LabWorld = ReturnType<typeof createLabWorld>;

export interface LabShellOptions {
  /** Command lines to start the history with (oldest first), from a saved session. */
  readonly history?: readonly string[];
}

export function createLabShellFor(world: LabWorld, opts: LabShellOptions = {}): Shell {
  const shell = new Shell({
    host: { fs: world.fs, hostname: 'mail', clock: world.clock, network: world.network },
    programs: new Registry(standardPrograms()),
  });
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
