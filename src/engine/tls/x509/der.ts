/**
 * A minimal DER reader: enough to walk an X.509 certificate or a PKCS#1/PKCS#8 RSA key.
 * Every read is bounds-checked and returns null on malformed input instead of throwing.
 */

export interface Tlv {
  readonly tag: number;
  /** Offset of the first content byte. */
  readonly start: number;
  /** Offset just past the content. */
  readonly end: number;
  /** Offset of the tag byte (for re-encoding a whole element, e.g. SubjectPublicKeyInfo). */
  readonly from: number;
}

export const TAG = {
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  T61_STRING: 0x14,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  BMP_STRING: 0x1e,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/** Reads one element at `pos` inside `limit`. */
export function readTlv(bytes: Uint8Array, pos: number, limit = bytes.length): Tlv | null {
  if (pos + 2 > limit) return null;
  const tag = bytes[pos] ?? 0;
  if ((tag & 0x1f) === 0x1f) return null; // multi-byte tags never occur in what we read
  let len = bytes[pos + 1] ?? 0;
  let p = pos + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 3 || p + n > limit) return null;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (bytes[p + i] ?? 0);
    p += n;
  }
  if (p + len > limit) return null;
  return { tag, start: p, end: p + len, from: pos };
}

/** The elements directly inside a constructed element. */
export function children(bytes: Uint8Array, parent: Tlv): Tlv[] | null {
  const out: Tlv[] = [];
  let p = parent.start;
  while (p < parent.end) {
    const t = readTlv(bytes, p, parent.end);
    if (t === null) return null;
    out.push(t);
    p = t.end;
  }
  return out;
}

export function content(bytes: Uint8Array, t: Tlv): Uint8Array {
  return bytes.subarray(t.start, t.end);
}

/** Dotted form of an OBJECT IDENTIFIER. */
export function oidString(bytes: Uint8Array, t: Tlv): string {
  const b = content(bytes, t);
  if (b.length === 0) return '';
  const first = b[0] ?? 0;
  const parts: number[] = [Math.min(2, Math.floor(first / 40)), first < 80 ? first % 40 : first - 80];
  let v = 0;
  for (let i = 1; i < b.length; i++) {
    const x = b[i] ?? 0;
    v = v * 128 + (x & 0x7f);
    if (!(x & 0x80)) {
      parts.push(v);
      v = 0;
    }
  }
  return parts.join('.');
}

/** A string value (PrintableString, UTF8String, IA5String...) decoded as UTF-8 or Latin-1. */
export function stringValue(bytes: Uint8Array, t: Tlv): string {
  const b = content(bytes, t);
  if (t.tag === TAG.BMP_STRING) {
    let s = '';
    for (let i = 0; i + 1 < b.length; i += 2) s += String.fromCharCode(((b[i] ?? 0) << 8) | (b[i + 1] ?? 0));
    return s;
  }
  if (t.tag === TAG.UTF8_STRING) return utf8(b);
  let s = '';
  for (const x of b) s += String.fromCharCode(x);
  return s;
}

function utf8(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length;) {
    const x = b[i] ?? 0;
    const need = x < 0x80 ? 0 : x >= 0xf0 ? 3 : x >= 0xe0 ? 2 : x >= 0xc0 ? 1 : -1;
    if (need < 0 || i + need >= b.length + (need === 0 ? 1 : 0)) {
      s += '\ufffd';
      i += 1;
      continue;
    }
    let cp = need === 0 ? x : x & (0x3f >> need);
    for (let k = 1; k <= need; k++) cp = (cp << 6) | ((b[i + k] ?? 0) & 0x3f);
    s += String.fromCodePoint(cp);
    i += need + 1;
  }
  return s;
}

/** Bit length of an unsigned big-endian INTEGER (leading zero bytes ignored). */
export function integerBits(bytes: Uint8Array, t: Tlv): number {
  const b = content(bytes, t);
  let i = 0;
  while (i < b.length && b[i] === 0) i++;
  if (i === b.length) return 0;
  const top = b[i] ?? 0;
  return (b.length - i - 1) * 8 + (32 - Math.clz32(top));
}

/** Hex of an INTEGER's magnitude, without leading zero bytes. */
export function integerHex(bytes: Uint8Array, t: Tlv): string {
  const b = content(bytes, t);
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  return [...b.subarray(i)].map((x) => x.toString(16).padStart(2, '0')).join('');
}

/** UTCTime / GeneralizedTime (the `Z` forms X.509 uses) as milliseconds since the epoch. */
export function timeValue(bytes: Uint8Array, t: Tlv): number | null {
  const s = stringValue(bytes, t);
  const m =
    t.tag === TAG.UTC_TIME
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s)
      : t.tag === TAG.GENERALIZED_TIME
        ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s)
        : null;
  if (m === null) return null;
  let year = Number(m[1]);
  if (t.tag === TAG.UTC_TIME) year += year >= 50 ? 1900 : 2000;
  return Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}
