import type { QueuedMessage } from '../../queue/queued-message.ts';
import {
  reply250Queued,
  reply354EndData,
  reply501DataSyntax,
  reply503NeedRcpt,
  reply552MessageTooBig,
  reply554NoValidRecipients,
} from '../replies.ts';
import type { MailTransaction, Outcome, SessionApi } from '../session-api.ts';
import type { SmtpToken } from '../tokenize.ts';

/** The common checks of DATA and BDAT (smtpd.c:data_cmd): a transaction with at least one accepted recipient. */
export function needRecipients(s: SessionApi): MailTransaction | null {
  const tx = s.state.transaction;
  if (tx === null) {
    s.noteError('protocol');
    s.reply(reply503NeedRcpt);
    return null;
  }
  if (tx.recipients.length === 0) {
    // With pipelining the client may send DATA before its recipients were rejected: not a protocol error.
    s.reply(reply554NoValidRecipients);
    return null;
  }
  return tx;
}

export function data(s: SessionApi, args: readonly SmtpToken[]): Outcome {
  if (needRecipients(s) === null) return 'fail';
  if (args.length !== 0) {
    s.noteError('protocol');
    s.reply(reply501DataSyntax);
    return 'fail';
  }
  s.reply(reply354EndData);
  s.awaitMessage();
  return 'pending';
}

/**
 * Message content as smtpd copies it to cleanup: lines after `354`, a leading dot removed
 * (dot-unstuffing), up to the line that is a single `.`. `message_size_limit` counts each line
 * plus 2 for its CRLF (smtpd.c:data_cmd).
 */
export class MessageBuffer {
  readonly #lines: string[] = [];
  #size = 0;
  #tooBig = false;
  readonly #limit: number;

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** One content line; returns true at the end-of-data line. */
  add(line: string): boolean {
    if (line === '.') return true;
    const text = line.startsWith('.') ? line.slice(1) : line;
    if (!this.#tooBig) {
      if (this.#limit > 0 && this.#limit - this.#size < text.length + 2) this.#tooBig = true;
      else {
        this.#size += text.length + 2;
        this.#lines.push(text);
      }
    }
    return false;
  }

  /** Bytes counted so far (the `(N bytes)` of `lost connection after DATA`). */
  get size(): number {
    return this.#size;
  }

  get tooBig(): boolean {
    return this.#tooBig;
  }

  /** Every line with its newline, so that trailing empty lines survive (cleanup drops only the last terminator). */
  get content(): string {
    return this.#lines.map((l) => `${l}\n`).join('');
  }
}

/** The end of a message (DATA's `.` or BDAT LAST): hand it to cleanup and answer. */
export function deliverMessage(s: SessionApi, tx: MailTransaction, content: string, tooBig: boolean): Outcome {
  if (tooBig || tx.queueId === null) {
    s.noteError('bounce');
    s.reply(reply552MessageTooBig);
    return 'fail';
  }
  const st = s.state;
  const esmtp = st.protocol === 'ESMTP';
  const msg: QueuedMessage = {
    queueId: tx.queueId,
    sender: tx.sender,
    recipients: [...tx.recipients],
    content,
    arrivedAt: tx.arrivedAt,
    origin: {
      kind: 'smtpd',
      clientName: s.client.name,
      clientAddr: s.client.addr,
      helo: st.helo ?? '',
      protocol: `${st.protocol}${esmtp && st.tls !== null ? 'S' : ''}${esmtp && st.auth !== null ? 'A' : ''}`,
      tls: st.tls,
      saslMethod: st.auth?.method ?? null,
      saslUsername: st.auth?.username ?? null,
      program: s.env.program,
    },
  };
  s.env.enqueue(msg);
  s.forgiveErrors();
  s.reply(reply250Queued(tx.queueId));
  return 'ok';
}
