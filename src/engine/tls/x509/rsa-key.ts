/**
 * An RSA private key's numbers, for `openssl rsa|pkey -text/-modulus/-pubout/-check` on the lab's key
 * (layout checked against openssl 3.0.22: tests/corpus-extra/host-tools/openssl-inspect.json).
 */
import { bigNumber } from './bn-text.ts';
import { children, content, integerBits, oidString, readTlv, TAG } from './der.ts';
import type { Tlv } from './der.ts';
import { pemBlocks, toPem } from './pem.ts';

const RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
const FIELDS = ['modulus', 'publicExponent', 'privateExponent', 'prime1', 'prime2', 'exponent1', 'exponent2', 'coefficient'] as const;

export interface RsaPrivateKey {
  readonly bits: number;
  /** The eight INTEGERs of RSAPrivateKey, in FIELDS order (magnitudes, big-endian). */
  readonly numbers: readonly Uint8Array[];
  /** The RSAPrivateKey DER (PKCS#1), from which the PKCS#8 form is rebuilt. */
  readonly pkcs1: Uint8Array;
}

function rsaFromPkcs1(der: Uint8Array, t: Tlv | null): RsaPrivateKey | null {
  if (t === null || t.tag !== TAG.SEQUENCE) return null;
  const ints = children(der, t);
  if (ints === null || ints.length < 9 || ints.some((x) => x.tag !== TAG.INTEGER)) return null;
  const n = ints[1];
  if (n === undefined) return null;
  return { bits: integerBits(der, n), numbers: ints.slice(1, 9).map((x) => content(der, x)), pkcs1: der.slice(t.from, t.end) };
}

/** The first RSA private key of a PEM file (PKCS#8 `PRIVATE KEY` or PKCS#1 `RSA PRIVATE KEY`); null when none. */
export function rsaPrivateKeyFromPem(text: string): RsaPrivateKey | null {
  for (const b of pemBlocks(text)) {
    if (b.der === null) continue;
    if (b.label === 'RSA PRIVATE KEY') return rsaFromPkcs1(b.der, readTlv(b.der, 0));
    if (b.label !== 'PRIVATE KEY') continue;
    const top = readTlv(b.der, 0);
    const parts = top === null ? null : children(b.der, top);
    const alg = parts?.[1];
    const octets = parts?.[2];
    if (alg === undefined || octets === undefined || octets.tag !== TAG.OCTET_STRING) return null;
    const oid = children(b.der, alg)?.[0];
    if (oid === undefined || oidString(b.der, oid) !== RSA_ENCRYPTION) return null;
    return rsaFromPkcs1(b.der, readTlv(b.der, octets.start, octets.end));
  }
  return null;
}

/** `Private-Key: (2048 bit, 2 primes)` and the eight numbers (`rsa -text`, `pkey -text`). */
export function rsaKeyText(k: RsaPrivateKey): string {
  return (
    `Private-Key: (${k.bits} bit, 2 primes)\n` + FIELDS.map((f, i) => bigNumber(`${f}:`, k.numbers[i] ?? new Uint8Array(), 0)).join('')
  );
}

/** Upper-case hex of the modulus without leading zeros (`Modulus=...`). */
export function rsaModulusHex(k: RsaPrivateKey): string {
  const n = k.numbers[0] ?? new Uint8Array();
  let i = 0;
  while (i < n.length - 1 && n[i] === 0) i++;
  return [...n.subarray(i)].map((x) => x.toString(16).toUpperCase().padStart(2, '0')).join('');
}

function derLength(n: number): number[] {
  if (n < 0x80) return [n];
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 255);
  return [0x80 | bytes.length, ...bytes];
}

function der(tag: number, body: readonly number[]): number[] {
  return [tag, ...derLength(body.length), ...body];
}

function derInteger(mag: Uint8Array): number[] {
  let i = 0;
  while (i < mag.length - 1 && mag[i] === 0) i++;
  const b = [...mag.subarray(i)];
  return der(TAG.INTEGER, ((b[0] ?? 0) & 0x80) !== 0 ? [0, ...b] : b);
}

const RSA_ALGORITHM = der(TAG.SEQUENCE, [...der(TAG.OID, [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01]), 0x05, 0x00]);

/** The private key as OpenSSL 3.0 writes it: PKCS#8 `PRIVATE KEY`. */
export function rsaPrivateKeyPem(k: RsaPrivateKey): string {
  return toPem(
    'PRIVATE KEY',
    Uint8Array.from(der(TAG.SEQUENCE, [...der(TAG.INTEGER, [0]), ...RSA_ALGORITHM, ...der(TAG.OCTET_STRING, [...k.pkcs1])])),
  );
}

/** The key's SubjectPublicKeyInfo as a `PUBLIC KEY` PEM block (`-pubout`). */
export function rsaPublicKeyPem(k: RsaPrivateKey): string {
  const rsaPublic = der(TAG.SEQUENCE, [...derInteger(k.numbers[0] ?? new Uint8Array()), ...derInteger(k.numbers[1] ?? new Uint8Array())]);
  const spki = der(TAG.SEQUENCE, [...RSA_ALGORITHM, ...der(TAG.BIT_STRING, [0, ...rsaPublic])]);
  return toPem('PUBLIC KEY', Uint8Array.from(spki));
}
