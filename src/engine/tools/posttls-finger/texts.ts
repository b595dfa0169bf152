import type { ConnectError } from '../../world/network.ts';

/**
 * What posttls-finger prints of its own (all on stdout, `posttls-finger: ` first: it is a diagnostic
 * tool, msg_vstream_init(..., VSTREAM_OUT)). Sources: corpus posttls-finger and more/strip-inbound-sclient;
 * the message formats of posttls-finger.c where the corpus has no example (marked "source").
 */
export const PROGNAME = 'posttls-finger';
/** corpus posttls-finger: `posttls-finger: < 220 mail.example.org ESMTP Postfix` */
export const CHAT_RECEIVED = '< ';
export const CHAT_SENT = '> ';
/** corpus posttls-finger */
export const connected = (namaddrport: string): string => `Connected to ${namaddrport}`;
/** corpus posttls-finger, `-p TLSv1.2` with an anonymous suite */
export const SERVER_ANONYMOUS = 'Server is anonymous';
/** source */
export const serviceNotAvailable = (code: number, text: string): string => `SMTP service not available: ${code} ${text}`;
export const ehloRejected = (code: number, text: string): string => `EHLO rejected: ${code} ${text}`;
export const starttlsRejected = (code: number, text: string): string => `STARTTLS rejected: ${code} ${text}`;
export const TIMEOUT_GREETING = 'timeout while reading server greeting';
export const failedToEstablish = (dest: string, host: string, why: string): string =>
  `Failed to establish session to ${dest} via ${host}: ${why}`;
export const lookupFailed = (host: string): string =>
  `Destination address lookup failed: Host or domain name not found. Name service error for name=${host} type=A: Host not found`;
export const invalidLevel = (level: string): string => `fatal: Invalid TLS level "${level}"`;
export const badPort = (service: string, dest: string): string => `fatal: bad network port: ${service} for destination: ${dest}`;
export const unknownService = (service: string): string => `fatal: unknown service: ${service}/tcp`;

const ERRNO_TEXT: Readonly<Record<ConnectError, string>> = {
  refused: 'Connection refused',
  'unknown-host': 'Host not found',
  unreachable: 'Network is unreachable',
};

/** source: connect_sock's `connect to %s[%s]:%d: %m` */
export const connectFailed = (name: string, addr: string, port: number, e: ConnectError): string =>
  `connect to ${name}[${addr}]:${port}: ${ERRNO_TEXT[e]}`;

/** GNU getopt's complaints (stderr). */
export const invalidOption = (c: string): string => `${PROGNAME}: invalid option -- '${c}'\n`;
export const missingArgument = (c: string): string => `${PROGNAME}: option requires an argument -- '${c}'\n`;

/** usage() (source, 3.7 option set), on stderr with status 1. */
export const USAGE =
  `usage: ${PROGNAME} [-acCfRSvw] [-t conn_tmout] [-T cmd_tmout] [-L logopts] \\\n` +
  '\t[-h host_lookup] [-l level] [-d mdalg] [-g grade] [-p protocols] \\\n' +
  '\t[-A tafile] [-F CAfile.pem] [-P CApath/] [-s servername] \\\n' +
  '\t[ [-H chainfiles] | [-k certfile [-K keyfile]] ] \\\n' +
  '\t[-m count] [-r delay] [-o name=value] destination [match ...]\n';
