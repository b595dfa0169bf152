import { X509Certificate, createHash, createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LAB_CERT, LAB_TLS_FILES, MX_CERT } from '../../../src/engine/tls/data/lab-pki.ts';
import {
  MAIL_EXAMPLE_ORG_CERT,
  MAIL_EXAMPLE_ORG_KEY,
  MX_EXAMPLE_NET_CERT,
  MX_EXAMPLE_NET_KEY,
} from '../../../src/engine/tls/data/lab-certs.ts';
import { bioDump, postfixHexdump } from '../../../src/engine/tls/hexdump.ts';
import { base64Decode, base64Encode } from '../../../src/engine/tls/x509/base64.ts';
import {
  certificateFromDer,
  firstCertificate,
  firstPrivateKey,
  nameSlashed,
  nameSpaced,
} from '../../../src/engine/tls/x509/certificate.ts';
import { colonHex, sha256 } from '../../../src/engine/tls/x509/sha256.ts';
import { corpusFile } from './corpus.ts';

/** The corpus's own server certificate, as s_client printed it. */
const CORPUS_PEM =
  /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----\n/.exec(corpusFile('tls-protocols-default', 'sclient-tls1_2.txt'))?.[0] ??
  '';

describe('certificates (checked against node:crypto and the corpus)', () => {
  it('reads the corpus certificate: the fingerprints posttls-finger printed', () => {
    const c = firstCertificate(CORPUS_PEM);
    const line = /fingerprint=([0-9A-F:]+), pkey_fingerprint=([0-9A-F:]+)/.exec(corpusFile('posttls-finger', 'transcript.txt'));
    expect(c?.fingerprint).toBe(line?.[1]);
    expect(c?.pkeyFingerprint).toBe(line?.[2]);
    expect(c?.der.length).toBe(824); // "server cert 824 bytes DER" (submissions-465-wrappermode)
    expect(c?.pem).toBe(CORPUS_PEM);
  });

  it.each([
    ['mail.example.org', MAIL_EXAMPLE_ORG_CERT, MAIL_EXAMPLE_ORG_KEY],
    ['mx.example.net', MX_EXAMPLE_NET_CERT, MX_EXAMPLE_NET_KEY],
  ])('parses the lab certificate %s as node:crypto does', (cn, pem, keyPem) => {
    const ours = firstCertificate(pem);
    const node = new X509Certificate(pem);
    expect(ours).not.toBeNull();
    if (ours === null) return;
    expect(ours.fingerprint).toBe(node.fingerprint256);
    const spki = createPublicKey(pem).export({ type: 'spki', format: 'der' });
    expect(ours.pkeyFingerprint).toBe(colonHex(new Uint8Array(createHash('sha256').update(spki).digest())));
    expect(nameSpaced(ours.subject)).toBe(`CN = ${cn}`);
    expect(nameSlashed(ours.issuer)).toBe(`/CN=${cn}`);
    expect(ours.keyBits).toBe(2048);
    expect(ours.signatureAlgorithm).toBe('RSA-SHA256');
    expect(ours.notBefore).toBe(Date.parse(node.validFrom));
    expect(ours.notAfter).toBe(Date.parse(node.validTo));
    expect(ours.pem).toBe(pem);
    expect(firstPrivateKey(keyPem)?.modulus).toBe(ours.modulus);
  });

  it('has the corpus validity dates and DER size', () => {
    expect(new Date(LAB_CERT.notBefore).toISOString()).toBe('2026-12-01T07:02:58.000Z');
    expect(new Date(LAB_CERT.notAfter).toISOString()).toBe('2036-11-28T07:02:58.000Z');
    expect(LAB_CERT.der.length).toBe(824);
    expect(LAB_CERT.dnsNames).toEqual(['mail.example.org']);
    expect(MX_CERT.dnsNames).toEqual([]);
    expect(LAB_TLS_FILES['/etc/postfix/tls/mail.example.org.key']?.mode).toBe(0o600);
  });

  it('tells keys apart', () => {
    expect(firstPrivateKey(MAIL_EXAMPLE_ORG_KEY)?.modulus).not.toBe(firstPrivateKey(MX_EXAMPLE_NET_KEY)?.modulus);
    expect(firstPrivateKey('this is not a key\n')).toBeNull();
    expect(firstPrivateKey(MAIL_EXAMPLE_ORG_CERT)).toBeNull();
    expect(firstCertificate(MAIL_EXAMPLE_ORG_KEY)).toBeNull();
    expect(firstPrivateKey(MAIL_EXAMPLE_ORG_CERT + MAIL_EXAMPLE_ORG_KEY)?.modulus).toBe(LAB_CERT.modulus);
  });

  it('never throws on damaged input', () => {
    const body = MAIL_EXAMPLE_ORG_CERT.split('\n').slice(1, -2).join('\n');
    const damaged = [
      '',
      '-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n',
      `-----BEGIN CERTIFICATE-----\n${body.slice(0, 200)}\n-----END CERTIFICATE-----\n`,
      `-----BEGIN CERTIFICATE-----\n${body.replace(/A/g, 'B')}\n-----END CERTIFICATE-----\n`,
      '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n',
    ];
    for (const d of damaged) {
      expect(() => firstCertificate(d)).not.toThrow();
      expect(() => firstPrivateKey(d)).not.toThrow();
    }
    for (let i = 0; i < 300; i += 7) {
      const bytes = base64Decode(body) ?? new Uint8Array(0);
      expect(() => certificateFromDer(bytes.subarray(0, i))).not.toThrow();
    }
  });

  it('SHA-256 and base64 agree with node:crypto', () => {
    for (const s of ['', 'abc', 'x'.repeat(55), 'y'.repeat(56), 'z'.repeat(1000)]) {
      const b = new Uint8Array(Buffer.from(s));
      expect(Buffer.from(sha256(b)).toString('hex')).toBe(createHash('sha256').update(b).digest('hex'));
      expect(base64Encode(b)).toBe(Buffer.from(s).toString('base64'));
      expect(base64Decode(Buffer.from(s).toString('base64'))).toEqual(b);
    }
  });
});

describe('hex dumps', () => {
  it('Postfix layout (corpus log-smtpd-tls-loglevel-3/raw.log)', () => {
    const raw = corpusFile('log-smtpd-tls-loglevel-3', 'raw.log')
      .split('\n')
      .map((l) => l.replace(/^.*?\]: /, ''));
    expect(postfixHexdump(new Uint8Array([0x16, 0x03, 0x01, 0x02, 0x00]))).toEqual([raw[7], raw[8]]);
    const row = raw[10] ?? '';
    const bytes = new Uint8Array(
      row
        .slice(5, 53)
        .split(/[ |]/)
        .filter((x) => x !== '')
        .map((x) => parseInt(x, 16)),
    );
    expect(postfixHexdump(bytes)).toEqual([row]);
  });

  it('BIO_dump layout (corpus tls-protocols-default/sclient-tls1_3.txt)', () => {
    const lines = corpusFile('tls-protocols-default', 'sclient-tls1_3.txt')
      .split('\n')
      .filter((l) => /^ {4}[0-9a-f]{4} - /.test(l));
    const bytes = new Uint8Array(
      lines.flatMap((line) =>
        line
          .slice(11, 58)
          .split(/[ -]/)
          .filter((x) => x !== '')
          .map((x) => parseInt(x, 16)),
      ),
    );
    expect(bytes.length).toBe(208);
    expect(bioDump(bytes, 4)).toEqual(lines);
  });
});
