import { reply501XattrSyntax, reply503XclientInTransaction, reply550InsufficientAuthorization } from '../replies.ts';
import type { Outcome, SessionApi } from '../session-api.ts';
import type { SmtpToken } from '../tokenize.ts';

/**
 * XCLIENT and XFORWARD: the lab never lists a client in smtpd_authorized_xclient_hosts or
 * smtpd_authorized_xforward_hosts, so after the syntax checks both are refused (smtpd.c:xclient_cmd,
 * xforward_cmd; not in the corpus).
 */
function refuse(s: SessionApi, cmd: string, args: readonly SmtpToken[]): Outcome {
  if (s.state.transaction !== null) {
    s.noteError('protocol');
    s.reply(reply503XclientInTransaction);
    return 'fail';
  }
  if (args.length < 1) {
    s.noteError('protocol');
    s.reply(reply501XattrSyntax(cmd));
    return 'fail';
  }
  s.noteError('policy');
  s.reply(reply550InsufficientAuthorization);
  return 'fail';
}

export const xclient = (s: SessionApi, args: readonly SmtpToken[]): Outcome => refuse(s, 'XCLIENT', args);
export const xforward = (s: SessionApi, args: readonly SmtpToken[]): Outcome => refuse(s, 'XFORWARD', args);
