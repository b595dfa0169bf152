import {
  logCannotGetCert,
  logCannotGetKey,
  logChainFilesError,
  logKeyDoesNotMatch,
  logLibraryProblem,
  logNoCertsForKey,
  logNoPemData,
  logNoPrivateKey,
  logOpenChainFile,
  logSecondKeyIgnored,
} from './log-texts.ts';
import { fileIsMissing, missingCertLog, missingKeyLog } from './missing-cert-file.ts';
import { ERR } from './openssl-errors.ts';
import type { FileLookup } from './types.ts';
import type { CertificateInfo } from './x509/certificate.ts';
import { firstCertificate, firstPrivateKey } from './x509/certificate.ts';
import { pemBlocks, toPem } from './x509/pem.ts';

/**
 * How smtpd's tls_server_init() reads smtpd_tls_cert_file and smtpd_tls_key_file (Postfix 3.7
 * tls_certkey.c with OpenSSL 3.0), as recorded in tests/corpus-extra/p25-cert-* and the corpus's p25-may-*.
 * smtpd reads them as root before it drops privileges, so mode bits never matter (p25-may-key-mode-000,
 * p25-cert-mode-000). A directory opens like an empty file (fopen succeeds, reading gives nothing).
 */

/** `log`: smtpd's warnings, in order (a loaded pair may still have warned, e.g. about a second key). */
export type Loaded =
  | { readonly ok: true; readonly cert: CertificateInfo; readonly log: readonly string[] }
  | { readonly ok: false; readonly log: readonly string[] };

type Read = { readonly kind: 'missing' } | { readonly kind: 'text'; readonly content: string };

function read(files: FileLookup, path: string): Read {
  return fileIsMissing(files, path) ? { kind: 'missing' } : { kind: 'text', content: files(path)?.content ?? '' };
}

const failed = (...log: string[]): Loaded => ({ ok: false, log });

/**
 * Different files: SSL_CTX_use_certificate_chain_file, then SSL_CTX_use_PrivateKey_file, whose pair check
 * fails a key of another certificate (p25-may-cert-missing, p25-may-key-garbage, p25-cert-empty-*,
 * p25-cert-*directory, p25-cert-key-missing, p25-cert-key-of-other-pair).
 */
function loadSeparate(certFile: string, keyFile: string, files: FileLookup): Loaded {
  const certText = read(files, certFile);
  if (certText.kind === 'missing') return failed(...missingCertLog(certFile));
  const cert = firstCertificate(certText.content);
  if (cert === null) return failed(logCannotGetCert(certFile), logLibraryProblem(ERR.pemNoStartLine), logLibraryProblem(ERR.certPemLib));
  const keyText = read(files, keyFile);
  if (keyText.kind === 'missing') return failed(...missingKeyLog(keyFile));
  const key = firstPrivateKey(keyText.content);
  if (key === null) return failed(logCannotGetKey(keyFile), logLibraryProblem(ERR.decoderUnsupported), logLibraryProblem(ERR.keyPemLib));
  if (key.modulus !== cert.modulus) return failed(logCannotGetKey(keyFile), logLibraryProblem(ERR.keyMismatch));
  return { ok: true, cert, log: [] };
}

const CERT_LABELS = new Set(['CERTIFICATE', 'X509 CERTIFICATE']);
const KEY_LABELS = new Set(['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY', 'DSA PRIVATE KEY']);

/**
 * One file as both (cert file = key file): tls_certkey.c load_mixed_file reads its PEM objects in order; one
 * key anywhere, the first certificate is the leaf, other PEM types are skipped silently
 * (p25-cert-combined-*, p25-cert-cert-as-key, p25-cert-key-as-cert).
 */
function loadMixed(file: string, files: FileLookup): Loaded {
  const text = read(files, file);
  if (text.kind === 'missing') return failed(logOpenChainFile(file, 'No such file or directory'));
  let keyIndex = 0;
  let keyModulus: string | null = null;
  let cert: CertificateInfo | null = null;
  const warnings: string[] = [];
  let index = 0;
  for (const b of pemBlocks(text.content)) {
    index += 1;
    if (b.der === null) continue;
    const pem = toPem(b.label, b.der);
    if (CERT_LABELS.has(b.label)) {
      cert ??= firstCertificate(pem);
    } else if (KEY_LABELS.has(b.label)) {
      if (keyModulus !== null) {
        warnings.push(logSecondKeyIgnored(index, file, keyIndex));
        continue;
      }
      keyModulus = firstPrivateKey(pem)?.modulus ?? '';
      keyIndex = index;
    }
  }
  const end = logChainFilesError(file);
  if (keyModulus === null && cert === null) return failed(...warnings, logNoPemData(file), end);
  if (cert === null) return failed(...warnings, logNoCertsForKey(keyIndex, file), end);
  if (keyModulus === null) return failed(...warnings, logNoPrivateKey(file), end);
  if (keyModulus !== cert.modulus) {
    return failed(...warnings, logKeyDoesNotMatch(keyIndex, file), logLibraryProblem(ERR.privateKeyMismatch), end);
  }
  return { ok: true, cert, log: warnings };
}

/** tls_certkey.c set_cert_stuff for the RSA slot. */
export function loadCertAndKey(certFile: string, keyFile: string, files: FileLookup): Loaded {
  return certFile === keyFile ? loadMixed(certFile, files) : loadSeparate(certFile, keyFile, files);
}

/**
 * smtpd_tls_chain_files (3.4+): files holding a key followed by its certificate chain. Only the first key
 * and certificate are used; a failure logs Postfix's tls_certkey.c message (format from the source).
 */
export function loadChainFiles(list: string, files: FileLookup): Loaded {
  const names = list.split(/[,\s]+/).filter((n) => n !== '');
  const text = names.map((n) => files(n)?.content ?? '').join('\n');
  const cert = firstCertificate(text);
  const key = firstPrivateKey(text);
  if (names.some((n) => files(n) === undefined) || cert === null || key === null || key.modulus !== cert.modulus) {
    return failed(logChainFilesError(names.join(', ')));
  }
  return { ok: true, cert, log: [] };
}
