import { assertNever } from '../../util/assert-never.ts';
import { logSaslAborted, logSaslAuthFailed, logSaslNoMech, logSaslPasswordVerificationFailed } from '../log-texts.ts';
import {
  reply235AuthOk,
  reply334,
  reply501AuthAborted,
  reply501AuthSyntax,
  reply503AlreadyAuthenticated,
  reply503AuthInTransaction,
  reply503AuthNotEnabled,
  reply503SendHeloFirst,
  reply504EncryptionRequired,
  reply535AuthFailed,
} from '../replies.ts';
import { REASON_NO_MECHANISM, startSasl, type SaslExchange, type SaslStep } from '../sasl/sasl-exchange.ts';
import type { Outcome, SessionApi } from '../session-api.ts';
import { printable } from '../text.ts';
import type { SmtpToken } from '../tokenize.ts';

/** smtpd_sasl_proto.c:smtpd_sasl_auth_cmd, then smtpd_sasl_glue.c:smtpd_sasl_authenticate. */
export function auth(s: SessionApi, args: readonly SmtpToken[]): Outcome {
  if (s.settings.heloRequired && s.state.helo === null) {
    s.noteError('policy');
    s.reply(reply503SendHeloFirst);
    return 'fail';
  }
  if (!s.state.saslActive || s.settings.discard.has('AUTH')) {
    s.noteError('protocol');
    s.reply(reply503AuthNotEnabled);
    return 'fail';
  }
  if (s.settings.tls.authOnly && s.state.tls === null) {
    s.noteError('protocol');
    s.reply(reply504EncryptionRequired);
    return 'fail';
  }
  if (s.state.auth !== null) {
    s.noteError('protocol');
    s.reply(reply503AlreadyAuthenticated);
    return 'fail';
  }
  if (s.state.transaction !== null) {
    s.noteError('protocol');
    s.reply(reply503AuthInTransaction);
    return 'fail';
  }
  if (args.length < 1 || args.length > 2) {
    s.noteError('protocol');
    s.reply(reply501AuthSyntax);
    return 'fail';
  }
  const mechanism = printable(args[0]?.text ?? '');
  const initial = args[1]?.text ?? null;
  const ctx = { db: s.env.sasl, defaultRealm: s.settings.sasl.localDomain || s.settings.myhostname };
  const start = startSasl(ctx, s.saslMechanisms(), mechanism, initial);
  if (start.kind === 'no-mechanism') {
    // corpus submission-587-auth-only (AUTH CRAM-MD5).
    s.log(logSaslNoMech(mechanism));
    s.log(logSaslAuthFailed(s.namaddr, mechanism, REASON_NO_MECHANISM, null));
    s.reply(reply535AuthFailed(REASON_NO_MECHANISM));
    return 'fail';
  }
  return applySaslStep(s, mechanism, start.exchange, start.step);
}

/** The client's line after a `334` challenge. */
export function saslResponse(s: SessionApi, mechanism: string, exchange: SaslExchange, line: string): Outcome {
  if (line === '*') {
    s.log(logSaslAborted(s.namaddr, mechanism));
    s.reply(reply501AuthAborted);
    return 'fail';
  }
  return applySaslStep(s, mechanism, exchange, exchange.respond(line));
}

function applySaslStep(s: SessionApi, mechanism: string, exchange: SaslExchange, step: SaslStep): Outcome {
  switch (step.kind) {
    case 'challenge':
      s.reply(reply334(step.challenge));
      s.awaitSaslResponse(mechanism, exchange);
      return 'pending';
    case 'done':
      s.reply(reply235AuthOk);
      s.state.auth = { method: mechanism, username: printable(step.username) };
      return 'ok';
    case 'fail':
      if (step.passwordCheck) s.log(logSaslPasswordVerificationFailed);
      s.log(logSaslAuthFailed(s.namaddr, mechanism, step.reason, step.username === null ? null : printable(step.username)));
      s.reply(reply535AuthFailed(step.reason));
      return 'fail';
    default:
      return assertNever(step);
  }
}
