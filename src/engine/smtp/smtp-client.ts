import type { ParameterView } from '../config/parameter-view.ts';
import type { CleanMessage, CleanRecipient } from '../queue/cleanup.ts';
import type { DeliveryStatus } from '../queue/log-texts.ts';
import { RELAY_NONE } from '../queue/log-texts.ts';
import { boolParam, intParam, param, timeParamMs } from '../queue/params.ts';
import { isRemoteServerEndpoint } from '../remote/fake-mx.ts';
import type { ClientHandshake, ClientHandshakeOptions, ClientTlsEngine, RemoteTlsServer } from '../tls/types.ts';
import type { Network, ServerEndpoint, ServerOutput } from '../world/network.ts';
import type { SimFs } from '../world/sim-fs.ts';
import {
  CANNOT_START_TLS,
  CERT_NOT_VERIFIED,
  CLIENT_TLS_CONFIG_PROBLEM,
  CONNECTION_REFUSED,
  DATA_COMMAND,
  DSN_CONNECT,
  DSN_HOST_LOOKUP,
  DSN_LOST,
  DSN_TLS_FAILED,
  DSN_TLS_NOT_OFFERED,
  DSN_TRANSPORT,
  END_OF_DATA,
  IN_REPLY_TO_DATA,
  IN_REPLY_TO_END,
  IN_REPLY_TO_MAIL,
  IN_REPLY_TO_RCPT,
  NETWORK_UNREACHABLE,
  QUIT_COMMAND,
  STARTTLS_COMMAND,
  TRANSPORT_ERROR,
  WHILE_DATA,
  WHILE_EHLO,
  WHILE_END,
  WHILE_GREETING,
  WHILE_HELO,
  WHILE_MAIL,
  WHILE_RCPT,
  WHILE_STARTTLS,
  connectFailed,
  ehloCommand,
  heloCommand,
  hostLookupFailed,
  hostSaid,
  lostConnection,
  mailCommand,
  rcptCommand,
  refusedToTalk,
  timedOut,
  tlsNotOffered,
  tlsRefused,
} from './client-texts.ts';
import { fallbackNotice, hostOfferedStarttls } from './log-texts.ts';
import type { Nexthop } from './nexthop.ts';
import { parseNexthop } from './nexthop.ts';
import type { Reply } from './replies.ts';
import { ehloKeywords, parseReplies } from './replies.ts';
import type { SessionTlsLevel } from './tls-policy.ts';
import { tlsLoglevel, tlsPolicy } from './tls-policy.ts';

/** What smtp(8) needs from the world. */
export interface SmtpEnv {
  readonly network: Network;
  readonly clientTls: ClientTlsEngine;
  readonly fs: SimFs | null;
  /** Writes one line as `postfix/smtp[pid]`. */
  readonly log: (text: string) => void;
  /**
   * What the server at `addr:port` presents for TLS, when the endpoint does not say it itself
   * (a wrapping network tap may hide RemoteServerEndpoint.remoteTls).
   */
  readonly remoteTls?: (addr: string, port: number) => RemoteTlsServer | null;
}

/** One delivery request from qmgr: a message and the recipients that go to one nexthop. */
export interface SmtpJob {
  readonly message: CleanMessage;
  readonly recipients: readonly CleanRecipient[];
  /** relayhost, or the recipient domain. */
  readonly nexthop: string;
  /** The smtp service's parameters (main.cf with its master.cf `-o` overrides). */
  readonly params: ParameterView;
  /** How long the message has been queued before this attempt (the plaintext fallback rule). */
  readonly queuedMs: number;
}

export interface SmtpOutcome {
  readonly rcpt: CleanRecipient;
  readonly status: DeliveryStatus;
  readonly dsn: string;
  readonly text: string;
  /** `host[addr]:port` once connected, else `none`. */
  readonly relay: string;
  /** Connection setup time (TLS), for `delays=`. */
  readonly setupMs: number;
  /** Transmission time, for `delays=`. */
  readonly transmissionMs: number;
}

export interface SmtpResult {
  readonly outcomes: readonly SmtpOutcome[];
  /** Who writes the status lines: smtp(8), or qmgr(8) when the transport died at start. */
  readonly loggedBy: 'smtp' | 'qmgr';
}

/** Time the model charges for a TLS handshake and for sending the message (corpus delays: .../0.05/0.04). */
const TLS_SETUP_MS = 50;
const TRANSMISSION_MS = 40;

/** The levels where a certificate that does not verify stops delivery (postfix-facts.md §3). */
function mustVerify(level: SessionTlsLevel): boolean {
  return level === 'fingerprint' || level === 'verify' || level === 'secure';
}

function isIpv4(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host);
}

/**
 * The names the server certificate must match (smtp_tls_verify_cert_match at verify,
 * smtp_tls_secure_cert_match at secure): `hostname` and `nexthop` stand for the host smtp(8)
 * connected to, which is the nexthop itself here (no MX lookups in the lab); other words are names.
 */
function certMatchNames(params: ParameterView, level: SessionTlsLevel, nexthop: Nexthop): string[] {
  const list = param(params, level === 'secure' ? 'smtp_tls_secure_cert_match' : 'smtp_tls_verify_cert_match') || 'hostname';
  return list
    .split(/[\s,:]+/)
    .filter((w) => w !== '' && w !== 'dot-nexthop')
    .map((w) => (w === 'hostname' || w === 'nexthop' ? nexthop.host : w));
}

/** A failure of the whole session (all recipients still to do get it). */
interface SiteFailure {
  readonly dsn: string;
  readonly text: string;
  /** Reply class 5 bounces, everything else defers. */
  readonly hard: boolean;
}

function fromReply(r: Reply): { dsn: string; hard: boolean } {
  return { dsn: r.dsn, hard: Math.floor(r.code / 100) === 5 };
}

/** A connection with the replies it produced, read as smtp(8) does. */
class Conversation {
  readonly #ep: ServerEndpoint;
  readonly namaddr: string;
  #closed = false;

  constructor(ep: ServerEndpoint, namaddr: string) {
    this.#ep = ep;
    this.namaddr = namaddr;
  }

  get endpoint(): ServerEndpoint {
    return this.#ep;
  }

  /** The banner, or a failure text. */
  greeting(): Reply | SiteFailure {
    let out;
    try {
      out = this.#ep.open();
    } catch {
      out = { data: '', closed: true };
    }
    return this.#take(out, 1, WHILE_GREETING)[0] ?? this.#failure(WHILE_GREETING);
  }

  /** Sends one packet of `count` pipelined commands and returns their replies (or a failure for the first missing one). */
  send(lines: readonly string[], count: number, where: string): (Reply | SiteFailure)[] {
    if (this.#closed) return [this.#failure(where)];
    let out;
    try {
      out = this.#ep.receive(lines.map((l) => `${l}\r\n`).join(''));
    } catch {
      out = { data: '', closed: true };
    }
    return this.#take(out, count, where);
  }

  /** Sends without waiting for the answer (QUIT after a failed certificate check). */
  sendAndClose(line: string): void {
    if (!this.#closed) {
      try {
        this.#ep.receive(`${line}\r\n`);
      } catch {
        /* the peer is gone: nothing to do */
      }
    }
    this.close();
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.#ep.clientClosed();
    } catch {
      /* nothing to do */
    }
  }

  markClosed(): void {
    this.#closed = true;
  }

  #take(out: { readonly data: string; readonly closed: boolean }, count: number, where: string): (Reply | SiteFailure)[] {
    const replies: (Reply | SiteFailure)[] = parseReplies(out.data).slice(0, count);
    if (out.closed) this.#closed = true;
    if (replies.length < count) replies.push(this.#failure(where, out.closed));
    return replies;
  }

  #failure(where: string, closed = this.#closed): SiteFailure {
    return { dsn: DSN_LOST, text: closed ? lostConnection(this.namaddr, where) : timedOut(this.namaddr, where), hard: false };
  }
}

function isFailure(r: Reply | SiteFailure | undefined): r is SiteFailure | undefined {
  return r === undefined || !('code' in r);
}

/** The message as smtp(8) sends it after DATA: dot-stuffed, long lines broken with CRLF SPACE. */
function dataLines(lines: readonly string[], limit: number): string[] {
  const out: string[] = [];
  for (const l of lines) {
    let rest = l;
    let first = true;
    while (limit > 0 && rest.length > limit) {
      const piece = rest.slice(0, limit);
      out.push(first && piece.startsWith('.') ? `.${piece}` : piece);
      rest = ` ${rest.slice(limit)}`;
      first = false;
    }
    out.push(first && rest.startsWith('.') ? `.${rest}` : rest);
  }
  return out;
}

/**
 * smtp(8): delivers one request to its nexthop, as Postfix 3.7's client does (corpus outbound-*,
 * log-smtp-tls-loglevel-*, more/*). Writes its own log lines (TLS, warnings) through `env.log`
 * and returns the outcome of every recipient; the caller writes the status lines. Never throws.
 */
export function deliverSmtp(job: SmtpJob, env: SmtpEnv): SmtpResult {
  try {
    return runDelivery(job, env);
  } catch {
    return {
      loggedBy: 'qmgr',
      outcomes: job.recipients.map((rcpt) => ({
        rcpt,
        status: 'deferred',
        dsn: DSN_TRANSPORT,
        text: TRANSPORT_ERROR,
        relay: RELAY_NONE,
        setupMs: 0,
        transmissionMs: 0,
      })),
    };
  }
}

function runDelivery(job: SmtpJob, env: SmtpEnv): SmtpResult {
  const params = job.params;
  const softBounce = boolParam(params, 'soft_bounce');
  const all = (f: SiteFailure, relay: string, setupMs = 0): SmtpOutcome[] =>
    job.recipients.map((rcpt) => failOutcome(rcpt, f, relay, setupMs, softBounce));

  const nexthop = parseNexthop(job.nexthop);
  if (nexthop === null) {
    return { loggedBy: 'qmgr', outcomes: all({ dsn: DSN_TRANSPORT, text: TRANSPORT_ERROR, hard: false }, RELAY_NONE) };
  }

  // Host lookup: no DNS in the lab (smtp_dns_support_level = disabled), native lookups through the world.
  const addr = isIpv4(nexthop.host) ? nexthop.host : env.network.resolve(nexthop.host);
  const policy = tlsPolicy(params, env.fs, nexthop, nexthop.host);
  if (policy.kind === 'fatal') {
    env.log(policy.log);
    return { loggedBy: 'qmgr', outcomes: all({ dsn: DSN_TRANSPORT, text: TRANSPORT_ERROR, hard: false }, RELAY_NONE) };
  }
  if (addr === null) {
    return { loggedBy: 'smtp', outcomes: all({ dsn: DSN_HOST_LOOKUP, text: hostLookupFailed(nexthop.host), hard: true }, RELAY_NONE) };
  }
  if (policy.kind === 'defer') {
    for (const w of policy.warnings) env.log(w);
    return { loggedBy: 'smtp', outcomes: all({ dsn: DSN_TLS_FAILED, text: CLIENT_TLS_CONFIG_PROBLEM, hard: false }, RELAY_NONE) };
  }
  for (const w of policy.policy.warnings) env.log(w);
  const loglevel = tlsLoglevel(params);
  if (loglevel.warning !== null) env.log(loglevel.warning);

  const session = new Session(job, env, nexthop, addr, policy.policy.level, policy.policy.params, loglevel.level);
  return { loggedBy: 'smtp', outcomes: session.run() };
}

function failOutcome(rcpt: CleanRecipient, f: SiteFailure, relay: string, setupMs: number, softBounce: boolean): SmtpOutcome {
  const hard = f.hard && !softBounce;
  const dsn = f.hard && softBounce ? `4${f.dsn.slice(1)}` : f.dsn;
  return { rcpt, status: hard ? 'bounced' : 'deferred', dsn, text: f.text, relay, setupMs, transmissionMs: 0 };
}

/** One delivery attempt: connection(s) to one server. */
class Session {
  readonly #job: SmtpJob;
  readonly #env: SmtpEnv;
  readonly #nexthop: Nexthop;
  readonly #addr: string;
  readonly #level: SessionTlsLevel;
  readonly #tlsParams: ParameterView;
  readonly #loglevel: number;
  readonly #relay: string;
  readonly #namaddr: string;
  readonly #softBounce: boolean;
  #setupMs = 0;

  constructor(
    job: SmtpJob,
    env: SmtpEnv,
    nexthop: Nexthop,
    addr: string,
    level: SessionTlsLevel,
    tlsParams: ParameterView,
    loglevel: number,
  ) {
    this.#job = job;
    this.#env = env;
    this.#nexthop = nexthop;
    this.#addr = addr;
    this.#level = level;
    this.#tlsParams = tlsParams;
    this.#loglevel = loglevel;
    this.#relay = `${nexthop.host}[${addr}]:${nexthop.port}`;
    this.#namaddr = `${nexthop.host}[${addr}]`;
    this.#softBounce = boolParam(job.params, 'soft_bounce');
  }

  run(): SmtpOutcome[] {
    return this.#attempt(false);
  }

  #fail(f: SiteFailure, relay = this.#relay): SmtpOutcome[] {
    return this.#job.recipients.map((rcpt) => failOutcome(rcpt, f, relay, this.#setupMs, this.#softBounce));
  }

  /** One TCP connection; `plaintextOnly` is the retry after a failed handshake (no STARTTLS). */
  #attempt(plaintextOnly: boolean): SmtpOutcome[] {
    const { host, port } = this.#nexthop;
    const r = this.#env.network.connect(this.#addr, port);
    if (!r.ok) {
      const why = r.error === 'refused' ? CONNECTION_REFUSED : NETWORK_UNREACHABLE;
      return this.#fail({ dsn: DSN_CONNECT, text: connectFailed(host, this.#addr, port, why), hard: false }, RELAY_NONE);
    }
    const conv = new Conversation(r.endpoint, this.#namaddr);
    const helo = param(this.#job.params, 'smtp_helo_name') || param(this.#job.params, 'myhostname');

    const banner = conv.greeting();
    if (isFailure(banner)) {
      conv.close();
      return this.#fail(banner ?? { dsn: DSN_LOST, text: lostConnection(this.#namaddr, WHILE_GREETING), hard: false });
    }
    if (Math.floor(banner.code / 100) !== 2) {
      conv.send([QUIT_COMMAND], 1, '');
      conv.close();
      return this.#fail({ ...fromReply(banner), text: refusedToTalk(this.#namaddr, banner.text) });
    }

    let features = this.#hello(conv, helo);
    if (!('words' in features)) {
      conv.close();
      return this.#fail(features);
    }

    if (this.#level === 'none' && features.words.has('STARTTLS') && boolParam(this.#job.params, 'smtp_tls_note_starttls_offer')) {
      this.#env.log(hostOfferedStarttls(host));
    }
    // STARTTLS (smtp_proto.c smtp_helo): none never tries; may tries when offered; above may it is required.
    if (this.#level !== 'none' && !plaintextOnly) {
      if (!features.words.has('STARTTLS')) {
        if (this.#level !== 'may') {
          conv.send([QUIT_COMMAND], 1, '');
          conv.close();
          return this.#fail({ dsn: DSN_TLS_NOT_OFFERED, text: tlsNotOffered(this.#namaddr), hard: false });
        }
      } else {
        const [reply] = conv.send([STARTTLS_COMMAND], 1, WHILE_STARTTLS);
        if (isFailure(reply)) {
          conv.close();
          return this.#fail(reply ?? { dsn: DSN_LOST, text: lostConnection(this.#namaddr, WHILE_STARTTLS), hard: false });
        }
        if (Math.floor(reply.code / 100) === 2) {
          const tls = this.#handshake(conv);
          if (tls === 'failed') {
            conv.close();
            if (this.#fallbackAllowed()) {
              this.#env.log(fallbackNotice(this.#job.message.queueId, CANNOT_START_TLS));
              return this.#attempt(true);
            }
            return this.#fail({ dsn: DSN_TLS_FAILED, text: CANNOT_START_TLS, hard: false });
          }
          if (tls === 'unverified') {
            conv.sendAndClose(QUIT_COMMAND);
            return this.#fail({ dsn: DSN_TLS_FAILED, text: CERT_NOT_VERIFIED, hard: false });
          }
          this.#setupMs = TLS_SETUP_MS;
          features = this.#hello(conv, helo);
          if (!('words' in features)) {
            conv.close();
            return this.#fail(features);
          }
        } else if (this.#level !== 'may') {
          conv.send([QUIT_COMMAND], 1, '');
          conv.close();
          return this.#fail({ dsn: DSN_TLS_FAILED, text: tlsRefused(this.#namaddr, reply.text), hard: false });
        }
      }
    }

    return this.#transaction(conv, features.words);
  }

  /** EHLO, or HELO after a non-421 EHLO rejection. */
  #hello(conv: Conversation, name: string): { readonly words: Set<string> } | SiteFailure {
    const [ehlo] = conv.send([ehloCommand(name)], 1, WHILE_EHLO);
    if (isFailure(ehlo)) return ehlo ?? { dsn: DSN_LOST, text: lostConnection(this.#namaddr, WHILE_EHLO), hard: false };
    if (Math.floor(ehlo.code / 100) === 2) return { words: ehloKeywords(ehlo) };
    if (ehlo.code === 421) return { ...fromReply(ehlo), text: refusedToTalk(this.#namaddr, ehlo.text) };
    const [h] = conv.send([heloCommand(name)], 1, WHILE_HELO);
    if (isFailure(h)) return h ?? { dsn: DSN_LOST, text: lostConnection(this.#namaddr, WHILE_HELO), hard: false };
    if (Math.floor(h.code / 100) !== 2) return { ...fromReply(h), text: refusedToTalk(this.#namaddr, h.text) };
    return { words: new Set() };
  }

  /** At may, a fresh message never falls back to plaintext; one queued ≥ minimal_backoff_time does (more/README.md 4). */
  #fallbackAllowed(): boolean {
    if (this.#level !== 'may') return false;
    if (boolParam(this.#job.params, 'smtp_sasl_auth_enable')) return false;
    const backoff = timeParamMs(this.#job.params, 'minimal_backoff_time') ?? 300_000;
    return this.#job.queuedMs >= backoff;
  }

  /**
   * The TLS handshake after `220 2.0.0 Ready to start TLS`: the ClientHello goes to the server
   * endpoint, which negotiates; the TLS model turns the record into smtp(8)'s log and verdict.
   */
  #handshake(conv: Conversation): 'ok' | 'failed' | 'unverified' {
    const ep = conv.endpoint;
    const server: RemoteTlsServer | undefined =
      (isRemoteServerEndpoint(ep) ? ep.remoteTls : null) ?? this.#env.remoteTls?.(this.#addr, this.#nexthop.port) ?? undefined;
    let hs: ClientHandshake;
    let after: ServerOutput | null;
    const opts: ClientHandshakeOptions = {
      level: this.#level,
      loglevel: this.#loglevel,
      peer: this.#relay,
      nexthopIsAddress: isIpv4(this.#nexthop.host),
      matchNames: certMatchNames(this.#tlsParams, this.#level, this.#nexthop),
      ...(this.#env.fs === null ? {} : { files: this.#env.fs.lookup }),
    };
    try {
      const engine = this.#env.clientTls;
      if (engine.handshakeWith !== undefined) {
        ({ handshake: hs, after } = engine.handshakeWith(this.#tlsParams, opts, ep, server));
      } else {
        // A stand-in engine: it decides alone, and the server is told the version it chose.
        hs = engine.handshake(this.#tlsParams, server ?? selfSignedServer(this.#nexthop.host), opts);
        after = null;
        if (hs.ok) {
          const v = hs.session.version;
          const r = ep.handshake({ kind: 'tls', client: 'postfix-smtp', minVersion: v, maxVersion: v, secLevel0: true });
          after = r.result.ok ? r.output : null;
        }
      }
    } catch {
      hs = { ok: false, log: [] };
      after = null;
    }
    for (const line of hs.log) this.#env.log(line);
    if (!hs.ok || after === null || after.closed) {
      conv.markClosed();
      try {
        ep.clientClosed();
      } catch {
        /* nothing to do */
      }
      return 'failed';
    }
    if (mustVerify(this.#level) && !hs.verified) return 'unverified';
    return 'ok';
  }

  /** MAIL, RCPT..., DATA, the message, QUIT (pipelined when the server offers PIPELINING). */
  #transaction(conv: Conversation, words: ReadonlySet<string>): SmtpOutcome[] {
    const job = this.#job;
    const msg = job.message;
    const pipelining = words.has('PIPELINING');
    const mail = mailCommand(msg.sender, words.has('SIZE') ? msg.size : null, msg.eightBit && words.has('8BITMIME'));
    const rcpts = job.recipients.map((r) => rcptCommand(r.addr));

    let mailReply: Reply | SiteFailure | undefined;
    const rcptReplies: (Reply | SiteFailure | undefined)[] = [];
    let dataReply: Reply | SiteFailure | undefined;
    if (pipelining) {
      const replies = conv.send([mail, ...rcpts, DATA_COMMAND], rcpts.length + 2, WHILE_MAIL);
      mailReply = replies[0];
      for (let i = 0; i < rcpts.length; i++) rcptReplies.push(replies[i + 1]);
      dataReply = replies[rcpts.length + 1];
      // A failure marks where the replies stopped: everything after it is lost too.
      const cut = replies.findIndex((r) => isFailure(r));
      if (cut >= 0) {
        const f = replies[cut] as SiteFailure;
        if (cut === 0) mailReply = f;
        for (let i = 0; i < rcpts.length; i++) if (i + 1 >= cut) rcptReplies[i] = f;
        dataReply = f;
      }
    } else {
      [mailReply] = conv.send([mail], 1, WHILE_MAIL);
      const mailOk = !isFailure(mailReply) && Math.floor(mailReply.code / 100) === 2;
      for (const c of rcpts) rcptReplies.push(mailOk ? conv.send([c], 1, WHILE_RCPT)[0] : mailReply);
      const anyOk = rcptReplies.some((r) => !isFailure(r) && Math.floor(r.code / 100) === 2);
      if (mailOk && anyOk) [dataReply] = conv.send([DATA_COMMAND], 1, WHILE_DATA);
    }

    const results = new Map<CleanRecipient, SmtpOutcome>();
    const failAll = (f: SiteFailure, list: readonly CleanRecipient[]): void => {
      for (const r of list) if (!results.has(r)) results.set(r, failOutcome(r, f, this.#relay, this.#setupMs, this.#softBounce));
    };
    const said = (r: Reply, command: string): SiteFailure => ({ ...fromReply(r), text: hostSaid(this.#namaddr, r.text, command) });

    if (isFailure(mailReply)) {
      failAll(mailReply ?? { dsn: DSN_LOST, text: lostConnection(this.#namaddr, WHILE_MAIL), hard: false }, job.recipients);
    } else if (Math.floor(mailReply.code / 100) !== 2) {
      failAll(said(mailReply, IN_REPLY_TO_MAIL), job.recipients);
    }
    const accepted: CleanRecipient[] = [];
    job.recipients.forEach((rcpt, i) => {
      if (results.has(rcpt)) return;
      const r = rcptReplies[i];
      if (isFailure(r)) failAll(r ?? { dsn: DSN_LOST, text: lostConnection(this.#namaddr, WHILE_RCPT), hard: false }, [rcpt]);
      else if (Math.floor(r.code / 100) !== 2) failAll(said(r, IN_REPLY_TO_RCPT), [rcpt]);
      else accepted.push(rcpt);
    });

    if (accepted.length === 0) {
      conv.send([QUIT_COMMAND], 1, '');
      conv.close();
      return job.recipients.map((r) => results.get(r) as SmtpOutcome);
    }
    if (isFailure(dataReply)) {
      failAll(dataReply ?? { dsn: DSN_LOST, text: lostConnection(this.#namaddr, WHILE_DATA), hard: false }, accepted);
      conv.close();
      return job.recipients.map((r) => results.get(r) as SmtpOutcome);
    }
    if (dataReply.code !== 354) {
      failAll(said(dataReply, IN_REPLY_TO_DATA), accepted);
      conv.send([QUIT_COMMAND], 1, '');
      conv.close();
      return job.recipients.map((r) => results.get(r) as SmtpOutcome);
    }

    const limit = intParam(job.params, 'smtp_line_length_limit', 998);
    const body = [...dataLines(msg.lines, limit), END_OF_DATA];
    const replies = pipelining ? conv.send([...body, QUIT_COMMAND], 2, WHILE_END) : conv.send(body, 1, WHILE_END);
    const final = replies[0];
    if (isFailure(final)) {
      failAll(final ?? { dsn: DSN_LOST, text: lostConnection(this.#namaddr, WHILE_END), hard: false }, accepted);
    } else if (Math.floor(final.code / 100) !== 2) {
      failAll(said(final, IN_REPLY_TO_END), accepted);
    } else {
      for (const r of accepted) {
        results.set(r, {
          rcpt: r,
          status: 'sent',
          dsn: final.dsn,
          text: final.text,
          relay: this.#relay,
          setupMs: this.#setupMs,
          transmissionMs: TRANSMISSION_MS,
        });
      }
    }
    if (!pipelining) conv.send([QUIT_COMMAND], 1, '');
    conv.close();
    return job.recipients.map((r) => results.get(r) as SmtpOutcome);
  }
}

/** A server the remote world does not describe (e.g. the lab's own smtpd): a self-signed certificate. */
function selfSignedServer(host: string): RemoteTlsServer {
  return { protocols: ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'], certCommonName: host, selfSigned: true };
}
