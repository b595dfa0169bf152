/**
 * Every SMTP reply smtpd(8) sends, byte for byte as Postfix 3.7.11 sends it (without CRLF).
 *
 * Sources, cited next to each constant:
 * - `corpus <scenario>`: /work/shared/postfix-ground-truth/<scenario>/transcript.normalized.txt
 * - `facts §N`: /work/shared/reference/postfix-facts.md (rules read from Postfix's source)
 * - `source <file:function>`: read from Postfix's smtpd source, not yet recorded in the corpus;
 *   these are listed as unverified in the smtpd report.
 */

// ---- session ----

/** corpus p25-level-may: `220 mail.example.org ESMTP Postfix` ($smtpd_banner). */
export const reply220Banner = (banner: string): string => `220 ${banner}`;
/** corpus p25-level-may: `221 2.0.0 Bye`. */
export const reply221Bye = '221 2.0.0 Bye';
/** corpus smtp-edge-cases (GET / HTTP/1.0, CONNECT ...). */
export const reply221BreakRules = '221 2.7.0 Error: I can break rules, too. Goodbye.';
/** corpus smtp-edge-cases: the 21st error. */
export const reply421TooManyErrors = (myhostname: string): string => `421 4.7.0 ${myhostname} Error: too many errors`;
/** corpus-extra limits-connection-count, limits-connection-rate: anvil's count or rate limit, before the banner. */
export const reply421TooManyConnections = (myhostname: string, addr: string): string =>
  `421 4.7.0 ${myhostname} Error: too many connections from ${addr}`;
/** corpus-extra limits-random-bytes: a command line that is not well-formed UTF-8 (smtputf8_enable = yes). */
export const reply500BadUtf8 = '500 5.5.2 Error: bad UTF-8 syntax';
/** facts §2: timeout (300 s). */
export const reply421Timeout = (myhostname: string): string => `421 4.4.2 ${myhostname} Error: timeout exceeded`;
/** corpus smtp-edge-cases: unknown command, HELP, EXPN (3.7: 500, not 502). */
export const reply500NotRecognized = '500 5.5.2 Error: command not recognized';
/** facts §2: a line without any token. */
export const reply500BadSyntax = '500 5.5.2 Error: bad syntax';
/** corpus p25-level-none, RSET/NOOP. */
export const reply250Ok = '250 2.0.0 Ok';
/** source smtpd.c:smtpd_proto, smtpd_forbid_unauth_pipelining = yes (facts §2, 3.7.9+). */
export const reply554ProtocolSync = '554 5.5.0 Error: SMTP protocol synchronization';

// ---- HELO / EHLO ----

/** corpus p25-level-may: HELO answers `250 mail.example.org`. */
export const reply250Helo = (myhostname: string): string => `250 ${myhostname}`;
/** corpus smtp-edge-cases: no enhanced status code (RFC 2034). */
export const reply501HeloSyntax = '501 Syntax: HELO hostname';
/** corpus smtp-edge-cases. */
export const reply501EhloSyntax = '501 Syntax: EHLO hostname';

// ---- STARTTLS ----

/** corpus p25-level-may. */
export const reply220ReadyToStartTls = '220 2.0.0 Ready to start TLS';
/** corpus p25-level-may: `STARTTLS foo`. */
export const reply501StartTlsSyntax = '501 5.5.4 Syntax: STARTTLS';
/** corpus p25-level-may, submissions-465-wrappermode. */
export const reply554TlsAlreadyActive = '554 5.5.1 Error: TLS already active';
/** corpus p25-level-none (also used when STARTTLS is in smtpd_discard_ehlo_keywords, facts §2). */
export const reply502NotImplemented = '502 5.5.1 Error: command not implemented';
/** corpus p25-may-cert-missing. */
export const reply454TlsNotAvailable = '454 4.7.0 TLS not available due to local problem';
/** corpus p25-level-encrypt. */
export const reply530StartTlsFirst = '530 5.7.0 Must issue a STARTTLS command first';

// ---- AUTH ----

/** corpus submission-587-auth-only. */
export const reply235AuthOk = '235 2.7.0 Authentication successful';
/** corpus submission-587-auth-only: `535 5.7.8 Error: authentication failed: authentication failure` etc. */
export const reply535AuthFailed = (reason: string): string => `535 5.7.8 Error: authentication failed: ${reason}`;
/** corpus submission-587-auth-only: `*` in answer to a challenge. */
export const reply501AuthAborted = '501 5.7.0 Authentication aborted';
/** corpus submission-587-auth-only: a second AUTH. */
export const reply503AlreadyAuthenticated = '503 5.5.1 Error: already authenticated';
/** corpus submission-587-auth-only: bare `AUTH`. */
export const reply501AuthSyntax = '501 5.5.4 Syntax: AUTH mechanism';
/** facts §2 and MANIFEST fact 3: AUTH with SASL off (may + smtpd_tls_auth_only before TLS). */
export const reply503AuthNotEnabled = '503 5.5.1 Error: authentication not enabled';
/** facts §2: AUTH during a transaction. */
export const reply503AuthInTransaction = '503 5.5.1 Error: MAIL transaction in progress';
/** facts §2: SASL active, no TLS, tls_auth_only (unreachable in practice, see facts §2). */
export const reply504EncryptionRequired = '504 5.5.4 Encryption required for requested authentication mechanism';
/** corpus submission-587-auth-only: `334 VXNlcm5hbWU6`, `334 UGFzc3dvcmQ6`, and the empty PLAIN challenge `334 `. */
export const reply334 = (challenge: string): string => `334 ${challenge}`;

// ---- MAIL / RCPT / DATA ----

/** corpus p25-level-may. */
export const reply250MailOk = '250 2.1.0 Ok';
/** corpus p25-level-may. */
export const reply250RcptOk = '250 2.1.5 Ok';
/** corpus p25-level-may. */
export const reply354EndData = '354 End data with <CR><LF>.<CR><LF>';
/** corpus p25-level-may: `250 2.0.0 Ok: queued as <QUEUEID>`. */
export const reply250Queued = (queueId: string): string => `250 2.0.0 Ok: queued as ${queueId}`;
/** corpus smtp-edge-cases. */
export const reply503NestedMail = '503 5.5.1 Error: nested MAIL command';
/** corpus smtp-edge-cases. */
export const reply501MailSyntax = '501 5.5.4 Syntax: MAIL FROM:<address>';
/** corpus smtp-edge-cases: a truncated (unterminated) `<address`. */
export const reply501BadSender = '501 5.1.7 Bad sender address syntax';
/** corpus p25-level-may: RCPT after STARTTLS reset the transaction. */
export const reply503NeedMail = '503 5.5.1 Error: need MAIL command';
/** corpus smtp-edge-cases: `RCPT TO:`. */
export const reply501RcptSyntax = '501 5.5.4 Syntax: RCPT TO:<address>';
/** source smtpd.c:rcpt_cmd (the RCPT twin of reply501BadSender). */
export const reply501BadRecipient = '501 5.1.3 Bad recipient address syntax';
/** corpus smtp-edge-cases: DATA before MAIL. */
export const reply503NeedRcpt = '503 5.5.1 Error: need RCPT command';
/** corpus smtp-edge-cases: DATA after MAIL, no accepted RCPT. */
export const reply554NoValidRecipients = '554 5.5.1 Error: no valid recipients';
/** source smtpd.c:data_cmd. */
export const reply501DataSyntax = '501 5.5.4 Syntax: DATA';
/** source smtpd.c:rset_cmd. */
export const reply501RsetSyntax = '501 5.5.4 Syntax: RSET';
/** source smtpd.c:mail_cmd (smtpd_helo_required = yes). */
export const reply503SendHeloFirst = '503 5.5.1 Error: send HELO/EHLO first';
/** source smtpd.c:mail_cmd, SIZE= not numeric. */
export const reply501BadSizeSyntax = '501 5.5.4 Bad message size syntax';
/** source smtpd_check.c:smtpd_check_size, SIZE= over message_size_limit. */
export const reply552SizeExceedsLimit = '552 5.3.4 Message size exceeds fixed limit';
/** source smtpd.c:mail_cmd/rcpt_cmd, an unknown ESMTP parameter. */
export const reply555UnsupportedOption = (option: string): string => `555 5.5.4 Unsupported option: ${option}`;
/** source smtpd_sasl_proto.c:smtpd_sasl_mail_opt, AUTH= with SASL off. */
export const reply503AuthDisabled = '503 5.5.4 Error: authentication disabled';
/** source smtpd.c:rcpt_cmd, smtpd_recipient_limit reached. */
export const reply452TooManyRecipients = '452 4.5.3 Error: too many recipients';
/** source smtpd.c:data_cmd / cleanup_stat_detail(CLEANUP_STAT_SIZE). */
export const reply552MessageTooBig = '552 5.3.4 Error: message file too big';
/** source smtpd.c:mail_cmd/rcpt_cmd, DSN parameters while DSN is discarded. */
export const reply501DsnDisabled = '501 5.7.1 DSN support is disabled';
/** source smtpd.c:mail_cmd. */
export const reply501BadRet = '501 5.5.4 Bad RET parameter syntax';
/** source smtpd.c:mail_cmd. */
export const reply501BadEnvid = '501 5.5.4 Bad ENVID parameter syntax';
/** source smtpd.c:rcpt_cmd. */
export const reply501BadNotify = '501 5.5.4 Error: Bad NOTIFY parameter syntax';
/** source smtpd.c:rcpt_cmd. */
export const reply501BadOrcpt = '501 5.5.4 Error: Bad ORCPT parameter syntax';

// ---- BDAT (CHUNKING) ----

/** source smtpd.c:bdat_cmd (3.4+). */
export const reply501BdatSyntax = '501 5.5.4 Syntax: BDAT count [LAST]';
/** source smtpd.c:bdat_cmd, a chunk that is not the last one. */
export const reply250BdatChunk = (bytes: number): string => `250 2.0.0 Ok: ${bytes} bytes`;

// ---- VRFY / ETRN ----

/** corpus smtp-edge-cases: `252 2.0.0 root`. */
export const reply252Vrfy = (arg: string): string => `252 2.0.0 ${arg}`;
/** source smtpd.c:vrfy_cmd, disable_vrfy_command = yes. */
export const reply502VrfyDisabled = '502 5.5.1 VRFY command is disabled';
/** source smtpd.c:vrfy_cmd. */
export const reply501VrfySyntax = '501 5.5.4 Syntax: VRFY address';
/** corpus smtp-edge-cases: bare ETRN (no enhanced code, RFC 1985). */
export const reply500EtrnSyntax = '500 Syntax: ETRN domain';
/** source smtpd.c:etrn_cmd. */
export const reply503EtrnSendHeloFirst = '503 Error: send HELO/EHLO first';
/** source smtpd.c:etrn_cmd. */
export const reply503EtrnInTransaction = '503 Error: MAIL transaction in progress';
/** source smtpd.c:etrn_cmd. */
export const reply501EtrnBadParameter = '501 Error: invalid parameter syntax';
/** source smtpd.c:etrn_cmd, the domain is in fast_flush_domains. */
export const reply250QueuingStarted = '250 Queuing started';
/** source smtpd.c:etrn_cmd, the domain is not in fast_flush_domains. */
export const reply459EtrnUnavailable = (domain: string): string => `459 <${domain}>: service unavailable`;

// ---- XCLIENT / XFORWARD (never authorized in the lab) ----

/** source smtpd.c:xclient_cmd. */
export const reply550InsufficientAuthorization = '550 5.7.0 Error: insufficient authorization';
/** source smtpd.c:xclient_cmd. */
export const reply503XclientInTransaction = '503 5.5.1 Error: MAIL transaction in progress';
/** source smtpd.c:xclient_cmd / xforward_cmd. */
export const reply501XattrSyntax = (cmd: string): string => `501 5.5.4 Syntax: ${cmd} attribute=value...`;

// ---- restrictions (smtpd_check.c) ----

/** corpus p25-level-may: defer_unauth_destination (relay code 554 - 100). */
export const reply454RelayDenied = (rcpt: string): string => `454 4.7.1 <${rcpt}>: Relay access denied`;
/** facts §2: reject_unauth_destination (relay_domains_reject_code = 554). */
export const reply554RelayDenied = (rcpt: string): string => `554 5.7.1 <${rcpt}>: Relay access denied`;
/**
 * corpus submission-587-auth-only: `554 5.7.1 <bob@example.net>: Recipient address rejected: Access denied`.
 * The same pattern names the other stages (`Client host`, `Helo command`, `Sender address`, source smtpd_check.c:generic_checks).
 */
export const replyAccessDenied = (code: number, dsn: string, name: string, what: string): string =>
  `${code} ${dsn} <${name}>: ${what} rejected: Access denied`;
/** corpus smtp-edge-cases: reject_unlisted_recipient for a local domain. */
export const reply550UnknownLocalUser = (rcpt: string): string =>
  `550 5.1.1 <${rcpt}>: Recipient address rejected: User unknown in local recipient table`;
/** source smtpd_check.c:reject_non_fqdn_address. */
export const reply504NonFqdn = (name: string, what: string): string =>
  `504 5.5.2 <${name}>: ${what} rejected: need fully-qualified address`;
/** source smtpd_check.c: reject_plaintext_session. */
export const reply450EncryptionRequired = '450 4.7.1 Session encryption is required';
/** source smtpd_check.c: an unknown restriction name (logged as a warning). */
export const reply451ConfigError = '451 4.3.5 Server configuration error';
