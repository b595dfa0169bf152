/**
 * `openssl verify [-CAfile FILE] CERT...` (OpenSSL 3.0.22) on the lab's certificates. The system store
 * (/etc/ssl/certs) holds none of the lab's self-signed certificates, so only `-CAfile` can make one trusted.
 * Texts in inspect-texts.ts.
 */
import type { CertificateInfo } from '../../tls/x509/certificate.ts';
import { certificatesFromPem, firstCertificate, firstPrivateKey, isSelfIssued, nameSpaced } from '../../tls/x509/certificate.ts';
import type { InspectEnv } from './inspect-io.ts';
import { Args, loadInput } from './inspect-io.ts';
import { errLine, INSPECT_ERR, LOAD, usageError, VERIFY_ERRORS, VERIFY_TEXT } from './inspect-texts.ts';
import type { ToolStep } from './tool-io.ts';
import { Output } from './tool-io.ts';

/** Options that take a value and change nothing for the lab's certificates. */
const IGNORED_WITH_VALUE = new Set([
  '-CApath',
  '-CAstore',
  '-purpose',
  '-untrusted',
  '-trusted',
  '-verify_depth',
  '-auth_level',
  '-nameopt',
]);
const IGNORED_FLAGS = new Set(['-no-CAfile', '-no-CApath', '-no-CAstore', '-show_chain', '-x509_strict', '-partial_chain', '-verbose']);

/** The verification error for one certificate, or null when it is trusted (depth 0: the lab has no chains). */
function verifyError(c: CertificateInfo, trusted: readonly CertificateInfo[]): number | null {
  if (trusted.some((t) => t.fingerprint === c.fingerprint)) return null;
  return isSelfIssued(c) ? 18 : 20;
}

export function verifyCommand(argv: readonly string[], env: InspectEnv): ToolStep {
  const out = new Output();
  const args = new Args(argv);
  let caFile: string | null = null;
  const files: string[] = [];
  for (let a = args.next(); a !== undefined; a = args.next()) {
    const name = a.startsWith('--') ? a.slice(1) : a;
    if (!name.startsWith('-') || name === '-') {
      files.push(a);
      continue;
    }
    if (name === '-CAfile' || IGNORED_WITH_VALUE.has(name)) {
      const v = args.value();
      if (v === undefined) {
        out.stderr(usageError('verify', `Option ${a} needs a value`));
        return out.take(1);
      }
      if (name === '-CAfile') caFile = v;
      continue;
    }
    if (IGNORED_FLAGS.has(name)) continue;
    out.stderr(usageError('verify', `Unknown option: ${a}`));
    return out.take(1);
  }
  let trusted: CertificateInfo[] = [];
  if (caFile !== null) {
    const f = env.files(caFile);
    if (f === undefined) {
      out.stderr(VERIFY_TEXT.caFileError(caFile));
      out.stderr(
        errLine(env.threadId, INSPECT_ERR.bioNewFileMissing(caFile)) +
          errLine(env.threadId, INSPECT_ERR.bioNoSuchFile) +
          errLine(env.threadId, INSPECT_ERR.x509LoadSystemLib),
      );
      return out.take(1);
    }
    trusted = certificatesFromPem(f.content);
  }
  let status = 0;
  for (const file of files.length === 0 ? [null] : files) {
    const text = loadInput(env, out, file, 'certificate file', true);
    if (text === null) {
      status = 2;
      continue;
    }
    const cert = firstCertificate(text);
    const shown = file === null || file === '-' ? 'stdin' : file;
    if (cert === null) {
      out.stderr(LOAD.cannotRead('certificate file', file === null || file === '-' ? LOAD.stdinName : file));
      if (firstPrivateKey(text) !== null) out.stderr(errLine(env.threadId, INSPECT_ERR.storeUnsupported));
      out.stderr(LOAD.unable('certificate file'));
      status = 2;
      continue;
    }
    const code = verifyError(cert, trusted);
    if (code === null) {
      out.stdout(VERIFY_TEXT.ok(shown));
      continue;
    }
    out.stderr(`${nameSpaced(cert.subject)}\n${VERIFY_TEXT.depthError(code, 0, VERIFY_ERRORS[code] ?? '')}${VERIFY_TEXT.failed(shown)}`);
    status = 2;
  }
  return out.take(status);
}
