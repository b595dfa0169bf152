/**
 * A tiny typed validator for JSON-like values, used in the browser instead of Zod (issue 12: Zod alone
 * was about 13 KB gzip of the lab page). It reports what the Zod 3 schemas it replaced reported, in
 * the same order and with Zod's default messages, so stored progress, share links, imported files and
 * predicate args are accepted, rejected and explained exactly as before: tests/lesson-runtime/
 * validate-vs-zod.test.ts runs both on random values. Lesson frontmatter keeps Zod (build time only).
 *
 * Only what those schemas use is here. Objects are always strict (unknown keys are an issue).
 */

export type Path = readonly (string | number)[];
export interface Issue {
  readonly path: Path;
  readonly message: string;
}

/** Zod's "aborted": the value's type was wrong, so refinements above it do not run. */
const ABORT: unique symbol = Symbol('abort');

/** Checks a value at `path`, appends its issues, and returns the value to keep (or ABORT). */
export interface Check<T> {
  (value: unknown, path: Path, issues: Issue[]): T | typeof ABORT;
  readonly optional?: true;
}

export type Infer<C> = C extends Check<infer T> ? T : never;

/** Zod 3's name for the type of a value (`received …` in its messages). */
function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isNaN(v) ? 'nan' : 'number';
  if (typeof v !== 'object') return typeof v;
  const o = v as { then?: unknown; catch?: unknown };
  if (typeof o.then === 'function' && typeof o.catch === 'function') return 'promise';
  return v instanceof Map ? 'map' : v instanceof Set ? 'set' : v instanceof Date ? 'date' : 'object';
}

function wrongType(expected: string, v: unknown, path: Path, issues: Issue[]): typeof ABORT {
  const got = typeOf(v);
  issues.push({ path, message: got === 'undefined' ? 'Required' : `Expected ${expected}, received ${got}` });
  return ABORT;
}

export function string(o: { min?: number; max?: number; pattern?: RegExp; patternMessage?: string } = {}): Check<string> {
  return (v, path, issues) => {
    if (typeof v !== 'string') return wrongType('string', v, path, issues);
    if (o.min !== undefined && v.length < o.min) issues.push({ path, message: `String must contain at least ${o.min} character(s)` });
    if (o.max !== undefined && v.length > o.max) issues.push({ path, message: `String must contain at most ${o.max} character(s)` });
    if (o.pattern !== undefined && !o.pattern.test(v)) issues.push({ path, message: o.patternMessage ?? 'Invalid' });
    return v;
  };
}

export function number(o: { int?: boolean; min?: number; max?: number } = {}): Check<number> {
  return (v, path, issues) => {
    if (typeof v !== 'number' || Number.isNaN(v)) return wrongType('number', v, path, issues);
    if (o.int === true && !Number.isInteger(v)) issues.push({ path, message: 'Expected integer, received float' });
    if (o.min !== undefined && v < o.min) issues.push({ path, message: `Number must be greater than or equal to ${o.min}` });
    if (o.max !== undefined && v > o.max) issues.push({ path, message: `Number must be less than or equal to ${o.max}` });
    return v;
  };
}

export const boolean: Check<boolean> = (v, path, issues) => (typeof v === 'boolean' ? v : wrongType('boolean', v, path, issues));

export const unknown: Check<unknown> = (v) => v;

export function literal<const T extends string | number>(want: T): Check<T> {
  return (v, path, issues) => {
    if (v === want) return want;
    issues.push({ path, message: `Invalid literal value, expected ${JSON.stringify(want)}` });
    return ABORT;
  };
}

/** Zod's `z.enum`. */
export function oneOf<const T extends readonly string[]>(options: T): Check<T[number]> {
  const list = options.map((x) => `'${x}'`).join(' | ');
  return (v, path, issues) => {
    if (typeof v !== 'string') return wrongType(list, v, path, issues);
    if (options.includes(v)) return v;
    issues.push({ path, message: `Invalid enum value. Expected ${list}, received '${v}'` });
    return ABORT;
  };
}

export function optional<T>(c: Check<T>): Check<T | undefined> & { readonly optional: true } {
  return Object.assign((v: unknown, path: Path, issues: Issue[]) => (v === undefined ? undefined : c(v, path, issues)), {
    optional: true as const,
  });
}

export function nullable<T>(c: Check<T>): Check<T | null> {
  return (v, path, issues) => (v === null ? null : c(v, path, issues));
}

type OptionalKeys<S> = { [K in keyof S]: S[K] extends { readonly optional: true } ? K : never }[keyof S];
export type ObjectOf<S> = { [K in Exclude<keyof S, OptionalKeys<S>>]: Infer<S[K]> } & {
  [K in OptionalKeys<S>]?: Infer<S[K]>;
} extends infer O
  ? { [K in keyof O]: O[K] }
  : never;

/** A strict object: every key of `shape` checked in order, then any other key reported. */
export function object<S extends Readonly<Record<string, Check<unknown>>>>(shape: S): Check<ObjectOf<S>> {
  const keys = Object.keys(shape);
  return (v, path, issues) => {
    if (typeOf(v) !== 'object') return wrongType('object', v, path, issues);
    const data = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    let aborted = false;
    for (const k of keys) {
      const r = (shape[k] as Check<unknown>)(data[k], [...path, k], issues);
      if (r === ABORT) aborted = true;
      else if (r !== undefined || k in data) out[k] = r;
    }
    const extra: string[] = [];
    // for…in, as Zod does: inherited enumerable keys count too
    for (const k in data) if (!keys.includes(k)) extra.push(`'${k}'`);
    if (extra.length > 0) issues.push({ path, message: `Unrecognized key(s) in object: ${extra.join(', ')}` });
    return aborted ? ABORT : (out as ObjectOf<S>);
  };
}

export function record<V>(key: Check<string>, value: Check<V>): Check<Record<string, V>> {
  return (v, path, issues) => {
    if (typeOf(v) !== 'object') return wrongType('object', v, path, issues);
    const data = v as Record<string, unknown>;
    const out: Record<string, V> = {};
    let aborted = false;
    for (const k in data) {
      const at = [...path, k];
      const rk = key(k, at, issues);
      const rv = value(data[k], at, issues);
      if (rk === ABORT || rv === ABORT) aborted = true;
      else if (k !== '__proto__') out[k] = rv;
    }
    return aborted ? ABORT : out;
  };
}

export function array<T>(item: Check<T>, o: { max?: number } = {}): Check<T[]> {
  return (v, path, issues) => {
    if (!Array.isArray(v)) return wrongType('array', v, path, issues);
    if (o.max !== undefined && v.length > o.max) issues.push({ path, message: `Array must contain at most ${o.max} element(s)` });
    const out: T[] = [];
    let aborted = false;
    [...(v as unknown[])].forEach((x, i) => {
      const r = item(x, [...path, i], issues);
      if (r === ABORT) aborted = true;
      else out.push(r);
    });
    return aborted ? ABORT : out;
  };
}

/** Zod's `.refine(ok, { message })`: runs unless the value's type was wrong. */
export function refine<T>(c: Check<T>, ok: (v: T) => boolean, message: string): Check<T> {
  return (v, path, issues) => {
    const r = c(v, path, issues);
    if (r !== ABORT && !ok(r)) issues.push({ path, message });
    return r;
  };
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: readonly Issue[] };

export function run<T>(c: Check<T>, value: unknown): Result<T> {
  const issues: Issue[] = [];
  const r = c(value, [], issues);
  return r === ABORT || issues.length > 0 ? { ok: false, issues } : { ok: true, value: r };
}

/** A check with Zod-like `parse` (throws) and `safeParse`. */
export interface Schema<T> {
  readonly check: Check<T>;
  parse(value: unknown): T;
  safeParse(value: unknown): Result<T>;
}

export function schema<T>(check: Check<T>): Schema<T> {
  return {
    check,
    parse(value) {
      const r = run(check, value);
      if (r.ok) return r.value;
      throw new Error(r.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    },
    safeParse: (value) => run(check, value),
  };
}
