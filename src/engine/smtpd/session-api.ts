import type { TlsSession } from '../tls/types.ts';
import type { CheckContext, ErrorClass } from './restrictions.ts';
import type { SaslExchange } from './sasl/sasl-exchange.ts';
import type { SmtpdSettings } from './settings.ts';
import type { SmtpdClient, SmtpdEnv } from './smtpd-env.ts';
import type { SmtpToken } from './tokenize.ts';

/** How a command handler ended: done (counts as ok or as an error), or waiting for more input (DATA, AUTH, STARTTLS, BDAT). */
export type Outcome = 'ok' | 'fail' | 'pending';

/** An open mail transaction: from MAIL FROM to the end of DATA, RSET, HELO/EHLO or STARTTLS. */
export interface MailTransaction {
  /** Envelope sender without brackets; '' for `<>`. */
  readonly sender: string;
  readonly arrivedAt: number;
  /** Set when the queue file is opened (at the first accepted RCPT with smtpd_delay_open_until_valid_rcpt). */
  queueId: string | null;
  readonly recipients: string[];
  /** Content collected by BDAT chunks so far, null before the first one. */
  bdat: string | null;
  /** RCPTs answered 452 past smtpd_recipient_limit (smtpd_recipient_overshoot_limit). */
  overshoot: number;
}

/** What smtpd knows about the client in this session (smtpd.h SMTPD_STATE, the parts the lab models). */
export interface SessionState {
  /** The HELO/EHLO argument (printable, neutered), null before HELO/EHLO and after STARTTLS. */
  helo: string | null;
  /** `SMTP` until EHLO; HELO after EHLO keeps `ESMTP` (smtpd.c:helo_cmd). */
  protocol: 'SMTP' | 'ESMTP';
  tls: TlsSession | null;
  /** AUTH is offered and accepted (SASL switched on for this session). */
  saslActive: boolean;
  auth: { readonly method: string; readonly username: string } | null;
  transaction: MailTransaction | null;
}

/** The session as command handlers see it. */
export interface SessionApi {
  readonly settings: SmtpdSettings;
  readonly env: SmtpdEnv;
  readonly client: SmtpdClient;
  /** `name[addr]`, e.g. `localhost[127.0.0.1]`. */
  readonly namaddr: string;
  readonly state: SessionState;
  /** Sends one reply line (CRLF added), with the tarpit delay and the session transcript. */
  reply(text: string): void;
  /** Writes one log line as this smtpd process. */
  log(text: string): void;
  /** Records an error class for the postmaster notice (notify_classes). */
  noteError(cls: ErrorClass | 'bounce'): void;
  /** helo_reset, mail_reset + rcpt_reset, chat_reset (history flush past smtpd_history_flush_threshold). */
  resetHelo(): void;
  resetTransaction(): void;
  chatReset(): void;
  /** Opens the queue file: a queue ID and the `<QUEUEID>: client=...` log line. */
  openQueueFile(tx: MailTransaction): void;
  /** The context for smtpd_check_rcpt. */
  checkContext(): CheckContext;
  /** Mechanisms offered in this session (EHLO AUTH line), in library order. */
  saslMechanisms(): readonly string[];
  /** After `220 2.0.0 Ready to start TLS`: drop unread plaintext and wait for the ClientHello. */
  awaitTlsHandshake(): void;
  /** After a `334` challenge: the next line goes to `exchange`. */
  awaitSaslResponse(mechanism: string, exchange: SaslExchange): void;
  /** After `354`: the next lines are message content. */
  awaitMessage(): void;
  /** After a valid BDAT command: the next `size` bytes are content. */
  awaitChunk(size: number, last: boolean, discard: boolean): void;
  /** Ends the session without a reason (QUIT, a forbidden command). */
  hangUp(): void;
  /** A message was queued: the error count, error classes and junk count start over (smtpd.c:data_cmd). */
  forgiveErrors(): void;
}

export type Handler = (s: SessionApi, args: readonly SmtpToken[]) => Outcome;
