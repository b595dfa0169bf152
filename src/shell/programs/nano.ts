/**
 * `nano [FILE]`: a small full-screen editor that looks and answers as GNU nano 7.2 does on Debian 12
 * (whose /etc/nanorc sets `stateflags`, hence the `*` after a modified file's name, and whose default syntax
 * shows `#` comment lines in cyan). It does what a learner needs to edit master.cf: arrows, Home/End,
 * PgUp/PgDn, typing, Enter, Backspace/Delete, ^K cut, ^U paste, ^O write (File Name to Write:), ^X exit
 * (Save modified buffer?), ^C cursor position. Screens recorded from nano 7.2 in tmux (tests/shell/nano.test.ts).
 */
import { ALT_SCREEN_OFF, ALT_SCREEN_ON, cursorTo } from '../ansi.ts';
import { ENOENT } from '../messages.ts';
import { dirName, resolvePath } from '../path.ts';
import type { Program, ProgramContext } from '../program.ts';
import type { InteractiveSession, SessionIo } from '../session.ts';

/** GNU nano 7.2's texts. */
export const NANO_TEXTS = {
  version: 'GNU nano 7.2',
  newBuffer: 'New Buffer',
  newFile: '[ New File ]',
  welcome: '[ Welcome to nano.  For basic help, type Ctrl+G. ]',
  cancelled: '[ Cancelled ]',
  fileNameToWrite: 'File Name to Write: ',
  saveModified: 'Save modified buffer?',
  differentName: 'Save file under DIFFERENT NAME?',
  read: (n: number) => `[ Read ${n} line${n === 1 ? '' : 's'} ]`,
  wrote: (n: number) => `[ Wrote ${n} line${n === 1 ? '' : 's'} ]`,
  errorWriting: (path: string, err: string) => `[ Error writing ${path}: ${err} ]`,
  /** lab: a nano function the simulation does not have. */
  notAvailable: '[ Not available in this simulated nano ]',
} as const;

/** Shortcuts of the main menu, in nano 7.2's order (as its help bar shows them, two rows, column by column). */
const MAIN_MENU: readonly (readonly [string, string])[] = [
  ['^G', 'Help'],
  ['^X', 'Exit'],
  ['^O', 'Write Out'],
  ['^R', 'Read File'],
  ['^W', 'Where Is'],
  ['^\\', 'Replace'],
  ['^K', 'Cut'],
  ['^U', 'Paste'],
  ['^T', 'Execute'],
  ['^J', 'Justify'],
  ['^C', 'Location'],
  ['^/', 'Go To Line'],
  ['M-U', 'Undo'],
  ['M-E', 'Redo'],
  ['M-A', 'Set Mark'],
  ['M-6', 'Copy'],
  ['M-]', 'To Bracket'],
  ['^Q', 'Where Was'],
  ['M-Q', 'Previous'],
  ['M-W', 'Next'],
  ['^B', 'Back'],
  ['^F', 'Forward'],
  ['^\u25c2', 'Prev Word'],
  ['^\u25b8', 'Next Word'],
];

const WRITE_MENU: readonly (readonly [string, string])[] = [
  ['^G', 'Help'],
  ['^C', 'Cancel'],
  ['M-D', 'DOS Format'],
  ['M-M', 'Mac Format'],
  ['M-A', 'Append'],
  ['M-P', 'Prepend'],
  ['M-B', 'Backup File'],
  ['^T', 'Browse'],
];

const REV = '\x1b[7m';
const SGR0 = '\x1b[0m';
const CYAN = '\x1b[36m';
const DEFAULT_FG = '\x1b[39m';
const ERASE_LINE = '\x1b[K';
/** The width nano 7.2 reserves for the version ("GNU nano 7.2" and three spaces) and for the state flags. */
const VERSION_WIDTH = 15;
const STATE_WIDTH = 10;
/** nano blanks a status message after this many keystrokes, as Pico does. */
const MESSAGE_KEYS = 26;

function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w = ch === '\t' ? w + 8 - (w % 8) : w + 1;
  return w;
}

function expand(s: string): string {
  let out = '';
  for (const ch of s)
    out += ch === '\t' ? ' '.repeat(8 - (out.length % 8)) : ch < ' ' ? '^' + String.fromCharCode(ch.charCodeAt(0) + 64) : ch;
  return out;
}

/** The two help rows for a menu, laid out as nano does for `cols`. */
export function helpRows(menu: readonly (readonly [string, string])[], cols: number, maxItems?: number): [string, string] {
  const max = Math.floor((cols + 40) / 20) * 2;
  const number = Math.min(menu.length, max, maxItems ?? menu.length);
  const perRow = Math.ceil(number / 2);
  const width = Math.floor(cols / Math.max(1, perRow));
  const rows: [string, string] = ['', ''];
  for (let i = 0; i < number; i++) {
    const item = menu[i];
    if (item === undefined) continue;
    const [key, label] = item;
    const room = Math.max(0, width - key.length - 1);
    const text = ` ${label.slice(0, room)}`;
    const pad = i + 2 < number ? ' '.repeat(Math.max(0, width - key.length - text.length)) : '';
    rows[i % 2] += `${REV}${key}${SGR0}${text}${pad}`;
  }
  return rows;
}

type Mode =
  | { readonly kind: 'edit' }
  | { readonly kind: 'write'; answer: string; readonly exitAfter: boolean }
  | { readonly kind: 'saveQuestion' }
  | { readonly kind: 'differentName'; readonly answer: string; readonly exitAfter: boolean };

class Editor implements InteractiveSession {
  readonly mode = 'raw';
  readonly #ctx: ProgramContext;
  #io: SessionIo | null = null;
  #name: string;
  #lines: string[];
  #row = 0;
  /** Cursor index in the line. */
  #col = 0;
  #top = 0;
  #modified = false;
  #cut: string[] = [];
  #lastWasCut = false;
  #message = '';
  #messageKeys = 0;
  #state: Mode = { kind: 'edit' };
  #pending = '';

  constructor(ctx: ProgramContext, name: string, text: string | undefined) {
    this.#ctx = ctx;
    this.#name = name;
    this.#lines = text === undefined ? [''] : text.split('\n');
    if (name === '') this.#message = NANO_TEXTS.welcome;
    else if (text === undefined) this.#message = NANO_TEXTS.newFile;
    else {
      const n = text.endsWith('\n') ? this.#lines.length - 1 : this.#lines.length;
      this.#message = NANO_TEXTS.read(text === '' ? 0 : n);
    }
  }

  get #cols(): number {
    return Math.max(1, this.#io?.cols ?? 80);
  }
  get #rowsTotal(): number {
    return Math.max(4, this.#io?.rows ?? 24);
  }
  /** Rows of the edit window (between the title bar and the status row). */
  get #editRows(): number {
    return Math.max(1, this.#rowsTotal - 4);
  }

  start(io: SessionIo): void {
    this.#io = io;
    io.write(ALT_SCREEN_ON);
    this.#paint();
  }

  #title(): string {
    const cols = this.#cols;
    const path = this.#name === '' ? NANO_TEXTS.newBuffer : this.#name;
    const shown = path + (this.#modified ? ' *' : '');
    let row = `  ${NANO_TEXTS.version}`;
    const offset = Math.max(row.length + 1, VERSION_WIDTH + Math.floor((cols - (VERSION_WIDTH + STATE_WIDTH) - path.length) / 2));
    row = row.padEnd(offset) + shown;
    return row.slice(0, cols).padEnd(cols);
  }

  #statusRow(): string {
    const cols = this.#cols;
    const s = this.#state;
    switch (s.kind) {
      case 'edit':
        if (this.#message === '') return ERASE_LINE;
        return `${' '.repeat(Math.max(0, Math.floor((cols - this.#message.length) / 2)))}${REV}${this.#message}${SGR0}${ERASE_LINE}`;
      case 'write':
        return `${REV}${(NANO_TEXTS.fileNameToWrite + s.answer).padEnd(cols).slice(0, cols)}${SGR0}`;
      case 'saveQuestion':
        return `${REV}${NANO_TEXTS.saveModified.padEnd(cols)}${SGR0}`;
      case 'differentName':
        return `${REV}${NANO_TEXTS.differentName.padEnd(cols)}${SGR0}`;
    }
  }

  #help(): [string, string] {
    const s = this.#state;
    if (s.kind === 'saveQuestion' || s.kind === 'differentName') {
      return [`${REV} Y${SGR0} Yes${ERASE_LINE}`, `${REV} N${SGR0} No           ${REV}^C${SGR0} Cancel${ERASE_LINE}`];
    }
    const rows = helpRows(s.kind === 'write' ? WRITE_MENU : MAIN_MENU, this.#cols);
    return [rows[0] + ERASE_LINE, rows[1] + ERASE_LINE];
  }

  #lineView(text: string): string {
    const t = expand(text).slice(0, this.#cols);
    return /^[ \t]*#/.test(text) ? `${CYAN}${t}${DEFAULT_FG}` : t;
  }

  #paint(): void {
    const io = this.#io;
    if (io === null) return;
    this.#scrollIntoView();
    const out: string[] = [cursorTo(1, 1), REV, this.#title(), SGR0];
    for (let r = 0; r < this.#editRows; r++) {
      const line = this.#lines[this.#top + r];
      out.push(cursorTo(r + 2, 1), line === undefined ? '' : this.#lineView(line), ERASE_LINE);
    }
    const [h1, h2] = this.#help();
    out.push(cursorTo(this.#rowsTotal - 2, 1), this.#statusRow(), cursorTo(this.#rowsTotal - 1, 1), h1, cursorTo(this.#rowsTotal, 1), h2);
    const s = this.#state;
    if (s.kind === 'write')
      out.push(cursorTo(this.#rowsTotal - 2, Math.min(this.#cols, NANO_TEXTS.fileNameToWrite.length + s.answer.length + 1)));
    else if (s.kind === 'saveQuestion' || s.kind === 'differentName')
      out.push(cursorTo(this.#rowsTotal - 2, NANO_TEXTS.saveModified.length + 2));
    else {
      const x = displayWidth((this.#lines[this.#row] ?? '').slice(0, this.#col));
      out.push(cursorTo(this.#row - this.#top + 2, Math.min(this.#cols, x + 1)));
    }
    io.write(out.join(''));
  }

  #scrollIntoView(): void {
    const h = this.#editRows;
    if (this.#row < this.#top) this.#top = this.#row;
    // nano scrolls so the cursor row comes to the middle when it leaves the window.
    if (this.#row >= this.#top + h) this.#top = Math.max(0, this.#row - Math.floor(h / 2));
  }

  #setMessage(m: string): void {
    this.#message = m;
    this.#messageKeys = 0;
  }

  #line(): string {
    return this.#lines[this.#row] ?? '';
  }

  #setLine(text: string): void {
    this.#lines[this.#row] = text;
    this.#modified = true;
  }

  onInput(data: string): number {
    const carried = this.#pending.length;
    const input = this.#pending + data;
    this.#pending = '';
    let i = 0;
    while (i < input.length && this.#io !== null) {
      const ch = input[i] ?? '';
      if (ch === '\x1b') {
        const m = /^\x1b(?:\[[0-9;]*[@-~]|O[@-~]|[^[O])/.exec(input.slice(i, i + 16));
        if (m === null) {
          this.#pending = input.slice(i);
          break;
        }
        this.#key(m[0]);
        i += m[0].length;
        continue;
      }
      // A run of printable text (typing, a paste) in the edit window goes in at once.
      if (ch >= ' ' && ch !== '\x7f' && this.#state.kind === 'edit') {
        let j = i + 1;
        while (j < input.length && (input[j] ?? '') >= ' ' && input[j] !== '\x7f') j++;
        this.#insert(input.slice(i, j));
        i = j;
        continue;
      }
      this.#key(ch);
      i++;
    }
    if (this.#io !== null) this.#paint();
    // After ^X, the rest of a paste belongs to the shell.
    return Math.max(1, Math.min(data.length, i - carried));
  }

  #insert(text: string): void {
    const line = this.#line();
    this.#setLine(line.slice(0, this.#col) + text + line.slice(this.#col));
    this.#col += text.length;
    this.#afterKey(false);
  }

  #afterKey(wasCut: boolean): void {
    this.#lastWasCut = wasCut;
    if (this.#message !== '' && ++this.#messageKeys >= MESSAGE_KEYS) this.#message = '';
  }

  #key(key: string): void {
    const s = this.#state;
    switch (s.kind) {
      case 'edit':
        this.#editKey(key);
        return;
      case 'write':
        this.#writeKey(s, key);
        return;
      case 'saveQuestion':
        if (key === 'y' || key === 'Y') this.#state = { kind: 'write', answer: this.#name, exitAfter: true };
        else if (key === 'n' || key === 'N') this.#exit();
        else if (key === '\x03') {
          this.#state = { kind: 'edit' };
          this.#setMessage(NANO_TEXTS.cancelled);
        }
        return;
      case 'differentName':
        if (key === 'y' || key === 'Y') {
          this.#state = { kind: 'edit' };
          this.#write(s.answer, s.exitAfter);
        } else if (key === 'n' || key === 'N' || key === '\x03') {
          this.#state = { kind: 'edit' };
          this.#setMessage(NANO_TEXTS.cancelled);
        }
        return;
    }
  }

  #writeKey(s: Mode & { kind: 'write' }, key: string): void {
    if (key === '\r' || key === '\n') {
      const answer = s.answer;
      if (answer === '') {
        this.#state = { kind: 'edit' };
        this.#setMessage(NANO_TEXTS.cancelled);
        return;
      }
      if (this.#name !== '' && answer !== this.#name) {
        this.#state = { kind: 'differentName', answer, exitAfter: s.exitAfter };
        return;
      }
      this.#state = { kind: 'edit' };
      this.#write(answer, s.exitAfter);
      return;
    }
    if (key === '\x03') {
      this.#state = { kind: 'edit' };
      this.#setMessage(NANO_TEXTS.cancelled);
      return;
    }
    if (key === '\x7f' || key === '\b') {
      s.answer = s.answer.slice(0, -1);
      return;
    }
    if (key.length === 1 && key >= ' ') s.answer += key;
  }

  #write(path: string, exitAfter: boolean): void {
    const fs = this.#ctx.host.fs;
    const abs = resolvePath(this.#ctx.shell.cwd, path);
    const parent = dirName(abs);
    if (fs.isDir(abs) || (parent !== '/' && !fs.isDir(parent))) {
      this.#setMessage(NANO_TEXTS.errorWriting(path, fs.isDir(abs) ? 'Is a directory' : ENOENT));
      return;
    }
    // nano ends the file with a newline (and the buffer with an empty line).
    if ((this.#lines[this.#lines.length - 1] ?? '') !== '') this.#lines.push('');
    const written = this.#lines.length - 1;
    fs.write(abs, this.#lines.join('\n'));
    this.#name = path;
    this.#modified = false;
    this.#setMessage(NANO_TEXTS.wrote(written));
    if (exitAfter) this.#exit();
  }

  #exit(): void {
    this.#io?.write(`${cursorTo(this.#rowsTotal, 1)}${ALT_SCREEN_OFF}`);
    const io = this.#io;
    this.#io = null;
    io?.exit(0);
  }

  #editKey(key: string): void {
    const line = this.#line();
    const last = this.#lines.length - 1;
    let wasCut = false;
    switch (key) {
      case '\r':
      case '\n':
        this.#lines.splice(this.#row + 1, 0, line.slice(this.#col));
        this.#setLine(line.slice(0, this.#col));
        this.#row++;
        this.#col = 0;
        break;
      case '\x7f':
      case '\b':
        if (this.#col > 0) {
          this.#setLine(line.slice(0, this.#col - 1) + line.slice(this.#col));
          this.#col--;
        } else if (this.#row > 0) {
          const prev = this.#lines[this.#row - 1] ?? '';
          this.#lines.splice(this.#row, 1);
          this.#row--;
          this.#col = prev.length;
          this.#setLine(prev + line);
        }
        break;
      case '\x1b[3~':
      case '\x04':
        if (this.#col < line.length) this.#setLine(line.slice(0, this.#col) + line.slice(this.#col + 1));
        else if (this.#row < last) {
          const next = this.#lines[this.#row + 1] ?? '';
          this.#lines.splice(this.#row + 1, 1);
          this.#setLine(line + next);
        }
        break;
      case '\x1b[A':
      case '\x1bOA':
      case '\x10':
        if (this.#row > 0) this.#moveRow(this.#row - 1);
        break;
      case '\x1b[B':
      case '\x1bOB':
      case '\x0e':
        if (this.#row < last) this.#moveRow(this.#row + 1);
        break;
      case '\x1b[C':
      case '\x1bOC':
      case '\x06':
        if (this.#col < line.length) this.#col++;
        else if (this.#row < last) {
          this.#row++;
          this.#col = 0;
        }
        break;
      case '\x1b[D':
      case '\x1bOD':
      case '\x02':
        if (this.#col > 0) this.#col--;
        else if (this.#row > 0) {
          this.#row--;
          this.#col = this.#line().length;
        }
        break;
      case '\x1b[H':
      case '\x1bOH':
      case '\x1b[1~':
      case '\x01':
        this.#col = 0;
        break;
      case '\x1b[F':
      case '\x1bOF':
      case '\x1b[4~':
      case '\x05':
        this.#col = line.length;
        break;
      case '\x1b[5~':
      case '\x19':
        this.#page(-1);
        break;
      case '\x1b[6~':
      case '\x16':
        this.#page(1);
        break;
      case '\x0b':
        this.#cutLine();
        wasCut = true;
        break;
      case '\x15':
        this.#paste();
        break;
      case '\x0f':
        this.#state = { kind: 'write', answer: this.#name, exitAfter: false };
        break;
      case '\x18':
        if (this.#modified) this.#state = { kind: 'saveQuestion' };
        else this.#exit();
        return;
      case '\x03':
        this.#setMessage(this.#position());
        this.#lastWasCut = false;
        return;
      case '\t':
        this.#insert('\t');
        return;
      case '\x07':
      case '\x17':
      case '\x1c':
      case '\x12':
      case '\x14':
      case '\x0a':
      case '\x1f':
      case '\x1bu':
      case '\x1be':
      case '\x1ba':
      case '\x1b6':
        this.#setMessage(NANO_TEXTS.notAvailable);
        this.#lastWasCut = false;
        return;
      default:
        break;
    }
    this.#afterKey(wasCut);
  }

  #moveRow(row: number): void {
    // nano keeps the cursor's screen column when moving between lines.
    const x = displayWidth(this.#line().slice(0, this.#col));
    this.#row = row;
    const target = this.#line();
    let col = 0;
    while (col < target.length && displayWidth(target.slice(0, col + 1)) <= x) col++;
    this.#col = col;
  }

  #page(dir: number): void {
    const step = Math.max(1, this.#editRows - 2);
    const last = this.#lines.length - 1;
    const row = Math.min(last, Math.max(0, this.#row + dir * step));
    this.#top = Math.min(Math.max(0, this.#top + dir * step), Math.max(0, last));
    this.#moveRow(row);
    if (this.#row < this.#top) this.#top = this.#row;
  }

  #cutLine(): void {
    const last = this.#lines.length - 1;
    const line = this.#line();
    if (!this.#lastWasCut) this.#cut = [];
    if (this.#row === last) {
      // The last line has no newline to take along: cut its text.
      if (line === '') return;
      this.#cut.push(line);
      this.#setLine('');
    } else {
      this.#cut.push(line);
      this.#lines.splice(this.#row, 1);
      this.#modified = true;
    }
    this.#col = 0;
    this.#message = '';
  }

  #paste(): void {
    if (this.#cut.length === 0) return;
    const line = this.#line();
    const before = line.slice(0, this.#col);
    const after = line.slice(this.#col);
    const pieces = [...this.#cut];
    // Whole lines were cut: they go back as lines, and the cursor ends up after them.
    const lines = [before + (pieces[0] ?? ''), ...pieces.slice(1), after];
    this.#lines.splice(this.#row, 1, ...lines);
    this.#row += pieces.length;
    this.#col = 0;
    this.#modified = true;
    this.#message = '';
  }

  #position(): string {
    const totalLines = this.#lines.length;
    const line = this.#line();
    let chars = 0;
    let total = 0;
    this.#lines.forEach((l, i) => {
      if (i < this.#row) chars += l.length + 1;
      total += l.length + (i < totalLines - 1 ? 1 : 0);
    });
    chars += this.#col;
    const pct = (a: number, b: number) => Math.floor((100 * a) / Math.max(1, b));
    const lw = Math.max(2, String(totalLines).length);
    const cw = Math.max(2, String(total).length);
    const lineNo = this.#row + 1;
    const col = this.#col + 1;
    const width = line.length + 1;
    return `[ line ${String(lineNo).padStart(lw)}/${totalLines} (${String(pct(lineNo, totalLines)).padStart(2)}%), col ${String(col).padStart(2)}/${String(width).padStart(2)} (${String(pct(col, width)).padStart(3)}%), char ${String(chars).padStart(cw)}/${total} (${String(pct(chars, total)).padStart(2)}%) ]`;
  }

  onResize(): void {
    this.#paint();
  }

  dispose(): void {
    this.#io = null;
  }
}

export const nano: Program = {
  name: 'nano',
  usage: 'nano FILE   (^O write, ^X exit, ^K cut, ^U paste)',
  run(ctx) {
    const name = ctx.argv.slice(1).find((a) => !a.startsWith('-') && !a.startsWith('+')) ?? '';
    const text = name === '' ? undefined : ctx.host.fs.read(resolvePath(ctx.shell.cwd, name));
    return new Editor(ctx, name, text);
  },
};
