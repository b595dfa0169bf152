/**
 * `$name` expansion as Postfix 3.7 does it (`util/mac_parse.c`, `util/mac_expand.c`,
 * `global/compat_level.c`), re-implemented from the documented rules and checked against
 * the real postconf (tests/engine/config/expand.test.ts, tests/engine/postconf/golden).
 *
 * Forms: `$name`, `${name}`, `$(name)`, `$$` (a literal `$`), `${name?text}`, `${name:text}`,
 * `${name?{text}}`, `${name:{text}}`, `${name?{t}:{f}}`, and relational expressions
 * `${{a} op {b}}`, `${{a} op {b} ? {t} : {f}}` with op one of `== != < <= > >=` (numeric when
 * both sides are all digits, else string order), or the same with the `level` suffix
 * (`<level`, ...) comparing compatibility levels such as `3.6`.
 *
 * Postfix stops expanding at the first syntax error (the rest of the result is lost) and
 * reports it as a warning; the callers decide whether that is fatal (postconf: "macro
 * processing error"). Nesting deeper than 100 is an error, as in Postfix. Unlike Postfix,
 * expansion here also gives up (as a nesting error) when the work explodes (too many
 * references or a huge result), so that no configuration can hang the simulator.
 */
import { cString, isSpace } from './cf-syntax.ts';
import { MACRO_TEXT } from './messages.ts';

/** How a name is looked up: to use its value, or only to test it (`${name?...}`). */
export type LookupMode = 'use' | 'test';

/** Returns the raw value of a parameter, or `undefined` when it is not defined. */
export type MacroLookup = (name: string, mode: LookupMode) => string | undefined;

export interface ExpandOptions {
  /** Expand `$name` inside looked-up values too (postconf, daemons). Default true. */
  readonly recursive?: boolean;
  /** Only visit the names (both branches of conditionals); produce no text. */
  readonly scan?: boolean;
  /** Receives each warning text (without program prefix), in order. */
  readonly warn?: (text: string) => void;
}

export interface ExpandResult {
  /** The expansion (what Postfix has in its buffer, which is partial after an error). */
  readonly value: string;
  /** A syntax error or unreasonable nesting was found (MAC_PARSE_ERROR). */
  readonly error: boolean;
  /** Some `$name` was not defined (MAC_PARSE_UNDEF). */
  readonly undefinedSeen: boolean;
}

const ERROR = 1;
const UNDEF = 2;

/** Work limits of the simulator (Postfix itself has only the nesting limit of 100). */
const MAX_CALLBACKS = 100_000;
const MAX_RESULT = 1 << 20;
const MAX_CONTEXTS = 64;

interface Shared {
  callbacks: number;
  contexts: number;
  readonly lookup: MacroLookup;
  readonly recursive: boolean;
  readonly scan: boolean;
  readonly warn: (text: string) => void;
}

interface Context {
  result: string;
  status: number;
  level: number;
  readonly shared: Shared;
}

function isAlnum(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function spanSpaces(text: string, from: number): number {
  let i = from;
  while (i < text.length && isSpace(text[i])) i++;
  return i - from;
}

function parseError(mc: Context, text: string): number {
  mc.shared.warn(text);
  mc.status |= ERROR;
  return mc.status;
}

type LiteralOrName = 'literal' | 'name';

/** mac_parse(): splits `value` into literal text and macro references. */
function macParse(value: string, mc: Context, action: (type: LiteralOrName, text: string, mc: Context) => number): number {
  const text = cString(value);
  let status = 0;
  let buf = '';
  let i = 0;
  outer: while (i < text.length) {
    const ch = text[i];
    if (ch !== '$') {
      buf += ch;
      i += 1;
      continue;
    }
    if (text[i + 1] === '$') {
      buf += '$';
      i += 2;
      continue;
    }
    if (buf.length > 0) {
      status |= action('literal', buf, mc);
      buf = '';
    }
    i += 1;
    const open = text[i];
    if (open === '{' || open === '(') {
      const close = open === '{' ? '}' : ')';
      let level = 1;
      let j = i + 1;
      while (level > 0) {
        const c = text[j];
        if (c === undefined) {
          mc.shared.warn(MACRO_TEXT.truncated(text));
          status |= ERROR;
          break outer;
        }
        if (c === open) level++;
        if (c === close) level--;
        j++;
      }
      buf = text.slice(i + 1, j - 1);
      i = j;
    } else {
      let j = i;
      while (j < text.length && (isAlnum(text[j]) || text[j] === '_')) j++;
      buf = text.slice(i, j);
      i = j;
    }
    if (buf.length === 0) {
      status |= ERROR;
      mc.shared.warn(MACRO_TEXT.emptyName(text));
      break;
    }
    status |= action('name', buf, mc);
    buf = '';
  }
  if (buf.length > 0 && (status & ERROR) === 0) status |= action('literal', buf, mc);
  return status;
}

/** A compatibility level as a comparable tuple, or null when malformed. */
export function parseCompatLevel(text: string): readonly [number, number, number] | null {
  const m = /^(\d+)(?:\.(\d+)(?:\.(\d+))?)?$/.exec(text);
  if (m === null) return null;
  const parts = [m[1], m[2], m[3]].map((p) => (p === undefined ? 0 : Number.parseInt(p, 10)));
  if (parts.some((p) => !Number.isSafeInteger(p))) return null;
  return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0];
}

function compareTuples(a: readonly number[], b: readonly number[]): number {
  for (let k = 0; k < Math.max(a.length, b.length); k++) {
    const d = (a[k] ?? 0) - (b[k] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function allDigits(text: string): boolean {
  return /^[0-9]+$/.test(text);
}

function compareNumbers(a: string, b: string): number {
  const x = a.replace(/^0+(?=.)/, '');
  const y = b.replace(/^0+(?=.)/, '');
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

type RelOp = '==' | '!=' | '<' | '<=' | '>=' | '>';

function relopHolds(op: RelOp, delta: number): boolean {
  switch (op) {
    case '==':
      return delta === 0;
    case '!=':
      return delta !== 0;
    case '<':
      return delta < 0;
    case '<=':
      return delta <= 0;
    case '>=':
      return delta >= 0;
    case '>':
      return delta > 0;
  }
}

function asRelOp(text: string): RelOp | null {
  switch (text) {
    case '==':
    case '!=':
    case '<':
    case '<=':
    case '>=':
    case '>':
      return text;
    default:
      return null;
  }
}

/** Evaluates a relational operator; null means an evaluation error (already warned). */
function evalRelop(op: RelOp, suffix: string, left: string, right: string, warn: (t: string) => void): boolean | null {
  if (suffix === 'level') {
    const l = parseCompatLevel(left);
    if (l === null) {
      warn(MACRO_TEXT.badCompatLevel(left));
      return null;
    }
    const r = parseCompatLevel(right);
    if (r === null) {
      warn(MACRO_TEXT.badCompatLevel(right));
      return null;
    }
    return relopHolds(op, compareTuples(l, r));
  }
  const delta = allDigits(left) && allDigits(right) ? compareNumbers(left, right) : left < right ? -1 : left > right ? 1 : 0;
  return relopHolds(op, delta);
}

/** Cursor over the text of one `${...}` expression. */
interface Cursor {
  readonly text: string;
  pos: number;
}

function rest(c: Cursor): string {
  return c.text.slice(c.pos);
}

function findLeftCurly(c: Cursor): boolean {
  const n = spanSpaces(c.text, c.pos);
  if (c.text[c.pos + n] === '{') {
    c.pos += n;
    return true;
  }
  return false;
}

/** Extracts `{...}` at the cursor (balanced), skipping blanks after it; null after a warning. */
function extractCurly(mc: Context, c: Cursor): string | null {
  const start = c.pos;
  let level = 1;
  let j = start + 1;
  for (;;) {
    const ch = c.text[j];
    if (ch === undefined) {
      parseError(mc, MACRO_TEXT.unbalanced(c.text.slice(start)));
      return null;
    }
    if (ch === '{') level++;
    else if (ch === '}' && --level <= 0) break;
    j++;
  }
  const payload = c.text.slice(start + 1, j);
  c.pos = j + 1;
  c.pos += spanSpaces(c.text, c.pos);
  return payload;
}

const OPERATOR_CHARS = '<>!=?+-*/~&|%';

/** Parses `{a} op {b}` at the cursor; returns the fake lookup result, or null on error. */
function parseRelational(mc: Context, c: Cursor): { value: string | undefined } | null {
  const left = extractCurly(mc, c);
  if (left === null) return null;
  const opPos = c.pos;
  let opLen = 0;
  while (opPos + opLen < c.text.length && OPERATOR_CHARS.includes(c.text[opPos + opLen] ?? '\0')) opLen++;
  const op = asRelOp(c.text.slice(opPos, opPos + opLen));
  if (op === null) {
    parseError(mc, MACRO_TEXT.operatorExpected(left, rest(c)));
    return null;
  }
  c.pos += opLen;
  let suffix = '';
  if (isAlnum(c.text[c.pos])) {
    let n = 1;
    while (isAlnum(c.text[c.pos + n])) n++;
    suffix = c.text.slice(c.pos, c.pos + n);
    c.pos += n;
    if (suffix !== 'level') {
      parseError(mc, MACRO_TEXT.badSuffix(c.text.slice(opPos, opPos + opLen), suffix));
      return null;
    }
  }
  if (!findLeftCurly(c)) {
    parseError(mc, MACRO_TEXT.expressionExpected(left, c.text.slice(opPos, opPos + opLen), rest(c)));
    return null;
  }
  const right = extractCurly(mc, c);
  if (right === null) return null;
  const l = runExpand(left, mc.shared);
  const r = runExpand(right, mc.shared);
  mc.status |= l.status | r.status;
  let verdict: boolean | null = false;
  if (!mc.shared.scan) {
    verdict = evalRelop(op, suffix, l.result, r.result, mc.shared.warn);
    if (verdict === null) mc.status |= ERROR;
  }
  if ((mc.status & ERROR) !== 0) return null;
  if (mc.shared.scan) return { value: undefined };
  return { value: verdict === true ? 'true' : '' };
}

function appendResult(mc: Context, text: string): void {
  mc.result += text;
  if (mc.result.length > MAX_RESULT) parseError(mc, MACRO_TEXT.nesting(text.slice(0, 40)));
}

/** mac_expand_callback(). */
function callback(type: LiteralOrName, buf: string, mc: Context): number {
  const shared = mc.shared;
  if (mc.level++ > 100 || ++shared.callbacks > MAX_CALLBACKS) parseError(mc, MACRO_TEXT.nesting(buf));
  if ((mc.status & ERROR) !== 0) return mc.status;

  if (type === 'literal') {
    if (!shared.scan) appendResult(mc, buf);
    mc.level--;
    return mc.status;
  }

  const c: Cursor = { text: buf, pos: 0 };
  let lookup: string | undefined;
  let ch: string | undefined;
  if (findLeftCurly(c)) {
    const rel = parseRelational(mc, c);
    if (rel === null) return mc.status;
    lookup = rel.value;
    ch = c.text[c.pos];
    if (ch !== undefined) {
      if (ch !== '?' && ch !== ':') return parseError(mc, MACRO_TEXT.condExpected(rest(c)));
      c.pos++;
    }
  } else {
    c.pos += spanSpaces(c.text, c.pos);
    const start = c.pos;
    let mode: LookupMode;
    let name: string;
    for (;;) {
      const tmp = spanSpaces(c.text, c.pos);
      ch = c.text[c.pos + tmp];
      if (ch === undefined) {
        name = c.text.slice(start, c.pos);
        c.pos += tmp;
        mode = 'use';
        break;
      }
      if (ch === '?' || ch === ':') {
        name = c.text.slice(start, c.pos);
        c.pos += tmp + 1;
        mode = 'test';
        break;
      }
      const here = c.text[c.pos];
      if (!isAlnum(here) && here !== '_') {
        return parseError(mc, MACRO_TEXT.nameSyntax(c.text.slice(0, c.pos), rest(c)));
      }
      c.pos++;
    }
    lookup = shared.lookup(name, mode);
  }

  if (ch === '?' || ch === ':') {
    if (ch === '?') {
      let ifTrue: string;
      if (findLeftCurly(c)) {
        const p = extractCurly(mc, c);
        if (p === null) return mc.status;
        ifTrue = p;
      } else {
        ifTrue = rest(c);
        c.pos = c.text.length;
      }
      if ((lookup !== undefined && lookup !== '') || shared.scan) mc.status |= macParse(ifTrue, mc, callback);
      if (c.pos >= c.text.length) {
        mc.level--;
        return mc.status;
      }
      if (c.text[c.pos] !== ':') return parseError(mc, MACRO_TEXT.colonExpected(ifTrue, rest(c)));
      c.pos += 1;
    }
    let ifFalse: string;
    if (findLeftCurly(c)) {
      const p = extractCurly(mc, c);
      if (p === null) return mc.status;
      ifFalse = p;
    } else {
      ifFalse = rest(c);
      c.pos = c.text.length;
    }
    if (lookup === undefined || lookup === '' || shared.scan) mc.status |= macParse(ifFalse, mc, callback);
    if (c.pos < c.text.length) return parseError(mc, MACRO_TEXT.unexpectedInput(ifFalse, rest(c)));
  } else if (lookup === undefined) {
    mc.status |= UNDEF;
  } else if (lookup === '' || shared.scan) {
    // nothing to add
  } else if (shared.recursive) {
    mc.status |= macParse(lookup, mc, callback);
  } else {
    appendResult(mc, lookup);
  }
  mc.level--;
  return mc.status;
}

function runExpand(pattern: string, shared: Shared): { result: string; status: number } {
  const mc: Context = { result: '', status: 0, level: 0, shared };
  if (++shared.contexts > MAX_CONTEXTS) {
    shared.contexts--;
    shared.warn(MACRO_TEXT.nesting(cString(pattern).slice(0, 40)));
    return { result: '', status: ERROR };
  }
  const status = macParse(pattern, mc, callback) | mc.status;
  shared.contexts--;
  return { result: mc.result, status };
}

/** mac_expand(): expands `pattern`, looking names up with `lookup`. Never throws. */
export function expandMacros(pattern: string, lookup: MacroLookup, options: ExpandOptions = {}): ExpandResult {
  const warnings = options.warn ?? (() => undefined);
  const shared: Shared = {
    callbacks: 0,
    contexts: 0,
    lookup,
    recursive: options.recursive ?? true,
    scan: options.scan ?? false,
    warn: warnings,
  };
  const { result, status } = runExpand(pattern, shared);
  return { value: options.scan === true ? '' : result, error: (status & ERROR) !== 0, undefinedSeen: (status & UNDEF) !== 0 };
}

/**
 * Visits every `$name` in `pattern`, including both branches of conditionals (MAC_EXP_FLAG_SCAN),
 * without expanding anything. Returns whether a syntax error was found.
 */
export function scanMacros(pattern: string, visit: (name: string) => void, warn?: (text: string) => void): boolean {
  const r = expandMacros(
    pattern,
    (name) => {
      visit(name);
      return undefined;
    },
    { scan: true, recursive: false, ...(warn === undefined ? {} : { warn }) },
  );
  return r.error;
}
