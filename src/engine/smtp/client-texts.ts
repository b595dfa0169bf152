/*
 * What Postfix's smtp(8) client sends, and the reason texts it records for a recipient.
 * Each cites the corpus scenario that shows it, or the Postfix source when the corpus lacks it.
 */

/** corpus: outbound-may-starttls, `C: EHLO mail.example.org` */
export const ehloCommand = (name: string): string => `EHLO ${name}`;
/** Fallback after a non-421 EHLO rejection (Postfix smtp_proto.c smtp_helo). */
export const heloCommand = (name: string): string => `HELO ${name}`;
/** corpus: outbound-may-starttls, `C: STARTTLS` */
export const STARTTLS_COMMAND = 'STARTTLS';
/** corpus: outbound-may-starttls, `C: MAIL FROM:<alice@example.org> SIZE=312`; BODY=8BITMIME per smtp_proto.c. */
export function mailCommand(sender: string, size: number | null, eightBit: boolean): string {
  return `MAIL FROM:<${sender}>${size !== null ? ` SIZE=${size}` : ''}${eightBit ? ' BODY=8BITMIME' : ''}`;
}
/** corpus: outbound-may-starttls, `C: RCPT TO:<bob@example.net>` */
export const rcptCommand = (rcpt: string): string => `RCPT TO:<${rcpt}>`;
/** corpus: outbound-may-starttls, `C: DATA` */
export const DATA_COMMAND = 'DATA';
/** corpus: outbound-may-starttls, `C: .` */
export const END_OF_DATA = '.';
/** corpus: outbound-may-starttls, `C: QUIT` */
export const QUIT_COMMAND = 'QUIT';
/** Sent when no recipient was accepted although DATA was pipelined (Postfix smtp_proto.c). */
export const RSET_COMMAND = 'RSET';

/** corpus: outbound-encrypt-nostarttls, dsn=4.7.4 `TLS is required, but was not offered by host 127.0.0.2[127.0.0.2]` */
export const tlsNotOffered = (namaddr: string): string => `TLS is required, but was not offered by host ${namaddr}`;
export const DSN_TLS_NOT_OFFERED = '4.7.4';
/** corpus: outbound-verify-starttls, dsn=4.7.5 `Server certificate not verified` */
export const CERT_NOT_VERIFIED = 'Server certificate not verified';
/** more/outbound-tls1only-encrypt-ge12, dsn=4.7.5 `Cannot start TLS: handshake failure` */
export const CANNOT_START_TLS = 'Cannot start TLS: handshake failure';
export const DSN_TLS_FAILED = '4.7.5';
/** postfix-facts.md §3: a STARTTLS refusal at a level above may (dsn 4.7.5 as the other TLS failures). */
export const tlsRefused = (namaddr: string, reply: string): string => `TLS is required, but host ${namaddr} refused to start TLS: ${reply}`;
/** more/README.md 8: dane-only without DNSSEC, relay=none, dsn 4.7.5 (postfix-facts.md §3). */
export const CLIENT_TLS_CONFIG_PROBLEM = 'client TLS configuration problem';

/** Postfix smtp_connect.c: `connect to %s[%s]:%d: %m` with dsn 4.4.1 (not in the corpus). */
export const connectFailed = (host: string, addr: string, port: number, error: string): string =>
  `connect to ${host}[${addr}]:${port}: ${error}`;
export const DSN_CONNECT = '4.4.1';
/** strerror(ECONNREFUSED) / strerror(ENETUNREACH) on Linux. */
export const CONNECTION_REFUSED = 'Connection refused';
export const NETWORK_UNREACHABLE = 'Network is unreachable';

/** Postfix smtp_addr.c with native host lookups: `unable to look up host %s: %s` (EAI_NONAME, glibc text; not in the corpus). */
export const hostLookupFailed = (host: string): string => `unable to look up host ${host}: Name or service not known`;
export const DSN_HOST_LOOKUP = '5.4.4';

/** Postfix smtp_proto.c: `host %s refused to talk to me: %s` (banner or HELO rejected; not in the corpus). */
export const refusedToTalk = (namaddr: string, reply: string): string => `host ${namaddr} refused to talk to me: ${reply}`;
/** Postfix smtp_proto.c: `host %s said: %s (in reply to %s)` (not in the corpus). */
export const hostSaid = (namaddr: string, reply: string, command: string): string =>
  `host ${namaddr} said: ${reply} (in reply to ${command})`;
export const IN_REPLY_TO_MAIL = 'MAIL FROM command';
export const IN_REPLY_TO_RCPT = 'RCPT TO command';
export const IN_REPLY_TO_DATA = 'DATA command';
export const IN_REPLY_TO_END = 'end of DATA command';

/** Postfix smtp_proto.c/smtp_trouble.c: `lost connection with %s while %s`, `conversation with %s timed out while %s` (dsn 4.4.2). */
export const lostConnection = (namaddr: string, where: string): string => `lost connection with ${namaddr} while ${where}`;
export const timedOut = (namaddr: string, where: string): string => `conversation with ${namaddr} timed out while ${where}`;
export const DSN_LOST = '4.4.2';
export const WHILE_GREETING = 'receiving the initial server greeting';
export const WHILE_EHLO = 'performing the EHLO handshake';
export const WHILE_HELO = 'performing the HELO handshake';
export const WHILE_STARTTLS = 'receiving the STARTTLS response';
export const WHILE_MAIL = 'sending MAIL FROM';
export const WHILE_RCPT = 'sending RCPT TO';
export const WHILE_DATA = 'sending DATA command';
export const WHILE_END = 'sending end of data -- message may be sent more than once';

/** qmgr(8) when the smtp transport died at start (e.g. an invalid TLS level): dsn 4.3.0 (not in the corpus). */
export const TRANSPORT_ERROR = 'unknown mail transport error';
export const DSN_TRANSPORT = '4.3.0';
