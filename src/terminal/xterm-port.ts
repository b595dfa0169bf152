/**
 * Binds the shell's TerminalPort to an xterm.js terminal. Typed structurally, so the same code serves
 * `@xterm/xterm` in the browser and `@xterm/headless` in tests.
 */
import type { TerminalPort, TerminalSize, Unsubscribe } from '../shell/terminal-port.ts';

/** What both `Terminal` classes (browser and headless) offer. */
export interface XtermLike {
  readonly cols: number;
  readonly rows: number;
  write(data: string): void;
  onData(listener: (data: string) => void): { dispose(): void };
  onResize(listener: (size: { cols: number; rows: number }) => void): { dispose(): void };
}

export function portFromXterm(term: XtermLike): TerminalPort {
  return {
    write: (text) => term.write(text),
    get cols() {
      return term.cols;
    },
    get rows() {
      return term.rows;
    },
    onData(listener): Unsubscribe {
      const d = term.onData(listener);
      return () => d.dispose();
    },
    onResize(listener: (size: TerminalSize) => void): Unsubscribe {
      const d = term.onResize((s) => listener({ cols: s.cols, rows: s.rows }));
      return () => d.dispose();
    },
  };
}
