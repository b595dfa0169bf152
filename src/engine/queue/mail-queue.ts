import type { ParameterView } from '../config/parameter-view.ts';
import type { LogWriter } from '../log/mail-log.ts';
import type { SmtpEnv, SmtpOutcome } from '../smtp/smtp-client.ts';
import { deliverSmtp } from '../smtp/smtp-client.ts';
import { clientTlsInitLog } from '../tls/client-tls.ts';
import { tlsLogLevel } from '../tls/tls-loglevel.ts';
import type { ClientTlsEngine, RemoteTlsServer } from '../tls/types.ts';
import type { Clock } from '../world/clock.ts';
import type { IdSource } from '../world/ids.ts';
import type { Network } from '../world/network.ts';
import type { SimFs } from '../world/sim-fs.ts';
import { domainOf, isLocalDomain } from './address.ts';
import type { CleanMessage, CleanRecipient, CleanupInput, CleanupOrigin } from './cleanup.ts';
import { cleanup } from './cleanup.ts';
import type { Delays } from './delays.ts';
import { formatDelays } from './delays.ts';
import { deliverLocal } from './local-delivery.ts';
import type { DeliveryStatus } from './log-texts.ts';
import {
  RELAY_LOCAL,
  localForwarded,
  pickupLine,
  postsuperDeleted,
  qmgrActive,
  qmgrRemoved,
  sendmailNoRecipients,
  statusLine,
} from './log-texts.ts';
import { param, syslogName } from './params.ts';
import { QueueDaemons } from './queue-daemons.ts';
import { backoffLimits, deferredUntil, isDue, isQueueIdOk } from './queue-schedule.ts';
import type { QueuedMessage } from './queued-message.ts';
import { headerAddresses, parseSendmailArgs, readMessage } from './sendmail-args.ts';
import type { QueueListing } from './showq.ts';
import { formatQueueJson, showQueue } from './showq.ts';
import type { ToolResult } from './tool-result.ts';
import { lines } from './tool-result.ts';
import {
  POSTDROP_NO_PICKUP,
  POSTQUEUE_FLUSH_DOWN,
  POSTQUEUE_NO_QMGR,
  POSTQUEUE_USAGE,
  POSTSUPER_USAGE,
  postqueueInvalidRequest,
  sendmailStderr,
  postsuperDeletedStderr,
} from './tool-texts.ts';

/** What the queue needs from the world. */
export interface QueueEnv {
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly log: LogWriter;
  /** Effective parameters of a master.cf service: `pickup`, `cleanup`, `qmgr`, `local`, `smtp`. */
  readonly paramsFor: (service: string) => ParameterView;
  readonly network: Network;
  readonly clientTls: ClientTlsEngine;
  /** /etc/aliases, /etc/passwd, /var/mail, TLS policy tables; null: none of them. */
  readonly fs?: SimFs | null;
  /** Whether Postfix runs; while it does not, submissions wait in the maildrop. Default: running. */
  readonly running?: () => boolean;
  /** What a remote server presents for TLS (RemoteWorld.tlsOf), when its endpoint does not say. */
  readonly remoteTls?: (addr: string, port: number) => RemoteTlsServer | null;
}

/** The submitting user of sendmail(1). */
export interface LocalUser {
  readonly uid: number;
  readonly name: string;
  /** The passwd full name (for an added From:), e.g. `root`. */
  readonly fullName?: string;
}

const ROOT: LocalUser = { uid: 0, name: 'root', fullName: 'root' };

interface PendingRecipient {
  readonly rcpt: CleanRecipient;
  reason: string | null;
}

interface QueueEntry {
  readonly message: CleanMessage;
  readonly origin: CleanupOrigin['kind'];
  readonly pending: PendingRecipient[];
  /**
   * The queue file's time stamp (ms): qmgr(8) moves it into the future when it defers the message,
   * and a deferred-queue scan skips files whose stamp is still ahead (see queue-schedule.ts).
   */
  dueAt: number;
}

/** A submission that waits in the maildrop while Postfix is stopped. */
interface MaildropEntry {
  readonly queueId: string;
  readonly sender: string;
  readonly recipients: readonly string[];
  readonly content: string;
  readonly uid: number;
  readonly fullName: string | null;
  readonly arrivedAt: number;
}

/** Result of handing a message to cleanup(8). */
export interface SubmitResult {
  readonly queueId: string;
  readonly size: number;
}

/** Time the model charges before and inside the queue manager on a first attempt (corpus delays 0.02/0.02/...). */
const BEFORE_QMGR_MS: Readonly<Record<CleanupOrigin['kind'], number>> = { smtpd: 0, pickup: 20, internal: 10, forward: 10 };
const IN_QMGR_SMTP_MS = 20;
const IN_QMGR_LOCAL_MS = 10;

/**
 * The mail queue: cleanup(8), qmgr(8), local(8), pickup(8) and the smtp(8) client, plus what
 * sendmail, postqueue/mailq and postsuper do with it. Everything is synchronous: a submission
 * makes its whole first delivery attempt before it returns. Deferred mail stays until a flush,
 * a due retry (`runQueue`) or `postsuper -d`. Never throws on any input.
 */
export class MailQueue {
  readonly #env: QueueEnv;
  readonly #entries = new Map<string, QueueEntry>();
  readonly #maildrop: MaildropEntry[] = [];
  /** The processes' PIDs and qmgr's scan timer. */
  readonly #daemons: QueueDaemons;
  /** smtp processes whose TLS engine is initialized. */
  readonly #smtpTlsReady = new Set<number>();

  /** `daemons`: what a stand-in queue ran until now (world/lab-queue.ts); default a fresh one. */
  constructor(env: QueueEnv, daemons?: QueueDaemons) {
    this.#env = env;
    this.#daemons = daemons ?? new QueueDaemons(env);
  }

  get #running(): boolean {
    return this.#daemons.running;
  }

  get #fs(): SimFs | null {
    return this.#env.fs ?? null;
  }

  /** A daemon's PID: long-running processes keep theirs until Postfix restarts. */
  #pid(daemon: string): number {
    return this.#daemons.pid(daemon);
  }

  #log(service: string, text: string): void {
    const name = syslogName(this.#env.paramsFor(service));
    this.#env.log(`${name}/${service}`, this.#pid(service), text);
  }

  /** Postfix (re)started: new processes; pickup takes what waited in the maildrop. */
  start(): void {
    this.#daemons.start(() => {
      const waiting = this.#maildrop.splice(0);
      for (const m of waiting) this.#pickup(m);
    });
    this.runDue();
  }

  /** Postfix stopped: its processes are gone. */
  stop(): void {
    this.#daemons.stop();
  }

  /** A message smtpd received (its queue ID is already assigned): cleanup, qmgr, delivery. */
  submit(msg: QueuedMessage): SubmitResult {
    return this.#enqueue({
      queueId: msg.queueId,
      sender: msg.sender,
      recipients: msg.recipients,
      content: msg.content,
      arrivedAt: msg.arrivedAt,
      origin: msg.origin,
    });
  }

  /** A message the mail system writes itself (smtpd's postmaster notice, bounces): `Received: by host (Postfix)`. */
  submitInternal(sender: string, recipients: readonly string[], content: string): SubmitResult {
    const queueId = this.#env.ids.nextQueueId();
    return this.#enqueue({ queueId, sender, recipients, content, arrivedAt: this.#env.clock.now(), origin: { kind: 'internal' } });
  }

  /**
   * Local submission (sendmail → postdrop → pickup), as `/usr/sbin/sendmail -f SENDER RCPT...`
   * with `message` on standard input. Returns the queue ID, or null when no recipient was given.
   */
  submitLocal(sender: string, recipients: readonly string[], message: string, user: LocalUser = ROOT): string | null {
    if (recipients.length === 0) return null;
    const entry: MaildropEntry = {
      queueId: this.#env.ids.nextQueueId(),
      sender,
      recipients,
      content: message,
      uid: user.uid,
      fullName: user.fullName ?? null,
      arrivedAt: this.#env.clock.now(),
    };
    if (this.#running) this.#pickup(entry);
    else this.#maildrop.push(entry);
    return entry.queueId;
  }

  /** sendmail(1) / mail programs: parses the command line, reads the message from `stdin`. */
  sendmail(args: readonly string[], stdin: string, user: LocalUser = ROOT): ToolResult {
    const req = parseSendmailArgs(args);
    if (req.mode === 'list') return this.mailq();
    if (req.mode === 'flush') return this.postqueue(['-f']);
    const msgLines = readMessage(stdin, req.ignoreDots);
    const recipients = [...req.recipients, ...(req.extract ? headerAddresses(msgLines) : [])];
    if (recipients.length === 0) {
      // A fatal error of a one-shot process: its own PID, logged under the syslog name (EX_TEMPFAIL).
      const text = sendmailNoRecipients(user.name, user.uid);
      this.#env.log(`${syslogName(this.#env.paramsFor('sendmail'))}/sendmail`, this.#env.ids.nextPid(), text);
      return { stdout: '', stderr: lines(sendmailStderr(text)), exitCode: 75 };
    }
    const sender = req.sender ?? user.name;
    const fullName = req.fullName ?? user.fullName ?? null;
    this.submitLocal(
      sender,
      recipients,
      msgLines.join('\n'),
      fullName === null ? { uid: user.uid, name: user.name } : { ...user, fullName },
    );
    return { stdout: '', stderr: this.#running ? '' : lines(POSTDROP_NO_PICKUP), exitCode: 0 };
  }

  #pickup(m: MaildropEntry): void {
    this.#log('pickup', pickupLine(m.queueId, m.uid, m.sender));
    this.#enqueue({
      queueId: m.queueId,
      sender: m.sender,
      recipients: m.recipients,
      content: m.content,
      arrivedAt: m.arrivedAt,
      origin: { kind: 'pickup', uid: m.uid },
      fullName: m.fullName,
    });
  }

  #enqueue(input: CleanupInput): SubmitResult {
    const { message, log } = cleanup(input, this.#env.paramsFor('cleanup'));
    for (const l of log) this.#log('cleanup', l);
    const entry: QueueEntry = {
      message,
      origin: input.origin.kind,
      pending: message.recipients.map((rcpt) => ({ rcpt, reason: null })),
      dueAt: input.arrivedAt,
    };
    this.#entries.set(message.queueId, entry);
    if (this.#running) this.#attempt(entry, true);
    return { queueId: message.queueId, size: message.size };
  }

  /** qmgr(8): one delivery attempt for every pending recipient of a message. */
  #attempt(entry: QueueEntry, first: boolean): void {
    const msg = entry.message;
    const qmgrParams = this.#env.paramsFor('qmgr');
    const now = this.#env.clock.now();
    const queued = Math.max(0, now - msg.arrivedAt);
    this.#log('qmgr', qmgrActive(msg.queueId, msg.sender, msg.size, entry.pending.length));
    const beforeQmgr = first ? queued + BEFORE_QMGR_MS[entry.origin] : queued;

    const local: PendingRecipient[] = [];
    const remote = new Map<string, PendingRecipient[]>();
    const relayhost = param(this.#env.paramsFor('qmgr'), 'relayhost');
    for (const p of entry.pending) {
      const domain = domainOf(p.rcpt.addr);
      if (isLocalDomain(domain, qmgrParams)) local.push(p);
      else {
        const nexthop = relayhost !== '' ? relayhost : domain;
        const list = remote.get(nexthop) ?? [];
        list.push(p);
        remote.set(nexthop, list);
      }
    }

    const done = new Set<PendingRecipient>();
    const settle = (p: PendingRecipient, status: DeliveryStatus, reason: string): void => {
      if (status === 'deferred') p.reason = reason;
      else done.add(p);
    };

    for (const p of local)
      this.#deliverLocal(entry, p, { beforeQmgr, inQmgr: first ? IN_QMGR_LOCAL_MS : 0, setup: 0, transmission: 0 }, settle);

    for (const [nexthop, list] of remote) {
      const smtpParams = this.#env.paramsFor('smtp');
      this.#initSmtpTls(smtpParams);
      const result = deliverSmtp(
        { message: msg, recipients: list.map((p) => p.rcpt), nexthop, params: smtpParams, queuedMs: queued },
        this.#smtpEnv(),
      );
      result.outcomes.forEach((o: SmtpOutcome, i) => {
        const p = list[i];
        if (p === undefined) return;
        const d: Delays = { beforeQmgr, inQmgr: first ? IN_QMGR_SMTP_MS : 0, setup: o.setupMs, transmission: o.transmissionMs };
        this.#log(
          result.loggedBy,
          statusLine({
            queueId: msg.queueId,
            to: o.rcpt.addr,
            origTo: o.rcpt.orig,
            relay: o.relay,
            delays: formatDelays(d),
            dsn: o.dsn,
            status: o.status,
            text: o.text,
          }),
        );
        settle(p, o.status, o.text);
      });
    }

    const remaining = entry.pending.filter((p) => !done.has(p));
    entry.pending.length = 0;
    entry.pending.push(...remaining);
    if (remaining.length === 0) {
      this.#entries.delete(msg.queueId);
      this.#log('qmgr', qmgrRemoved(msg.queueId));
      return;
    }
    // Deferred: the queue file's time stamp moves into the future by the time in queue, within the backoff limits.
    entry.dueAt = deferredUntil(this.#env.clock.now(), msg.arrivedAt, backoffLimits(qmgrParams));
  }

  #deliverLocal(
    entry: QueueEntry,
    p: PendingRecipient,
    d: Delays,
    settle: (p: PendingRecipient, s: DeliveryStatus, r: string) => void,
  ): void {
    const msg = entry.message;
    const outcomes = deliverLocal(msg, p.rcpt, this.#env.paramsFor('local'), this.#fs, this.#env.clock.now());
    for (const o of outcomes) {
      let status: DeliveryStatus;
      let dsn: string;
      let text: string;
      switch (o.kind) {
        case 'delivered':
          status = 'sent';
          dsn = o.dsn;
          text = o.text;
          break;
        case 'bounced':
          status = 'bounced';
          dsn = o.dsn;
          text = o.text;
          break;
        case 'forward': {
          const fwd = this.#forward(msg, p.rcpt, o.target);
          status = 'sent';
          dsn = '2.0.0';
          text = localForwarded(fwd);
          break;
        }
      }
      this.#log(
        'local',
        statusLine({
          queueId: msg.queueId,
          to: o.to,
          origTo: p.rcpt.orig === o.to ? null : p.rcpt.orig,
          relay: RELAY_LOCAL,
          delays: formatDelays(d),
          dsn,
          status,
          text,
        }),
      );
    }
    // local(8) here always finishes a recipient (delivered, forwarded or bounced).
    settle(p, 'sent', '');
  }

  /**
   * smtp(8) sets up its TLS engine once, when the process starts, and says so at
   * smtp_tls_loglevel 2 and up (corpus log-smtp-tls-loglevel-2: `initializing the client-side
   * TLS engine` before the first `setting up TLS connection`).
   */
  #initSmtpTls(params: ParameterView): void {
    const pid = this.#pid('smtp');
    if (this.#smtpTlsReady.has(pid)) return;
    this.#smtpTlsReady.add(pid);
    const level = params.get('smtp_tls_security_level');
    if (level === '' || level === 'none') return;
    for (const line of clientTlsInitLog(tlsLogLevel(params.get('smtp_tls_loglevel')))) this.#log('smtp', line);
  }

  #smtpEnv(): SmtpEnv {
    const env: SmtpEnv = { network: this.#env.network, clientTls: this.#env.clientTls, fs: this.#fs, log: (t) => this.#log('smtp', t) };
    const lookup = this.#env.remoteTls;
    return lookup === undefined ? env : { ...env, remoteTls: lookup };
  }

  /** An alias to a remote address: local(8) resubmits a copy through cleanup(8). */
  #forward(msg: CleanMessage, rcpt: CleanRecipient, target: string): string {
    const queueId = this.#env.ids.nextQueueId();
    // The copy keeps the content as queued; local(8) prepends Delivered-To (loop detection), lower-cased.
    const content = [`Delivered-To: ${rcpt.addr.toLowerCase()}`, ...msg.lines].join('\n');
    const { message, log } = cleanup(
      { queueId, sender: msg.sender, recipients: [target], content, arrivedAt: this.#env.clock.now(), origin: { kind: 'forward' } },
      this.#env.paramsFor('cleanup'),
    );
    for (const l of log) this.#log('cleanup', l);
    const entry: QueueEntry = {
      message,
      origin: 'forward',
      pending: message.recipients.map((r) => ({ rcpt: r, reason: null })),
      dueAt: message.arrivedAt,
    };
    this.#entries.set(queueId, entry);
    this.#attempt(entry, true);
    return queueId;
  }

  /**
   * `postqueue -f` (mail_flush_deferred: flush dead destinations, scan every time stamp): every
   * deferred message gets a delivery attempt now, whatever its time stamp says.
   */
  flush(): void {
    const now = this.#daemons.flushAt();
    if (now !== null) this.#scanDeferred(true, now);
  }

  /** The deferred-queue scan at `now`: every message whose time stamp has come (or every one, for a flush). */
  #scanDeferred(all: boolean, now: number): void {
    for (const e of [...this.#entries.values()]) {
      if (!this.#entries.has(e.message.queueId)) continue;
      if (all || isDue(e.dueAt, now)) this.#attempt(e, false);
    }
  }

  /**
   * Runs what has become due on the clock: qmgr(8)'s deferred-queue scan, every queue_run_delay
   * since it started (qmgr.c qmgr_deferred_run_event). A late timer fires once and is set again
   * from the time it fired, as Postfix's event loop does.
   */
  runDue(): void {
    const now = this.#daemons.scanDue();
    if (now !== null) this.#scanDeferred(false, now);
  }

  /** When runDue() has work next (the next deferred-queue scan), or null while Postfix is stopped. */
  nextDueAt(): number | null {
    return this.#daemons.nextDueAt();
  }

  /** The queued messages, oldest first, as `postqueue -p` lists them. */
  listing(): QueueListing[] {
    const out: QueueListing[] = [];
    for (const m of this.#maildrop) {
      out.push({
        queueId: m.queueId,
        mark: '',
        size: m.content.length,
        arrivedAt: m.arrivedAt,
        sender: m.sender,
        recipients: m.recipients.map((address) => ({ address, reason: null })),
      });
    }
    for (const e of this.#entries.values()) {
      out.push({
        queueId: e.message.queueId,
        mark: '',
        size: e.message.size,
        arrivedAt: e.message.arrivedAt,
        sender: e.message.sender,
        recipients: e.pending.map((p) => ({ address: p.rcpt.addr, reason: p.reason })),
      });
    }
    return out;
  }

  /** Queue IDs of the queued messages. */
  queueIds(): string[] {
    return this.listing().map((l) => l.queueId);
  }

  /** `mailq` (= `postqueue -p`; arguments are ignored, as sendmail -bp does). */
  mailq(): ToolResult {
    return showQueue(this.listing(), this.#running);
  }

  /** postqueue(1): `-p`, `-j`, `-f`, `-i queue_id`, `-s site`. */
  postqueue(args: readonly string[]): ToolResult {
    const [opt, arg] = args;
    const usage: ToolResult = { stdout: '', stderr: lines(POSTQUEUE_USAGE), exitCode: 64 };
    switch (opt) {
      case '-p':
        return args.length === 1 ? this.mailq() : usage;
      case '-j':
        return args.length === 1 ? { stdout: formatQueueJson(this.listing()), stderr: '', exitCode: 0 } : usage;
      case '-f':
      case '-i':
      case '-s': {
        if ((opt === '-f' && args.length !== 1) || (opt !== '-f' && (arg === undefined || args.length !== 2))) return usage;
        if (!this.#running) return { stdout: '', stderr: lines(POSTQUEUE_NO_QMGR, POSTQUEUE_FLUSH_DOWN), exitCode: 69 };
        if (opt === '-f') this.flush();
        else if (opt === '-i') {
          // flush_send_file: a malformed ID is refused; an unknown one is fine (nothing to flush).
          if (!isQueueIdOk(arg ?? '')) return { stdout: '', stderr: lines(postqueueInvalidRequest(arg ?? '')), exitCode: 64 };
          const e = this.#entries.get(arg ?? '');
          if (e !== undefined) {
            e.dueAt = this.#env.clock.now();
            this.#attempt(e, false);
          }
        } else {
          const site = (arg ?? '').toLowerCase();
          for (const e of [...this.#entries.values()]) {
            if (e.pending.some((p) => domainOf(p.rcpt.addr) === site) && this.#entries.has(e.message.queueId)) this.#attempt(e, false);
          }
        }
        return { stdout: '', stderr: '', exitCode: 0 };
      }
      default:
        return usage;
    }
  }

  /** postsuper(1): `-d queue_id` / `-d ALL` (repeatable; `-d -` reads IDs from `stdin`), optional queue names. */
  postsuper(args: readonly string[], stdin = ''): ToolResult {
    const ids: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i] ?? '';
      if (a === '-d') {
        const v = args[i + 1];
        if (v === undefined) return { stdout: '', stderr: lines(POSTSUPER_USAGE), exitCode: 1 };
        i += 1;
        if (v === '-') ids.push(...stdin.split(/\s+/).filter((s) => s !== ''));
        else ids.push(v);
      } else if (a.startsWith('-d') && a.length > 2) {
        ids.push(a.slice(2));
      } else if (a === '-v' || a === '-s' || a === '-p' || a === '-S') {
        continue;
      } else if (a.startsWith('-')) {
        return { stdout: '', stderr: lines(POSTSUPER_USAGE), exitCode: 1 };
      }
      // Queue names (deferred, active, incoming, hold, maildrop) narrow ALL; every message here is in one of them.
    }
    if (ids.length === 0) return { stdout: '', stderr: '', exitCode: 0 };
    let deleted = 0;
    const all = ids.includes('ALL');
    for (const e of [...this.#entries.keys()]) {
      if (all || ids.includes(e)) {
        this.#entries.delete(e);
        deleted += 1;
      }
    }
    for (let i = this.#maildrop.length - 1; i >= 0; i--) {
      const m = this.#maildrop[i];
      if (m !== undefined && (all || ids.includes(m.queueId))) {
        this.#maildrop.splice(i, 1);
        deleted += 1;
      }
    }
    // corpus more/strip-outbound-encrypt: postsuper logs the count under its own fresh PID.
    const pid = this.#env.ids.nextPid();
    this.#env.log(`${syslogName(this.#env.paramsFor('postsuper'))}/postsuper`, pid, postsuperDeleted(deleted));
    return { stdout: '', stderr: lines(postsuperDeletedStderr(deleted)), exitCode: 0 };
  }
}
