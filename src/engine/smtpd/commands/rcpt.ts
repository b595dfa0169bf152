import { extractAddress } from '../address.ts';
import { logReject, logWhatsup } from '../log-texts.ts';
import {
  reply250RcptOk,
  reply452TooManyRecipients,
  reply501BadNotify,
  reply501BadOrcpt,
  reply501BadRecipient,
  reply501DsnDisabled,
  reply501RcptSyntax,
  reply503NeedMail,
  reply555UnsupportedOption,
} from '../replies.ts';
import { checkRecipient, type CheckResult } from '../restrictions.ts';
import type { Outcome, SessionApi } from '../session-api.ts';
import { printable } from '../text.ts';
import type { SmtpToken } from '../tokenize.ts';

const NOTIFY_WORDS = new Set(['SUCCESS', 'FAILURE', 'DELAY']);

function rcptParameters(s: SessionApi, params: readonly SmtpToken[]): string | null {
  let notify = false;
  let orcpt = false;
  for (const p of params) {
    const upper = p.text.toUpperCase();
    if (upper.startsWith('NOTIFY=')) {
      if (s.settings.discard.has('DSN')) return reply501DsnDisabled;
      const words = upper.slice(7).split(',');
      const ok = upper.slice(7) === 'NEVER' || (words.length > 0 && words.every((w) => NOTIFY_WORDS.has(w)));
      if (notify || !ok) return reply501BadNotify;
      notify = true;
    } else if (upper.startsWith('ORCPT=')) {
      if (s.settings.discard.has('DSN')) return reply501DsnDisabled;
      const semi = p.text.indexOf(';');
      if (orcpt || semi <= 6 || semi === p.text.length - 1) return reply501BadOrcpt;
      orcpt = true;
    } else {
      return reply555UnsupportedOption(printable(p.text));
    }
  }
  return null;
}

/** Logs and answers a restriction's reject (smtpd_check.c:smtpd_check_reject, log_whatsup). */
export function answerReject(s: SessionApi, where: string, recipient: string, r: Extract<CheckResult, { kind: 'reject' }>): void {
  for (const w of r.warnings) s.log(w);
  const tx = s.state.transaction;
  s.log(
    logReject(tx?.queueId ?? null, where, s.namaddr, r.reply, logWhatsup(tx?.sender ?? null, recipient, s.state.protocol, s.state.helo)),
  );
  s.noteError(r.errorClass);
  s.reply(r.reply);
}

export function rcpt(s: SessionApi, args: readonly SmtpToken[]): Outcome {
  const tx = s.state.transaction;
  if (tx === null) {
    s.noteError('protocol');
    s.reply(reply503NeedMail);
    return 'fail';
  }
  const [to, addr, ...params] = args;
  if (to === undefined || addr === undefined || to.text.toLowerCase() !== 'to:') {
    s.noteError('protocol');
    s.reply(reply501RcptSyntax);
    return 'fail';
  }
  const rcptAddr = addr.error ? null : extractAddress(addr.text, false, s.settings.strictRfc821);
  if (rcptAddr === null || !rcptAddr.ok) {
    s.noteError('protocol');
    s.reply(reply501BadRecipient);
    return 'fail';
  }
  const paramError = rcptParameters(s, params);
  if (paramError !== null) {
    s.noteError('protocol');
    s.reply(paramError);
    return 'fail';
  }
  if (s.settings.recipientLimit > 0 && tx.recipients.length >= s.settings.recipientLimit) {
    s.reply(reply452TooManyRecipients);
    if (tx.overshoot++ < s.settings.recipientOvershootLimit) return 'ok';
    s.noteError('policy');
    return 'fail';
  }
  const recipient = printable(rcptAddr.address);
  const check = checkRecipient(s.checkContext(), recipient);
  if (check.kind === 'reject') {
    answerReject(s, 'RCPT', recipient, check);
    return 'fail';
  }
  // smtpd_delay_open_until_valid_rcpt: the queue file opens with the first accepted recipient (corpus p25-level-may).
  if (tx.queueId === null) s.openQueueFile(tx);
  tx.recipients.push(recipient);
  s.reply(reply250RcptOk);
  return 'ok';
}
