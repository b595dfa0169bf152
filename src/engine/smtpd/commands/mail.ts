import { extractAddress } from '../address.ts';
import {
  reply250MailOk,
  reply501BadEnvid,
  reply501BadRet,
  reply501BadSender,
  reply501BadSizeSyntax,
  reply501DsnDisabled,
  reply501MailSyntax,
  reply503AuthDisabled,
  reply503NestedMail,
  reply503SendHeloFirst,
  reply552SizeExceedsLimit,
  reply555UnsupportedOption,
} from '../replies.ts';
import type { MailTransaction, Outcome, SessionApi } from '../session-api.ts';
import { printable } from '../text.ts';
import type { SmtpToken } from '../tokenize.ts';

/** The ESMTP parameters of MAIL FROM (smtpd.c:mail_cmd); returns an error reply or the declared size. */
function mailParameters(s: SessionApi, params: readonly SmtpToken[]): { error: string } | { size: number } {
  let size = 0;
  let ret = false;
  let envid = false;
  for (const p of params) {
    const arg = p.text;
    const upper = arg.toUpperCase();
    if (upper === 'BODY=8BITMIME' || upper === 'BODY=7BIT') continue;
    if (upper.startsWith('SIZE=')) {
      if (!/^\d+$/.test(arg.slice(5))) return { error: reply501BadSizeSyntax };
      size = Number(arg.slice(5));
    } else if (upper.startsWith('AUTH=')) {
      if (!s.state.saslActive) return { error: reply503AuthDisabled };
    } else if (upper === 'SMTPUTF8' && s.settings.smtputf8) {
      continue;
    } else if (upper.startsWith('RET=')) {
      if (s.settings.discard.has('DSN')) return { error: reply501DsnDisabled };
      const v = upper.slice(4);
      if (ret || (v !== 'FULL' && v !== 'HDRS')) return { error: reply501BadRet };
      ret = true;
    } else if (upper.startsWith('ENVID=')) {
      if (s.settings.discard.has('DSN')) return { error: reply501DsnDisabled };
      if (envid || arg.length === 6 || !/^[!-~]+$/.test(arg.slice(6))) return { error: reply501BadEnvid };
      envid = true;
    } else {
      return { error: reply555UnsupportedOption(printable(arg)) };
    }
  }
  return { size };
}

export function mail(s: SessionApi, args: readonly SmtpToken[]): Outcome {
  if (s.settings.heloRequired && s.state.helo === null) {
    s.noteError('policy');
    s.reply(reply503SendHeloFirst);
    return 'fail';
  }
  if (s.state.transaction !== null) {
    s.noteError('protocol');
    s.reply(reply503NestedMail);
    return 'fail';
  }
  const [from, addr, ...params] = args;
  if (from === undefined || addr === undefined || from.text.toLowerCase() !== 'from:') {
    s.noteError('protocol');
    s.reply(reply501MailSyntax);
    return 'fail';
  }
  const sender = addr.error ? null : extractAddress(addr.text, true, s.settings.strictRfc821);
  if (sender === null || !sender.ok) {
    s.noteError('protocol');
    s.reply(reply501BadSender);
    return 'fail';
  }
  const p = mailParameters(s, params);
  if ('error' in p) {
    s.noteError('protocol');
    s.reply(p.error);
    return 'fail';
  }
  if (s.settings.messageSizeLimit > 0 && p.size > s.settings.messageSizeLimit) {
    s.noteError('policy');
    s.reply(reply552SizeExceedsLimit);
    return 'fail';
  }
  const tx: MailTransaction = {
    sender: printable(sender.address),
    arrivedAt: s.env.clock.now(),
    queueId: null,
    recipients: [],
    bdat: null,
    overshoot: 0,
  };
  s.state.transaction = tx;
  if (!s.settings.delayOpen) s.openQueueFile(tx);
  s.reply(reply250MailOk);
  return 'ok';
}
