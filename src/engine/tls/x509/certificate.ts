import { children, integerBits, integerHex, oidString, readTlv, stringValue, TAG, timeValue } from './der.ts';
import type { Tlv } from './der.ts';
import { pemBlocks, toPem } from './pem.ts';
import { colonHex, sha256 } from './sha256.ts';

/** One attribute of a distinguished name, e.g. `['CN', 'mail.example.org']`. */
export type NameAttribute = readonly [string, string];

/** What the TLS model needs to know about a certificate, read from its DER. */
export interface CertificateInfo {
  /** The PEM text as s_client prints it (64-column base64, trailing newline). */
  readonly pem: string;
  readonly der: Uint8Array;
  readonly subject: readonly NameAttribute[];
  readonly issuer: readonly NameAttribute[];
  /** Milliseconds since the epoch. */
  readonly notBefore: number;
  readonly notAfter: number;
  readonly keyType: 'rsa' | 'other';
  readonly keyBits: number;
  /** Lower-case hex of the RSA modulus ('' for other key types): what pairs a key with its certificate. */
  readonly modulus: string;
  /** `RSA-SHA256`, as s_client's `a:PKEY: ...; sigalg:` prints it. */
  readonly signatureAlgorithm: string;
  /** subjectAltName dNSName entries. */
  readonly dnsNames: readonly string[];
  /** SHA-256 of the DER, `5E:45:...` (Postfix's default fingerprint digest since 3.6). */
  readonly fingerprint: string;
  /** SHA-256 of the DER SubjectPublicKeyInfo. */
  readonly pkeyFingerprint: string;
}

/** What a private-key file holds. */
export interface PrivateKeyInfo {
  readonly keyType: 'rsa' | 'other';
  /** Lower-case hex of the RSA modulus ('' for other key types). */
  readonly modulus: string;
}

const NAME_OIDS: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'street',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'title',
  '2.5.4.42': 'GN',
  '1.2.840.113549.1.9.1': 'emailAddress',
  '0.9.2342.19200300.100.1.25': 'DC',
  '0.9.2342.19200300.100.1.1': 'UID',
};

const SIG_OIDS: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.5': 'RSA-SHA1',
  '1.2.840.113549.1.1.11': 'RSA-SHA256',
  '1.2.840.113549.1.1.12': 'RSA-SHA384',
  '1.2.840.113549.1.1.13': 'RSA-SHA512',
  '1.2.840.113549.1.1.10': 'RSASSA-PSS',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
};

const RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
const SUBJECT_ALT_NAME = '2.5.29.17';

function seq(bytes: Uint8Array, t: Tlv | undefined, tag: number = TAG.SEQUENCE): Tlv[] | null {
  if (t === undefined || t.tag !== tag) return null;
  return children(bytes, t);
}

function parseName(bytes: Uint8Array, t: Tlv | undefined): NameAttribute[] | null {
  const rdns = seq(bytes, t);
  if (rdns === null) return null;
  const out: NameAttribute[] = [];
  for (const rdn of rdns) {
    const atvs = seq(bytes, rdn, TAG.SET);
    if (atvs === null) return null;
    for (const atv of atvs) {
      const parts = seq(bytes, atv);
      const oid = parts?.[0];
      const value = parts?.[1];
      if (oid === undefined || value === undefined || oid.tag !== TAG.OID) return null;
      const dotted = oidString(bytes, oid);
      out.push([NAME_OIDS[dotted] ?? dotted, stringValue(bytes, value)]);
    }
  }
  return out;
}

function parseSpki(bytes: Uint8Array, t: Tlv | undefined): { keyType: 'rsa' | 'other'; keyBits: number; modulus: string } | null {
  const parts = seq(bytes, t);
  const alg = seq(bytes, parts?.[0]);
  const bits = parts?.[1];
  const oid = alg?.[0];
  if (oid === undefined || bits === undefined || bits.tag !== TAG.BIT_STRING) return null;
  if (oidString(bytes, oid) !== RSA_ENCRYPTION) return { keyType: 'other', keyBits: 0, modulus: '' };
  // The BIT STRING holds RSAPublicKey after its unused-bits byte.
  const inner = readTlv(bytes, bits.start + 1, bits.end);
  const rsa = seq(bytes, inner ?? undefined);
  const n = rsa?.[0];
  if (n === undefined || n.tag !== TAG.INTEGER) return null;
  return { keyType: 'rsa', keyBits: integerBits(bytes, n), modulus: integerHex(bytes, n) };
}

function parseSan(bytes: Uint8Array, extensions: Tlv | undefined): string[] {
  // [3] EXPLICIT Extensions
  if (extensions === undefined) return [];
  const list = seq(bytes, readTlv(bytes, extensions.start, extensions.end) ?? undefined) ?? [];
  const names: string[] = [];
  for (const ext of list) {
    const parts = seq(bytes, ext);
    const oid = parts?.[0];
    const value = parts?.[parts.length - 1];
    if (oid === undefined || value === undefined || oidString(bytes, oid) !== SUBJECT_ALT_NAME) continue;
    const gns = seq(bytes, readTlv(bytes, value.start, value.end) ?? undefined) ?? [];
    for (const gn of gns) if (gn.tag === 0x82) names.push(stringValue(bytes, gn));
  }
  return names;
}

/** Reads a DER certificate; null when it is not one. */
export function certificateFromDer(der: Uint8Array): CertificateInfo | null {
  const top = readTlv(der, 0);
  if (top === null || top.tag !== TAG.SEQUENCE || top.end !== der.length) return null;
  const cert = children(der, top);
  const tbs = seq(der, cert?.[0]);
  const sigAlg = seq(der, cert?.[1]);
  if (tbs === null || sigAlg === null) return null;
  let i = 0;
  if (tbs[0]?.tag === 0xa0) i = 1; // [0] version
  const issuer = parseName(der, tbs[i + 2]);
  const validity = seq(der, tbs[i + 3]);
  const subject = parseName(der, tbs[i + 4]);
  const spkiTlv = tbs[i + 5];
  const spki = parseSpki(der, spkiTlv);
  const nbT = validity?.[0];
  const naT = validity?.[1];
  const notBefore = nbT === undefined ? null : timeValue(der, nbT);
  const notAfter = naT === undefined ? null : timeValue(der, naT);
  const sigOid = sigAlg[0];
  if (
    issuer === null ||
    subject === null ||
    spki === null ||
    spkiTlv === undefined ||
    notBefore === null ||
    notAfter === null ||
    sigOid === undefined
  ) {
    return null;
  }
  const extensions = tbs.slice(i + 6).find((t) => t.tag === 0xa3);
  const sigDotted = oidString(der, sigOid);
  const copy = der.slice();
  return {
    pem: toPem('CERTIFICATE', copy),
    der: copy,
    subject,
    issuer,
    notBefore,
    notAfter,
    keyType: spki.keyType,
    keyBits: spki.keyBits,
    modulus: spki.modulus,
    signatureAlgorithm: SIG_OIDS[sigDotted] ?? sigDotted,
    dnsNames: parseSan(der, extensions),
    fingerprint: colonHex(sha256(copy)),
    pkeyFingerprint: colonHex(sha256(copy.subarray(spkiTlv.from, spkiTlv.end))),
  };
}

const CERT_LABELS = new Set(['CERTIFICATE', 'TRUSTED CERTIFICATE', 'X509 CERTIFICATE']);
const KEY_LABELS = new Set(['PRIVATE KEY', 'RSA PRIVATE KEY']);

/** Every certificate in a PEM file, in order (undecodable blocks are skipped). */
export function certificatesFromPem(text: string): CertificateInfo[] {
  const out: CertificateInfo[] = [];
  for (const b of pemBlocks(text)) {
    if (!CERT_LABELS.has(b.label) || b.der === null) continue;
    const c = certificateFromDer(b.der);
    if (c !== null) out.push(c);
  }
  return out;
}

/** The first certificate of a file, as SSL_CTX_use_certificate_chain_file takes it; null when there is none. */
export function firstCertificate(text: string): CertificateInfo | null {
  for (const b of pemBlocks(text)) {
    if (!CERT_LABELS.has(b.label)) continue;
    return b.der === null ? null : certificateFromDer(b.der);
  }
  return null;
}

function rsaPrivateKey(der: Uint8Array, t: Tlv | undefined): PrivateKeyInfo | null {
  const parts = seq(der, t);
  const n = parts?.[1];
  if (n === undefined || n.tag !== TAG.INTEGER) return null;
  return { keyType: 'rsa', modulus: integerHex(der, n) };
}

/** The first private key of a file (PKCS#8 `PRIVATE KEY` or PKCS#1 `RSA PRIVATE KEY`); null when there is none. */
export function firstPrivateKey(text: string): PrivateKeyInfo | null {
  for (const b of pemBlocks(text)) {
    if (!KEY_LABELS.has(b.label) || b.der === null) continue;
    const top = readTlv(b.der, 0);
    if (top === null) return null;
    if (b.label === 'RSA PRIVATE KEY') return rsaPrivateKey(b.der, top);
    const parts = seq(b.der, top);
    const alg = seq(b.der, parts?.[1]);
    const oid = alg?.[0];
    const octets = parts?.[2];
    if (oid === undefined || octets === undefined || octets.tag !== TAG.OCTET_STRING) return null;
    if (oidString(b.der, oid) !== RSA_ENCRYPTION) return { keyType: 'other', modulus: '' };
    return rsaPrivateKey(b.der, readTlv(b.der, octets.start, octets.end) ?? undefined);
  }
  return null;
}

/** `CN = mail.example.org` (s_client's `subject=`, `depth=0` and chain lines). */
export function nameSpaced(name: readonly NameAttribute[]): string {
  return name.map(([k, v]) => `${k} = ${v}`).join(', ');
}

/** `/CN=mx.example.net` (X509_NAME_oneline, in Postfix's level-2 verify lines). */
export function nameSlashed(name: readonly NameAttribute[]): string {
  return name.map(([k, v]) => `/${k}=${v}`).join('');
}

/** The last CN of a name, as Postfix's subject_CN=/issuer_CN= show it ('' when absent). */
export function commonName(name: readonly NameAttribute[]): string {
  let cn = '';
  for (const [k, v] of name) if (k === 'CN') cn = v;
  return cn;
}

export function isSelfIssued(c: CertificateInfo): boolean {
  return nameSlashed(c.subject) === nameSlashed(c.issuer);
}
