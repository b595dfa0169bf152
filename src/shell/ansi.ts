/** The escape sequences the shell and its programs write (xterm / ECMA-48). */

export const ESC = '\x1b';
export const CSI = '\x1b[';
export const BEL = '\x07';
export const CRLF = '\r\n';

/** Cursor home and erase the screen: what readline's clear-screen (Ctrl-L) sends. */
export const CLEAR_SCREEN = '\x1b[H\x1b[2J';
/** What `clear` prints with TERM=xterm-256color (this machine's ncurses: `clear | od -c`): also wipes the scrollback. */
export const CLEAR_WITH_SCROLLBACK = '\x1b[H\x1b[2J\x1b[3J';
/** Erase from the cursor to the end of the screen. */
export const ERASE_BELOW = '\x1b[J';
/** Erase from the cursor to the end of the line. */
export const ERASE_LINE_RIGHT = '\x1b[K';
export const ALT_SCREEN_ON = '\x1b[?1049h';
export const ALT_SCREEN_OFF = '\x1b[?1049l';
export const REVERSE = '\x1b[7m';
export const SGR_RESET = '\x1b[0m';
export const CURSOR_HIDE = '\x1b[?25l';
export const CURSOR_SHOW = '\x1b[?25h';

export function cursorUp(n: number): string {
  return n <= 0 ? '' : n === 1 ? '\x1b[A' : `\x1b[${n}A`;
}
export function cursorDown(n: number): string {
  return n <= 0 ? '' : n === 1 ? '\x1b[B' : `\x1b[${n}B`;
}
export function cursorForward(n: number): string {
  return n <= 0 ? '' : n === 1 ? '\x1b[C' : `\x1b[${n}C`;
}
export function cursorBack(n: number): string {
  return n <= 0 ? '' : n === 1 ? '\x1b[D' : `\x1b[${n}D`;
}
/** Moves to a 1-based row and column. */
export function cursorTo(row: number, col: number): string {
  return `\x1b[${row};${col}H`;
}

/** Turns every line end into CRLF, as the tty's ONLCR does for programs that write `\n`. */
export function toCrlf(text: string): string {
  return text.indexOf('\n') < 0 ? text : text.replace(/\r?\n/g, '\r\n');
}

/** How a control character is echoed by a tty with ECHOCTL, or shown by bash: `^C`, `^]`, `^[`, `^?`. */
export function caret(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c === 0x7f) return '^?';
  return `^${String.fromCharCode(c + 0x40)}`;
}

/** True for C0 controls and DEL. */
export function isControl(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return c < 0x20 || c === 0x7f;
}
