/**
 * Interactive programs (telnet, nc, openssl s_client, `tail -f`, less, nano) own the terminal until they
 * end: the shell hands them every keystroke, and takes the terminal back when they call `io.exit()`.
 */

/** What a running session can do with the terminal. */
export interface SessionIo {
  /** Standard output of the program (the terminal, a pipe or a file). `\n` becomes CRLF on the terminal. */
  write(text: string): void;
  /** Standard error. */
  writeErr(text: string): void;
  /** The terminal's size now. */
  readonly cols: number;
  readonly rows: number;
  /** Ends the program with an exit status. Safe to call from any callback, more than once (later calls are ignored). */
  exit(code: number): void;
  /** The program reads again after `reading` was false: the keys typed meanwhile come to it now, in order. */
  resume(): void;
}

/**
 * How keys reach a session.
 * - `cooked`: the shell's tty line discipline echoes what is typed, edits it (Backspace, Ctrl-U, Ctrl-W) and
 *   delivers whole lines ending in `\n`, as a terminal in canonical mode does (nc, telnet in line mode, s_client).
 * - `raw`: every byte goes to `onInput` unechoed (less, nano).
 */
export type InputMode = 'cooked' | 'raw';

export interface InteractiveSession {
  /** Read before each input chunk, so a program may switch (a getter is fine). */
  readonly mode: InputMode;
  /** cooked mode: whether typed characters are echoed (default true). */
  readonly echo?: boolean;
  /**
   * cooked mode: characters that end a line at once and are delivered with it (telnet puts its escape
   * character `\x1d` here, as it sets the tty's VEOL). They echo as `^]`.
   */
  readonly lineEnders?: string;
  /**
   * Read before each input chunk: false while the program reads nothing for now (telnet waiting for engine
   * code it must fetch before it may send on). Keys then wait in the shell, unechoed, as while a command
   * runs, until the program calls `io.resume()`; if it ends first, they go to the shell's prompt, as typed-ahead
   * text does when a program exits. Absent: always reading.
   */
  readonly reading?: boolean;
  /** Called once, before any input, with the session's terminal. */
  start(io: SessionIo): void;
  /**
   * cooked: one line with its `\n` (or a line ender, or a partial line after Ctrl-D); raw: the bytes as typed.
   * A raw session that ends part way through may return how many characters it used: the rest goes back to
   * the shell (a paste of `less f`, `q`, `echo hi`).
   */
  onInput(data: string): void | number;
  /**
   * cooked mode, Ctrl-C (SIGINT). Return true when the program catches it and goes on. Without this method, or
   * when it returns false, the shell ends the program with status 130, as the default SIGINT action does.
   */
  onInterrupt?(): boolean;
  /** cooked mode, Ctrl-D on an empty line (end of file on standard input). Without it, EOF is ignored. */
  onEof?(): void;
  onResize?(cols: number, rows: number): void;
  /**
   * No more input will come and nothing else happens while time runs on (LabShell.runLine, after standard
   * input ended): a program that waits on its own timer acts now (timeout(1) kills its command). A program
   * that would wait forever may stay; runLine then ends it as Ctrl-C would. `limitMs`: time may run on for at
   * most that long (timeout(1) around the program kills it then); absent, for as long as the program waits.
   */
  onIdle?(limitMs?: number): void;
  /**
   * Time passed on the world's clock (the lab page's once-a-second pump after `world.runDue()`, or a test
   * after `world.advance()`, through `Shell.tick()`): a network program looks at what reached its connection
   * meanwhile (a banner that comes late, the server closing a connection that waited in a listen queue).
   */
  onTick?(): void;
  /** The shell lets go of the session (after exit, a kill, or a shell reset): release subscriptions and timers. */
  dispose?(): void;
}
