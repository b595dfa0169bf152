import type { OpenSslError } from '../../tls/openssl-errors.ts';
import { opensslErrorLine } from '../../tls/openssl-errors.ts';
import type { CertificateInfo } from '../../tls/x509/certificate.ts';
import { nameSpaced } from '../../tls/x509/certificate.ts';
import { asn1Time } from '../../tls/x509/asn1-time.ts';

/**
 * Every text `openssl s_client` (OpenSSL 3.0) prints, in one place. Sources: the corpus `sclient-*.txt`
 * files of tls-protocols-default, tls-protocols-restricted-may, tls-protocols-ge-syntax-may,
 * submissions-465-wrappermode, more/strip-inbound-sclient, the screens of
 * terminal/term-sclient-587-interactive, and (marked "local") the development machine's OpenSSL 3.0.19.
 */

/** Option errors: `s_client: <what>` then `s_client: Use -help for summary.` (local). */
export function sClientUsageError(what: string | null): string {
  return `${what === null ? '' : `s_client: ${what}\n`}s_client: Use -help for summary.\n`;
}

/** The file descriptor of the socket (corpus terminal screens: `CONNECTED(00000003)`). */
export const CONNECTED = 'CONNECTED(00000003)\n';
/** corpus more/strip-inbound-sclient */
export const NO_STARTTLS = "Didn't find STARTTLS in server response, trying anyway...\n";
/** corpus tls-protocols-default (the server did not acknowledge SNI, or none was sent) */
export const NO_SERVERNAME = "Can't use SSL_get_servername\n";
/** corpus terminal/term-sclient-587-interactive */
export const DONE = 'DONE\n';
export const RENEGOTIATING = 'RENEGOTIATING\n';
/** local: `k`/`K` at the start of a line in a TLSv1.3 session */
export const KEYUPDATE = 'KEYUPDATE\n';
/** corpus tls-protocols-default */
export const CLOSED = 'closed\n';
export const READ_R_BLOCK = 'read R BLOCK\n';
/** local: `connect:errno=111` after a refused connection, 22 after a failed lookup */
export const connectErrno = (n: number): string => `connect:errno=${n}\n`;
/**
 * A write to a connection the server had closed before its greeting (EPIPE, 32): recorded from the real
 * OpenSSL 3.0 s_client on Debian 12 against a throttled submission service whose smtpd dies at start
 * (corpus-extra reload-mastercf-broken-service's setup): `Didn't find STARTTLS...`, then this, and
 * `SSL handshake has read 0 bytes and written 23 bytes` (only the EHLO got out).
 */
export const writeErrno = (n: number): string => `write:errno=${n}\n`;

/** The client's error when `-verify_return_error` stops the handshake (host-tools/openssl-sclient-verify-return-error.txt). */
export const CERT_VERIFY_FAILED: OpenSslError = {
  code: '0A000086',
  lib: 'SSL routines',
  func: 'tls_post_process_server_certificate',
  reason: 'certificate verify failed',
  file: '../ssl/statem/statem_clnt.c',
  line: 1889,
  data: '',
};

export function errorLine(threadId: string, e: OpenSslError): string {
  return `${opensslErrorLine(threadId, e)}\n`;
}

/**
 * The verify callback (stderr): corpus tls-protocols-default; `-brief` keeps only the error (terminal -brief
 * screen). `code` 0 is a trusted chain; 18 (no -CAfile trusting it) and 62 (`-verify_hostname` mismatch) are
 * recorded in tests/corpus-extra/host-tools/openssl-sclient-*.txt. With `-verify_return_error` the callback
 * returns 0 at the first error: no `verify return:1` lines, and the handshake fails.
 */
export function verifyLines(cert: CertificateInfo, code: number, brief: boolean, returnError = false): string {
  const depth = `depth=0 ${nameSpaced(cert.subject)}\n`;
  if (code === 0) return brief ? '' : `${depth}verify return:1\n`;
  const err = `${depth}verify error:num=${code}:${VERIFY_TEXT[code] ?? ''}\n`;
  return brief || returnError ? err : `${err}verify return:1\n${depth}verify return:1\n`;
}

/** One certificate of the `Certificate chain` block. */
export function chainEntry(i: number, c: CertificateInfo, showPem: boolean): string {
  return (
    ` ${i} s:${nameSpaced(c.subject)}\n` +
    `   i:${nameSpaced(c.issuer)}\n` +
    `   a:PKEY: rsaEncryption, ${c.keyBits} (bit); sigalg: ${c.signatureAlgorithm}\n` +
    `   v:NotBefore: ${asn1Time(c.notBefore)}; NotAfter: ${asn1Time(c.notAfter)}\n` +
    (showPem ? c.pem : '')
  );
}

export interface SessionBlock {
  readonly protocol: string;
  readonly cipher: string;
  /** Upper-case hex, '' when none. */
  readonly sessionId: string;
  /** `Master-Key:` (TLSv1.2 and older) or `Resumption PSK:` (TLSv1.3 tickets). */
  readonly keyLabel: 'Master-Key' | 'Resumption PSK';
  readonly key: string;
  /** The ticket's BIO_dump lines, or null when the session has none. */
  readonly ticket: readonly string[] | null;
  readonly startTime: number;
  readonly verifyCode: number;
  readonly verifyText: string;
  readonly extendedMasterSecret: boolean;
  /** TLSv1.3 tickets end with `Max Early Data: 0`. */
  readonly maxEarlyData: boolean;
}

/** SSL_SESSION_print (corpus tls-protocols-default sclient-tls1_2.txt and sclient-tls1_3.txt). */
export function sessionBlock(s: SessionBlock): string {
  let out =
    'SSL-Session:\n' +
    `    Protocol  : ${s.protocol}\n` +
    `    Cipher    : ${s.cipher}\n` +
    `    Session-ID: ${s.sessionId}\n` +
    '    Session-ID-ctx: \n' +
    `    ${s.keyLabel}: ${s.key}\n` +
    '    PSK identity: None\n' +
    '    PSK identity hint: None\n' +
    '    SRP username: None\n';
  if (s.ticket !== null) {
    out +=
      '    TLS session ticket lifetime hint: 7200 (seconds)\n    TLS session ticket:\n' + s.ticket.map((l) => `${l}\n`).join('') + '\n';
  }
  out +=
    `    Start Time: ${s.startTime}\n` +
    '    Timeout   : 7200 (sec)\n' +
    `    Verify return code: ${s.verifyCode} (${s.verifyText})\n` +
    `    Extended master secret: ${s.extendedMasterSecret ? 'yes' : 'no'}\n`;
  if (s.maxEarlyData) out += '    Max Early Data: 0\n';
  return out;
}

/** corpus tls-protocols-default sclient-tls1_3.txt */
export const ticketArrived = (block: string): string => `---\nPost-Handshake New Session Ticket arrived:\n${block}---\n`;

export const VERIFY_TEXT: Readonly<Record<number, string>> = { 0: 'ok', 18: 'self-signed certificate', 62: 'hostname mismatch' };

export const SECURE_RENEG = (yes: boolean): string => `Secure Renegotiation IS${yes ? '' : ' NOT'} supported\n`;
export const COMPRESSION_LINES = 'Compression: NONE\nExpansion: NONE\nNo ALPN negotiated\n';
export const NO_PEER_CERT = 'no peer certificate available\n';
export const NO_CLIENT_CA = 'No client certificate CA names sent\n';
export const handshakeBytes = (read: number, written: number): string =>
  `SSL handshake has read ${read} bytes and written ${written} bytes\n`;
export const verification = (code: number, peername: string | null = null): string =>
  code === 0
    ? `Verification: OK\n${peername === null ? '' : `Verified peername: ${peername}\n`}`
    : `Verification error: ${VERIFY_TEXT[code] ?? 'unknown'}\n`;
/** `-verify N` (apps/s_client.c, not recorded): said at option parsing, on stderr. */
export const verifyDepth = (n: number): string => `verify depth is ${n}\n`;
export const newCipher = (version: string, cipher: string): string => `New, ${version}, Cipher is ${cipher}\n`;
export const serverPublicKey = (bits: number): string => `Server public key is ${bits} bit\n`;
export const EARLY_DATA_NOT_SENT = 'Early data was not sent\n';
export const verifyReturn = (code: number): string => `Verify return code: ${code} (${VERIFY_TEXT[code] ?? 'unknown'})\n`;
export const peerSigning = (digest: string, type: string): string => `Peer signing digest: ${digest}\nPeer signature type: ${type}\n`;
export const tempKeyLine = (k: string): string => `Server Temp Key: ${k}\n`;
/** local: `-brief` with TLSv1.2 and older */
export const POINT_FORMATS = 'Supported Elliptic Curve Point Formats: uncompressed:ansiX962_compressed_prime:ansiX962_compressed_char2\n';

/** `-brief` (stderr, terminal/term-sclient-587-interactive). */
export function briefBlock(p: {
  readonly protocol: string;
  readonly cipher: string;
  readonly peer: string | null;
  readonly hash: string | null;
  readonly sigType: string | null;
  readonly verifyCode: number;
  readonly pointFormats: boolean;
  readonly tempKey: string | null;
}): string {
  let s = `CONNECTION ESTABLISHED\nProtocol version: ${p.protocol}\nCiphersuite: ${p.cipher}\n`;
  if (p.peer !== null) s += `Peer certificate: ${p.peer}\n`;
  if (p.hash !== null) s += `Hash used: ${p.hash}\n`;
  if (p.sigType !== null) s += `Signature type: ${p.sigType}\n`;
  s += verification(p.verifyCode);
  if (p.pointFormats) s += POINT_FORMATS;
  if (p.tempKey !== null) s += tempKeyLine(p.tempKey);
  return s;
}
