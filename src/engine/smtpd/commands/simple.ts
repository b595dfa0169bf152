import { reply221Bye, reply250Ok, reply501RsetSyntax } from '../replies.ts';
import type { Outcome, SessionApi } from '../session-api.ts';
import type { SmtpToken } from '../tokenize.ts';

/** RSET: back to the state right after HELO/EHLO (smtpd.c:rset_cmd). */
export function rset(s: SessionApi, args: readonly SmtpToken[]): Outcome {
  if (args.length !== 0) {
    s.noteError('protocol');
    s.reply(reply501RsetSyntax);
    return 'fail';
  }
  s.chatReset();
  s.resetTransaction();
  s.reply(reply250Ok);
  return 'ok';
}

/** NOOP takes (and ignores) arguments (RFC 5321 4.1.1.9; corpus smtp-edge-cases: a 3000-byte NOOP). */
export function noop(s: SessionApi): Outcome {
  s.reply(reply250Ok);
  return 'ok';
}

/** QUIT: arguments are not checked (corpus smtp-edge-cases: `QUIT extra`). */
export function quit(s: SessionApi): Outcome {
  s.reply(reply221Bye);
  s.hangUp();
  return 'ok';
}
