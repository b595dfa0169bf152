/*
 * Log texts of pickup(8), cleanup(8), qmgr(8), local(8) and postsuper(1), and the
 * delivery status line every delivery agent writes. Each cites where it comes from.
 */

/** corpus: outbound-may-starttls/raw.log, `postfix/pickup[26145]: 69F3A1604F6: uid=0 from=<alice@example.org>` */
export const pickupLine = (qid: string, uid: number, sender: string): string => `${qid}: uid=${uid} from=<${sender}>`;

/**
 * corpus: outbound-may-starttls/raw.log, `postfix/cleanup[...]: 69F3A1604F6: message-id=<20261201071151.69F3A1604F6@mail.example.org>`.
 * `value` is the header value as it stands (an existing Message-ID is logged as written).
 */
export const cleanupMessageId = (qid: string, value: string): string => `${qid}: message-id=${value}`;

/** corpus: outbound-may-starttls/raw.log, `69F3A1604F6: from=<alice@example.org>, size=312, nrcpt=1 (queue active)` */
export const qmgrActive = (qid: string, sender: string, size: number, nrcpt: number): string =>
  `${qid}: from=<${sender}>, size=${size}, nrcpt=${nrcpt} (queue active)`;

/** corpus: outbound-may-starttls/raw.log, `69F3A1604F6: removed` */
export const qmgrRemoved = (qid: string): string => `${qid}: removed`;

export type DeliveryStatus = 'sent' | 'deferred' | 'bounced';

export interface StatusLine {
  readonly queueId: string;
  readonly to: string;
  /** The recipient before rewriting/alias expansion, when it differs from `to`. */
  readonly origTo: string | null;
  /** `local`, `none`, or `host[addr]:port`. */
  readonly relay: string;
  /** `delay=..., delays=...` (see delays.ts). */
  readonly delays: string;
  readonly dsn: string;
  readonly status: DeliveryStatus;
  readonly text: string;
}

/**
 * corpus: outbound-may-starttls/raw.log, `69F3A1604F6: to=<bob@example.net>, relay=127.0.0.2[127.0.0.2]:2526, delay=0.15,
 * delays=0.02/0.03/0.05/0.04, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as RX0007)`; with `orig_to=` after `to=`:
 * p25-may-cert-missing/raw.log, `to=<root@example.org>, orig_to=<postmaster>, relay=local, ...`.
 */
export function statusLine(s: StatusLine): string {
  const orig = s.origTo !== null && s.origTo !== s.to ? `, orig_to=<${s.origTo}>` : '';
  return `${s.queueId}: to=<${s.to}>${orig}, relay=${s.relay}, ${s.delays}, dsn=${s.dsn}, status=${s.status} (${s.text})`;
}

/** corpus: p25-level-may/raw.log, local(8): `status=sent (delivered to mailbox)` */
export const LOCAL_DELIVERED = 'delivered to mailbox';
/** local(8) after an alias to a remote address: `status=sent (forwarded as QID)` (Postfix local/forward.c; not in the corpus). */
export const localForwarded = (qid: string): string => `forwarded as ${qid}`;
/** local(8) for a recipient without an account (Postfix local/unknown.c; not in the corpus). */
export const localUnknownUser = (user: string): string => `unknown user: "${user}"`;
/** local(8) relay field. corpus: p25-level-may/raw.log, `relay=local` */
export const RELAY_LOCAL = 'local';
/** No connection was made. more/README.md 8: `deferred with relay=none` */
export const RELAY_NONE = 'none';

/** corpus: more/strip-outbound-encrypt/raw.log, `postfix/postsuper[19699]: Deleted: 1 message`; `Deleted: 0 messages` (more/outbound-tls1only-may-ge12-fallback). */
export const postsuperDeleted = (n: number): string => `Deleted: ${n} message${n === 1 ? '' : 's'}`;

/**
 * corpus-extra cli-sendmail-no-recipient: sendmail(1) without recipients and without -t, as user `name`
 * with `uid` (stderr, and the log as `postfix/sendmail[PID]`); exit 75.
 */
export const sendmailNoRecipients = (name: string, uid: number): string =>
  `fatal: ${name}(${uid}): Recipient addresses must be specified on the command line or via the -t option`;
