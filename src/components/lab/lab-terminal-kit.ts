/**
 * What the lab's terminal needs beyond the element (lab-console.ts fetches it with one import(), so that
 * `<lab-console>` is defined, and its prompt shown by the pre-screen, before any of this has come):
 * xterm (mountTerminal) and the shell the terminal starts with, on a stand-in
 * machine without files, with the machine-free builtins (src/shell/machine-free.ts) and a relay keeping
 * what the lesson runtime records of its lines until the machine comes.
 */
import { machineFree, machineFreeTable, standInHost } from '../../shell/machine-free.ts';
import { RelayObserver } from '../../shell/relay-observer.ts';
import { Shell } from '../../shell/shell.ts';
import type { TerminalShell } from './lab-machine.ts';

export { mountTerminal } from '../../terminal/mount-terminal.ts';

/**
 * A shell for the terminal: on the stand-in machine until a session moves it onto the real one. A line
 * that is not only machine-free builtins waits for `loadMachine()` first (it rejects when the machine
 * cannot be loaded: the shell prints the error's message and gives the prompt back).
 */
export function newTerminalShell(hostname: string, history: readonly string[], loadMachine: () => Promise<void>): TerminalShell {
  const relay = new RelayObserver();
  const terminal: TerminalShell = {
    relay,
    attached: false,
    shell: new Shell({
      host: standInHost(hostname),
      programs: machineFreeTable(),
      history,
      observer: relay,
      waitFor: (items) => (terminal.attached || machineFree(items) ? null : loadMachine()),
    }),
  };
  return terminal;
}
