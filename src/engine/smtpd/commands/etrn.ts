import { logEtrnRejected } from '../log-texts.ts';
import {
  reply250QueuingStarted,
  reply459EtrnUnavailable,
  reply500EtrnSyntax,
  reply501EtrnBadParameter,
  reply503EtrnInTransaction,
  reply503EtrnSendHeloFirst,
} from '../replies.ts';
import type { Outcome, SessionApi } from '../session-api.ts';
import { printable } from '../text.ts';
import type { SmtpToken } from '../tokenize.ts';

const HOSTNAME = /^(?=.{1,255}$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*\.?$/i;
const LITERAL = /^\[(?:\d{1,3}\.){3}\d{1,3}\]$|^\[ipv6:[0-9a-f:.]+\]$/i;

/**
 * ETRN (smtpd.c:etrn_cmd, RFC 1985 replies without enhanced codes; corpus smtp-edge-cases:
 * `500 Syntax: ETRN domain`). Only domains in fast_flush_domains (default $relay_domains, empty in the
 * lab) can be flushed; flushing itself is not modelled beyond the reply.
 */
export function etrn(s: SessionApi, args: readonly SmtpToken[]): Outcome {
  if (s.settings.heloRequired && s.state.helo === null) {
    s.noteError('policy');
    s.reply(reply503EtrnSendHeloFirst);
    return 'fail';
  }
  if (s.state.transaction !== null) {
    s.noteError('protocol');
    s.reply(reply503EtrnInTransaction);
    return 'fail';
  }
  if (args.length !== 1) {
    s.noteError('protocol');
    s.reply(reply500EtrnSyntax);
    return 'fail';
  }
  let domain = args[0]?.text ?? '';
  if (domain.startsWith('@') || domain.startsWith('#')) domain = domain.slice(1);
  if (!HOSTNAME.test(domain) && !LITERAL.test(domain)) {
    s.noteError('protocol');
    s.reply(reply501EtrnBadParameter);
    return 'fail';
  }
  const d = domain.toLowerCase().replace(/\.$/, '');
  const flushable = s.settings.fastFlushDomains.some((f) => d === f || d.endsWith(`.${f}`));
  if (flushable) {
    s.reply(reply250QueuingStarted);
    return 'ok';
  }
  s.log(logEtrnRejected(printable(domain), s.namaddr));
  s.reply(reply459EtrnUnavailable(printable(domain)));
  return 'fail';
}
