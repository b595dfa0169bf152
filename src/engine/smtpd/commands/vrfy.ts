import { extractAddress } from '../address.ts';
import { reply252Vrfy, reply501BadRecipient, reply501VrfySyntax, reply502VrfyDisabled } from '../replies.ts';
import { checkRecipient } from '../restrictions.ts';
import type { Outcome, SessionApi } from '../session-api.ts';
import { printable } from '../text.ts';
import type { SmtpToken } from '../tokenize.ts';
import { answerReject } from './rcpt.ts';

/**
 * VRFY runs the recipient checks and echoes the argument as given (smtpd.c:vrfy_cmd;
 * corpus smtp-edge-cases: `252 2.0.0 root`, and `NOQUEUE: reject: VRFY from ...` for an unknown user).
 */
export function vrfy(s: SessionApi, args: readonly SmtpToken[]): Outcome {
  if (s.settings.disableVrfy) {
    s.noteError('policy');
    s.reply(reply502VrfyDisabled);
    return 'fail';
  }
  if (args.length < 1) {
    s.noteError('protocol');
    s.reply(reply501VrfySyntax);
    return 'fail';
  }
  const arg = args.map((a) => a.text).join(' ');
  const addr = extractAddress(arg, false, false);
  if (!addr.ok) {
    s.noteError('protocol');
    s.reply(reply501BadRecipient);
    return 'fail';
  }
  const recipient = printable(addr.address);
  const check = checkRecipient(s.checkContext(), recipient);
  if (check.kind === 'reject') {
    answerReject(s, 'VRFY', recipient, check);
    return 'fail';
  }
  s.reply(reply252Vrfy(printable(arg)));
  return 'ok';
}
