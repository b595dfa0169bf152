/**
 * The OpenSSL 3.0 errors of a certificate or key file that fopen() cannot find, and the record and layout all of
 * openssl-errors.ts uses. Apart from that file because smtpd's start needs them before the TLS code is here
 * (server-tls.ts: a key or certificate file that does not exist fails the same way with or without it).
 */
export interface OpenSslError {
  readonly code: string;
  readonly lib: string;
  readonly func: string;
  readonly reason: string;
  readonly file: string;
  readonly line: number;
  readonly data: string;
}

export function err(code: string, lib: string, func: string, reason: string, file: string, line: number, data = ''): OpenSslError {
  return { code, lib, func, reason, file, line, data };
}

/** The errors of a file that does not exist (openssl-errors.ts spreads them into its ERR). */
export const FILE_OPEN_ERR = {
  /** corpus p25-may-cert-missing */
  fopenMissing: (path: string): OpenSslError =>
    err(
      '80000002',
      'system library',
      'file_open',
      'No such file or directory',
      '../crypto/bio/bss_file.c',
      308,
      `calling fopen(${path}, r)`,
    ),
  /** corpus p25-may-cert-missing */
  bioSystemLib: err('10080002', 'BIO routines', 'BIO_new_file', 'system lib', '../crypto/bio/bss_file.c', 311),
  /** corpus p25-may-cert-missing (SSL_CTX_use_certificate_chain_file) */
  certSystemLib: err('0A080002', 'SSL routines', 'SSL_CTX_use_certificate_chain_file', 'system lib', '../ssl/ssl_rsa.c', 450),
  /** corpus-extra p25-cert-key-missing: SSL_CTX_use_PrivateKey_file on a missing file */
  keySystemLib: err('0A080002', 'SSL routines', 'SSL_CTX_use_PrivateKey_file', 'system lib', '../ssl/ssl_rsa.c', 368),
} as const;

/** Postfix's tls_print_errors layout (without the `warning: TLS library problem: ` prefix). */
export function postfixErrorText(e: OpenSslError): string {
  const head = `error:${e.code}:${e.lib}::${e.reason}:${e.file}:${e.line}:`;
  return e.data === '' ? head : `${head}${e.data}:`;
}
