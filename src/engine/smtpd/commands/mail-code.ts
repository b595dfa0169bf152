/**
 * Where smtpd's mail commands (mail-commands.ts) come from. Here, for Node (tests, the corpus harness, runLine,
 * the real-socket server): imported at once, always there. The browser builds swap in mail-code.browser.ts
 * (integrations/lab-programs-browser.ts), which fetches them with the outbound code.
 */
import { MAIL_COMMANDS, type MailCommands } from './mail-commands.ts';

/** The mail commands if they are here (always, in Node). */
export function mailCommandsNow(): MailCommands | null {
  return MAIL_COMMANDS;
}

/** Resolves once the mail commands are here. */
export function loadMailCommands(): Promise<MailCommands> {
  return Promise.resolve(MAIL_COMMANDS);
}
