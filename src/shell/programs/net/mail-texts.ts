/**
 * What bsd-mailx 8.1.2 (Debian 12 `bsd-mailx`, with Debian's /etc/mail.rc: `set ask askcc append dot save
 * crt`) prints, recorded in tmux on a Debian 12 machine.
 */

/** `mail TO` without -s asks for the subject first (`ask`). */
export const SUBJECT_PROMPT = 'Subject: ';
/** After the body (`.` alone or Ctrl-D) it asks for Cc (`askcc`). */
export const CC_PROMPT = 'Cc: ';
/** The first Ctrl-C while composing. */
export const INTERRUPT_ONCE = '\n(Interrupt -- one more to kill letter)\n';
/** `mail` with an empty mailbox (exit status 1). */
export const noMailFor = (user: string): string => `No mail for ${user}\n`;
/** `mail -Q` */
export const invalidOption = (c: string): string => `mail: invalid option -- '${c}'\n`;
export const USAGE =
  'usage: mail [-dEIinv] [-a header] [-b bcc-addr] [-c cc-addr] [-r from-addr] [-s subject] [--] to-addr ...\n' +
  '       mail [-dEIiNnv] -f [name]\n' +
  '       mail [-dEIiNnv] [-u user]\n';
/** `mail -s x` without recipients. */
export const NEED_RECIPIENTS = 'mail: You must specify to-addr recipients when using -s, -c, -b, or -r\n';
