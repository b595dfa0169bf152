/**
 * Starts the Node sandbox through a SandboxHost: boot, mount the files, install nodemailer, then one
 * `jsh` per terminal. DOM-free: the terminals are TerminalPorts.
 */
import type { TerminalPort } from '../shell/terminal-port.ts';
import type { FileTree, SandboxHost, SandboxProcess } from './host.ts';
import { INSTALLING, READY, STARTING } from './texts.ts';

export interface OpenedSandbox {
  readonly shells: readonly SandboxProcess[];
}

/** Pipes a process to a terminal: its output to the screen, keys and resizes to it. */
export function connect(proc: SandboxProcess, port: TerminalPort): void {
  void proc.readOutput((text) => port.write(text));
  port.onData((data) => proc.write(data));
  port.onResize((size) => proc.resize(size));
}

/** `terminals[0]` shows the progress; each terminal gets its own jsh. Rejects when a step fails. */
export async function openSandbox(host: SandboxHost, tree: FileTree, terminals: readonly TerminalPort[]): Promise<OpenedSandbox> {
  const first = terminals[0];
  if (first === undefined) throw new Error('openSandbox: no terminal');
  first.write(STARTING);
  await host.boot();
  await host.mount(tree);
  first.write(INSTALLING);
  const install = await host.spawn('npm', ['install'], { terminal: { cols: first.cols, rows: first.rows } });
  void install.readOutput((text) => first.write(text));
  const code = await install.exit;
  if (code !== 0) first.write(`npm install exited with ${code}: the example client will not run (the server still does).\r\n`);
  first.write(READY);
  const shells: SandboxProcess[] = [];
  for (const port of terminals) {
    const jsh = await host.spawn('jsh', [], { terminal: { cols: port.cols, rows: port.rows } });
    connect(jsh, port);
    shells.push(jsh);
  }
  return { shells };
}
