/**
 * The shell's public API (DOM-free, no xterm).
 *
 * Wiring a lab machine:
 *
 *   const registry = new Registry([...standardPrograms(), postfixProgram(world), telnetProgram(world.network)]);
 *   const shell = new Shell({ host: { fs: world.fs, hostname: 'mail', clock: world.clock, network: world.network }, programs: registry });
 *   mountTerminal(el, shell);            // browser: src/terminal
 *   shell.attach(portFromXterm(term));   // or any TerminalPort (headless xterm, MemoryPort)
 *
 * A program is a `Program` ({ name, usage, run(ctx), filter?, complete? }). `run` gets argv, stdin (the terminal
 * or piped text), stdout/stderr writers (`\n` line ends), the shell state and the host, and returns an exit status
 * or an `InteractiveSession`, which owns the terminal until it calls `io.exit(code)`.
 */
export { Shell, type ShellOptions } from './shell.ts';
export { Registry } from './registry.ts';
export { standardPrograms } from './programs/index.ts';
export { MemoryPort } from './memory-port.ts';
export { STANDARD_DIRS } from './fs-view.ts';
export { ttyFilterSession, lineFilter } from './programs/util.ts';
export type { TerminalPort, TerminalSize, Unsubscribe } from './terminal-port.ts';
export type { ShellFs, ShellHost } from './host.ts';
export type { InteractiveSession, InputMode, SessionIo } from './session.ts';
export type {
  Completion,
  CompletionRequest,
  Program,
  ProgramContext,
  ProgramResult,
  ProgramTable,
  ShellState,
  Stdin,
  StreamFilter,
  Writer,
} from './program.ts';
