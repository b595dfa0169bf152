/**
 * bash 5.2's printf builtin, the formatting part: the format's backslash escapes, `%` conversions with
 * flags, width and precision (`*` takes an argument), and the format used again while arguments remain.
 * Works on bytes, as bash does: widths count bytes, `\NNN` writes one byte. Checked against bash 5.2.15
 * (tests/shell/golden/tools.golden.json).
 */
import {
  MSG_MISSING_HEX_DIGIT,
  msgInvalidFormatCharacter,
  msgInvalidNumber,
  msgMissingFormatCharacter,
  msgMissingUnicodeDigit,
  msgOutOfRange,
} from '../messages.ts';
import { formatFloat, formatInteger, parseFloatArg, parseInteger, type Spec } from './printf-numbers.ts';
import { allPrintable, utf8Bytes } from './utf8.ts';

export interface PrintfResult {
  readonly bytes: number[];
  /** bash's messages, in order, without the `bash: printf: ` prefix. */
  readonly errors: string[];
  /** 0, or 1 after a bad number or a bad conversion. */
  readonly status: number;
}

const ch = (s: string): number => s.charCodeAt(0);
/** Appends without spreading (a mebibyte-wide field would overflow the call stack). */
function append(out: number[], more: readonly number[]): void {
  for (const b of more) out.push(b);
}
const BACKSLASH = ch('\\');
const PERCENT = ch('%');
const isOctal = (b: number | undefined): b is number => b !== undefined && b >= 0x30 && b <= 0x37;
const hexValue = (b: number | undefined): number => {
  if (b === undefined) return -1;
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  if (b >= 0x61 && b <= 0x66) return b - 0x61 + 10;
  if (b >= 0x41 && b <= 0x46) return b - 0x41 + 10;
  return -1;
};
const SIMPLE_ESCAPES: Readonly<Record<string, number>> = { a: 7, b: 8, e: 27, E: 27, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 };

interface Escape {
  /** The bytes it stands for. */
  readonly out: number[];
  /** How many bytes after the backslash it used. */
  readonly used: number;
  /** `\c` in a `%b` argument: no more output at all. */
  readonly stop?: boolean;
}

/**
 * One backslash escape at `b[i]` (the byte after the backslash). `inArg`: a `%b` argument, where octal is
 * `\0NNN` (or `\NNN`), `\c` stops, and `\'`, `\"`, `\?` keep their backslash.
 */
function escape(b: readonly number[], i: number, inArg: boolean, errors: string[]): Escape {
  const c = b[i];
  if (c === undefined) return { out: [BACKSLASH], used: 0 };
  const s = String.fromCharCode(c);
  const simple = SIMPLE_ESCAPES[s];
  if (simple !== undefined) return { out: [simple], used: 1 };
  if (isOctal(c)) {
    let v = c - 0x30;
    let k = i + 1;
    for (let more = 2 + (v === 0 && inArg ? 1 : 0); more > 0 && isOctal(b[k]); more--, k++) v = v * 8 + ((b[k] ?? 0x30) - 0x30);
    return { out: [v & 0xff], used: k - i };
  }
  if (s === 'x') {
    let v = 0;
    let k = i + 1;
    for (let more = 2; more > 0 && hexValue(b[k]) >= 0; more--, k++) v = v * 16 + hexValue(b[k]);
    if (k === i + 1) {
      errors.push(MSG_MISSING_HEX_DIGIT);
      return { out: [BACKSLASH], used: 0 };
    }
    return { out: [v & 0xff], used: k - i };
  }
  if (s === 'u' || s === 'U') {
    let v = 0;
    let k = i + 1;
    for (let more = s === 'u' ? 4 : 8; more > 0 && hexValue(b[k]) >= 0; more--, k++) v = v * 16 + hexValue(b[k]);
    if (k === i + 1) {
      errors.push(msgMissingUnicodeDigit(s));
      return { out: [BACKSLASH], used: 0 };
    }
    return { out: v <= 0x7f ? [v] : v > 0x10ffff ? [] : utf8Bytes(String.fromCodePoint(v)), used: k - i };
  }
  if (s === "'" || s === '"' || s === '?') return inArg ? { out: [BACKSLASH], used: 0 } : { out: [c], used: 1 };
  if (s === 'c' && inArg) return { out: [], used: 1, stop: true };
  return { out: [BACKSLASH], used: 0 };
}

/** A `%b` argument with its escapes expanded; `stop` after `\c`. */
function expandArg(arg: string, errors: string[]): { bytes: number[]; stop: boolean } {
  const b = utf8Bytes(arg);
  const out: number[] = [];
  for (let i = 0; i < b.length; i++) {
    const c = b[i] as number;
    if (c !== BACKSLASH) {
      out.push(c);
      continue;
    }
    const e = escape(b, i + 1, true, errors);
    append(out, e.out);
    if (e.stop === true) return { bytes: out, stop: true };
    i += e.used;
  }
  return { bytes: out, stop: false };
}

/** Characters printf `%q` puts a backslash before (bash's shell-quoting table). */
const QUOTE_CHARS = new Set(' \t\n!"$&\'()*,;<>?[\\]^`{|}'.split('').map(ch));

/** bash's `%q`: backslashes, or `$'...'` when the argument holds a character that does not print. */
function quote(arg: string): number[] {
  const b = utf8Bytes(arg);
  if (b.length === 0) return utf8Bytes("''");
  if (!allPrintable(b)) {
    const out = utf8Bytes("$'");
    const named: Readonly<Record<number, string>> = {
      7: 'a',
      8: 'b',
      27: 'E',
      12: 'f',
      10: 'n',
      13: 'r',
      9: 't',
      11: 'v',
      92: '\\',
      39: "'",
    };
    for (let i = 0; i < b.length; i++) {
      const c = b[i] as number;
      const n = named[c];
      if (n !== undefined) out.push(BACKSLASH, ch(n));
      else if (c >= 0x20 && c < 0x7f) out.push(c);
      else if (c >= 0x80 && allPrintable(leadingSequence(b, i))) {
        const seq = leadingSequence(b, i);
        append(out, seq);
        i += seq.length - 1;
      } else append(out, utf8Bytes(`\\${c.toString(8).padStart(3, '0')}`));
    }
    out.push(ch("'"));
    return out;
  }
  const out: number[] = [];
  b.forEach((c, i) => {
    const prev = b[i - 1];
    if (QUOTE_CHARS.has(c) || (c === ch('#') && i === 0) || (c === ch('~') && (i === 0 || prev === ch(':') || prev === ch('='))))
      out.push(BACKSLASH);
    out.push(c);
  });
  return out;
}

/** The UTF-8 sequence that starts at `i` (by its lead byte), for `$'...'`'s printable multibyte characters. */
function leadingSequence(b: readonly number[], i: number): number[] {
  const x = b[i] ?? 0;
  const len = x >= 0xf0 ? 4 : x >= 0xe0 ? 3 : x >= 0xc0 ? 2 : 1;
  return b.slice(i, i + len);
}

/** `%s`-style output of bytes: precision cuts, width pads with spaces. */
function padBytes(b: readonly number[], spec: Spec): number[] {
  const cut = spec.precision === null ? [...b] : b.slice(0, spec.precision);
  if (cut.length >= spec.width) return cut;
  const fill = new Array<number>(spec.width - cut.length).fill(0x20);
  return spec.minus ? [...cut, ...fill] : [...fill, ...cut];
}

const FLAGS = "#'-+ 0";
/**
 * lab: the widest field and the longest precision printed. bash would write what it is asked for (a
 * gigabyte of spaces for `%999999999d`); the lab stops at a mebibyte so the page stays usable.
 */
const MAX_FIELD = 1 << 20;
const LENGTH_MODIFIERS = 'hjlLtz';

/** Runs the format over the arguments. */
export function formatPrintf(format: string, args: readonly string[]): PrintfResult {
  const f = utf8Bytes(format);
  const out: number[] = [];
  const errors: string[] = [];
  let status = 0;
  let next = 0;
  const take = (): string | null => (next < args.length ? (args[next++] ?? '') : null);
  const badNumber = (arg: string): void => {
    errors.push(msgInvalidNumber(arg));
    status = 1;
  };
  const rangeWarning = (arg: string): void => {
    errors.push(msgOutOfRange(arg));
  };
  const intArg = (unsigned: boolean): bigint => {
    const a = take();
    if (a === null || a === '') return 0n;
    if (a.startsWith("'") || a.startsWith('"')) return BigInt(a.codePointAt(1) ?? 0);
    const p = parseInteger(a, unsigned);
    if (!p.complete) badNumber(a);
    else if (p.range) rangeWarning(a);
    return p.value;
  };
  /** `*` width or precision: an int argument. */
  const starArg = (): number => {
    const v = intArg(false);
    const max = 2147483647n;
    return Number(v > max ? max : v < -max - 1n ? -max - 1n : v);
  };

  for (;;) {
    const before = next;
    for (let i = 0; i < f.length; i++) {
      const c = f[i] as number;
      if (c === BACKSLASH) {
        const e = escape(f, i + 1, false, errors);
        append(out, e.out);
        i += e.used;
        continue;
      }
      if (c !== PERCENT) {
        out.push(c);
        continue;
      }
      if (f[i + 1] === PERCENT) {
        out.push(PERCENT);
        i++;
        continue;
      }
      const start = i;
      let k = i + 1;
      const flags = new Set<string>();
      while (k < f.length && FLAGS.includes(String.fromCharCode(f[k] ?? 0))) flags.add(String.fromCharCode(f[k++] ?? 0));
      let width = 0;
      let minus = flags.has('-');
      if (f[k] === ch('*')) {
        k++;
        width = starArg();
        if (width < 0) {
          minus = true;
          width = -width;
        }
      } else
        while (f[k] !== undefined && (f[k] ?? 0) >= 0x30 && (f[k] ?? 0) <= 0x39)
          width = Math.min(width * 10 + ((f[k++] ?? 0x30) - 0x30), 1e9);
      let precision: number | null = null;
      if (f[k] === ch('.')) {
        k++;
        if (f[k] === ch('*')) {
          k++;
          const p = starArg();
          precision = p < 0 ? null : p;
        } else {
          precision = 0;
          while (f[k] !== undefined && (f[k] ?? 0) >= 0x30 && (f[k] ?? 0) <= 0x39)
            precision = Math.min(precision * 10 + ((f[k++] ?? 0x30) - 0x30), 1e9);
        }
      }
      while (k < f.length && LENGTH_MODIFIERS.includes(String.fromCharCode(f[k] ?? 0))) k++;
      const conv = f[k];
      if (conv === undefined) {
        errors.push(msgMissingFormatCharacter(String.fromCharCode(...f.slice(start))));
        return { bytes: out, errors, status: 1 };
      }
      const spec: Spec = {
        minus,
        plus: flags.has('+'),
        space: flags.has(' '),
        alt: flags.has('#'),
        zero: flags.has('0'),
        width: Math.min(width, MAX_FIELD),
        precision: precision === null ? null : Math.min(precision, MAX_FIELD),
      };
      const cs = String.fromCharCode(conv);
      i = k;
      switch (cs) {
        case 's':
          append(out, padBytes(utf8Bytes(take() ?? ''), spec));
          break;
        case 'c': {
          const a = utf8Bytes(take() ?? '');
          append(out, padBytes([a[0] ?? 0], { ...spec, precision: null }));
          break;
        }
        case 'b': {
          const x = expandArg(take() ?? '', errors);
          append(out, padBytes(x.bytes, spec));
          if (x.stop) return { bytes: out, errors, status };
          break;
        }
        case 'q':
          append(out, padBytes(quote(take() ?? ''), spec));
          break;
        case 'd':
        case 'i':
        case 'o':
        case 'u':
        case 'x':
        case 'X':
          append(out, utf8Bytes(formatInteger(intArg(cs !== 'd' && cs !== 'i'), cs, spec)));
          break;
        case 'e':
        case 'E':
        case 'f':
        case 'F':
        case 'g':
        case 'G':
        case 'a':
        case 'A': {
          const a = take();
          let v = { x: 0, negative: false };
          if (a !== null && a !== '') {
            if (a.startsWith("'") || a.startsWith('"')) v = { x: a.codePointAt(1) ?? 0, negative: false };
            else {
              const p = parseFloatArg(a);
              if (!p.complete) badNumber(a);
              else if (p.range) rangeWarning(a);
              v = p.value;
            }
          }
          append(out, utf8Bytes(formatFloat(v, cs, spec)));
          break;
        }
        default:
          errors.push(msgInvalidFormatCharacter(cs));
          return { bytes: out, errors, status: 1 };
      }
    }
    // The format is used again while arguments remain, if it took any.
    if (next >= args.length || next === before) break;
  }
  return { bytes: out, errors, status };
}
