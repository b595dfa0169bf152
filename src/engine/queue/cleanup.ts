import type { ParameterView } from '../config/parameter-view.ts';
import { qualify } from './address.ts';
import {
  dateHeader,
  fromHeader,
  internalReceived,
  messageIdHeader,
  messageIdValue,
  pickupReceived,
  smtpdReceived,
} from './header-texts.ts';
import { cleanupMessageId } from './log-texts.ts';
import { mailDate, messageIdStamp } from './mail-date.ts';
import { boolParam, intParam, listParam, param } from './params.ts';
import type { MessageOrigin } from './queued-message.ts';
import { contentSize } from './queue-file-size.ts';

/**
 * Where a message came from, as cleanup(8) sees it: smtpd, pickup, the mail system itself
 * (notices, bounces), or local(8) forwarding a copy for an alias.
 */
export type CleanupOrigin = MessageOrigin | { readonly kind: 'internal' } | { readonly kind: 'forward' };

export interface CleanupInput {
  readonly queueId: string;
  readonly sender: string;
  readonly recipients: readonly string[];
  /** Lines joined with '\n' (a final '\n' is a line end, not an empty line). */
  readonly content: string;
  readonly arrivedAt: number;
  readonly origin: CleanupOrigin;
  /** The submitter's full name for an added From: (sendmail -F, or the passwd entry). */
  readonly fullName?: string | null;
}

export interface CleanRecipient {
  /** As submitted (what `orig_to=` shows). */
  readonly orig: string;
  /** After cleanup's rewriting (`root` → `root@example.org`). */
  readonly addr: string;
}

/** A message in the queue, as qmgr and the delivery agents read it. */
export interface CleanMessage {
  readonly queueId: string;
  readonly sender: string;
  readonly recipients: readonly CleanRecipient[];
  /** The final content, one entry per line, headers added. */
  readonly lines: readonly string[];
  /** The queue file content size (qmgr's `size=`, smtp's `SIZE=`). */
  readonly size: number;
  readonly arrivedAt: number;
  /** The content says it is 8-bit (Content-Transfer-Encoding: 8bit or binary): smtp sends BODY=8BITMIME. */
  readonly eightBit: boolean;
}

export interface CleanupResult {
  readonly message: CleanMessage;
  /** cleanup(8)'s log texts, in order. */
  readonly log: readonly string[];
}

/** A header line: a name of printable characters other than ':' and space, then ':'. */
const HEADER = /^[!-9;-~]+:/;
/** Headers cleanup(8) removes (Postfix header_opts.c): Return-Path:, Bcc:, Resent-Bcc:, Content-Length:. */
const DROPPED = new Set(['return-path', 'bcc', 'resent-bcc', 'content-length']);

export function splitContent(content: string): string[] {
  if (content === '') return [];
  const lines = content.split('\n').map((l) => l.replace(/\r$/, ''));
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The text before the first empty line. */
function headerBlock(content: string): string {
  const end = content.search(/\n\r?\n|^\r?\n/);
  return end < 0 ? content : content.slice(0, end);
}

function headerName(line: string): string {
  return line.slice(0, line.indexOf(':')).toLowerCase();
}

function headerValue(line: string): string {
  return line.slice(line.indexOf(':') + 1).trim();
}

function ipv4(addr: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(addr);
  if (m === null) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return parts.reduce((acc, p) => acc * 256 + p, 0);
}

/** `addr` in a list of addresses and CIDR blocks (`127.0.0.0/8`, `[::1]/128` ignored). */
function inNetworks(addr: string, list: readonly string[]): boolean {
  const a = ipv4(addr);
  if (a === null) return false;
  for (const e of list) {
    const [net, bits] = e.replace(/^\[|\]$/g, '').split('/');
    const n = ipv4(net ?? '');
    if (n === null) continue;
    const b = bits === undefined ? 32 : Number(bits);
    if (!Number.isInteger(b) || b < 0 || b > 32) continue;
    const size = 2 ** (32 - b);
    if (Math.floor(a / size) === Math.floor(n / size)) return true;
  }
  return false;
}

/**
 * Does cleanup add missing headers for this message? Since Postfix 2.6 only for local submissions
 * and for SMTP clients that match local_header_rewrite_clients (default permit_inet_interfaces),
 * unless always_add_missing_headers = yes.
 */
function addsMissingHeaders(origin: CleanupOrigin, params: ParameterView): boolean {
  if (origin.kind !== 'smtpd') return true;
  if (boolParam(params, 'always_add_missing_headers')) return true;
  for (const rule of listParam(params, 'local_header_rewrite_clients')) {
    const r = rule.toLowerCase();
    if (r === 'permit_inet_interfaces') {
      const ifs = listParam(params, 'inet_interfaces').map((i) => i.toLowerCase());
      const loopback = origin.clientAddr.startsWith('127.');
      if (ifs.includes(origin.clientAddr)) return true;
      if (loopback && (ifs.length === 0 || ifs.includes('all') || ifs.includes('loopback-only') || ifs.includes('localhost'))) return true;
    } else if (r === 'permit_mynetworks') {
      if (inNetworks(origin.clientAddr, listParam(params, 'mynetworks'))) return true;
    } else if (r === 'permit_sasl_authenticated') {
      if (origin.saslUsername !== null) return true;
    } else if (r === 'static:all') {
      return true;
    }
  }
  return false;
}

/**
 * cleanup(8): qualifies the envelope, prepends the Received: header of the receiving daemon,
 * drops the headers Postfix never keeps, adds Message-Id:, Date: and From: when missing, and
 * computes the queue file size. Never throws.
 */
export function cleanup(input: CleanupInput, params: ParameterView): CleanupResult {
  const myhostname = param(params, 'myhostname');
  const mailName = param(params, 'mail_name');
  const qid = input.queueId;
  const date = mailDate(input.arrivedAt);
  const log: string[] = [];

  let received: string[];
  switch (input.origin.kind) {
    case 'smtpd': {
      const o = input.origin;
      received = smtpdReceived(o.helo, o.clientName, o.clientAddr, myhostname, mailName, o.protocol, qid, input.recipients, date);
      break;
    }
    case 'pickup':
      received = pickupReceived(myhostname, mailName, input.origin.uid, qid, date);
      break;
    case 'internal':
      // post_mail(3) writes Received: and Date: before the notice's own headers (Postfix post_mail.c;
      // corpus p25-may-cert-missing/postmaster-notice.txt has Date: right after Received:).
      received = internalReceived(myhostname, mailName, qid, date);
      if (!/^date:/im.test(headerBlock(input.content))) received.push(dateHeader(date));
      break;
    case 'forward':
      // local(8) forwarding: its own Received: line, then the Delivered-To: the content starts with (Postfix local/forward.c).
      received = internalReceived(myhostname, mailName, qid, date);
      break;
  }

  // Split the content into the primary header block and the body.
  const lines = splitContent(input.content);
  const headers: string[] = [];
  let i = 0;
  let separator = false;
  for (; i < lines.length; i++) {
    const l = lines[i] ?? '';
    if (l === '') {
      separator = true;
      i += 1;
      break;
    }
    if (HEADER.test(l)) headers.push(l);
    else if (/^[ \t]/.test(l) && headers.length > 0) headers[headers.length - 1] += `\n${l}`;
    else {
      // Not a header: the body starts here, and cleanup inserts the missing blank line (Postfix mime_state.c).
      separator = true;
      break;
    }
  }
  const body = lines.slice(i);

  const kept = headers.filter((h) => !DROPPED.has(headerName(h)));
  const seen = new Set([...received.filter((h) => HEADER.test(h)), ...kept].map(headerName));
  for (const h of kept) if (headerName(h) === 'message-id') log.push(cleanupMessageId(qid, headerValue(h)));

  const sender = qualify(input.sender, params);
  const added: string[] = [];
  if (addsMissingHeaders(input.origin, params)) {
    if (!seen.has('message-id')) {
      const v = messageIdValue(messageIdStamp(input.arrivedAt), qid, myhostname);
      added.push(messageIdHeader(v));
      log.push(cleanupMessageId(qid, v));
    }
    if (!seen.has('date')) added.push(dateHeader(date));
    if (!seen.has('from')) {
      const obsolete = param(params, 'hfrom_format').toLowerCase() === 'obsolete';
      added.push(fromHeader(sender, input.fullName ?? null, obsolete));
    }
    const witheld = param(params, 'undisclosed_recipients_header');
    if (witheld !== '' && !seen.has('to') && !seen.has('cc') && !seen.has('resent-to') && !seen.has('resent-cc')) added.push(witheld);
  }

  const out: string[] = [...received, ...kept.flatMap((h) => h.split('\n')), ...added];
  if (separator || body.length > 0) out.push('');
  out.push(...body);

  const eightBit = kept.some((h) => headerName(h) === 'content-transfer-encoding' && /^(8bit|binary)$/i.test(headerValue(h)));
  const message: CleanMessage = {
    queueId: qid,
    sender,
    recipients: input.recipients.map((r) => ({ orig: r, addr: qualify(r, params) })),
    lines: out,
    size: contentSize(out, intParam(params, 'line_length_limit', 2048)),
    arrivedAt: input.arrivedAt,
    eightBit,
  };
  return { message, log };
}
