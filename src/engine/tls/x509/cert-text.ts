/**
 * `openssl x509 -text` (X509_print_ex with OpenSSL 3.0's defaults), and the pieces other options print
 * (`-serial`, `-ext`, `-pubkey`). Layout checked against the real openssl 3.0.22 on the lab's own
 * certificates (tests/corpus-extra/host-tools/openssl-inspect.json). Extensions the lab's certificates
 * do not have (key usage, policies...) are printed by their name with a hex dump of their value, which is
 * not what OpenSSL shows for them.
 */
import { asn1Time } from './asn1-time.ts';
import type { CertificateInfo } from './certificate.ts';
import { nameSpaced } from './certificate.ts';
import { children, content, oidString, readTlv, stringValue, TAG } from './der.ts';
import type { Tlv } from './der.ts';
import { toPem } from './pem.ts';
import { hexLines, lowerColon, bigNumber } from './bn-text.ts';
import { colonHex } from './sha256.ts';

const SIG_NAMES: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.113549.1.1.10': 'rsassaPss',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
};

const EXT_NAMES: Readonly<Record<string, string>> = {
  '2.5.29.14': 'X509v3 Subject Key Identifier',
  '2.5.29.35': 'X509v3 Authority Key Identifier',
  '2.5.29.19': 'X509v3 Basic Constraints',
  '2.5.29.17': 'X509v3 Subject Alternative Name',
  '2.5.29.15': 'X509v3 Key Usage',
  '2.5.29.37': 'X509v3 Extended Key Usage',
};

/** `-ext` takes the short names. */
export const EXT_SHORT_NAMES: Readonly<Record<string, string>> = {
  subjectKeyIdentifier: '2.5.29.14',
  authorityKeyIdentifier: '2.5.29.35',
  basicConstraints: '2.5.29.19',
  subjectAltName: '2.5.29.17',
  keyUsage: '2.5.29.15',
  extendedKeyUsage: '2.5.29.37',
};

interface Extension {
  readonly oid: string;
  readonly critical: boolean;
  /** The extension's value: the DER inside the OCTET STRING. */
  readonly value: Uint8Array;
}

function seq(der: Uint8Array, t: Tlv | undefined, tag: number = TAG.SEQUENCE): Tlv[] {
  if (t === undefined || t.tag !== tag) return [];
  return children(der, t) ?? [];
}

function extensions(der: Uint8Array, tbs: readonly Tlv[]): Extension[] {
  const wrapper = tbs.find((t) => t.tag === 0xa3);
  if (wrapper === undefined) return [];
  const list = seq(der, readTlv(der, wrapper.start, wrapper.end) ?? undefined);
  const out: Extension[] = [];
  for (const ext of list) {
    const parts = seq(der, ext);
    const oid = parts[0];
    const value = parts[parts.length - 1];
    if (oid === undefined || value === undefined || value.tag !== TAG.OCTET_STRING) continue;
    const crit = parts.length === 3 && parts[1]?.tag === 0x01 && content(der, parts[1])[0] !== 0;
    out.push({ oid: oidString(der, oid), critical: crit, value: content(der, value) });
  }
  return out;
}

function ipAddress(b: Uint8Array): string {
  if (b.length === 4) return [...b].join('.');
  const groups: string[] = [];
  for (let i = 0; i + 1 < b.length; i += 2) groups.push((((b[i] ?? 0) << 8) | (b[i + 1] ?? 0)).toString(16).toUpperCase());
  return groups.join(':');
}

/** The value lines of one extension, as X509V3_EXT_print writes them. */
function extensionValue(e: Extension): string {
  const v = e.value;
  const top = readTlv(v, 0);
  if (top === null) return lowerColon(v);
  switch (e.oid) {
    case '2.5.29.14':
      return colonHex(content(v, top));
    case '2.5.29.35': {
      const keyId = (children(v, top) ?? []).find((t) => t.tag === 0x80);
      return keyId === undefined ? '' : colonHex(content(v, keyId));
    }
    case '2.5.29.19': {
      const parts = children(v, top) ?? [];
      const ca = parts[0]?.tag === 0x01 && content(v, parts[0])[0] !== 0;
      const pl = parts.find((t) => t.tag === TAG.INTEGER);
      return `CA:${ca ? 'TRUE' : 'FALSE'}${pl === undefined ? '' : `, pathlen:${[...content(v, pl)].reduce((a, x) => a * 256 + x, 0)}`}`;
    }
    case '2.5.29.17':
      return (children(v, top) ?? [])
        .map((gn) => {
          if (gn.tag === 0x82) return `DNS:${stringValue(v, gn)}`;
          if (gn.tag === 0x81) return `email:${stringValue(v, gn)}`;
          if (gn.tag === 0x86) return `URI:${stringValue(v, gn)}`;
          if (gn.tag === 0x87) return `IP Address:${ipAddress(content(v, gn))}`;
          return '<unsupported>';
        })
        .join(', ');
    default:
      return lowerColon(v);
  }
}

/** `X509v3 Subject Alternative Name: ` then the value line (`-text` indents by 12, `-ext` by 0). */
function extensionBlock(e: Extension, indent: number): string {
  const pad = ' '.repeat(indent);
  return `${pad}${EXT_NAMES[e.oid] ?? e.oid}: ${e.critical ? 'critical' : ''}\n${pad}    ${extensionValue(e)}\n`;
}

interface Parts {
  readonly tbs: Tlv[];
  readonly off: number;
  readonly sigOid: string;
  readonly signature: Uint8Array;
}

function parts(c: CertificateInfo): Parts | null {
  const der = c.der;
  const top = readTlv(der, 0);
  if (top === null) return null;
  const cert = children(der, top) ?? [];
  const tbs = seq(der, cert[0]);
  const sigAlg = seq(der, cert[1]);
  const sigBits = cert[2];
  if (tbs.length === 0 || sigAlg[0] === undefined || sigBits === undefined) return null;
  return {
    tbs,
    off: tbs[0]?.tag === 0xa0 ? 1 : 0,
    sigOid: oidString(der, sigAlg[0]),
    signature: der.subarray(sigBits.start + 1, sigBits.end),
  };
}

function serialBytes(c: CertificateInfo, p: Parts): Uint8Array {
  const t = p.tbs[p.off];
  return t === undefined ? new Uint8Array() : content(c.der, t);
}

/** `serial=7F02F2...` (`-serial`). */
export function serialLine(c: CertificateInfo): string {
  const p = parts(c);
  if (p === null) return 'serial=\n';
  const b = serialBytes(c, p);
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  return `serial=${colonHex(b.subarray(i)).replace(/:/g, '')}\n`;
}

/** The SubjectPublicKeyInfo as a `PUBLIC KEY` PEM block (`-pubkey`). */
export function publicKeyPem(c: CertificateInfo): string {
  const p = parts(c);
  const t = p?.tbs[(p?.off ?? 0) + 5];
  if (t === undefined) return '';
  return toPem('PUBLIC KEY', c.der.subarray(t.from, t.end));
}

/** `-ext NAME[,NAME]`: the named extensions, in the certificate's order; '' when none is there. */
export function extensionText(c: CertificateInfo, oids: readonly string[]): string {
  const p = parts(c);
  if (p === null) return '';
  return extensions(c.der, p.tbs)
    .filter((e) => oids.includes(e.oid))
    .map((e) => extensionBlock(e, 0))
    .join('');
}

/** The RSA key lines of `-text` (Public-Key, Modulus, Exponent) at `indent`. */
function rsaPublicLines(c: CertificateInfo, p: Parts, indent: number): string {
  const spki = seq(c.der, p.tbs[p.off + 5]);
  const bits = spki[1];
  if (bits === undefined) return '';
  const rsa = seq(c.der, readTlv(c.der, bits.start + 1, bits.end) ?? undefined);
  const n = rsa[0];
  const e = rsa[1];
  if (n === undefined || e === undefined) return '';
  const pad = ' '.repeat(indent);
  return (
    `${pad}Public-Key: (${c.keyBits} bit)\n` +
    bigNumber('Modulus:', content(c.der, n), indent) +
    bigNumber('Exponent:', content(c.der, e), indent)
  );
}

/** `openssl x509 -noout -text`. */
export function certificateText(c: CertificateInfo): string {
  const p = parts(c);
  if (p === null) return '';
  const versionTlv = p.off === 1 ? seq(c.der, p.tbs[0], 0xa0)[0] : undefined;
  const version = versionTlv === undefined ? 0 : (content(c.der, versionTlv)[0] ?? 0);
  const sigName = SIG_NAMES[p.sigOid] ?? p.sigOid;
  const serial = serialBytes(c, p);
  const serialText =
    serial.length <= 8 && ((serial[0] ?? 0) & 0x80) === 0
      ? bigNumber('Serial Number:', serial, 8)
      : `        Serial Number:\n            ${lowerColon(serial)}\n`;
  const exts = extensions(c.der, p.tbs);
  return (
    'Certificate:\n    Data:\n' +
    `        Version: ${version + 1} (0x${version.toString(16)})\n` +
    serialText +
    `        Signature Algorithm: ${sigName}\n` +
    `        Issuer: ${nameSpaced(c.issuer)}\n` +
    '        Validity\n' +
    `            Not Before: ${asn1Time(c.notBefore)}\n` +
    `            Not After : ${asn1Time(c.notAfter)}\n` +
    `        Subject: ${nameSpaced(c.subject)}\n` +
    '        Subject Public Key Info:\n' +
    `            Public Key Algorithm: ${c.keyType === 'rsa' ? 'rsaEncryption' : 'unknown'}\n` +
    (c.keyType === 'rsa' ? rsaPublicLines(c, p, 16) : '') +
    (exts.length === 0 ? '' : `        X509v3 extensions:\n${exts.map((e) => extensionBlock(e, 12)).join('')}`) +
    `    Signature Algorithm: ${sigName}\n` +
    '    Signature Value:\n' +
    hexLines(p.signature, 18, 8)
  );
}
