/**
 * MD5 (RFC 1321) and SHA-1 (FIPS 180-4), written from the specifications, for `openssl dgst`/`md5`/`sha1`
 * and `x509 -fingerprint` on the lab's files. SHA-256 lives with the certificate code
 * (src/engine/tls/x509/sha256.ts), SHA-384/512 in digest-sha512.ts; `digest()` reaches them by OpenSSL's names. Checked against
 * node:crypto in tests/engine/tools/digest.test.ts.
 */
import { sha256 } from '../tls/x509/sha256.ts';
import { sha384, sha512 } from './digest-sha512.ts';

function rotl(x: number, n: number): number {
  return (x << n) | (x >>> (32 - n));
}

/** The message padded to whole 64-byte blocks, its bit length at the end (big- or little-endian). */
function pad(data: Uint8Array, littleEndian: boolean): { bytes: Uint8Array; view: DataView } {
  const bytes = new Uint8Array(Math.ceil((data.length + 9) / 64) * 64);
  bytes.set(data);
  bytes[data.length] = 0x80;
  const view = new DataView(bytes.buffer);
  const hi = Math.floor((data.length * 8) / 0x100000000);
  const lo = (data.length * 8) >>> 0;
  if (littleEndian) {
    view.setUint32(bytes.length - 8, lo, true);
    view.setUint32(bytes.length - 4, hi, true);
  } else {
    view.setUint32(bytes.length - 8, hi);
    view.setUint32(bytes.length - 4, lo);
  }
  return { bytes, view };
}

/** MD5's per-round shift amounts and sine-derived constants (RFC 1321 section 3.4). */
const MD5_S = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21] as const;
const MD5_K = Uint32Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 0x100000000) >>> 0);

export function md5(data: Uint8Array): Uint8Array {
  const h = new Uint32Array([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476]);
  const { bytes, view } = pad(data, true);
  const m = new Uint32Array(16);
  for (let off = 0; off < bytes.length; off += 64) {
    for (let i = 0; i < 16; i++) m[i] = view.getUint32(off + i * 4, true);
    let [a, b, c, d] = [h[0] ?? 0, h[1] ?? 0, h[2] ?? 0, h[3] ?? 0];
    for (let i = 0; i < 64; i++) {
      const round = i >> 4;
      let f: number;
      let g: number;
      if (round === 0) {
        f = (b & c) | (~b & d);
        g = i;
      } else if (round === 1) {
        f = (d & b) | (~d & c);
        g = (5 * i + 1) & 15;
      } else if (round === 2) {
        f = b ^ c ^ d;
        g = (3 * i + 5) & 15;
      } else {
        f = c ^ (b | ~d);
        g = (7 * i) & 15;
      }
      const s = MD5_S[round * 4 + (i & 3)] ?? 0;
      const t = d;
      d = c;
      c = b;
      b = (b + rotl((a + f + (MD5_K[i] ?? 0) + (m[g] ?? 0)) >>> 0, s)) >>> 0;
      a = t;
    }
    h[0] = ((h[0] ?? 0) + a) >>> 0;
    h[1] = ((h[1] ?? 0) + b) >>> 0;
    h[2] = ((h[2] ?? 0) + c) >>> 0;
    h[3] = ((h[3] ?? 0) + d) >>> 0;
  }
  const out = new Uint8Array(16);
  const ov = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) ov.setUint32(i * 4, h[i] ?? 0, true);
  return out;
}

export function sha1(data: Uint8Array): Uint8Array {
  const h = new Uint32Array([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0]);
  const { bytes, view } = pad(data, false);
  const w = new Uint32Array(80);
  for (let off = 0; off < bytes.length; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(off + i * 4);
    for (let i = 16; i < 80; i++) w[i] = rotl((w[i - 3] ?? 0) ^ (w[i - 8] ?? 0) ^ (w[i - 14] ?? 0) ^ (w[i - 16] ?? 0), 1) >>> 0;
    let [a, b, c, d, e] = [h[0] ?? 0, h[1] ?? 0, h[2] ?? 0, h[3] ?? 0, h[4] ?? 0];
    for (let i = 0; i < 80; i++) {
      const [f, k] =
        i < 20
          ? [(b & c) | (~b & d), 0x5a827999]
          : i < 40
            ? [b ^ c ^ d, 0x6ed9eba1]
            : i < 60
              ? [(b & c) | (b & d) | (c & d), 0x8f1bbcdc]
              : [b ^ c ^ d, 0xca62c1d6];
      const t = (rotl(a, 5) + f + e + k + (w[i] ?? 0)) >>> 0;
      e = d;
      d = c;
      c = rotl(b, 30) >>> 0;
      b = a;
      a = t;
    }
    h[0] = ((h[0] ?? 0) + a) >>> 0;
    h[1] = ((h[1] ?? 0) + b) >>> 0;
    h[2] = ((h[2] ?? 0) + c) >>> 0;
    h[3] = ((h[3] ?? 0) + d) >>> 0;
    h[4] = ((h[4] ?? 0) + e) >>> 0;
  }
  const out = new Uint8Array(20);
  const ov = new DataView(out.buffer);
  for (let i = 0; i < 5; i++) ov.setUint32(i * 4, h[i] ?? 0);
  return out;
}

/** The digests the lab's openssl knows. */
export type DigestName = 'md5' | 'sha1' | 'sha256' | 'sha384' | 'sha512';

export function digest(name: DigestName, data: Uint8Array): Uint8Array {
  switch (name) {
    case 'md5':
      return md5(data);
    case 'sha1':
      return sha1(data);
    case 'sha256':
      return sha256(data);
    case 'sha384':
      return sha384(data);
    case 'sha512':
      return sha512(data);
  }
}

/** Text as the bytes a file holds (UTF-8). */
export function utf8Bytes(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return Uint8Array.from(out);
}

/** Lower-case hex, as `openssl dgst` prints a digest. */
export function lowerHex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}
