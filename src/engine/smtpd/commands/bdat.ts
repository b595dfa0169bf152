import { reply250BdatChunk, reply501BdatSyntax } from '../replies.ts';
import type { MailTransaction, Outcome, SessionApi } from '../session-api.ts';
import type { SmtpToken } from '../tokenize.ts';
import { deliverMessage, needRecipients } from './data.ts';

/**
 * BDAT (RFC 3030 CHUNKING, smtpd.c:bdat_cmd). Not exercised by the corpus: the replies come from the
 * Postfix source and are listed as unverified. The chunk's bytes follow the command line; when the
 * command is refused they are read and thrown away, so the session stays in step.
 */
export function bdat(s: SessionApi, args: readonly SmtpToken[]): Outcome {
  const sizeText = args[0]?.text ?? '';
  const lastWord = args[1]?.text;
  if (args.length < 1 || args.length > 2 || !/^\d{1,15}$/.test(sizeText) || (lastWord !== undefined && lastWord.toUpperCase() !== 'LAST')) {
    s.noteError('protocol');
    s.reply(reply501BdatSyntax);
    return 'fail';
  }
  const size = Number(sizeText);
  const last = lastWord !== undefined;
  if (needRecipients(s) === null) {
    s.awaitChunk(size, last, true);
    return 'fail';
  }
  s.awaitChunk(size, last, false);
  return 'pending';
}

/** A whole chunk arrived: keep it, and at LAST queue the message. */
export function chunkDone(s: SessionApi, tx: MailTransaction, bytes: string, last: boolean, limit: number): Outcome {
  tx.bdat = (tx.bdat ?? '') + bytes;
  if (!last) {
    s.reply(reply250BdatChunk(bytes.length));
    return 'ok';
  }
  const raw = tx.bdat;
  const tooBig = limit > 0 && raw.length > limit;
  const content = raw.replace(/\r\n/g, '\n').replace(/\n$/, '');
  return deliverMessage(s, tx, content, tooBig);
}
