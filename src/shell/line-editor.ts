/**
 * The prompt's line editor (readline's emacs mode, as bash 5.2 binds it), as pure state and a reducer.
 *
 * `feed(state, data, from, completer)` consumes keys from `data[from..]` until the line is accepted (Enter),
 * interrupted (Ctrl-C) or ended (Ctrl-D on an empty line), and returns the new state, the escape sequences that
 * bring the screen up to date, the event, and how far it read. Input is handled in one pass: a run of printable
 * characters (a paste) is inserted with one redraw, so a megabyte pastes in milliseconds.
 *
 * The editor keeps a model of where the terminal's cursor is (including xterm's pending wrap at the right
 * margin), so its cursor motions stay right when the line wraps over several rows.
 */
import { BEL, CLEAR_SCREEN, CRLF, ERASE_BELOW, cursorBack, cursorDown, cursorForward, cursorUp } from './ansi.ts';
import { msgDisplayAll } from './messages.ts';

/** One completion candidate. */
export interface CompletionCandidate {
  /** The full word that replaces the one under the cursor. */
  readonly word: string;
  /** How it is shown in a listing (a file's base name, `sub/` for a directory). */
  readonly display: string;
  /** What a unique match gets after it: `' '`, `'/'` for a directory, or `''`. */
  readonly suffix: string;
}

export interface CompletionResult {
  /** Where the word being completed starts in the line. */
  readonly start: number;
  readonly candidates: readonly CompletionCandidate[];
}

/** Finds the completions for the word before `cursor`. */
export type Completer = (line: string, cursor: number) => CompletionResult;

export type EditorEvent =
  /** Enter: the line (its CRLF is in the output already). */
  | { readonly kind: 'accept'; readonly line: string }
  /** Ctrl-C: `^C` and CRLF are in the output already. */
  | { readonly kind: 'interrupt' }
  /** Ctrl-D on an empty line. */
  | { readonly kind: 'eof' };

export interface EditorState {
  readonly prompt: string;
  readonly line: string;
  /** Cursor index into `line` (UTF-16 units). */
  readonly cursor: number;
  readonly history: readonly string[];
  /** `history.length` while editing the new line. */
  readonly histIndex: number;
  /** Lines edited while browsing history, by history index (the new line at `history.length`). */
  readonly edits: ReadonlyMap<number, string>;
  /** The last killed text, for Ctrl-Y. */
  readonly killed: string;
  /** The previous key was Tab (a second Tab lists the matches). */
  readonly lastWasTab: boolean;
  /** An escape sequence cut off at the end of the previous chunk. */
  readonly pendingEscape: string;
  /** Waiting for y/n after "Display all N possibilities?". */
  readonly query: readonly CompletionCandidate[] | null;
  readonly cols: number;
  /** The screen column the prompt starts in (0 unless a program left the cursor mid-line). */
  readonly origin: number;
  /** Where the terminal's cursor is, as an index into prompt + line. */
  readonly screenPos: number;
  /** The cursor sits past the right margin, xterm's pending wrap. */
  readonly pendingWrap: boolean;
}

export interface FeedResult {
  readonly state: EditorState;
  readonly output: string;
  readonly event: EditorEvent | null;
  /** Index into `data` after the last character read. */
  readonly next: number;
}

/** The maximum matches listed without asking (readline's completion-query-items). */
export const COMPLETION_QUERY_ITEMS = 100;

/** A fresh line after `prompt` has been written at column `origin`. */
export function newLine(prompt: string, history: readonly string[], cols: number, origin = 0): EditorState {
  const c = Math.max(1, Math.floor(cols));
  const o = Math.max(0, Math.floor(origin)) % c;
  return {
    prompt,
    line: '',
    cursor: 0,
    history,
    histIndex: history.length,
    edits: new Map(),
    killed: '',
    lastWasTab: false,
    pendingEscape: '',
    query: null,
    cols: c,
    origin: o,
    screenPos: prompt.length,
    pendingWrap: prompt.length > 0 && (o + prompt.length) % c === 0,
  };
}

/** The text to write for a fresh prompt line (the prompt itself). */
export function renderPrompt(state: EditorState): string {
  return state.prompt;
}

/** New terminal width: xterm reflows the wrapped line, so only the model changes. */
export function resize(state: EditorState, cols: number): EditorState {
  const c = Math.max(1, Math.floor(cols));
  const target = state.prompt.length + state.cursor;
  return { ...state, cols: c, origin: state.origin % c, screenPos: target, pendingWrap: false };
}

function isWordChar(ch: string): boolean {
  return /[\p{L}\p{N}]/u.test(ch);
}

/** The mutable working copy used during one `feed`. */
class Work {
  line: string;
  cursor: number;
  histIndex: number;
  edits: Map<number, string>;
  killed: string;
  lastWasTab: boolean;
  query: readonly CompletionCandidate[] | null;
  origin: number;
  pos: number;
  pending: boolean;
  readonly out: string[] = [];
  readonly prompt: string;
  readonly cols: number;
  readonly history: readonly string[];

  constructor(s: EditorState) {
    this.line = s.line;
    this.cursor = s.cursor;
    this.histIndex = s.histIndex;
    this.edits = new Map(s.edits);
    this.killed = s.killed;
    this.lastWasTab = s.lastWasTab;
    this.query = s.query;
    this.origin = s.origin;
    this.pos = s.screenPos;
    this.pending = s.pendingWrap;
    this.prompt = s.prompt;
    this.cols = s.cols;
    this.history = s.history;
  }

  get p(): number {
    return this.prompt.length;
  }
  get end(): number {
    return this.p + this.line.length;
  }

  emit(s: string): void {
    if (s !== '') this.out.push(s);
  }

  /** Moves the terminal cursor to index `target` of prompt + line. */
  moveTo(target: number): void {
    if (!this.pending && target === this.pos) return;
    const cols = this.cols;
    let row: number;
    let col: number;
    if (this.pending) {
      row = Math.floor((this.origin + this.pos) / cols) - 1;
      this.emit('\r');
      col = 0;
    } else {
      row = Math.floor((this.origin + this.pos) / cols);
      col = (this.origin + this.pos) % cols;
    }
    const tRow = Math.floor((this.origin + target) / cols);
    const tCol = (this.origin + target) % cols;
    if (tRow < row) this.emit(cursorUp(row - tRow));
    else if (tRow > row) this.emit(cursorDown(tRow - row));
    if (tCol < col) this.emit(tCol === 0 ? '\r' : cursorBack(col - tCol));
    else if (tCol > col) this.emit(cursorForward(tCol - col));
    this.pos = target;
    this.pending = false;
  }

  /** Writes `text` at the cursor, which is at index `this.pos`. */
  write(text: string): void {
    if (text === '') return;
    this.emit(text);
    this.pos += text.length;
    this.pending = (this.origin + this.pos) % this.cols === 0;
    if (this.pending && this.pos >= this.end) {
      // At the margin after the last character: make the next row exist, as readline does.
      this.emit(' \r');
      this.pending = false;
    }
  }

  /** Redraws from line index `from` to the end, erasing what was there, then puts the cursor back. */
  redrawFrom(from: number): void {
    this.moveTo(this.p + from);
    this.emit(ERASE_BELOW);
    this.write(this.line.slice(from));
    this.moveTo(this.p + this.cursor);
  }

  insert(text: string): void {
    if (text === '') return;
    const c = this.cursor;
    const tail = this.line.slice(c);
    this.line = this.line.slice(0, c) + text + tail;
    this.cursor = c + text.length;
    this.moveTo(this.p + c);
    this.write(text + tail);
    this.moveTo(this.p + this.cursor);
  }

  deleteRange(a: number, b: number, kill: boolean): void {
    if (b <= a) return;
    if (kill) this.killed = this.line.slice(a, b);
    this.line = this.line.slice(0, a) + this.line.slice(b);
    if (this.cursor > b) this.cursor -= b - a;
    else if (this.cursor > a) this.cursor = a;
    this.redrawFrom(a);
  }

  replaceLine(line: string, cursor: number): void {
    this.line = line;
    this.cursor = Math.min(Math.max(0, cursor), line.length);
    this.redrawFrom(0);
  }

  /** The screen is gone (Ctrl-L, a listing): write prompt and line at column 0 of a fresh row. */
  repaint(): void {
    this.origin = 0;
    this.pos = 0;
    this.pending = false;
    this.write(this.prompt);
    this.write(this.line);
    this.moveTo(this.p + this.cursor);
  }

  historyMove(delta: number): void {
    const target = this.histIndex + delta;
    if (target < 0 || target > this.history.length) return;
    this.edits.set(this.histIndex, this.line);
    this.histIndex = target;
    const text = this.edits.get(target) ?? (target === this.history.length ? '' : (this.history[target] ?? ''));
    this.replaceLine(text, text.length);
  }

  wordStartBefore(i: number): number {
    let j = i;
    while (j > 0 && !isWordChar(this.line[j - 1] ?? '')) j--;
    while (j > 0 && isWordChar(this.line[j - 1] ?? '')) j--;
    return j;
  }
  wordEndAfter(i: number): number {
    let j = i;
    while (j < this.line.length && !isWordChar(this.line[j] ?? '')) j++;
    while (j < this.line.length && isWordChar(this.line[j] ?? '')) j++;
    return j;
  }

  listMatches(cands: readonly CompletionCandidate[]): void {
    this.moveTo(this.end);
    this.emit(CRLF);
    this.emit(
      formatMatchList(
        cands.map((c) => c.display),
        this.cols,
      ),
    );
    this.repaint();
  }

  complete(completer: Completer | undefined): void {
    const wasTab = this.lastWasTab;
    this.lastWasTab = true;
    if (completer === undefined) {
      this.emit(BEL);
      return;
    }
    let result: CompletionResult;
    try {
      result = completer(this.line, this.cursor);
    } catch {
      this.emit(BEL);
      return;
    }
    const start = Math.min(Math.max(0, result.start), this.cursor);
    const word = this.line.slice(start, this.cursor);
    const cands = [...new Map(result.candidates.map((c) => [c.word, c])).values()].sort((a, b) =>
      a.word < b.word ? -1 : a.word > b.word ? 1 : 0,
    );
    const only = cands[0];
    if (only === undefined) {
      this.emit(BEL);
      return;
    }
    if (cands.length === 1) {
      this.replaceWord(start, word, only.word + only.suffix);
      return;
    }
    const lcp = commonPrefix(cands.map((c) => c.word));
    if (lcp.length > word.length && lcp.startsWith(word)) {
      this.replaceWord(start, word, lcp);
      return;
    }
    if (!wasTab) {
      this.emit(BEL);
      return;
    }
    if (cands.length > COMPLETION_QUERY_ITEMS) {
      this.moveTo(this.end);
      this.emit(CRLF + msgDisplayAll(cands.length));
      this.query = cands;
      return;
    }
    this.listMatches(cands);
  }

  replaceWord(start: number, word: string, replacement: string): void {
    if (replacement.startsWith(word)) {
      this.insert(replacement.slice(word.length));
      return;
    }
    const line = this.line.slice(0, start) + replacement + this.line.slice(this.cursor);
    const cursor = start + replacement.length;
    const from = Math.min(start, this.cursor);
    this.line = line;
    this.cursor = cursor;
    this.redrawFrom(from);
  }

  answerQuery(ch: string): void {
    const cands = this.query;
    if (cands === null) return;
    if (ch === 'y' || ch === 'Y' || ch === ' ') {
      this.query = null;
      this.listMatches(cands);
      return;
    }
    if (ch === 'n' || ch === 'N' || ch === '\x7f' || ch === '\x03' || ch === '\x07') {
      this.query = null;
      this.emit(CRLF);
      this.repaint();
      return;
    }
    this.emit(BEL);
  }

  freeze(pendingEscape: string): EditorState {
    return {
      prompt: this.prompt,
      line: this.line,
      cursor: this.cursor,
      history: this.history,
      histIndex: this.histIndex,
      edits: this.edits,
      killed: this.killed,
      lastWasTab: this.lastWasTab,
      pendingEscape,
      query: this.query,
      cols: this.cols,
      origin: this.origin,
      screenPos: this.pos,
      pendingWrap: this.pending,
    };
  }
}

function commonPrefix(words: readonly string[]): string {
  let p = words[0] ?? '';
  for (const w of words) {
    let i = 0;
    while (i < p.length && i < w.length && p[i] === w[i]) i++;
    p = p.slice(0, i);
  }
  return p;
}

/**
 * Lists completions as readline does: sorted, in columns read top to bottom, each column as wide as the
 * longest match plus two, as many columns as fit without touching the last screen column. Ends with CRLF.
 */
export function formatMatchList(items: readonly string[], cols: number): string {
  const sorted = [...items].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const width = Math.max(...sorted.map((s) => s.length), 0) + 2;
  let perRow = Math.max(1, Math.floor(cols / width));
  // readline leaves the last column free: a row that would fill the screen exactly loses an item.
  if (perRow !== 1 && perRow * width === cols) perRow--;
  const rows = Math.ceil(sorted.length / perRow);
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let c = 0; c < perRow; c++) {
      const item = sorted[c * rows + r];
      if (item === undefined) break;
      line += item.padEnd(width);
    }
    lines.push(line);
  }
  return lines.map((l) => l + CRLF).join('');
}

/** Length of a complete escape sequence at `data[i]` (which is ESC), 0 when it is cut off. */
function escapeLength(data: string, i: number): number {
  const next = data[i + 1];
  if (next === undefined) return 0;
  if (next === '[') {
    let j = i + 2;
    while (j < data.length) {
      const c = data.charCodeAt(j);
      if (c >= 0x40 && c <= 0x7e) return j - i + 1;
      if (c < 0x20 || c > 0x3f) return j - i; // malformed: drop what we have
      j++;
    }
    return 0;
  }
  if (next === 'O') return data[i + 2] === undefined ? 0 : 3;
  return 2;
}

/** Feeds keys from `data[from..]`. Never throws. */
export function feed(state: EditorState, data: string, from = 0, completer?: Completer): FeedResult {
  const w = new Work(state);
  let input = data;
  let i = from;
  if (state.pendingEscape !== '') {
    input = state.pendingEscape + data.slice(from);
    i = 0;
  }
  const offset = state.pendingEscape !== '' ? from - state.pendingEscape.length : 0;
  const n = input.length;
  let event: EditorEvent | null = null;
  let pendingEscape = '';
  while (i < n && event === null) {
    const ch = input[i] ?? '';
    const code = input.charCodeAt(i);
    if (w.query !== null) {
      w.answerQuery(ch);
      i++;
      continue;
    }
    // A run of printable characters: insert in one go.
    if (code >= 0x20 && code !== 0x7f) {
      let j = i + 1;
      while (j < n) {
        const c = input.charCodeAt(j);
        if (c < 0x20 || c === 0x7f) break;
        j++;
      }
      w.insert(input.slice(i, j));
      w.lastWasTab = false;
      i = j;
      continue;
    }
    const wasTab = w.lastWasTab;
    w.lastWasTab = false;
    switch (ch) {
      case '\r':
      case '\n':
        w.moveTo(w.end);
        w.emit(CRLF);
        event = { kind: 'accept', line: w.line };
        i++;
        // A CR LF pair is one Enter.
        if (ch === '\r' && input[i] === '\n') i++;
        continue;
      case '\x03':
        w.moveTo(w.end);
        w.emit(`^C${CRLF}`);
        event = { kind: 'interrupt' };
        i++;
        continue;
      case '\x04':
        if (w.line === '') event = { kind: 'eof' };
        else if (w.cursor < w.line.length) w.deleteRange(w.cursor, w.cursor + 1, false);
        i++;
        continue;
      case '\x01':
        w.cursor = 0;
        w.moveTo(w.p);
        break;
      case '\x05':
        w.cursor = w.line.length;
        w.moveTo(w.end);
        break;
      case '\x02':
        if (w.cursor > 0) w.moveTo(w.p + --w.cursor);
        break;
      case '\x06':
        if (w.cursor < w.line.length) w.moveTo(w.p + ++w.cursor);
        break;
      case '\x7f':
      case '\x08':
        if (w.cursor > 0) w.deleteRange(w.cursor - 1, w.cursor, false);
        break;
      case '\x0b':
        w.deleteRange(w.cursor, w.line.length, true);
        break;
      case '\x15':
        w.deleteRange(0, w.cursor, true);
        break;
      case '\x17': {
        // unix-word-rubout: back to the previous whitespace.
        let j = w.cursor;
        while (j > 0 && /\s/.test(w.line[j - 1] ?? '')) j--;
        while (j > 0 && !/\s/.test(w.line[j - 1] ?? '')) j--;
        w.deleteRange(j, w.cursor, true);
        break;
      }
      case '\x19':
        w.insert(w.killed);
        break;
      case '\x0c':
        w.emit(CLEAR_SCREEN);
        w.repaint();
        break;
      case '\x10':
        w.historyMove(-1);
        break;
      case '\x0e':
        w.historyMove(1);
        break;
      case '\t':
        w.lastWasTab = wasTab;
        w.complete(completer);
        break;
      case '\x1b': {
        const len = escapeLength(input, i);
        if (len === 0) {
          pendingEscape = input.slice(i);
          i = n;
          continue;
        }
        handleEscape(w, input.slice(i, i + len));
        i += len;
        continue;
      }
      default:
        // Other control characters are not bound here.
        break;
    }
    i++;
  }
  const next = state.pendingEscape !== '' ? Math.max(from, i + offset) : i;
  return { state: w.freeze(pendingEscape), output: w.out.join(''), event, next: Math.min(next, data.length) };
}

function handleEscape(w: Work, seq: string): void {
  switch (seq) {
    case '\x1b[A':
    case '\x1bOA':
      w.historyMove(-1);
      return;
    case '\x1b[B':
    case '\x1bOB':
      w.historyMove(1);
      return;
    case '\x1b[C':
    case '\x1bOC':
      if (w.cursor < w.line.length) w.moveTo(w.p + ++w.cursor);
      return;
    case '\x1b[D':
    case '\x1bOD':
      if (w.cursor > 0) w.moveTo(w.p + --w.cursor);
      return;
    case '\x1b[H':
    case '\x1bOH':
    case '\x1b[1~':
    case '\x1b[7~':
      w.cursor = 0;
      w.moveTo(w.p);
      return;
    case '\x1b[F':
    case '\x1bOF':
    case '\x1b[4~':
    case '\x1b[8~':
      w.cursor = w.line.length;
      w.moveTo(w.end);
      return;
    case '\x1b[3~':
      if (w.cursor < w.line.length) w.deleteRange(w.cursor, w.cursor + 1, false);
      return;
    case '\x1b[1;5C':
    case '\x1b[1;3C':
    case '\x1bf':
      w.cursor = w.wordEndAfter(w.cursor);
      w.moveTo(w.p + w.cursor);
      return;
    case '\x1b[1;5D':
    case '\x1b[1;3D':
    case '\x1bb':
      w.cursor = w.wordStartBefore(w.cursor);
      w.moveTo(w.p + w.cursor);
      return;
    case '\x1bd':
      w.deleteRange(w.cursor, w.wordEndAfter(w.cursor), true);
      return;
    case '\x1b\x7f':
    case '\x1b\x08':
      w.deleteRange(w.wordStartBefore(w.cursor), w.cursor, true);
      return;
    default:
      // Unbound sequences (F-keys, PgUp...) do nothing.
      return;
  }
}
