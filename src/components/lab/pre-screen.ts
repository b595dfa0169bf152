/**
 * The lab's terminal before xterm has come (issue 12, the prompt at first paint): the first screen the
 * shell shows, its prompt, drawn in the terminal's type (TERMINAL_FONT) and colours (lab-console.css)
 * where xterm's first row will be, and a labelled input that takes keys at once. Printable characters
 * echo after the prompt, Backspace takes one back, Enter starts a new line (the line waits for the shell);
 * every key is kept as the bytes xterm would send for it (keyBytes) and handed over once, by take(), when
 * xterm is mounted: the shell then gets them as if typed there. Text goes in as text only (textContent).
 */
import { partOf } from './dom.ts';
import { TERMINAL_FONT } from './first-look-keys.ts';

export { firstPrompt, TERMINAL_FONT } from './first-look-keys.ts';

/**
 * The height of one terminal row in CSS pixels, computed as xterm 6's renderer does: the font's height
 * (`fontBoundingBoxAscent + fontBoundingBoxDescent` of "W", xterm's CharSizeService) rounded up in device
 * pixels, times the line height, rounded down (RenderService `_updateDimensions`).
 */
export function rowHeight(fontHeight: number, lineHeight: number, dpr: number): number {
  return Math.floor(Math.ceil(fontHeight * dpr) * lineHeight) / dpr;
}

/** The parts of a keydown that decide what a terminal sends. */
export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly altKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
}

/** Keys without modifiers and what xterm sends for them (its default modes: normal cursor keys). */
const PLAIN_KEYS: Readonly<Record<string, string>> = {
  Enter: '\r',
  Backspace: '\x7f',
  Tab: '\t',
  Escape: '\x1b',
  ArrowUp: '\x1b[A',
  ArrowDown: '\x1b[B',
  ArrowRight: '\x1b[C',
  ArrowLeft: '\x1b[D',
  Home: '\x1b[H',
  End: '\x1b[F',
  Insert: '\x1b[2~',
  Delete: '\x1b[3~',
  PageUp: '\x1b[5~',
  PageDown: '\x1b[6~',
};

/**
 * What xterm sends for a key press it handles itself, or null for a key whose text comes through the
 * input's `input` event (a printable character) or that the pre-screen leaves to the browser.
 * Shift+Tab is `ESC [ Z`; Ctrl with a letter is that letter's control code (Ctrl+C: 0x03).
 */
export function keyBytes(k: KeyPress): string | null {
  if (k.metaKey || k.altKey) return null;
  if (k.ctrlKey) {
    if (k.shiftKey || !/^[a-z]$/i.test(k.key)) return null;
    return String.fromCharCode(k.key.toLowerCase().charCodeAt(0) - 96);
  }
  if (k.key === 'Tab' && k.shiftKey) return '\x1b[Z';
  return PLAIN_KEYS[k.key] ?? null;
}

/**
 * The text the pre-screen shows: the prompt, then what was typed, one entry per line. Only printable
 * characters echo; DEL (Backspace) takes back one typed on the current line; CR starts a new line;
 * escape sequences and other control codes do nothing here (the shell acts on them once it has them).
 */
export function echoLines(prompt: string, typed: string): string[] {
  const lines: string[] = [];
  let line = prompt;
  let start = prompt.length;
  for (let i = 0; i < typed.length; i++) {
    const c = typed[i] ?? '';
    if (c === '\r') {
      lines.push(line);
      line = '';
      start = 0;
    } else if (c === '\x7f') {
      if (line.length > start) line = line.slice(0, line.length - lastCharLength(line));
    } else if (c === '\x1b') {
      // CSI: ESC [ parameters final byte; anything else: ESC and one character.
      if (typed[i + 1] === '[') {
        i += 2;
        while (i < typed.length && !/[@-~]/.test(typed[i] ?? '')) i++;
      } else i++;
    } else if (c >= ' ' && c !== '\x7f') line += c;
  }
  lines.push(line);
  return lines;
}

/** 2 for a character outside the BMP (a surrogate pair), else 1. */
function lastCharLength(s: string): number {
  const code = s.charCodeAt(s.length - 1);
  return code >= 0xdc00 && code <= 0xdfff && s.length > 1 ? 2 : 1;
}

/** The terminal's row height in this browser (as xterm measures it), or null where the canvas cannot tell. */
function measuredRowHeight(): number | null {
  try {
    const ctx = new OffscreenCanvas(1, 1).getContext('2d');
    if (ctx === null) return null;
    ctx.font = `${TERMINAL_FONT.fontSize}px ${TERMINAL_FONT.fontFamily}`;
    const m = ctx.measureText('W');
    const height = m.fontBoundingBoxAscent + m.fontBoundingBoxDescent;
    return height > 0 ? rowHeight(height, TERMINAL_FONT.lineHeight, window.devicePixelRatio || 1) : null;
  } catch {
    return null; // no OffscreenCanvas: the CSS line height stands
  }
}

export interface PreScreenOptions {
  readonly prompt: string;
  /** Called at the first key or focus: the learner is here, xterm should come now. */
  readonly onActive: () => void;
}

export class PreScreen {
  readonly #root: HTMLElement;
  readonly #input: HTMLTextAreaElement;
  readonly #text: HTMLElement;
  readonly #prompt: string;
  #typed = '';
  /** An Esc waiting for the next key: followed by Tab it only lets the focus go (as in the terminal). */
  #escape = false;
  #taken = false;

  /**
   * Takes over the pre-screen of the lab's first look (first-look.ts), whether the page was built with it or
   * the element has just made it. In a built page, keys may have reached its input before this script came:
   * the text typed there (Enter included, as a new line) is taken as typed, and a focus already there counts.
   */
  constructor(root: HTMLElement, opts: PreScreenOptions) {
    this.#prompt = opts.prompt;
    this.#root = root;
    this.#input = partOf(root, 'prescreen-input', HTMLTextAreaElement);
    this.#text = partOf(root, 'prescreen-text', HTMLElement);
    const rows = partOf(root, 'prescreen-rows', HTMLElement);
    const row = measuredRowHeight();
    if (row !== null) rows.style.lineHeight = `${row}px`;
    this.#root.addEventListener('mousedown', (ev) => {
      ev.preventDefault(); // keeps the focus where it goes next
      this.focus();
    });
    const onFocus = () => {
      this.#root.classList.add('lab-prescreen--cursor'); // as xterm, which shows no cursor before its first focus
      opts.onActive();
    };
    if (document.activeElement === this.#input) onFocus();
    else this.#input.addEventListener('focus', onFocus, { once: true });
    this.#input.addEventListener('keydown', (ev) => this.#onKey(ev));
    this.#input.addEventListener('input', (ev) => {
      if (!(ev as InputEvent).isComposing) this.#takeText();
    });
    this.#input.addEventListener('compositionend', () => this.#takeText());
    this.#input.addEventListener('paste', (ev) => {
      ev.preventDefault();
      // As xterm pastes without bracketed paste: line ends become CR.
      this.#add((ev.clipboardData?.getData('text/plain') ?? '').replace(/\r?\n/g, '\r'));
    });
    this.#takeText();
    if (this.#typed !== '') opts.onActive();
  }

  /** What the pre-screen shows, one line per row (as MountedTerminal.lines(): trailing empty lines dropped). */
  lines(): string[] {
    const lines = echoLines(this.#prompt, this.#typed);
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    return lines;
  }

  get focused(): boolean {
    return document.activeElement === this.#input;
  }

  focus(): void {
    if (!this.#taken) this.#input.focus();
  }

  /** The bytes typed so far, once; from now on the pre-screen takes no keys (xterm does) and shows what it showed. */
  take(): string {
    if (this.#taken) return '';
    this.#taken = true;
    if (this.#escape) this.#typed += '\x1b';
    this.#escape = false;
    this.#input.remove();
    return this.#typed;
  }

  /** Takes the pre-screen off the page (once xterm shows the same). */
  remove(): void {
    this.#root.remove();
  }

  #onKey(ev: KeyboardEvent): void {
    if (ev.isComposing || this.#taken) return;
    const bytes = keyBytes(ev);
    if (bytes === '\x1b') {
      // Esc Esc: the first one is a key.
      if (this.#escape) this.#add('\x1b');
      this.#escape = true;
      ev.preventDefault();
      return;
    }
    if (this.#escape && ev.key === 'Tab' && !ev.ctrlKey && !ev.altKey && !ev.metaKey) {
      this.#escape = false;
      return; // the browser moves the focus on
    }
    if (bytes === null) return;
    ev.preventDefault();
    if (this.#escape) this.#add('\x1b');
    this.#escape = false;
    this.#add(bytes);
  }

  #takeText(): void {
    const text = this.#input.value;
    this.#input.value = '';
    if (text === '' || this.#taken) return;
    if (this.#escape) this.#add('\x1b');
    this.#escape = false;
    this.#add(text.replace(/\r?\n/g, '\r'));
  }

  #add(data: string): void {
    if (data === '') return;
    this.#typed += data;
    this.#text.textContent = echoLines(this.#prompt, this.#typed).join('\n');
  }
}
