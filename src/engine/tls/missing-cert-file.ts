import { FILE_OPEN_ERR, type OpenSslError } from './file-open-errors.ts';
import { logCannotGetCert, logCannotGetKey, logLibraryProblem } from './init-log-texts.ts';
import type { FileLookup } from './types.ts';

/**
 * A certificate or key file that fopen() cannot find, as smtpd's tls_server_init() reports it (corpus
 * p25-may-cert-missing, corpus-extra p25-cert-key-missing): Postfix's warning, then OpenSSL's three error lines.
 * Apart from cert-files.ts, which reads every other case, because the outcome needs no certificate parsing: the
 * browser's stand-in for the TLS code (server-tls.ts) gives it before that code is here.
 */

/** Whether fopen() finds nothing at `path` (a directory opens, and reads as empty). */
export function fileIsMissing(files: FileLookup, path: string): boolean {
  return files(path) === undefined && files.isDirectory?.(path) !== true;
}

function missingFile(warning: string, file: string, sslError: OpenSslError): readonly string[] {
  return [
    warning,
    logLibraryProblem(FILE_OPEN_ERR.fopenMissing(file)),
    logLibraryProblem(FILE_OPEN_ERR.bioSystemLib),
    logLibraryProblem(sslError),
  ];
}

/** SSL_CTX_use_certificate_chain_file on a file that does not exist. */
export const missingCertLog = (certFile: string): readonly string[] =>
  missingFile(logCannotGetCert(certFile), certFile, FILE_OPEN_ERR.certSystemLib);

/** SSL_CTX_use_PrivateKey_file on a file that does not exist (the certificate loaded). */
export const missingKeyLog = (keyFile: string): readonly string[] =>
  missingFile(logCannotGetKey(keyFile), keyFile, FILE_OPEN_ERR.keySystemLib);
