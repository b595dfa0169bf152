/**
 * The browser's mail-code.ts (swapped in by integrations/lab-programs-browser.ts): smtpd's commands beyond a
 * first look at the server (mail-commands.ts: MAIL, RCPT, DATA, BDAT, AUTH, VRFY, ETRN, XCLIENT, XFORWARD) are
 * a chunk of their own, fetched with the outbound code (world/lab-outbound.browser.ts), whose absence theirs
 * counts as: one of them before they are here throws OutboundNotLoaded (lazy-commands.ts). `telnet localhost
 * 25` and EHLO never need them. A failed fetch may be tried again.
 */
import type { MailCommands } from './mail-commands.ts';

let loaded: MailCommands | null = null;
let loading: Promise<MailCommands> | null = null;

export function mailCommandsNow(): MailCommands | null {
  return loaded;
}

export function loadMailCommands(): Promise<MailCommands> {
  loading ??= import('./mail-commands.ts').then(
    (m) => (loaded = m.MAIL_COMMANDS),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}
