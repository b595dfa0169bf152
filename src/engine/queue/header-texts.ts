/*
 * Message headers the mail system writes, with their corpus sources.
 */

/**
 * pickup(8)'s Received: header, two lines. corpus: outbound-may-starttls/transcript.txt (what the MX received):
 * `Received: by mail.example.org (Postfix, from userid 0)` / `\tid 69F3A1604F6; Tue,  1 Dec 2026 07:11:51 +0000 (UTC)`.
 */
export const pickupReceived = (myhostname: string, mailName: string, uid: number, qid: string, date: string): string[] => [
  `Received: by ${myhostname} (${mailName}, from userid ${uid})`,
  `\tid ${qid}; ${date}`,
];

/**
 * smtpd(8)'s Received: header (smtpd_tls_received_header = no, the default). The corpus never shows it whole;
 * its form is fixed by p25-level-may's `size=388`, which these three lines make exactly (182 bytes as queue records):
 * `Received: from client.example.com (localhost [127.0.0.1])` / `\tby mail.example.org (Postfix) with ESMTPS id A982A1604EF` /
 * `\tfor <root@example.org>; Tue,  1 Dec 2026 07:08:10 +0000 (UTC)`. With more than one recipient the `for` clause is
 * left out and the date follows `id QID;` on its own line (Postfix smtpd.c).
 */
export function smtpdReceived(
  helo: string,
  clientName: string,
  clientAddr: string,
  myhostname: string,
  mailName: string,
  protocol: string,
  qid: string,
  recipients: readonly string[],
  date: string,
): string[] {
  const first = `Received: from ${helo !== '' ? helo : clientName} (${clientName} [${clientAddr}])`;
  const only = recipients.length === 1 ? recipients[0] : undefined;
  if (only !== undefined) {
    return [first, `\tby ${myhostname} (${mailName}) with ${protocol} id ${qid}`, `\tfor <${only}>; ${date}`];
  }
  return [first, `\tby ${myhostname} (${mailName}) with ${protocol} id ${qid};`, `\t${date}`];
}

/** A message the mail system makes itself (notices, bounces). corpus: p25-may-cert-missing/postmaster-notice.txt. */
export const internalReceived = (myhostname: string, mailName: string, qid: string, date: string): string[] => [
  `Received: by ${myhostname} (${mailName})`,
  `\tid ${qid}; ${date}`,
];

/** cleanup(8)'s added Message-Id:. corpus: outbound-may-starttls, `Message-Id: <20261201071151.69F3A1604F6@mail.example.org>` */
export const messageIdValue = (stamp: string, qid: string, myhostname: string): string => `<${stamp}.${qid}@${myhostname}>`;
export const messageIdHeader = (value: string): string => `Message-Id: ${value}`;
/** cleanup(8)'s added Date:. corpus: outbound-may-starttls, `Date: Tue,  1 Dec 2026 07:11:51 +0000 (UTC)` */
export const dateHeader = (date: string): string => `Date: ${date}`;
/**
 * cleanup(8)'s added From: with hfrom_format = standard (the default at compatibility_level >= 3.0):
 * `From: Full Name <addr>`, or `From: addr` without a full name; `obsolete`: `From: addr (Full Name)`.
 * The null sender is written MAILER-DAEMON (Postfix cleanup_message.c; not in the corpus).
 */
export function fromHeader(sender: string, fullName: string | null, obsolete: boolean): string {
  const addr = sender === '' ? 'MAILER-DAEMON' : sender;
  if (sender === '' || fullName === null || fullName === '') return `From: ${addr}`;
  if (obsolete) return `From: ${addr} (${fullName})`;
  const name = /[()<>@,;:\\".[\]]/.test(fullName) ? `"${fullName.replace(/["\\]/g, '\\$&')}"` : fullName;
  return `From: ${name} <${addr}>`;
}

/** local(8)'s mailbox delivery: the mbox `From ` line and the headers it prepends (corpus: p25-may-cert-missing/postmaster-notice.txt). */
export const mboxFromLine = (sender: string, time: string): string => `From ${sender === '' ? 'MAILER-DAEMON' : sender}  ${time}`;
export const returnPathHeader = (sender: string): string => `Return-Path: <${sender}>`;
export const xOriginalToHeader = (rcpt: string): string => `X-Original-To: ${rcpt}`;
export const deliveredToHeader = (rcpt: string): string => `Delivered-To: ${rcpt}`;
