/**
 * `openssl x509` (OpenSSL 3.0.22) on the lab's files: the print options run in the order they were given
 * (apps/x509.c numbers them as it parses), then the PEM unless `-noout`, then `-checkend`. Texts in
 * inspect-texts.ts; layout of `-text` in src/engine/tls/x509/cert-text.ts.
 */
import { asn1Time } from '../../tls/x509/asn1-time.ts';
import { certificateText, EXT_SHORT_NAMES, extensionText, publicKeyPem, serialLine } from '../../tls/x509/cert-text.ts';
import type { CertificateInfo } from '../../tls/x509/certificate.ts';
import { firstCertificate, firstPrivateKey, nameSpaced } from '../../tls/x509/certificate.ts';
import { colonHex } from '../../tls/x509/sha256.ts';
import type { DigestName } from '../../util/digest.ts';
import { digest } from '../../util/digest.ts';
import type { InspectEnv } from './inspect-io.ts';
import { Args, inputName, loadInput } from './inspect-io.ts';
import { errLine, INSPECT_ERR, LOAD, usageError, X509_TEXT } from './inspect-texts.ts';
import type { ToolStep } from './tool-io.ts';
import { Output } from './tool-io.ts';

/** The digests the lab computes, by the option that names them. */
export const DIGEST_OPTIONS: Readonly<Record<string, DigestName>> = {
  md5: 'md5',
  sha1: 'sha1',
  sha256: 'sha256',
  sha384: 'sha384',
  sha512: 'sha512',
};

type Print = 'text' | 'subject' | 'issuer' | 'startdate' | 'enddate' | 'fingerprint' | 'modulus' | 'serial' | 'pubkey' | 'ext';

const PRINT_FLAGS: Readonly<Record<string, readonly Print[]>> = {
  '-text': ['text'],
  '-subject': ['subject'],
  '-issuer': ['issuer'],
  '-dates': ['startdate', 'enddate'],
  '-startdate': ['startdate'],
  '-enddate': ['enddate'],
  '-fingerprint': ['fingerprint'],
  '-modulus': ['modulus'],
  '-serial': ['serial'],
  '-pubkey': ['pubkey'],
};

/** Options that take a value and change nothing the lab shows. */
const IGNORED_WITH_VALUE = new Set(['-inform', '-outform', '-nameopt', '-certopt', '-passin']);

export function x509Command(argv: readonly string[], env: InspectEnv): ToolStep {
  const out = new Output();
  const args = new Args(argv);
  const prints: Print[] = [];
  let input: string | null = null;
  let noout = false;
  let digestName: string | null = null;
  let checkend: number | null = null;
  let extNames: string[] = [];
  for (let a = args.next(); a !== undefined; a = args.next()) {
    const name = a.startsWith('--') ? a.slice(1) : a;
    const flags = PRINT_FLAGS[name];
    if (flags !== undefined) {
      prints.push(...flags);
      continue;
    }
    if (name === '-in' || name === '-ext' || name === '-checkend' || IGNORED_WITH_VALUE.has(name)) {
      const v = args.value();
      if (v === undefined) {
        out.stderr(usageError('x509', `Option ${a} needs a value`));
        return out.take(1);
      }
      if (name === '-in') input = v;
      else if (name === '-ext') {
        extNames = v.split(',');
        prints.push('ext');
      } else if (name === '-checkend') {
        if (!/^\d+$/.test(v)) {
          out.stderr(usageError('x509', `Can't parse "${v}" as a number`));
          return out.take(1);
        }
        checkend = Number(v);
      }
      continue;
    }
    if (name === '-noout') noout = true;
    else if (name.startsWith('-') && name.length > 1) digestName = name.slice(1);
    else {
      out.stderr(usageError('x509', null));
      return out.take(1);
    }
  }
  const text = loadInput(env, out, input, 'certificate', true);
  if (text === null) return out.take(1);
  const cert = firstCertificate(text);
  if (cert === null) {
    out.stderr(LOAD.cannotRead('certificate', inputName(input)));
    if (firstPrivateKey(text) !== null) out.stderr(errLine(env.threadId, INSPECT_ERR.storeUnsupported));
    out.stderr(LOAD.unable('certificate'));
    return out.take(1);
  }
  for (const p of prints) {
    if (p === 'fingerprint') {
      const d = digestName === null ? 'sha1' : DIGEST_OPTIONS[digestName];
      if (d === undefined) {
        out.stderr(X509_TEXT.unknownDigest + errLine(env.threadId, INSPECT_ERR.fetchUnsupported(digestName ?? '')));
        return out.take(1);
      }
      out.stdout(X509_TEXT.fingerprint(digestName ?? 'SHA1', colonHex(digest(d, cert.der))));
      continue;
    }
    out.stdout(printOne(p, cert, extNames));
  }
  if (!noout) out.stdout(cert.pem);
  if (checkend !== null) {
    const expires = cert.notAfter <= env.now + checkend * 1000;
    out.stdout(expires ? X509_TEXT.willExpire : X509_TEXT.willNotExpire);
    return out.take(expires ? 1 : 0);
  }
  return out.take(0);
}

function printOne(p: Exclude<Print, 'fingerprint'>, c: CertificateInfo, extNames: readonly string[]): string {
  switch (p) {
    case 'text':
      return certificateText(c);
    case 'subject':
      return X509_TEXT.subject(nameSpaced(c.subject));
    case 'issuer':
      return X509_TEXT.issuer(nameSpaced(c.issuer));
    case 'startdate':
      return X509_TEXT.notBefore(asn1Time(c.notBefore));
    case 'enddate':
      return X509_TEXT.notAfter(asn1Time(c.notAfter));
    case 'modulus':
      return X509_TEXT.modulus(c.modulus.toUpperCase());
    case 'serial':
      return serialLine(c);
    case 'pubkey':
      return publicKeyPem(c);
    case 'ext':
      return extensionText(
        c,
        extNames.flatMap((n) => {
          const oid = EXT_SHORT_NAMES[n];
          return oid === undefined ? [] : [oid];
        }),
      );
  }
}
