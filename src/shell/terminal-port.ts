/**
 * The smallest terminal the shell needs (TutorialKit's `ITerminal` idea, design-notes.md §2).
 * The shell writes ANSI text with CRLF line ends and reads raw key data; `src/terminal/` binds it to
 * xterm.js in the browser and to `@xterm/headless` in tests. Nothing here knows about xterm.
 */
export interface TerminalPort {
  /** Puts text (ANSI escapes, CRLF line ends) on the screen. */
  write(text: string): void;
  readonly cols: number;
  readonly rows: number;
  /** Keys and pastes as the terminal encodes them (Enter is `\r`, Up is `\x1b[A`...). */
  onData(listener: (data: string) => void): Unsubscribe;
  onResize(listener: (size: TerminalSize) => void): Unsubscribe;
}

export interface TerminalSize {
  readonly cols: number;
  readonly rows: number;
}

export type Unsubscribe = () => void;
