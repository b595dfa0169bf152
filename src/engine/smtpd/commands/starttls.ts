import {
  reply220ReadyToStartTls,
  reply454TlsNotAvailable,
  reply501StartTlsSyntax,
  reply502NotImplemented,
  reply554TlsAlreadyActive,
} from '../replies.ts';
import type { Outcome, SessionApi } from '../session-api.ts';
import type { SmtpToken } from '../tokenize.ts';

/**
 * smtpd.c:starttls_cmd, checks in this order (corpus p25-level-none: `STARTTLS foo` is 501 even at level none).
 * `hasContext` is false when the TLS engine could not load the certificate or key: STARTTLS is still
 * advertised, and answers 454 (corpus p25-may-cert-missing).
 */
export function makeStarttls(hasContext: () => boolean) {
  return function starttls(s: SessionApi, args: readonly SmtpToken[]): Outcome {
    if (args.length !== 0) {
      s.noteError('protocol');
      s.reply(reply501StartTlsSyntax);
      return 'fail';
    }
    if (s.state.tls !== null) {
      s.noteError('protocol');
      s.reply(reply554TlsAlreadyActive);
      return 'fail';
    }
    if (!s.settings.tls.use || s.settings.discard.has('STARTTLS')) {
      s.noteError('protocol');
      s.reply(reply502NotImplemented);
      return 'fail';
    }
    if (!hasContext()) {
      s.noteError('software');
      s.reply(reply454TlsNotAvailable);
      return 'fail';
    }
    s.reply(reply220ReadyToStartTls);
    // RFC 3207 allows STARTTLS inside a transaction: everything starts over.
    s.resetHelo();
    s.resetTransaction();
    s.awaitTlsHandshake();
    return 'pending';
  };
}
