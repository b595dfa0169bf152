/**
 * smtpd's commands beyond a first look at the server (`telnet localhost 25`, EHLO, STARTTLS, NOOP, RSET, QUIT):
 * the mail transaction (MAIL, RCPT, DATA, BDAT: its message buffer, delivery to the queue), AUTH with its
 * SASL exchange, VRFY, ETRN, XCLIENT and XFORWARD, and what they use (the restrictions, address parsing).
 * Node imports it at once (mail-code.ts); the browser fetches it with the outbound code (mail-code.browser.ts,
 * world/lab-outbound.browser.ts), as these commands exist to put mail in the queue.
 */
import type { Handler, MailTransaction, Outcome, SessionApi } from '../session-api.ts';
import type { SaslExchange } from '../sasl/sasl-exchange.ts';
import { auth, saslResponse } from './auth.ts';
import { bdat, chunkDone } from './bdat.ts';
import { data, deliverMessage, MessageBuffer } from './data.ts';
import { etrn } from './etrn.ts';
import { mail } from './mail.ts';
import { rcpt } from './rcpt.ts';
import { vrfy } from './vrfy.ts';
import { xclient, xforward } from './xclient.ts';

/** The commands' handlers (by verb), and what the session runs in their later phases. */
export interface MailCommands {
  readonly handlers: Readonly<Record<'AUTH' | 'MAIL' | 'RCPT' | 'DATA' | 'BDAT' | 'VRFY' | 'ETRN' | 'XCLIENT' | 'XFORWARD', Handler>>;
  /** A line of an AUTH exchange. */
  readonly saslResponse: (s: SessionApi, mechanism: string, exchange: SaslExchange, line: string) => Outcome;
  /** A BDAT chunk read whole. */
  readonly chunkDone: (s: SessionApi, tx: MailTransaction, bytes: string, last: boolean, limit: number) => Outcome;
  /** The buffer of a message after DATA. */
  readonly messageBuffer: (limit: number) => MessageBuffer;
  /** The end of a message: to the queue. */
  readonly deliverMessage: (s: SessionApi, tx: MailTransaction, content: string, tooBig: boolean) => Outcome;
}

export const MAIL_COMMANDS: MailCommands = {
  handlers: { AUTH: auth, MAIL: mail, RCPT: rcpt, DATA: data, BDAT: bdat, VRFY: vrfy, ETRN: etrn, XCLIENT: xclient, XFORWARD: xforward },
  saslResponse,
  chunkDone,
  messageBuffer: (limit) => new MessageBuffer(limit),
  deliverMessage,
};
