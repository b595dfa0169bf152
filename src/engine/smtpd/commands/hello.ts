import { logDiscardingEhloKeywords } from '../log-texts.ts';
import { reply250Helo, reply501EhloSyntax, reply501HeloSyntax } from '../replies.ts';
import type { Outcome, SessionApi } from '../session-api.ts';
import { neuter, printable } from '../text.ts';
import type { SmtpToken } from '../tokenize.ts';

/** Extra words are joined into one argument (smtpd.c:collapse_args). */
function heloName(args: readonly SmtpToken[]): string {
  return neuter(printable(args.map((a) => a.text).join(' ')));
}

/** HELO and EHLO both reset the HELO, MAIL and RCPT state (smtpd.c, facts §1). */
function greet(s: SessionApi, args: readonly SmtpToken[]): void {
  s.resetHelo();
  s.chatReset();
  s.resetTransaction();
  s.state.helo = heloName(args);
}

export function helo(s: SessionApi, args: readonly SmtpToken[]): Outcome {
  if (args.length < 1) {
    s.noteError('protocol');
    s.reply(reply501HeloSyntax);
    return 'fail';
  }
  greet(s, args);
  s.reply(reply250Helo(s.settings.myhostname));
  return 'ok';
}

/** The EHLO lines in Postfix's fixed order (facts §1, MANIFEST fact 1). */
export function ehloLines(s: SessionApi): string[] {
  const d = s.settings.discard;
  const lines = [s.settings.myhostname];
  if (!d.has('PIPELINING')) lines.push('PIPELINING');
  if (!d.has('SIZE')) lines.push(s.settings.messageSizeLimit > 0 ? `SIZE ${s.settings.messageSizeLimit}` : 'SIZE');
  if (!d.has('VRFY') && !s.settings.disableVrfy) lines.push('VRFY');
  if (!d.has('ETRN')) lines.push('ETRN');
  if (!d.has('STARTTLS') && s.settings.tls.use && s.state.tls === null) lines.push('STARTTLS');
  const mechanisms = s.saslMechanisms();
  if (!d.has('AUTH') && s.state.saslActive && mechanisms.length > 0) {
    const mechs = mechanisms.join(' ');
    lines.push(`AUTH ${mechs}`);
    if (s.settings.sasl.brokenClients) lines.push(`AUTH=${mechs}`);
  }
  if (!d.has('ENHANCEDSTATUSCODES')) lines.push('ENHANCEDSTATUSCODES');
  if (!d.has('8BITMIME')) lines.push('8BITMIME');
  if (!d.has('DSN')) lines.push('DSN');
  if (!d.has('SMTPUTF8') && s.settings.smtputf8) lines.push('SMTPUTF8');
  if (!d.has('CHUNKING')) lines.push('CHUNKING');
  return lines;
}

export function ehlo(s: SessionApi, args: readonly SmtpToken[]): Outcome {
  if (args.length < 1) {
    s.noteError('protocol');
    s.reply(reply501EhloSyntax);
    return 'fail';
  }
  greet(s, args);
  s.state.protocol = 'ESMTP';
  const discarded = s.settings.discard.logNames();
  if (discarded !== null) s.log(logDiscardingEhloKeywords(discarded));
  const lines = ehloLines(s);
  lines.forEach((l, i) => s.reply(`250${i === lines.length - 1 ? ' ' : '-'}${l}`));
  return 'ok';
}
