/**
 * The browser's mail-code.ts (swapped in by integrations/lab-programs-browser.ts): smtpd's commands beyond a
 * first look at the server (mail-commands.ts: MAIL, RCPT, DATA, BDAT, AUTH, VRFY, ETRN, XCLIENT, XFORWARD) are
 * a chunk of their own, fetched with the outbound code (world/lab-outbound.browser.ts), whose absence theirs
 * counts as: one of them before they are here throws OutboundNotLoaded (lazy-commands.ts). `telnet localhost
 * 25` and EHLO never need them. A failed fetch may be tried again.
 */
import { codeOnDemand } from '../../util/code-on-demand.ts';
import type { MailCommands } from './mail-commands.ts';

const code = codeOnDemand<MailCommands>(() => import('./mail-commands.ts').then((m) => m.MAIL_COMMANDS));

export const mailCommandsNow = code.now;
export const loadMailCommands = code.load;
