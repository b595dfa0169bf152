/**
 * `less [FILE]`: a pager as less 590 behaves on Debian 12 (TERM=xterm-256color): the alternate screen, the
 * file name in reverse video on the first prompt, `:` after, `(END)` at the end; Space/f/PgDn, b/PgUp,
 * j/k/arrows/Enter, d/u, g/G, `/pattern` with n/N and highlighted matches, q. Texts and escape sequences
 * were recorded from less 590 in tmux (see tests/shell/less.test.ts).
 */
import { ALT_SCREEN_OFF, ALT_SCREEN_ON, BEL, CLEAR_SCREEN, ERASE_LINE_RIGHT } from '../ansi.ts';
import { EISDIR, ENOENT } from '../messages.ts';
import type { Program, ProgramContext } from '../program.ts';
import type { InteractiveSession, SessionIo } from '../session.ts';
import { readOperand, splitLines } from './util.ts';

/** less 590's texts. */
export const LESS_TEXTS = {
  end: '(END)',
  notFound: 'Pattern not found  (press RETURN)',
  missingFilename: 'Missing filename ("less --help" for help)',
} as const;

/** Keypad transmit mode on/off (less sends these around its screen). */
const KEYPAD_ON = '\x1b[?1h\x1b=';
const KEYPAD_OFF = '\x1b[?1l\x1b>';
const REV = '\x1b[7m';
const REV_OFF = '\x1b[27m';

interface Row {
  readonly text: string;
  /** Index of the file line this screen row shows. */
  readonly line: number;
}

function expandTabs(s: string): string {
  if (!s.includes('\t') && !/[\x00-\x08\x0b-\x1f\x7f]/.test(s)) return s;
  let out = '';
  for (const ch of s) {
    if (ch === '\t') out += ' '.repeat(8 - (out.length % 8));
    else if (ch < ' ' || ch === '\x7f') out += `^${String.fromCharCode(ch === '\x7f' ? 63 : ch.charCodeAt(0) + 64)}`;
    else out += ch;
  }
  return out;
}

function wrapRows(lines: readonly string[], cols: number): Row[] {
  const rows: Row[] = [];
  lines.forEach((l, i) => {
    const t = expandTabs(l);
    if (t === '') rows.push({ text: '', line: i });
    for (let k = 0; k < t.length; k += cols) rows.push({ text: t.slice(k, k + cols), line: i });
  });
  return rows;
}

function makeRegex(pattern: string): RegExp | null {
  try {
    return new RegExp(pattern, 'g');
  } catch {
    try {
      return new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g');
    } catch {
      return null;
    }
  }
}

class Pager implements InteractiveSession {
  readonly mode = 'raw';
  readonly #lines: readonly string[];
  readonly #name: string | null;
  #io: SessionIo | null = null;
  #rows: Row[] = [];
  #top = 0;
  #first = true;
  #state: 'normal' | 'search' | 'notfound' = 'normal';
  #typed = '';
  #pattern: RegExp | null = null;
  #pending = '';

  constructor(text: string, name: string | null) {
    this.#lines = splitLines(text);
    this.#name = name;
  }

  get #height(): number {
    return Math.max(1, (this.#io?.rows ?? 24) - 1);
  }

  #atEnd(): boolean {
    return this.#top + this.#height >= this.#rows.length;
  }

  #prompt(): string {
    if (this.#state === 'search') return `/${this.#typed}`;
    if (this.#state === 'notfound') return LESS_TEXTS.notFound;
    if (this.#first && this.#name !== null) return `${REV}${this.#name}${this.#atEnd() ? ` ${LESS_TEXTS.end}` : ''}${REV_OFF}`;
    if (this.#atEnd()) return `${REV}${LESS_TEXTS.end}${REV_OFF}`;
    return ':';
  }

  #rowText(r: Row): string {
    const re = this.#pattern;
    if (re === null) return r.text;
    re.lastIndex = 0;
    return r.text.replace(re, (m) => (m === '' ? m : `${REV}${m}${REV_OFF}`));
  }

  #visible(): string[] {
    return this.#rows.slice(this.#top, this.#top + this.#height).map((r) => this.#rowText(r));
  }

  start(io: SessionIo): void {
    this.#io = io;
    this.#rows = wrapRows(this.#lines, Math.max(1, io.cols));
    const body = this.#visible();
    io.write(`${ALT_SCREEN_ON}${KEYPAD_ON}\r${body.map((l) => `${l}\r\n`).join('')}${this.#prompt()}${ERASE_LINE_RIGHT}`);
  }

  #repaint(): void {
    const body = this.#visible();
    this.#io?.write(`${CLEAR_SCREEN}${body.map((l) => `${l}${ERASE_LINE_RIGHT}\r\n`).join('')}${this.#prompt()}${ERASE_LINE_RIGHT}`);
  }

  #redrawPrompt(bell = false): void {
    this.#io?.write(`\r${ERASE_LINE_RIGHT}${bell ? BEL : ''}${this.#prompt()}${ERASE_LINE_RIGHT}`);
  }

  #scrollTo(top: number): void {
    const max = Math.max(0, this.#rows.length - this.#height);
    const t = Math.min(Math.max(0, top), max);
    this.#first = false;
    if (t === this.#top) {
      this.#redrawPrompt(true);
      return;
    }
    this.#top = t;
    this.#repaint();
  }

  #search(forward: boolean): void {
    const re = this.#pattern;
    if (re === null) {
      this.#redrawPrompt(true);
      return;
    }
    const topLine = this.#rows[this.#top]?.line ?? 0;
    const n = this.#lines.length;
    const test = (i: number): boolean => {
      re.lastIndex = 0;
      return re.test(this.#lines[i] ?? '');
    };
    let found = -1;
    if (forward) {
      for (let i = topLine + 1; i < n; i++)
        if (test(i)) {
          found = i;
          break;
        }
    } else
      for (let i = topLine - 1; i >= 0; i--)
        if (test(i)) {
          found = i;
          break;
        }
    if (found < 0) {
      this.#state = 'notfound';
      this.#redrawPrompt(false);
      return;
    }
    const row = this.#rows.findIndex((r) => r.line === found);
    this.#first = false;
    this.#top = Math.max(0, row);
    this.#repaint();
  }

  #quit(): void {
    const io = this.#io;
    this.#io = null;
    io?.write(`\r${ERASE_LINE_RIGHT}${KEYPAD_OFF}${ALT_SCREEN_OFF}`);
    io?.exit(0);
  }

  onInput(data: string): number {
    let input = this.#pending + data;
    this.#pending = '';
    while (input !== '') {
      let key = input[0] ?? '';
      if (key === '\x1b') {
        const m = /^\x1b(?:\[[0-9;]*[@-~]|O[@-~]|[^[O])/.exec(input);
        if (m === null) {
          this.#pending = input;
          return data.length;
        }
        key = m[0];
      }
      input = input.slice(key.length);
      this.#key(key);
      // After q, the rest of a paste belongs to the shell.
      if (this.#io === null) return Math.max(1, data.length - input.length);
    }
    return data.length;
  }

  #key(key: string): void {
    if (this.#state === 'search') {
      if (key === '\r' || key === '\n') {
        this.#state = 'normal';
        if (this.#typed !== '') this.#pattern = makeRegex(this.#typed);
        this.#search(true);
      } else if (key === '\x7f' || key === '\b') {
        if (this.#typed === '') {
          this.#state = 'normal';
          this.#redrawPrompt();
        } else {
          this.#typed = this.#typed.slice(0, -1);
          this.#redrawPrompt();
        }
      } else if (key === '\x03' || key === '\x1b' || key === '\x07') {
        this.#state = 'normal';
        this.#redrawPrompt();
      } else if (key.length === 1 && key >= ' ') {
        this.#typed += key;
        this.#io?.write(key);
      }
      return;
    }
    if (this.#state === 'notfound') {
      this.#state = 'normal';
      if (key === '\r' || key === '\n') {
        this.#redrawPrompt();
        return;
      }
      this.#redrawPrompt();
    }
    const h = this.#height;
    switch (key) {
      case 'q':
      case 'Q':
        this.#quit();
        return;
      case ' ':
      case 'f':
      case 'z':
      case '\x06':
      case '\x16':
      case '\x1b[6~':
        if (this.#atEnd()) {
          this.#first = false;
          this.#redrawPrompt(true);
        } else this.#scrollTo(this.#top + h);
        return;
      case 'b':
      case 'w':
      case '\x02':
      case '\x1bv':
      case '\x1b[5~':
        this.#scrollTo(this.#top - h);
        return;
      case 'j':
      case 'e':
      case '\r':
      case '\n':
      case '\x0e':
      case '\x05':
      case '\x1b[B':
      case '\x1bOB':
        this.#scrollTo(this.#top + 1);
        return;
      case 'k':
      case 'y':
      case '\x10':
      case '\x0b':
      case '\x19':
      case '\x1b[A':
      case '\x1bOA':
        this.#scrollTo(this.#top - 1);
        return;
      case 'd':
      case '\x04':
        this.#scrollTo(this.#top + Math.floor(h / 2));
        return;
      case 'u':
      case '\x15':
        this.#scrollTo(this.#top - Math.floor(h / 2));
        return;
      case 'g':
      case '<':
      case '\x1b<':
      case '\x1b[H':
      case '\x1bOH':
        this.#scrollTo(0);
        return;
      case 'G':
      case '>':
      case '\x1b>':
      case '\x1b[F':
      case '\x1bOF':
        this.#scrollTo(this.#rows.length);
        return;
      case '/':
        this.#state = 'search';
        this.#typed = '';
        this.#redrawPrompt();
        return;
      case 'n':
        this.#search(true);
        return;
      case 'N':
        this.#search(false);
        return;
      case '\x0c':
      case 'r':
      case 'R':
        this.#repaint();
        return;
      default:
        this.#redrawPrompt(true);
    }
  }

  onResize(cols: number): void {
    const line = this.#rows[this.#top]?.line ?? 0;
    this.#rows = wrapRows(this.#lines, Math.max(1, cols));
    this.#top = Math.max(
      0,
      this.#rows.findIndex((r) => r.line === line),
    );
    this.#repaint();
  }

  dispose(): void {
    this.#io = null;
  }
}

function source(ctx: ProgramContext): { text: string; name: string | null } | number {
  const file = ctx.argv.slice(1).find((a) => !a.startsWith('-') || a === '-');
  if (file === undefined || file === '-') {
    if (ctx.stdin.kind === 'text') return { text: ctx.stdin.text, name: null };
    ctx.stderr.write(`${LESS_TEXTS.missingFilename}\n`);
    return 1;
  }
  const r = readOperand(ctx, file);
  if (!r.ok) {
    ctx.stderr.write(r.error === EISDIR ? `${file} is a directory\n` : `${file}: ${ENOENT}\n`);
    return 1;
  }
  return { text: r.text, name: file };
}

export const less: Program = {
  name: 'less',
  usage: 'less [FILE]   (Space/b page, /pattern search, q quit)',
  run(ctx) {
    const src = source(ctx);
    if (typeof src === 'number') return src;
    // Not on a terminal, less copies its input like cat.
    if (!ctx.stdout.isTty) {
      ctx.stdout.write(src.text);
      return 0;
    }
    return new Pager(src.text, src.name);
  },
};
