/**
 * main.cf: reading (as dict_load_file() does in Postfix 3.7) and editing (as `postconf -e`,
 * `-X` and `-#` do). The text is the model: reading never changes it, and editing rewrites
 * only the lines of the parameters concerned, so unchanged lines stay byte-identical.
 *
 * Reading rules ([corpus] postconf-behaviours, [real] tests/engine/postconf/golden):
 * - logical lines as in cf-syntax.ts; the line number of an entry is its first line;
 * - a logical line without `=` is fatal: `<path>, line N: missing '=' after attribute name: "<text>"`;
 * - a later entry for the same name wins; when its value differs Postfix warns
 *   `<path>, line N: overriding earlier entry: name=<old value>`;
 * - values keep inner whitespace (postconf normalizes it only when printing).
 */
import { readLogicalLines, splitNameValue, isSpace, cString } from './cf-syntax.ts';
import { MAIN_CF_TEXT } from './messages.ts';

export const MAIN_CF_PATH = '/etc/postfix/main.cf';

export interface MainCfEntry {
  readonly value: string;
  /** First line of the (last) logical line that set it. */
  readonly line: number;
}

export interface LoadResult {
  /** Warnings in the order Postfix prints them (no program prefix). */
  readonly warnings: readonly string[];
  /** The fatal error that stopped reading (no program prefix), if any. */
  readonly fatal: string | null;
}

/**
 * dict_load_fp(): adds the entries of `content` to `dict` (which may hold the entries of an
 * earlier read of the same file), warning about changed values. Stops at the first syntax error.
 */
export function loadMainCfInto(dict: Map<string, MainCfEntry>, content: string, path: string = MAIN_CF_PATH): LoadResult {
  const warnings: string[] = [];
  const { lines, skipped } = readLogicalLines(content);
  // The "must not start with whitespace" warnings come while reading, in file order
  // relative to the entries; merge both lists by line number.
  let s = 0;
  for (const line of lines) {
    while (s < skipped.length && (skipped[s]?.firstLine ?? 0) < line.firstLine) {
      warnings.push(MAIN_CF_TEXT.leadingWhitespace(path, skipped[s]?.text ?? ''));
      s++;
    }
    const nv = splitNameValue(line.text);
    if (!nv.ok) {
      return { warnings, fatal: MAIN_CF_TEXT.syntax(path, line.firstLine, nv.error, cString(line.text)) };
    }
    const old = dict.get(nv.name);
    if (old !== undefined && old.value !== nv.value) {
      warnings.push(MAIN_CF_TEXT.overriding(path, line.firstLine, nv.name, old.value));
    }
    dict.set(nv.name, { value: nv.value, line: line.firstLine });
  }
  for (; s < skipped.length; s++) warnings.push(MAIN_CF_TEXT.leadingWhitespace(path, skipped[s]?.text ?? ''));
  return { warnings, fatal: null };
}

/**
 * How many times Postfix reads main.cf (dict_load_file_xt()): while the file's mtime is
 * within about a second of the read, it is read again every 300 ms to let it "cool down".
 * `mtimeMs` is the file's modification time, `nowMs` when the program starts.
 */
export function hotReadCount(mtimeMs: number, nowMs: number): number {
  if (!Number.isFinite(mtimeMs) || !Number.isFinite(nowMs)) return 1;
  const mtime = Math.floor(mtimeMs / 1000);
  let t = nowMs;
  let before = Math.floor(t / 1000);
  for (let reads = 1; reads < 20; reads++) {
    const after = Math.floor(t / 1000);
    if (mtime < before - 1 || mtime > after) return reads;
    t += 300;
    before = after;
  }
  return 20;
}

/** A parsed main.cf. Lookups follow Postfix: the last setting of a name wins. */
export class MainCf {
  readonly text: string;
  readonly path: string;
  readonly #entries: Map<string, MainCfEntry>;
  readonly #order: readonly string[];
  readonly warnings: readonly string[];
  /** The fatal syntax error (daemons and postconf stop on it), or null. */
  readonly fatal: string | null;

  private constructor(text: string, path: string, reads: number) {
    this.text = text;
    this.path = path;
    const dict = new Map<string, MainCfEntry>();
    const warnings: string[] = [];
    let fatal: string | null = null;
    for (let i = 0; i < Math.max(1, reads) && fatal === null; i++) {
      const r = loadMainCfInto(dict, text, path);
      warnings.push(...r.warnings);
      fatal = r.fatal;
    }
    this.#entries = dict;
    this.#order = [...dict.keys()];
    this.warnings = warnings;
    this.fatal = fatal;
  }

  /** Parses main.cf text. `reads` > 1 models a hot file (see hotReadCount). Never throws. */
  static parse(text: string, options: { path?: string; reads?: number } = {}): MainCf {
    return new MainCf(typeof text === 'string' ? text : '', options.path ?? MAIN_CF_PATH, options.reads ?? 1);
  }

  /** The raw value of the effective setting, or undefined when main.cf does not set it. */
  get(name: string): string | undefined {
    return this.#entries.get(name)?.value;
  }

  entry(name: string): MainCfEntry | undefined {
    return this.#entries.get(name);
  }

  has(name: string): boolean {
    return this.#entries.has(name);
  }

  /** Names set in main.cf, in the order of their first appearance. */
  names(): readonly string[] {
    return this.#order;
  }

  /** The effective settings as a plain map (a copy). */
  entries(): Map<string, MainCfEntry> {
    return new Map(this.#entries);
  }

  /** `postconf -e name=value ...` applied to this text (see editMainCf). */
  withSettings(settings: readonly (readonly [string, string])[]): string {
    return applyMainCfEdit(
      this.text,
      'set',
      settings.map(([n, v]) => ({ name: n, value: v })),
    ).text;
  }

  /** `postconf -X name ...` applied to this text. */
  withoutSettings(names: readonly string[]): string {
    return applyMainCfEdit(
      this.text,
      'remove',
      names.map((n) => ({ name: n, value: null })),
    ).text;
  }
}

export type MainCfEditMode = 'set' | 'remove' | 'comment';

export interface MainCfEditRequest {
  readonly name: string;
  /** The new value for 'set'; null for 'remove' and 'comment'. */
  readonly value: string | null;
}

export interface MainCfEditResult {
  readonly text: string;
  readonly warnings: readonly string[];
}

/** Physical lines with their terminators, as vstring_get() returns them. */
export function physicalLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/**
 * pcf_edit_main() of Postfix 3.7. Every logical line that sets a requested name is
 * rewritten as `name = value` (set), removed (remove) or prefixed with `#` (comment), together
 * with its continuation lines; comment and blank lines inside an entry are kept.
 * Names not found are appended by 'set' (Postfix appends them in hash-table order, which varies
 * from run to run; here they keep the request order). Like 3.7, nothing adds a missing final
 * newline before an appended line.
 * Requests must already be validated (see postconf's edit-main.ts).
 */
export function applyMainCfEdit(
  text: string,
  mode: MainCfEditMode,
  requests: readonly MainCfEditRequest[],
  path = MAIN_CF_PATH,
): MainCfEditResult {
  const warnings: string[] = [];
  const table = new Map<string, { value: string | null; found: number }>();
  for (const r of requests) {
    const earlier = table.get(r.name);
    if (earlier !== undefined) {
      warnings.push(MAIN_CF_TEXT.ignoringEarlier(r.name, earlier.value));
      table.delete(r.name);
    }
    table.set(r.name, { value: r.value, found: 0 });
  }
  let out = '';
  let interesting = false;
  for (const line of physicalLines(text)) {
    let cp = 0;
    while (cp < line.length && isSpace(line[cp])) cp++;
    if (cp === line.length || line[cp] === '#') {
      out += line;
      continue;
    }
    if (cp > 0) {
      if (!interesting) out += line;
      else if (mode === 'comment') out += `#${line}`;
      continue;
    }
    let k = 0;
    while (k < line.length && !isSpace(line[k]) && line[k] !== '=') k++;
    const key = line.slice(0, k);
    const req = table.get(key);
    interesting = req !== undefined;
    if (req === undefined) {
      out += line;
      continue;
    }
    if (req.found++ === 1) warnings.push(MAIN_CF_TEXT.multipleEntries(path, key));
    if (mode === 'set') out += `${key} = ${req.value ?? ''}\n`;
    else if (mode === 'comment') out += `#${line}`;
  }
  if (mode === 'set') {
    for (const [name, req] of table) if (req.found === 0) out += `${name} = ${req.value ?? ''}\n`;
  }
  return { text: out, warnings };
}
