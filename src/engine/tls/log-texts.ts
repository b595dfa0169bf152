import type { PeerTrust, TlsVersion } from './types.ts';

// What smtpd logs when its TLS engine starts, before any certificate is read, and when a certificate or key file
// does not exist: apart, in init-log-texts.ts, because the lab's first chunk needs them (server-init.ts,
// missing-cert-file.ts) while the rest of this file comes with the TLS code.
export {
  LOG_NO_SERVER_CERTS,
  LOG_SERVER_ENGINE_INIT,
  logCannotGetCert,
  logCannotGetKey,
  logInvalidProtocolsServer,
  logLibraryProblem,
} from './init-log-texts.ts';

/**
 * Every log text of Postfix's TLS library (server and client side), in one place.
 * Sources: the corpus scenario named next to each, postfix-facts.md §3–§5, or Postfix's source where
 * noted (message formats only).
 */

/** corpus log-smtp-tls-loglevel-2 */
export const LOG_CLIENT_ENGINE_INIT = 'initializing the client-side TLS engine';

/** corpus log-smtpd-tls-loglevel-2 */
export const logSettingUpFrom = (peer: string): string => `setting up TLS connection from ${peer}`;
/** corpus log-smtp-tls-loglevel-2 */
export const logSettingUpTo = (peer: string): string => `setting up TLS connection to ${peer}`;
/** corpus log-smtpd-tls-loglevel-2, log-smtp-tls-loglevel-2 */
export const logCipherList = (peer: string, list: string): string => `${peer}: TLS cipher list "${list}"`;

/** OpenSSL state callbacks: corpus log-smtpd-tls-loglevel-2 (`SSL_accept:`), log-smtp-tls-loglevel-2 (`SSL_connect:`). */
export const logState = (role: 'server' | 'client', state: string): string =>
  `${role === 'server' ? 'SSL_accept' : 'SSL_connect'}:${state}`;
/** An alert sent or received (postfix-facts.md §5; OpenSSL's long names). */
export const logAlert = (dir: 'read' | 'write', description: string): string => `SSL3 alert ${dir}:fatal:${description}`;
/** The state callback on a handshake error (not for would-block, which Postfix does not log). */
export const logStateError = (role: 'server' | 'client', state: string): string =>
  `${role === 'server' ? 'SSL_accept' : 'SSL_connect'}:error in ${state}`;

/** corpus log-smtpd-tls-loglevel-2 */
export const logIssuingTicket = (peer: string, expiration: number): string =>
  `${peer}: Issuing session ticket, key expiration: ${expiration}`;

/** corpus log-smtpd-tls-loglevel-3: the BIO callback around each read and write. */
export function logBio(op: 'read' | 'write', bio: string, buf: string, asked: number, got: number): string {
  const verb = op === 'read' ? 'read from' : 'write to';
  const res = got < 0 ? '-1' : `${got} (0x${got.toString(16).toUpperCase()})`;
  return `${verb} ${bio} [${buf}] (${asked} bytes => ${res})`;
}

/** corpus log-smtp-tls-loglevel-2 */
export const logVerifyDepth = (peer: string, depth: number, ok: boolean, subject: string): string =>
  `${peer}: depth=${depth} verify=${ok ? 1 : 0} subject=${subject}`;
/** corpus log-smtp-tls-loglevel-2, posttls-finger */
export const logPeerCert = (peer: string, cn: string, issuerCn: string, fp: string, pkeyFp: string): string =>
  `${peer}: subject_CN=${cn}, issuer_CN=${issuerCn}, fingerprint=${fp}, pkey_fingerprint=${pkeyFp}`;
/** corpus outbound-verify-starttls, posttls-finger */
export const logVerifyFailed = (peer: string, reason: string): string => `certificate verification failed for ${peer}: ${reason}`;
/** corpus more/outbound-verify-selfsigned-with-cafile */
export const logServerVerifyFailed = (peer: string, detail: string): string =>
  `server certificate verification failed for ${peer}: ${detail}`;
export const VERIFY_SELF_SIGNED = 'self-signed certificate';
export const VERIFY_IP_MISMATCH = 'num=64:IP address mismatch';

const TRUST_WORD: Readonly<Record<PeerTrust, string>> = {
  anonymous: 'Anonymous',
  untrusted: 'Untrusted',
  trusted: 'Trusted',
  verified: 'Verified',
};

export interface SummaryDetails {
  readonly trust: PeerTrust;
  readonly role: 'server' | 'client';
  readonly peer: string;
  readonly version: TlsVersion;
  readonly cipher: string;
  readonly cipherBits: number;
  readonly algBits: number;
  /** TLSv1.3 only: `key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256`. */
  readonly tls13?: { readonly kex: string; readonly sigType: string; readonly sigBits: number; readonly digest: string };
}

/**
 * The summary line (postfix-facts.md §5; corpus p25-level-may, outbound-may-starttls):
 * `Anonymous TLS connection established from localhost[127.0.0.1]: TLSv1.3 with cipher ... (256/256 bits) key-exchange ...`.
 */
export function logSummary(d: SummaryDetails): string {
  const dir = d.role === 'server' ? 'from' : 'to';
  let s = `${TRUST_WORD[d.trust]} TLS connection established ${dir} ${d.peer}: ${d.version} with cipher ${d.cipher} (${d.cipherBits}/${d.algBits} bits)`;
  if (d.tls13 !== undefined) {
    s += ` key-exchange ${d.tls13.kex} server-signature ${d.tls13.sigType} (${d.tls13.sigBits} bits) server-digest ${d.tls13.digest}`;
  }
  return s;
}

/** corpus tls-protocols-restricted-may, submissions-465-wrappermode */
export const logAcceptError = (peer: string): string => `SSL_accept error from ${peer}: -1`;
/** corpus submissions-465-wrappermode: the client went away before sending a ClientHello. */
export const logAcceptLost = (peer: string): string => `SSL_accept error from ${peer}: lost connection`;
/** corpus more/outbound-tls1only-encrypt-ge12 */
export const logConnectError = (peer: string): string => `SSL_connect error to ${peer}: -1`;
/** Postfix tls_client.c (client, per session) */
export const logInvalidProtocolsClient = (peer: string, list: string): string =>
  `warning: ${peer}: Invalid TLS protocol list "${list}": aborting TLS session`;
/** Postfix tls_misc.c tls_set_ciphers */
export const logInvalidGrade = (peer: string, grade: string): string => `warning: ${peer}: invalid cipher grade: "${grade}"`;
/** Postfix tls_misc.c tls_set_ciphers */
export const logInvalidUnary = (peer: string, token: string): string =>
  `warning: ${peer}: invalid unary '!+-@' in cipher exclusion: ${token}`;
/** corpus-extra p25-cert-cert-as-key, p25-cert-combined-empty (tls_certkey.c load_pem_bio; also smtpd_tls_chain_files) */
export const logChainFilesError = (files: string): string =>
  `warning: error loading private keys and certificates from: ${files}: disabling TLS support`;
/** corpus-extra p25-cert-combined-missing (tls_certkey.c load_mixed_file: fopen failed; `%m` = strerror) */
export const logOpenChainFile = (file: string, reason: string): string => `warning: error opening chain file: ${file}: ${reason}`;
/** corpus-extra p25-cert-combined-empty, p25-cert-combined-directory */
export const logNoPemData = (file: string): string => `warning: No PEM data in ${file}`;
/** corpus-extra p25-cert-key-as-cert */
export const logNoCertsForKey = (index: number, file: string): string => `warning: No certs for key at index ${index} in ${file}`;
/** corpus-extra p25-cert-cert-as-key */
export const logNoPrivateKey = (file: string): string => `warning: No private key found in ${file}`;
/** corpus-extra p25-cert-combined-mismatch */
export const logKeyDoesNotMatch = (index: number, file: string): string =>
  `warning: key at index ${index} in ${file} does not match next certificate`;
/** corpus-extra p25-cert-combined-two-keys (tls_certkey.c load_pkey: a second key in one file is skipped) */
export const logSecondKeyIgnored = (index: number, file: string, first: number): string =>
  `warning: ignoring 2nd key at index ${index} in ${file} after 1st at ${first}`;
