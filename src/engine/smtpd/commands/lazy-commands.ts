/**
 * smtpd's way to its mail commands (mail-commands.ts), which the browser fetches with the outbound code: a
 * client reaches them only after waiting for that code (telnet's gate, shell/programs/net/outbound-gate.ts;
 * the programs loaded with it: nc, openssl, swaks, posttls-finger), and a goal check's probe that meets their
 * absence is checked again once the code is here (components/course/exercise-checks.ts). In Node they are
 * always here.
 */
import { OutboundNotLoaded } from '../../world/lab-queue.ts';
import type { Handler } from '../session-api.ts';
import { loadMailCommands, mailCommandsNow } from './mail-code.ts';
import type { MailCommands } from './mail-commands.ts';

/** The mail commands, or the error that says they are missing (and starts fetching them). */
export function mailCommands(what: string): MailCommands {
  const code = mailCommandsNow();
  if (code !== null) return code;
  loadMailCommands().catch(() => {
    // tried again by whatever needs them next
  });
  throw new OutboundNotLoaded(`smtpd ${what}`);
}

/** The handler of `verb`, looked up when a command comes. */
export function lazyHandler(verb: keyof MailCommands['handlers']): Handler {
  return (s, args) => mailCommands(verb).handlers[verb](s, args);
}
