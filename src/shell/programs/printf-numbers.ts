/**
 * The numeric side of bash 5.2's printf builtin: arguments read as strtoimax/strtoumax/strtold read them
 * (base prefixes, a leading quote giving a character's code, the part parsed before garbage), and C's
 * integer and floating-point conversions with their flags, width and precision (glibc's output).
 */

const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);
const UINT64_MAX = (1n << 64n) - 1n;

export interface Parsed<T> {
  readonly value: T;
  /** Whether the whole argument was a number (else bash says `invalid number`). */
  readonly complete: boolean;
  /** Out of range: clamped, and bash warns. */
  readonly range: boolean;
}

const isSpace = (c: string | undefined): boolean => c !== undefined && ' \t\n\v\f\r'.includes(c);

function digitValue(c: string | undefined): number {
  if (c === undefined) return 99;
  const d = parseInt(c, 36);
  return Number.isNaN(d) ? 99 : d;
}

/** strtoimax/strtoumax with base 0; `unsigned` wraps a negative value modulo 2^64 as strtoumax does. */
export function parseInteger(arg: string, unsigned: boolean): Parsed<bigint> {
  let i = 0;
  while (isSpace(arg[i])) i++;
  let neg = false;
  if (arg[i] === '+' || arg[i] === '-') {
    neg = arg[i] === '-';
    i++;
  }
  let base = 10;
  if (arg[i] === '0' && (arg[i + 1] === 'x' || arg[i + 1] === 'X') && digitValue(arg[i + 2]) < 16) {
    base = 16;
    i += 2;
  } else if (arg[i] === '0') base = 8;
  const start = i;
  let v = 0n;
  while (digitValue(arg[i]) < base) {
    v = v * BigInt(base) + BigInt(digitValue(arg[i]));
    i++;
  }
  if (i === start) return { value: 0n, complete: false, range: false };
  let range = false;
  if (unsigned) {
    if (v > UINT64_MAX) {
      v = UINT64_MAX;
      range = true;
    } else if (neg) v = (UINT64_MAX + 1n - v) & UINT64_MAX;
  } else {
    if (neg) v = -v;
    if (v > INT64_MAX) [v, range] = [INT64_MAX, true];
    else if (v < INT64_MIN) [v, range] = [INT64_MIN, true];
  }
  return { value: v, complete: i === arg.length, range };
}

/** A float as strtold reads it; `negative` keeps the sign of a NaN (`-nan`). */
export interface FloatValue {
  readonly x: number;
  readonly negative: boolean;
}

export function parseFloatArg(arg: string): Parsed<FloatValue> {
  let i = 0;
  while (isSpace(arg[i])) i++;
  let neg = false;
  if (arg[i] === '+' || arg[i] === '-') {
    neg = arg[i] === '-';
    i++;
  }
  const rest = arg.slice(i).toLowerCase();
  const sign = neg ? -1 : 1;
  const done = (x: number, end: number): Parsed<FloatValue> => ({
    value: { x, negative: neg },
    complete: end === arg.length,
    range: !Number.isFinite(x) && !Number.isNaN(x) && !rest.startsWith('inf'),
  });
  if (rest.startsWith('infinity')) return done(sign * Infinity, i + 8);
  if (rest.startsWith('inf')) return done(sign * Infinity, i + 3);
  if (rest.startsWith('nan')) return done(NaN, i + 3);
  if (/^0x[0-9a-f.]/.test(rest)) {
    const m = /^0x([0-9a-f]*)(?:\.([0-9a-f]*))?(?:p([+-]?\d+))?/.exec(rest);
    const int = m?.[1] ?? '';
    const frac = m?.[2] ?? '';
    if (int !== '' || frac !== '') {
      let x = 0;
      for (const c of int + frac) x = x * 16 + digitValue(c);
      x *= 2 ** (-4 * frac.length + Number(m?.[3] ?? 0));
      return done(sign * x, i + (m?.[0].length ?? 0));
    }
  }
  const m = /^(\d*)(\.\d*)?/.exec(rest);
  const body = m?.[0] ?? '';
  if (body === '' || body === '.') return { value: { x: 0, negative: false }, complete: false, range: false };
  let end = i + body.length;
  const e = /^[eE][+-]?\d+/.exec(arg.slice(end));
  if (e !== null) end += e[0].length;
  return done(sign * Number(arg.slice(i, end)), end);
}

export interface Spec {
  readonly minus: boolean;
  readonly plus: boolean;
  readonly space: boolean;
  readonly alt: boolean;
  readonly zero: boolean;
  readonly width: number;
  /** null: none given. */
  readonly precision: number | null;
}

/** Pads a converted number: `-` left-justifies, `0` fills between the sign/prefix and the digits. */
function pad(spec: Spec, prefix: string, digits: string, zeroOk: boolean): string {
  const len = prefix.length + digits.length;
  if (len >= spec.width) return prefix + digits;
  const fill = spec.width - len;
  if (spec.minus) return prefix + digits + ' '.repeat(fill);
  if (spec.zero && zeroOk) return prefix + '0'.repeat(fill) + digits;
  return ' '.repeat(fill) + prefix + digits;
}

/** `%d %i %o %u %x %X` of an intmax/uintmax value. */
export function formatInteger(v: bigint, conv: string, spec: Spec): string {
  const signed = conv === 'd' || conv === 'i';
  const u = signed ? (v < 0n ? -v : v) : v & UINT64_MAX;
  const base = conv === 'o' ? 8 : conv === 'x' || conv === 'X' ? 16 : 10;
  let digits = u.toString(base);
  if (conv === 'X') digits = digits.toUpperCase();
  if (spec.precision !== null) {
    if (spec.precision === 0 && u === 0n) digits = '';
    if (digits.length < spec.precision) digits = '0'.repeat(spec.precision - digits.length) + digits;
  }
  let prefix = '';
  if (signed) prefix = v < 0n ? '-' : spec.plus ? '+' : spec.space ? ' ' : '';
  if (spec.alt && conv === 'o' && !digits.startsWith('0')) digits = `0${digits}`;
  if (spec.alt && (conv === 'x' || conv === 'X') && u !== 0n) prefix = conv === 'x' ? '0x' : '0X';
  return pad(spec, prefix, digits, spec.precision === null);
}

/** toFixed with glibc's rounding of exact ties to even (`%.0f` of 0.5 is 0, of 2.5 is 2). */
function fixed(x: number, prec: number): string {
  if (x >= 1e21) return `${BigInt(x).toString()}${prec > 0 ? `.${'0'.repeat(prec)}` : ''}`;
  const p = Math.min(prec, 100);
  const extra = Math.min(100, p + 30);
  const long = x.toFixed(extra);
  const cut = long.length - (extra - p);
  let s = x.toFixed(p);
  if (extra > p && /^50*$/.test(long.slice(cut))) {
    // An exact tie: keep the truncated digits when the last one is even.
    const trunc = long.slice(0, p === 0 ? cut - 1 : cut);
    if (Number(trunc.slice(-1)) % 2 === 0) s = trunc;
  }
  return prec > 100 ? s + '0'.repeat(prec - 100) : s;
}

/** toExponential's digits and exponent, ties to even as in fixed(). */
function exponential(x: number, prec: number): { mant: string; exp: number } {
  const split = (s: string): { mant: string; exp: number } => {
    const k = s.indexOf('e');
    return { mant: s.slice(0, k), exp: Number(s.slice(k + 1)) };
  };
  const p = Math.min(prec, 100);
  let r = split(x.toExponential(p));
  if (p + 25 <= 100) {
    const l = split(x.toExponential(p + 25));
    const digits = l.mant.replace('.', '');
    const kept = digits.slice(0, p + 1);
    if (/^50*$/.test(digits.slice(p + 1)) && Number(kept.slice(-1)) % 2 === 0) {
      r = { mant: p === 0 ? kept : `${kept.slice(0, 1)}.${kept.slice(1)}`, exp: l.exp };
    }
  }
  return prec > 100 ? { mant: r.mant + '0'.repeat(prec - 100), exp: r.exp } : r;
}

function expText(exp: number): string {
  const a = Math.abs(exp);
  return `${exp < 0 ? '-' : '+'}${a < 10 ? '0' : ''}${a}`;
}

/** glibc's `%a` of an x86 long double: the leading hex digit holds four bits (1 is `0x8p-3`). */
function hexFloat(x: number, prec: number | null): string {
  if (x === 0) return prec === null || prec === 0 ? '0x0p+0' : `0x0.${'0'.repeat(prec)}p+0`;
  let e = Math.floor(Math.log2(x));
  if (2 ** e > x) e--;
  else if (2 ** (e + 1) <= x) e++;
  // 64-bit significand with the integer bit on top.
  let m = BigInt(Math.round((x / 2 ** e) * 2 ** 52)) << 11n;
  let digits = m.toString(16).padStart(16, '0');
  let lead = digits.slice(0, 1);
  let frac = digits.slice(1);
  let exp = e - 3;
  if (prec === null) frac = frac.replace(/0+$/, '');
  else if (prec < frac.length) {
    const drop = BigInt(4 * (frac.length - prec));
    const half = 1n << (drop - 1n);
    const low = m & ((1n << drop) - 1n);
    m >>= drop;
    if (low > half || (low === half && (m & 1n) === 1n)) m += 1n;
    digits = m.toString(16);
    if (digits.length > prec + 1) {
      // Rounded up to the next power of two: 0x10.0 becomes 0x8.0 with exponent + 1... keep the leading digit.
      m >>= 1n;
      exp += 1;
      digits = m.toString(16);
    }
    lead = digits.slice(0, 1);
    frac = digits.slice(1).padEnd(prec, '0');
  } else frac = frac.padEnd(prec, '0');
  return `0x${lead}${frac === '' ? '' : `.${frac}`}p${exp < 0 ? '-' : '+'}${Math.abs(exp)}`;
}

/** `%f %F %e %E %g %G %a %A`. */
export function formatFloat(v: FloatValue, conv: string, spec: Spec): string {
  const upper = conv === conv.toUpperCase();
  const x = v.x;
  const neg = Number.isNaN(x) ? v.negative : x < 0 || Object.is(x, -0);
  const prefix = neg ? '-' : spec.plus ? '+' : spec.space ? ' ' : '';
  const a = Math.abs(x);
  if (!Number.isFinite(a)) {
    const t = Number.isNaN(a) ? 'nan' : 'inf';
    return pad(spec, prefix, upper ? t.toUpperCase() : t, false);
  }
  const prec = spec.precision ?? 6;
  let body: string;
  switch (conv.toLowerCase()) {
    case 'f':
      body = fixed(a, prec);
      if (spec.alt && prec === 0) body += '.';
      break;
    case 'e': {
      const { mant, exp } = exponential(a, prec);
      body = `${mant}${spec.alt && prec === 0 ? '.' : ''}e${expText(exp)}`;
      break;
    }
    case 'g': {
      const p = prec === 0 ? 1 : prec;
      const X = a === 0 ? 0 : exponential(a, p - 1).exp;
      if (p > X && X >= -4) body = fixed(a, p - 1 - X);
      else {
        const { mant, exp } = exponential(a, p - 1);
        body = `${mant}e${expText(exp)}`;
      }
      const e = body.indexOf('e');
      let mant = e < 0 ? body : body.slice(0, e);
      const tail = e < 0 ? '' : body.slice(e);
      if (!spec.alt) {
        if (mant.includes('.')) mant = mant.replace(/0+$/, '').replace(/\.$/, '');
      } else if (!mant.includes('.')) mant += '.';
      body = mant + tail;
      break;
    }
    default: {
      const h = hexFloat(a, spec.precision);
      body = spec.alt && !h.includes('.') ? h.replace('p', '.p') : h;
      // The 0x prefix stays before zero fill.
      const out = pad(spec, `${prefix}0x`, body.slice(2), true);
      return upper ? out.toUpperCase() : out;
    }
  }
  const out = pad(spec, prefix, body, true);
  return upper ? out.toUpperCase() : out;
}
