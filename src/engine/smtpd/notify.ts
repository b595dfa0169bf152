import type { QueuedMessage } from '../queue/queued-message.ts';
import { noticeFrom, noticeSeeLogfile, noticeSessionAborted, noticeSubject, noticeTo, noticeTranscriptFollows } from './log-texts.ts';
import type { SmtpdSettings } from './settings.ts';
import { printable } from './text.ts';

const WRAP_LENGTH = 78;
const WRAP_INDENT = 4;

/**
 * util/line_wrap.c as smtpd_chat_notify uses it: break at blanks so that a line fits in 78 columns,
 * continuation lines indented by 4; a single longer word is not broken. Every line gets one leading space.
 */
export function wrapTranscriptLine(text: string): string[] {
  const out: string[] = [];
  const emit = (s: string, indent: number): void => {
    out.push(` ${' '.repeat(indent)}${s.replace(/[ \t]+$/, '')}`);
  };
  let indent = 0;
  let lineStart = 0;
  let word = 0;
  for (;;) {
    const m = /[ \t]/.exec(text.slice(word));
    const nextSpace = m === null ? text.length : word + m.index;
    if (word > lineStart && nextSpace - lineStart > WRAP_LENGTH - indent) {
      emit(text.slice(lineStart, word), indent);
      while (word < text.length && /[ \t]/.test(text.charAt(word))) word++;
      if (lineStart === 0) indent = Math.min(indent + WRAP_INDENT, WRAP_LENGTH);
      lineStart = word;
    }
    if (nextSpace >= text.length) break;
    word = nextSpace + 1;
  }
  emit(text.slice(lineStart), indent);
  return out;
}

/**
 * smtpd_chat.c:smtpd_chat_notify: the `Postfix SMTP server: errors from ...` mail to postmaster
 * (corpus p25-may-cert-missing/postmaster-notice.txt). The header lines are written as cleanup(8)
 * leaves them (`Mail Delivery System <MAILER-DAEMON@host>`); cleanup adds Received:, Date: and Message-Id:.
 */
export function postmasterNotice(
  settings: SmtpdSettings,
  namaddr: string,
  history: readonly string[],
  reason: string | null,
  queueId: string,
  now: number,
): QueuedMessage {
  const rcpt = settings.errorNoticeRecipient;
  const lines = [
    noticeFrom(settings.myhostname),
    noticeTo(rcpt.includes('@') ? rcpt : `${rcpt}@${settings.myorigin}`),
    noticeSubject(settings.mailName, namaddr),
    '',
    noticeTranscriptFollows,
    '',
    ...history.flatMap((h) => wrapTranscriptLine(printable(h))),
    '',
    ...(reason === null ? [] : [noticeSessionAborted(reason)]),
    '',
    noticeSeeLogfile,
  ];
  return {
    queueId,
    sender: `${settings.doubleBounceSender}@${settings.myhostname}`,
    recipients: [rcpt],
    content: lines.join('\n'),
    arrivedAt: now,
    origin: { kind: 'internal' },
  };
}
