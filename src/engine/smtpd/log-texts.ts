/**
 * Every mail log text smtpd(8) writes (what follows `postfix/smtpd[PID]: `).
 * Sources as in replies.ts: `corpus <scenario>` (raw.normalized.log), `facts §N`, `source <file:function>`.
 * TLS handshake and TLS init texts come from the TLS engine, not from here.
 */

/** corpus p25-level-may. */
export const logConnect = (namaddr: string): string => `connect from ${namaddr}`;
/** corpus p25-level-may: `disconnect from localhost[127.0.0.1] ehlo=2 starttls=1/3 ... commands=9/13`. */
export const logDisconnect = (namaddr: string, stats: string): string => `disconnect from ${namaddr}${stats}`;
/** corpus p25-level-may: `lost connection after EHLO from ...`; smtp-edge-cases: `too many errors after UNKNOWN from ...`. */
export const logAbnormalEnd = (reason: string, where: string, namaddr: string): string => `${reason} after ${where} from ${namaddr}`;
/** source smtpd.c:smtpd_proto: the end of a session inside DATA also gives the byte count. */
export const logAbnormalEndInData = (reason: string, bytes: number, namaddr: string): string =>
  `${reason} after DATA (${bytes} bytes) from ${namaddr}`;

/** Reasons for losing the client (source smtpd.c; corpus p25-level-may, smtp-edge-cases). */
export const REASON_LOST_CONNECTION = 'lost connection';
export const REASON_TOO_MANY_ERRORS = 'too many errors';
export const REASON_TIMEOUT = 'timeout';

/** corpus-extra limits-connection-count: `warning: Connection concurrency limit exceeded: 3 from localhost[127.0.0.1] for service smtp`. */
export const logConcurrencyLimitExceeded = (count: number, namaddr: string, service: string): string =>
  `warning: Connection concurrency limit exceeded: ${count} from ${namaddr} for service ${service}`;
/** corpus-extra limits-connection-rate: `warning: Connection rate limit exceeded: 4 from localhost[127.0.0.1] for service smtp`. */
export const logRateLimitExceeded = (rate: number, namaddr: string, service: string): string =>
  `warning: Connection rate limit exceeded: ${rate} from ${namaddr} for service ${service}`;

/** corpus p25-level-may: `<QUEUEID>: client=localhost[127.0.0.1]`. */
export const logClient = (queueId: string, namaddr: string): string => `${queueId}: client=${namaddr}`;
/** corpus p25-may-sasl-global: `<QUEUEID>: client=localhost[127.0.0.1], sasl_method=PLAIN, sasl_username=alice`. */
export const logClientSasl = (queueId: string, namaddr: string, method: string, username: string): string =>
  `${queueId}: client=${namaddr}, sasl_method=${method}, sasl_username=${username}`;

/**
 * corpus p25-level-may / smtp-edge-cases: `NOQUEUE: reject: RCPT from localhost[127.0.0.1]: 454 4.7.1 <bob@example.net>:
 * Relay access denied; from=<alice@example.org> to=<bob@example.net> proto=ESMTP helo=<client.example.com>`.
 * `whatsup` is built by logWhatsup.
 */
export const logReject = (queueId: string | null, where: string, namaddr: string, reply: string, whatsup: string): string =>
  `${queueId ?? 'NOQUEUE'}: reject: ${where} from ${namaddr}: ${reply};${whatsup}`;

/** corpus smtp-edge-cases: ` from=<a> to=<b> proto=ESMTP helo=<h>`, each part only when known. */
export function logWhatsup(sender: string | null, recipient: string | null, protocol: string, helo: string | null): string {
  let s = '';
  if (sender !== null) s += ` from=<${sender}>`;
  if (recipient !== null) s += ` to=<${recipient}>`;
  s += ` proto=${protocol}`;
  if (helo !== null) s += ` helo=<${helo}>`;
  return s;
}

/** corpus smtp-edge-cases: `warning: localhost[127.0.0.1]: request longer than 2048: NOOP xxxxxxxxxxxxxxxxxxxxxxxxx...` (first 30 chars). */
export const logRequestTooLong = (namaddr: string, limit: number, line: string): string =>
  `warning: ${namaddr}: request longer than ${limit}: ${line.slice(0, 30)}...`;
/** source smtpd.c:data_cmd: the content passed message_size_limit (the rest is read and thrown away). */
export const logQueueFileTooBig = (queueId: string | null): string => `warning: ${queueId ?? 'NOQUEUE'}: queue file size limit exceeded`;
/** corpus smtp-edge-cases: `warning: non-SMTP command from localhost[127.0.0.1]: GET / HTTP/1.0` (first 100 chars). */
export const logNonSmtpCommand = (namaddr: string, line: string): string =>
  `warning: non-SMTP command from ${namaddr}: ${line.slice(0, 100)}`;
/** corpus smtp-edge-cases: `improper command pipelining after HELO from localhost[127.0.0.1]: MAIL FROM:<alice@example.org>\r\nQUIT\r\n`. */
export const logImproperPipelining = (cmd: string, namaddr: string, escaped: string): string =>
  `improper command pipelining after ${cmd} from ${namaddr}: ${escaped}`;
/** facts §1: `discarding EHLO keywords: AUTH STARTTLS`. */
export const logDiscardingEhloKeywords = (names: string): string => `discarding EHLO keywords: ${names}`;

// ---- SASL ----

/** corpus p25-may-sasl-global: logged by the Cyrus library before a PLAIN password failure. */
export const logSaslPasswordVerificationFailed = 'warning: SASL authentication failure: Password verification failed';
/** corpus submission-587-auth-only: `warning: SASL authentication failure: Couldn't find mech CRAM-MD5`. */
export const logSaslNoMech = (mech: string): string => `warning: SASL authentication failure: Couldn't find mech ${mech}`;
/** corpus submission-587-auth-only: `warning: localhost[127.0.0.1]: SASL PLAIN authentication failed: authentication failure, sasl_username=alice`. */
export const logSaslAuthFailed = (namaddr: string, mech: string, reason: string, username: string | null): string =>
  `warning: ${namaddr}: SASL ${mech} authentication failed: ${reason}, sasl_username=${username ?? '(unavailable)'}`;
/** corpus submission-587-auth-only: `warning: localhost[127.0.0.1]: SASL PLAIN authentication aborted`. */
export const logSaslAborted = (namaddr: string, mech: string): string => `warning: ${namaddr}: SASL ${mech} authentication aborted`;

// ---- TLS (smtpd's own texts) ----

/** corpus submissions-465-wrappermode: the client went away while smtpd waited for a ClientHello. */
export const logSslAcceptLostConnection = (namaddr: string): string => `SSL_accept error from ${namaddr}: lost connection`;
/** facts §3: wrapper mode without a TLS context. */
export const logWrapperModeDropped = (namaddr: string, service: string): string =>
  `warning: Wrapper-mode request dropped from ${namaddr} for service ${service}. TLS context initialization failed. For details see earlier warnings in your logs.`;

// ---- ETRN / restrictions ----

/** source smtpd.c:etrn_cmd. */
export const logEtrnRejected = (domain: string, namaddr: string): string =>
  `warning: reject: ETRN ${domain.slice(0, 100)}... from ${namaddr}`;
/** source smtpd_check.c: an unknown name in a restriction list. */
export const logUnknownRestriction = (name: string): string => `warning: unknown smtpd restriction: "${name}"`;

// ---- process start (settings) ----

/** corpus invalid-level-maybe: `fatal: Invalid TLS level "maybe"`. */
export const logInvalidTlsLevel = (value: string): string => `fatal: Invalid TLS level "${value}"`;
/** facts §3: fingerprint, verify, secure at the server. */
export const logUnsupportedTlsLevel = (value: string): string =>
  `warning: smtpd_tls_security_level: unsupported TLS level "${value}", using "encrypt"`;
/** corpus invalid-loglevel-high: `warning: unknown smtpd_tls_loglevel value "high" in "high"`. */
export const logUnknownTlsLoglevel = (word: string, value: string): string =>
  `warning: unknown smtpd_tls_loglevel value "${word}" in "${value}"`;
/** facts §7: `fatal: bad boolean configuration: smtpd_tls_auth_only = maybe`. */
export const logBadBoolean = (name: string, value: string): string => `fatal: bad boolean configuration: ${name} = ${value}`;
/** source global/mail_conf_int.c (the numeric twin of logBadBoolean). */
export const logBadNumber = (name: string, value: string): string => `fatal: bad numerical configuration: ${name} = ${value}`;

// ---- postmaster notice (smtpd_chat.c:smtpd_chat_notify); corpus p25-may-cert-missing/postmaster-notice.txt ----

export const noticeSubject = (mailName: string, namaddr: string): string => `Subject: ${mailName} SMTP server: errors from ${namaddr}`;
export const noticeFrom = (myhostname: string): string => `From: Mail Delivery System <MAILER-DAEMON@${myhostname}>`;
export const noticeTo = (address: string): string => `To: Postmaster <${address}>`;
export const noticeTranscriptFollows = 'Transcript of session follows.';
export const noticeSessionAborted = (reason: string): string => `Session aborted, reason: ${reason}`;
export const noticeSeeLogfile = 'For other details, see the local mail logfile';
export const HISTORY_IN = 'In:  ';
export const HISTORY_OUT = 'Out: ';
