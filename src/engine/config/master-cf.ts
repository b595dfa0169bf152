/**
 * master.cf: the 8 columns `service type private unpriv chroot wakeup maxproc command [args]`.
 *
 * Reading follows postconf 3.7 (`postconf/postconf_master.c`) [real: tests/engine/postconf/golden]:
 * - logical lines as in cf-syntax.ts (comments and blank lines are ignored even inside an
 *   entry, a line starting with whitespace continues the entry);
 * - fields split at blanks, except inside `{...}`;
 * - fewer than 8 fields: `file /etc/postfix/master.cf: line N: bad field count`;
 * - type must be inet, unix, unix-dgram, fifo or pass; private/unprivileged/chroot one of
 *   `y n -`; wakeup `-` or digits with an optional `?`; process_limit `-` or digits:
 *   otherwise `invalid <field> field "<value>" in "<entry>"`;
 * - daemon options are normalized: `-oname=value` becomes `-o name=value`,
 *   `-o { name = value }` becomes `-o name=value` (braces kept when the value has blanks),
 *   a `{...}` argument loses its braces.
 * The text is kept so that edits (uncommenting the submission block) stay text edits.
 *
 * For the master(8) daemon (effective services): `-` means private=y, unprivileged=y,
 * chroot=n, wakeup=0, process_limit=$default_process_limit, and a later entry with the same
 * name and type replaces an earlier one ([facts] §6).
 */
import { readLogicalLines, splitNameValue, isSpace, cString } from './cf-syntax.ts';
import { MAIN_CF_TEXT, MASTER_CF_DAEMON_TEXT, MASTER_CF_POSTCONF_TEXT } from './messages.ts';

export const MASTER_CF_PATH = '/etc/postfix/master.cf';

/** The names postconf uses for the 8 fields (`postconf -F`). */
export const MASTER_FIELD_NAMES = ['service', 'type', 'private', 'unprivileged', 'chroot', 'wakeup', 'process_limit', 'command'] as const;
export type MasterFieldName = (typeof MASTER_FIELD_NAMES)[number];

export const MASTER_TYPES: readonly string[] = ['unix', 'unix-dgram', 'fifo', 'inet', 'pass'];

/** One master.cf entry, normalized as postconf prints it. */
export interface MasterEntry {
  /** All fields: 0..6 the columns, 7 the command, then the (normalized) arguments. */
  readonly argv: readonly string[];
  readonly name: string;
  readonly type: string;
  /** `name/type`, the key of `postconf -P`/`-F`. */
  readonly namespace: string;
  /** The `-o name=value` settings, in order, later ones replacing earlier ones. */
  readonly params: ReadonlyMap<string, string>;
  readonly firstLine: number;
  readonly lastLine: number;
  /** The logical line as read. */
  readonly text: string;
}

/** What master(8) makes of an entry (defaults applied). */
export interface MasterService {
  readonly entry: MasterEntry;
  readonly name: string;
  readonly type: string;
  readonly private: boolean;
  readonly unprivileged: boolean;
  readonly chroot: boolean;
  readonly wakeup: number;
  readonly wakeupConditional: boolean;
  /** The process limit, or null for `-` (= $default_process_limit). */
  readonly processLimit: number | null;
  readonly command: string;
  /** The `-o name=value` settings. */
  readonly params: ReadonlyMap<string, string>;
}

function isBlank(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
}

/** argv_splitq(text, " \t\r\n", "{}"): split at blanks, but not inside {...}. */
export function splitQuoted(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && isBlank(text[i])) i++;
    if (i >= n) break;
    const start = i;
    let level = 0;
    for (; i < n; i++) {
      const ch = text[i];
      if (ch === '{') level++;
      else if (level > 0 && ch === '}') level--;
      else if (level === 0 && isBlank(ch)) break;
    }
    out.push(text.slice(start, i));
    if (i < n) i++;
  }
  return out;
}

/** balpar(): length of the balanced `{...}` at the start of text, 0 when unbalanced. */
function balancedLength(text: string): number {
  let level = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '{') level++;
    else if (text[i] === '}' && --level === 0) return i + 1;
  }
  return 0;
}

function trimBlanks(text: string): string {
  let a = 0;
  let b = text.length;
  while (a < b && isSpace(text[a])) a++;
  while (b > a && isSpace(text[b - 1])) b--;
  return text.slice(a, b);
}

/** extpar(..., "{}", STRIP): the text inside the braces, and a warning when malformed. */
function extractBraces(arg: string, warn: (t: string) => void): string {
  const len = balancedLength(arg);
  if (len === 0) {
    warn(MASTER_CF_POSTCONF_TEXT.braceProblem(MASTER_CF_POSTCONF_TEXT.missingBrace(arg)));
    return trimBlanks(arg.slice(1));
  }
  if (len < arg.length) warn(MASTER_CF_POSTCONF_TEXT.braceProblem(MASTER_CF_POSTCONF_TEXT.syntaxAfterBrace(arg)));
  return trimBlanks(arg.slice(1, len - 1));
}

/** pcf_normalize_daemon_args() on fields 8.. of argv (in place). */
export function normalizeDaemonArgs(argv: string[], warn: (t: string) => void): void {
  let field = 8;
  for (; field < argv.length; field++) {
    const arg = argv[field] ?? '';
    if (arg[0] !== '-' || arg === '--') break;
    // Split "-stuffozz" into "-stuff" and "-ozz".
    const o = arg.indexOf('o', 2);
    if (o > 1) {
      argv.splice(field + 1, 0, `-${arg.slice(o)}`);
      argv[field] = arg.slice(0, o);
    }
    const cur = argv[field] ?? '';
    if (cur[1] !== 'o') continue;
    let extract: boolean;
    if (cur.length > 2) {
      argv.splice(field + 1, 0, cur.slice(2));
      argv[field] = cur.slice(0, 2);
      field += 1;
      extract = (argv[field] ?? '')[0] === '{';
    } else if (field + 1 < argv.length) {
      field += 1;
      extract = (argv[field] ?? '')[0] === '{';
    } else {
      extract = false;
    }
    if (extract) {
      const inner = extractBraces(argv[field] ?? '', warn);
      argv[field] = inner;
      if ((argv[field - 1] ?? '')[1] === 'o') {
        const nv = splitNameValue(inner);
        if (nv.ok) argv[field] = `${nv.name}=${nv.value}`;
        else warn(MASTER_CF_POSTCONF_TEXT.nameValue(nv.error, inner));
      }
    }
  }
  for (; field < argv.length; field++) {
    const arg = argv[field] ?? '';
    if (arg[0] === '{') argv[field] = extractBraces(arg, warn);
  }
}

/** The `-o name=value` settings of a normalized argv. */
export function daemonParams(argv: readonly string[]): Map<string, string> {
  const params = new Map<string, string>();
  for (let field = 8; field < argv.length; field++) {
    const arg = argv[field] ?? '';
    if (arg[0] !== '-' || arg === '--') break;
    const next = argv[field + 1];
    if (arg === '-o' && next !== undefined) {
      const nv = splitNameValue(next);
      if (nv.ok) params.set(nv.name, nv.value);
      field += 1;
    }
  }
  return params;
}

/** pcf_check_master_entry(): the postconf field checks; returns the fatal text or null. */
export function checkEntryFields(argv: readonly string[], rawText: string): string | null {
  const text = rawText.replace(/\n/g, ' ');
  const type = argv[1] ?? '';
  if (!MASTER_TYPES.includes(type)) return MASTER_CF_POSTCONF_TEXT.invalidField('type', type, text);
  for (let f = 2; f <= 4; f++) {
    const v = argv[f] ?? '';
    if (v.length !== 1 || !'yn-'.includes(v)) return MASTER_CF_POSTCONF_TEXT.invalidField(MASTER_FIELD_NAMES[f] ?? '', v, text);
  }
  const wakeup = argv[5] ?? '';
  const w = wakeup.endsWith('?') ? wakeup.slice(0, -1) : wakeup;
  if (!(wakeup === '-' || /^[0-9]*$/.test(w))) return MASTER_CF_POSTCONF_TEXT.invalidField('wakeup', wakeup, text);
  const maxproc = argv[6] ?? '';
  if (maxproc !== '-' && !/^[0-9]*$/.test(maxproc)) return MASTER_CF_POSTCONF_TEXT.invalidField('process_limit', maxproc, text);
  return null;
}

export type ParsedEntry = { readonly ok: true; readonly entry: MasterEntry } | { readonly ok: false; readonly error: string };

/** pcf_parse_master_entry(): one logical line to an entry (warnings via `warn`). */
export function parseMasterEntry(text: string, firstLine: number, lastLine: number, warn: (t: string) => void): ParsedEntry {
  const c = cString(text);
  const argv = splitQuoted(c);
  if (argv.length < 8) return { ok: false, error: 'bad field count' };
  const bad = checkEntryFields(argv, c);
  if (bad !== null) return { ok: false, error: bad };
  normalizeDaemonArgs(argv, warn);
  const name = argv[0] ?? '';
  const type = argv[1] ?? '';
  return {
    ok: true,
    entry: { argv, name, type, namespace: `${name}/${type}`, params: daemonParams(argv), firstLine, lastLine, text: c },
  };
}

/** A parsed master.cf. Never throws; problems are data. */
export class MasterCf {
  readonly text: string;
  readonly path: string;
  readonly entries: readonly MasterEntry[];
  /** Warnings (no program prefix) in the order postconf prints them while reading. */
  readonly warnings: readonly string[];
  /** postconf's fatal error (no program prefix), or null. Entries before it are kept. */
  readonly fatal: string | null;

  private constructor(text: string, path: string) {
    this.text = text;
    this.path = path;
    const warnings: string[] = [];
    const entries: MasterEntry[] = [];
    let fatal: string | null = null;
    const { lines, skipped } = readLogicalLines(text);
    let s = 0;
    for (const line of lines) {
      while (s < skipped.length && (skipped[s]?.firstLine ?? 0) < line.firstLine) {
        warnings.push(MAIN_CF_TEXT.leadingWhitespace(path, skipped[s]?.text ?? ''));
        s++;
      }
      const r = parseMasterEntry(line.text, line.firstLine, line.lastLine, (t) => warnings.push(t));
      if (!r.ok) {
        fatal = r.error === 'bad field count' ? MASTER_CF_POSTCONF_TEXT.badFieldCount(path, line.firstLine) : r.error;
        break;
      }
      entries.push(r.entry);
    }
    if (fatal === null) for (; s < skipped.length; s++) warnings.push(MAIN_CF_TEXT.leadingWhitespace(path, skipped[s]?.text ?? ''));
    this.entries = entries;
    this.warnings = warnings;
    this.fatal = fatal;
  }

  static parse(text: string, options: { path?: string } = {}): MasterCf {
    return new MasterCf(typeof text === 'string' ? text : '', options.path ?? MASTER_CF_PATH);
  }

  /** The last entry with this name and type (the one master(8) uses). */
  find(name: string, type: string): MasterEntry | undefined {
    let found: MasterEntry | undefined;
    for (const e of this.entries) if (e.name === name && e.type === type) found = e;
    return found;
  }

  /** The services master(8) runs: later entries with the same name/type replace earlier ones. */
  services(): MasterService[] {
    const byKey = new Map<string, MasterEntry>();
    for (const e of this.entries) {
      byKey.delete(e.namespace);
      byKey.set(e.namespace, e);
    }
    return [...byKey.values()].map(toService);
  }

  /** The effective service for `name/type`, or undefined. */
  service(name: string, type: string): MasterService | undefined {
    const e = this.find(name, type);
    return e === undefined ? undefined : toService(e);
  }

  /** Errors master(8) itself reports when it reads this file ([facts] §6). */
  daemonErrors(): string[] {
    const out: string[] = [];
    for (const e of this.entries) {
      if (e.type === 'inet' && (e.argv[2] === 'y' || e.argv[2] === '-'))
        out.push(MASTER_CF_DAEMON_TEXT.inetPrivate(this.path, e.firstLine));
    }
    return out;
  }
}

function flag(value: string | undefined, dflt: boolean): boolean {
  return value === '-' || value === undefined ? dflt : value === 'y';
}

function toService(e: MasterEntry): MasterService {
  const wakeupRaw = e.argv[5] ?? '-';
  const wakeupDigits = wakeupRaw.endsWith('?') ? wakeupRaw.slice(0, -1) : wakeupRaw;
  const wakeup = wakeupRaw === '-' ? 0 : Number.parseInt(wakeupDigits === '' ? '0' : wakeupDigits, 10);
  const maxproc = e.argv[6] ?? '-';
  return {
    entry: e,
    name: e.name,
    type: e.type,
    private: flag(e.argv[2], true),
    unprivileged: flag(e.argv[3], true),
    chroot: flag(e.argv[4], false),
    wakeup: Number.isFinite(wakeup) ? wakeup : 0,
    wakeupConditional: wakeup > 0 && wakeupRaw.endsWith('?'),
    processLimit: maxproc === '-' ? null : Number.parseInt(maxproc === '' ? '0' : maxproc, 10),
    command: e.argv[7] ?? '',
    params: e.params,
  };
}

/** Exposed for the bad-transport check of master(8) ([facts] §6). */
export function daemonTypeError(path: string, line: number, type: string): string | null {
  return type === 'inet' || type === 'unix' || type === 'unix-dgram' || type === 'fifo' || type === 'pass'
    ? null
    : MASTER_CF_DAEMON_TEXT.badTransport(path, line, type);
}
