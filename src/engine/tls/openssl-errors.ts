/**
 * OpenSSL 3.0 errors as the lab's programs print them. One record, two layouts:
 * - Postfix's `warning: TLS library problem: error:0A000102:SSL routines::unsupported protocol:../ssl/statem/statem_srvr.c:1664:`
 *   (tls_print_errors: no function name, a trailing colon after the optional data);
 * - OpenSSL's own ERR_print_errors, in s_client:
 *   `40F7D8704C7F0000:error:0A00042E:SSL routines:ssl3_read_bytes:tlsv1 alert protocol version:../ssl/record/rec_layer_s3.c:1602:SSL alert number 70`.
 *
 * Source of each: the corpus where it has the error (file:line from OpenSSL 3.0.22 there); otherwise the
 * same error reproduced on the development machine's OpenSSL 3.0.19 (Debian build), marked "local".
 */
import { err, FILE_OPEN_ERR, type OpenSslError } from './file-open-errors.ts';

export { postfixErrorText, type OpenSslError } from './file-open-errors.ts';

export const ERR = {
  ...FILE_OPEN_ERR,
  /** corpus-extra p25-cert-empty-file, p25-cert-directory: a certificate file without a PEM certificate */
  pemNoStartLine: err(
    '0480006C',
    'PEM routines',
    'get_name',
    'no start line',
    '../crypto/pem/pem_lib.c',
    760,
    'Expecting: TRUSTED CERTIFICATE',
  ),
  /** corpus-extra p25-cert-empty-file, p25-cert-directory */
  certPemLib: err('0A080009', 'SSL routines', 'SSL_CTX_use_certificate_chain_file', 'PEM lib', '../ssl/ssl_rsa.c', 462),
  /** corpus p25-may-key-garbage */
  decoderUnsupported: err(
    '1E08010C',
    'DECODER routines',
    'OSSL_DECODER_from_bio',
    'unsupported',
    '../crypto/encode_decode/decoder_lib.c',
    103,
    'No supported data to decode. Input type: PEM',
  ),
  /** corpus p25-may-key-garbage */
  keyPemLib: err('0A080009', 'SSL routines', 'SSL_CTX_use_PrivateKey_file', 'PEM lib', '../ssl/ssl_rsa.c', 385),
  /** corpus-extra p25-cert-key-of-other-pair: a key that does not belong to the certificate */
  keyMismatch: err(
    '05800074',
    'x509 certificate routines',
    'X509_check_private_key',
    'key values mismatch',
    '../crypto/x509/x509_cmp.c',
    403,
  ),
  /** corpus-extra p25-cert-combined-mismatch: SSL_CTX_use_cert_and_key with a key of another pair */
  privateKeyMismatch: err('0A000120', 'SSL routines', 'ssl_set_cert_and_key', 'private key mismatch', '../ssl/ssl_rsa.c', 983),
  /** corpus tls-protocols-restricted-may (server) */
  unsupportedProtocol: err(
    '0A000102',
    'SSL routines',
    'tls_early_post_process_client_hello',
    'unsupported protocol',
    '../ssl/statem/statem_srvr.c',
    1664,
  ),
  /** corpus submissions-465-wrappermode (server); the same record check on the client (local) */
  wrongVersion: err('0A00010B', 'SSL routines', 'ssl3_get_record', 'wrong version number', '../ssl/record/ssl3_record.c', 350),
  /** local (statem_srvr.c unchanged around 1664 between 3.0.19 and 3.0.22) */
  noSharedCipher: err('0A0000C1', 'SSL routines', 'tls_post_process_client_hello', 'no shared cipher', '../ssl/statem/statem_srvr.c', 2226),
  /** corpus tls-protocols-restricted-may (s_client), more/outbound-tls1only-encrypt-ge12 (smtp) */
  alertProtocolVersion: err(
    '0A00042E',
    'SSL routines',
    'ssl3_read_bytes',
    'tlsv1 alert protocol version',
    '../ssl/record/rec_layer_s3.c',
    1602,
    'SSL alert number 70',
  ),
  /** local reason; line as the corpus's other alerts */
  alertHandshakeFailure: err(
    '0A000410',
    'SSL routines',
    'ssl3_read_bytes',
    'sslv3 alert handshake failure',
    '../ssl/record/rec_layer_s3.c',
    1602,
    'SSL alert number 40',
  ),
  /** local reason; line as the corpus's other alerts */
  alertInternalError: err(
    '0A000438',
    'SSL routines',
    'ssl3_read_bytes',
    'tlsv1 alert internal error',
    '../ssl/record/rec_layer_s3.c',
    1602,
    'SSL alert number 80',
  ),
  /** local: OpenSSL 3 at security level 1+ refuses TLSv1/TLSv1.1's MD5-SHA1 signature */
  legacySigalg: err(
    '0A00014D',
    'SSL routines',
    'tls_process_key_exchange',
    'legacy sigalg disallowed or unsupported',
    '../ssl/statem/statem_clnt.c',
    2254,
  ),
  /** terminal/term-sclient-587-interactive: `R` in a TLSv1.3 session */
  cannotRenegotiate: err('0A00010A', 'SSL routines', 'can_renegotiate', 'wrong ssl version', '../ssl/ssl_lib.c', 2287),
  /** local: the peer closed the connection in the middle of the handshake */
  unexpectedEof: err('0A000126', 'SSL routines', 'ssl3_read_n', 'unexpected eof while reading', '../ssl/record/rec_layer_s3.c', 318),
  /** local: the address is outside the network (errno 101) */
  networkUnreachable: err(
    '80000065',
    'system library',
    'BIO_connect',
    'Network is unreachable',
    '../crypto/bio/bio_sock2.c',
    117,
    'calling connect()',
  ),
  /** local: nothing listens on the port */
  connectRefused: err(
    '8000006F',
    'system library',
    'BIO_connect',
    'Connection refused',
    '../crypto/bio/bio_sock2.c',
    117,
    'calling connect()',
  ),
  /** local */
  connectError: err('10000067', 'BIO routines', 'BIO_connect', 'connect error', '../crypto/bio/bio_sock2.c', 119),
  /** local: the host name does not resolve */
  lookupFailed: err(
    '10080002',
    'BIO routines',
    'BIO_lookup_ex',
    'system lib',
    '../crypto/bio/bio_addr.c',
    746,
    'Name or service not known',
  ),
  /** local: a port that is not a number or service name */
  badService: err(
    '10080002',
    'BIO routines',
    'BIO_lookup_ex',
    'system lib',
    '../crypto/bio/bio_addr.c',
    746,
    'Servname not supported for ai_socktype',
  ),
} as const;

/** ERR_print_errors layout: `<thread id>:error:<code>:<lib>:<func>:<reason>:<file>:<line>:<data>`. */
export function opensslErrorLine(threadId: string, e: OpenSslError): string {
  return `${threadId}:error:${e.code}:${e.lib}:${e.func}:${e.reason}:${e.file}:${e.line}:${e.data}`;
}
