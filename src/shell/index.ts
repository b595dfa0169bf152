/** The shell's public API (DOM-free). */
export { Shell, type ShellOptions } from './shell.ts';
export { Registry } from './registry.ts';
export { standardPrograms } from './programs/index.ts';
export { MemoryPort } from './memory-port.ts';
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
