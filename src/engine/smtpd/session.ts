import type { ClientHello, ServerHandshake, ServerTlsContext, TlsSession } from '../tls/types.ts';
import { assertNever } from '../util/assert-never.ts';
import type { ServerEndpoint, ServerOutput, ServerPause } from '../world/network.ts';
import { CommandStats } from './command-stats.ts';
import { connectionLimitWarning } from './connection-limits.ts';
import type { MessageBuffer } from './commands/data.ts';
import { mailCommands } from './commands/lazy-commands.ts';
import { commandTable, lookupVerb, statName, type CommandSpec, type Verb } from './commands/table.ts';
import { InputBuffer, type CommandLine } from './input-buffer.ts';
import {
  HISTORY_IN,
  HISTORY_OUT,
  logAbnormalEnd,
  logAbnormalEndInData,
  logClient,
  logClientSasl,
  logConnect,
  logDisconnect,
  logImproperPipelining,
  logNonSmtpCommand,
  logQueueFileTooBig,
  logRequestTooLong,
  logSslAcceptLostConnection,
  logWrapperModeDropped,
  REASON_LOST_CONNECTION,
  REASON_TIMEOUT,
  REASON_TOO_MANY_ERRORS,
} from './log-texts.ts';
import { postmasterNotice } from './notify.ts';
import {
  reply220Banner,
  reply221BreakRules,
  reply250Ok,
  reply421Timeout,
  reply421TooManyConnections,
  reply421TooManyErrors,
  reply500BadSyntax,
  reply500BadUtf8,
  reply500NotRecognized,
  reply530StartTlsFirst,
  reply554ProtocolSync,
} from './replies.ts';
import type { CheckContext, ErrorClass } from './restrictions.ts';
import { IMPLEMENTED_MECHANISMS } from './sasl/mechanisms.ts';
import type { SaslExchange } from './sasl/sasl-exchange.ts';
import type { MailTransaction, Outcome, SessionApi, SessionState } from './session-api.ts';
import type { SmtpdSettings } from './settings.ts';
import type { SmtpdClient, SmtpdEnv } from './smtpd-env.ts';
import { escapeForLog, printable, validUtf8 } from './text.ts';
import { tokenize } from './tokenize.ts';

/** Where the session is, for `lost connection after <where>` (smtpd.h SMTPD_AFTER_*; corpus p25-level-may). */
const WHERE_CONNECT = 'CONNECT';
const WHERE_UNKNOWN = 'UNKNOWN';
const WHERE_DATA_CONTENT = 'DATA content';
const WHERE_END_OF_MESSAGE = 'END-OF-MESSAGE';

/** How many bytes of pending input the improper-pipelining log line shows (smtpd.c). */
const PIPELINING_PEEK = 100;

/** A header line such as `Subject: x` sent as a command (global/is_header.c). */
const HEADER_NAME = /^[!-9;-~]+:/;

/** What the session is doing: one explicit state instead of scattered flags (design-notes §3). */
type Phase =
  /** Accepted; `open()` not called yet. */
  | { readonly kind: 'new' }
  /** Wrapper mode (port 465): the TLS handshake comes before the banner. */
  | { readonly kind: 'wrapper-handshake' }
  | { readonly kind: 'commands' }
  /** A `334` challenge was sent; the next line answers it. */
  | { readonly kind: 'sasl'; readonly mechanism: string; readonly exchange: SaslExchange }
  /** After `354`: message content up to a line with a single dot. */
  | { readonly kind: 'data'; readonly message: MessageBuffer }
  /** After BDAT: `remaining` raw bytes of a chunk (thrown away when the command was refused). */
  | { readonly kind: 'bdat'; remaining: number; readonly last: boolean; readonly discard: boolean; received: string }
  /** After `220 2.0.0 Ready to start TLS`: waiting for the ClientHello. */
  | { readonly kind: 'starttls-handshake' }
  | { readonly kind: 'ended' };

/** One client connection to an smtpd process (smtpd.c:smtpd_proto), as a synchronous ServerEndpoint. */
/** A TLS record header: content type, version, length. */
const TLS_RECORD_HEADER = 5;

export class SmtpdSession implements ServerEndpoint, SessionApi {
  readonly settings: SmtpdSettings;
  readonly env: SmtpdEnv;
  readonly client: SmtpdClient;
  readonly namaddr: string;
  readonly state: SessionState = { helo: null, protocol: 'SMTP', tls: null, saslActive: false, auth: null, transaction: null };

  readonly #tlsContext: ServerTlsContext | null;
  readonly #commands: Readonly<Record<Verb, CommandSpec>>;
  readonly #input = new InputBuffer();
  readonly #stats = new CommandStats();
  readonly #onEnd: () => void;
  #phase: Phase = { kind: 'new' };
  #out = '';
  #pauses: ServerPause[] = [];
  /** Plaintext received where a ClientHello belongs, while it is shorter than a record header. */
  #helloBytes = '';
  /** When the client last sent something (or the session opened): smtpd_timeout counts from there. */
  #lastInput = 0;
  #where = WHERE_CONNECT;
  #reason: string | null = null;
  #errorCount = 0;
  #junkCommands = 0;
  #hangup = false;
  #illegalPipeliningSeen = false;
  /** The session transcript for the postmaster notice (only kept when notify_classes is not empty). */
  #history: string[] | null = null;
  readonly #errorClasses = new Set<string>();

  constructor(env: SmtpdEnv, settings: SmtpdSettings, tlsContext: ServerTlsContext | null, client: SmtpdClient, onEnd: () => void) {
    this.env = env;
    this.settings = settings;
    this.client = client;
    this.namaddr = `${client.name}[${client.addr}]`;
    this.#tlsContext = tlsContext;
    this.#commands = commandTable(() => this.#tlsContext !== null);
    this.#onEnd = onEnd;
  }

  // ---------------------------------------------------------------- ServerEndpoint

  get tls(): TlsSession | null {
    return this.state.tls;
  }

  /** True once the session is over (QUIT, error limit, lost connection...). */
  get ended(): boolean {
    return this.#phase.kind === 'ended';
  }

  open(): ServerOutput {
    if (this.#phase.kind !== 'new') return this.#flush();
    this.#lastInput = this.env.clock.now();
    this.log(logConnect(this.namaddr));
    if (this.settings.tls.wrapper) {
      if (this.#tlsContext === null) {
        // facts §3: no banner, the connection is dropped.
        this.log(logWrapperModeDropped(this.namaddr, this.env.service));
        this.#end();
        return this.#flush();
      }
      this.#phase = { kind: 'wrapper-handshake' };
      return this.#flush();
    }
    // anvil's limits, before the banner (corpus-extra limits-connection-count, limits-connection-rate).
    // Not modelled: in wrapper mode smtpd checks them after the TLS handshake.
    const limit = connectionLimitWarning(this.settings, this.client, this.namaddr, this.env.service);
    if (limit !== null) {
      this.log(limit);
      this.#phase = { kind: 'commands' };
      this.reply(reply421TooManyConnections(this.settings.myhostname, this.client.addr));
      this.#end();
      return this.#flush();
    }
    this.#greet();
    return this.#flush();
  }

  receive(bytes: string): ServerOutput {
    this.#lastInput = this.env.clock.now();
    switch (this.#phase.kind) {
      case 'wrapper-handshake':
      case 'starttls-handshake':
        // Plaintext where the ClientHello belongs: the handshake fails (corpus p25-level-may, submissions-465-wrappermode).
        return this.handshake({ kind: 'plaintext', bytes }).output;
      case 'ended':
        return this.#flush();
      case 'new':
        this.#input.push(bytes);
        return this.#flush();
      case 'commands':
      case 'sasl':
      case 'data':
      case 'bdat':
        this.#input.push(bytes);
        this.#pump();
        return this.#flush();
      default:
        return assertNever(this.#phase);
    }
  }

  handshake(hello: ClientHello): { readonly result: ServerHandshake; readonly output: ServerOutput } {
    this.#lastInput = this.env.clock.now();
    const phase = this.#phase.kind;
    if (phase !== 'wrapper-handshake' && phase !== 'starttls-handshake') {
      // Nobody expects a handshake: plaintext is just more input; a real ClientHello would sit unanswered.
      const output = hello.kind === 'plaintext' ? this.receive(hello.bytes) : this.#flush();
      return { result: { ok: false, log: [] }, output };
    }
    if (hello.kind === 'plaintext') {
      // OpenSSL judges a record only once it has its 5-byte header: fewer plaintext bytes just wait
      // (terminal/term-telnet-465: an empty line alone does not close the connection).
      const bytes = this.#helloBytes + hello.bytes;
      if (bytes.length < TLS_RECORD_HEADER) {
        this.#helloBytes = bytes;
        return { result: { ok: false, log: [] }, output: this.#flush() };
      }
      this.#helloBytes = '';
      hello = { kind: 'plaintext', bytes };
    }
    const ctx = this.#tlsContext;
    if (ctx === null) {
      // Not reached: without a context STARTTLS answers 454 and wrapper mode drops the connection.
      this.#reason = REASON_LOST_CONNECTION;
      this.#end();
      return { result: { ok: false, log: [] }, output: this.#flush() };
    }
    const result = this.env.tls.handshake(ctx, hello, {
      loglevel: this.settings.tls.loglevel,
      peer: this.namaddr,
      now: this.env.clock.now(),
      seed: this.env.pid,
    });
    for (const line of result.log) this.log(line);
    if (!result.ok) {
      // smtpd_start_tls: a failed handshake leaves the conversation in an unknown state: disconnect.
      this.#reason = REASON_LOST_CONNECTION;
      this.#end();
      return { result, output: this.#flush() };
    }
    this.state.tls = result.session;
    // After TLS, SASL starts over with smtpd_sasl_tls_security_options (facts §1): an earlier AUTH is forgotten.
    if (this.settings.sasl.enable) {
      this.state.auth = null;
      this.state.saslActive = true;
    }
    if (phase === 'wrapper-handshake') {
      this.#greet();
    } else {
      this.#complete('STARTTLS', 'ok');
      this.#phase = { kind: 'commands' };
      this.#pump();
    }
    return { result, output: this.#flush() };
  }

  clientClosed(): void {
    switch (this.#phase.kind) {
      case 'ended':
        return;
      case 'new':
        this.#phase = { kind: 'ended' };
        this.#onEnd();
        return;
      case 'wrapper-handshake':
      case 'starttls-handshake':
        // corpus submissions-465-wrappermode: the client left while smtpd waited for its ClientHello.
        this.log(logSslAcceptLostConnection(this.namaddr));
        break;
      case 'commands':
      case 'sasl':
      case 'data':
      case 'bdat':
        break;
      default:
        assertNever(this.#phase);
    }
    this.#reason = REASON_LOST_CONNECTION;
    this.#end();
  }

  /**
   * What happened meanwhile: the clock says the client has been silent for smtpd_timeout (a read times out
   * only when nothing comes for that long: a client that sends a byte a second keeps the session; corpus-extra
   * limits-timeout).
   */
  poll(): ServerOutput {
    if (this.#phase.kind !== 'ended' && this.#phase.kind !== 'new' && this.env.clock.now() - this.#lastInput >= this.settings.timeoutMs) {
      return this.timeout();
    }
    return this.#flush();
  }

  /** The client was silent for smtpd_timeout: `421 4.4.2 ... Error: timeout exceeded` (facts §2). For a world that models idle time. */
  timeout(): ServerOutput {
    if (this.#phase.kind === 'ended' || this.#phase.kind === 'new') return this.#flush();
    this.#reason = REASON_TIMEOUT;
    if (this.#phase.kind !== 'wrapper-handshake' && this.#phase.kind !== 'starttls-handshake') {
      this.reply(reply421Timeout(this.settings.myhostname));
    }
    this.#end();
    return this.#flush();
  }

  // ---------------------------------------------------------------- SessionApi

  reply(text: string): void {
    if (this.#errorCount >= this.settings.softErrorLimit) {
      this.env.sleep?.(this.settings.errorSleepMs);
      this.#pauses.push({ at: this.#out.length, ms: this.settings.errorSleepMs });
    }
    let line = text;
    if (this.settings.softBounce && line.startsWith('5')) {
      line = `4${line.slice(1)}`;
      if (line.charAt(4) === '5') line = `${line.slice(0, 4)}4${line.slice(5)}`;
    }
    this.#remember(HISTORY_OUT + line);
    this.#out += `${line}\r\n`;
    if (line.startsWith('421') || line.startsWith('521')) this.#hangup = true;
  }

  log(text: string): void {
    this.env.log(this.env.program, this.env.pid, text);
  }

  noteError(cls: ErrorClass | 'bounce'): void {
    this.#errorClasses.add(cls);
  }

  resetHelo(): void {
    this.state.helo = null;
  }

  resetTransaction(): void {
    // The queue file of an unfinished transaction is simply abandoned (cleanup removes it).
    this.state.transaction = null;
  }

  chatReset(): void {
    this.#chatReset(this.settings.historyFlushThreshold);
  }

  openQueueFile(tx: MailTransaction): void {
    const queueId = this.env.ids.nextQueueId();
    tx.queueId = queueId;
    const auth = this.state.auth;
    this.log(auth === null ? logClient(queueId, this.namaddr) : logClientSasl(queueId, this.namaddr, auth.method, auth.username));
  }

  checkContext(): CheckContext {
    return {
      settings: this.settings,
      clientName: this.client.name,
      clientAddr: this.client.addr,
      namaddr: this.namaddr,
      helo: this.state.helo,
      sender: this.state.transaction?.sender ?? null,
      saslAuthenticated: this.state.auth !== null && this.state.auth.method.toLowerCase() !== 'anonymous',
      tlsActive: this.state.tls !== null,
      isLocalRecipient: this.env.isLocalRecipient,
    };
  }

  saslMechanisms(): readonly string[] {
    const options = this.state.tls === null ? this.settings.sasl.securityOptions : this.settings.sasl.tlsSecurityOptions;
    // Both modelled mechanisms send the password in the clear and are open to dictionary attacks.
    if (options.includes('noplaintext') || options.includes('nodictionary')) return [];
    return this.env.sasl.mechanisms.filter((m) => IMPLEMENTED_MECHANISMS.has(m.toUpperCase()));
  }

  awaitTlsHandshake(): void {
    this.#input.purge();
    this.#phase = { kind: 'starttls-handshake' };
  }

  awaitSaslResponse(mechanism: string, exchange: SaslExchange): void {
    this.#phase = { kind: 'sasl', mechanism, exchange };
  }

  awaitMessage(): void {
    this.#where = WHERE_DATA_CONTENT;
    this.#phase = { kind: 'data', message: mailCommands('DATA').messageBuffer(this.settings.messageSizeLimit) };
  }

  awaitChunk(size: number, last: boolean, discard: boolean): void {
    this.#phase = { kind: 'bdat', remaining: size, last, discard, received: '' };
  }

  hangUp(): void {
    this.#hangup = true;
  }

  forgiveErrors(): void {
    this.#errorCount = 0;
    this.#errorClasses.clear();
    this.#junkCommands = 0;
  }

  // ---------------------------------------------------------------- the protocol loop

  #greet(): void {
    this.#phase = { kind: 'commands' };
    this.reply(reply220Banner(this.settings.banner));
    // SASL for plaintext sessions, unless AUTH must wait for TLS (smtpd_tls_auth_only, implied by encrypt).
    if (this.settings.sasl.enable && this.state.tls === null && !this.settings.tls.authOnly) this.state.saslActive = true;
    this.#pump();
  }

  /** Reads and runs what the input holds, as far as it goes. */
  #pump(): void {
    for (;;) {
      const phase = this.#phase;
      switch (phase.kind) {
        case 'commands': {
          if (this.#hangup) {
            this.#end();
            return;
          }
          if (this.#errorCount >= this.settings.hardErrorLimit) {
            this.#reason = REASON_TOO_MANY_ERRORS;
            this.noteError('protocol');
            this.reply(reply421TooManyErrors(this.settings.myhostname));
            this.#end();
            return;
          }
          const line = this.#readLine();
          if (line === null) return;
          this.#command(line.text);
          break;
        }
        case 'sasl': {
          const line = this.#readLine();
          if (line === null) return;
          this.#phase = { kind: 'commands' };
          this.#complete('AUTH', mailCommands('AUTH').saslResponse(this, phase.mechanism, phase.exchange, line.text));
          break;
        }
        case 'data': {
          const line = this.#input.nextDataLine();
          if (line === null) return;
          const wasTooBig = phase.message.tooBig;
          const end = phase.message.add(line);
          if (!wasTooBig && phase.message.tooBig) this.log(logQueueFileTooBig(this.state.transaction?.queueId ?? null));
          if (end) this.#endOfData(phase.message);
          break;
        }
        case 'bdat': {
          const bytes = this.#input.take(Math.min(phase.remaining, this.#input.pending.length));
          if (bytes !== null) {
            phase.received += phase.discard ? '' : bytes;
            phase.remaining -= bytes.length;
          }
          if (phase.remaining > 0) return;
          this.#phase = { kind: 'commands' };
          const tx = this.state.transaction;
          if (!phase.discard && tx !== null) {
            const outcome = mailCommands('BDAT').chunkDone(this, tx, phase.received, phase.last, this.settings.messageSizeLimit);
            if (phase.last) this.#afterMessage();
            this.#complete('BDAT', outcome);
          }
          break;
        }
        case 'new':
        case 'wrapper-handshake':
        case 'starttls-handshake':
        case 'ended':
          return;
        default:
          assertNever(phase);
      }
    }
  }

  /** smtpd_chat_query: one command line, with the overlong-line warning and the transcript. */
  #readLine(): CommandLine | null {
    const line = this.#input.nextLine(this.settings.lineLengthLimit);
    if (line === null) return null;
    this.#remember(HISTORY_IN + line.text);
    if (line.tooLong) this.log(logRequestTooLong(this.namaddr, this.settings.lineLengthLimit, printable(line.text)));
    return line;
  }

  /** One command line (smtpd.c:smtpd_proto main loop). */
  #command(text: string): void {
    if (this.settings.smtputf8 && !validUtf8(text)) {
      // corpus-extra limits-random-bytes: checked before the command is parsed, so it is not counted.
      this.noteError('protocol');
      this.reply(reply500BadUtf8);
      this.#errorCount++;
      return;
    }
    const args = tokenize(text);
    const first = args[0];
    if (first === undefined) {
      this.noteError('protocol');
      this.reply(reply500BadSyntax);
      this.#errorCount++;
      return;
    }
    if (!this.settings.noopCommands.empty && this.settings.noopCommands.matches(first.text)) {
      this.reply(reply250Ok);
      if (this.#junkCommands++ > this.settings.junkCommandLimit) this.#errorCount++;
      return;
    }
    const verb = lookupVerb(first.text);
    if (verb === null) {
      this.#stats.attempt('unknown');
      this.#where = WHERE_UNKNOWN;
      if (HEADER_NAME.test(first.text) || this.settings.forbiddenCommands.matches(first.text)) {
        // corpus smtp-edge-cases: GET / CONNECT.
        this.log(logNonSmtpCommand(this.namaddr, printable(text)));
        this.reply(reply221BreakRules);
        this.#end();
        return;
      }
      this.noteError('protocol');
      this.reply(reply500NotRecognized);
      this.#errorCount++;
      return;
    }
    const spec = this.#commands[verb];
    this.#stats.attempt(statName(verb));
    if (this.settings.tls.enforce && this.state.tls === null && !spec.preTls) {
      // corpus p25-level-encrypt: MAIL, RCPT, DATA, VRFY, ETRN, AUTH and RSET.
      this.reply(reply530StartTlsFirst);
      this.#errorCount++;
      return;
    }
    this.#where = verb;
    const pending = this.#input.pending;
    if ((this.state.protocol !== 'ESMTP' || spec.last) && !this.#illegalPipeliningSeen && pending.length > 0) {
      this.log(logImproperPipelining(verb, this.namaddr, escapeForLog(pending.slice(0, PIPELINING_PEEK))));
      this.#illegalPipeliningSeen = true;
      if (this.settings.forbidUnauthPipelining) {
        this.reply(reply554ProtocolSync);
        this.#end();
        return;
      }
    }
    this.#complete(verb, spec.handler(this, args.slice(1)));
  }

  /** The end of a command: statistics, the error count, the junk-command limit, QUIT. */
  #complete(verb: Verb, outcome: Outcome): void {
    // DATA, AUTH, STARTTLS and BDAT count when their input is complete.
    if (outcome === 'pending') return;
    if (outcome === 'ok') this.#stats.succeed(statName(verb));
    else this.#errorCount++;
    if (this.#commands[verb].limit && this.#junkCommands++ > this.settings.junkCommandLimit) this.#errorCount++;
  }

  #endOfData(message: MessageBuffer): void {
    this.#where = WHERE_END_OF_MESSAGE;
    this.#phase = { kind: 'commands' };
    const tx = this.state.transaction;
    const outcome = tx === null ? 'fail' : mailCommands('DATA').deliverMessage(this, tx, message.content, message.tooBig);
    this.#afterMessage();
    this.#complete('DATA', outcome);
  }

  /** After a message (queued or refused): a fresh transaction (smtpd.c:data_cmd). */
  #afterMessage(): void {
    this.chatReset();
    this.resetTransaction();
  }

  #remember(line: string): void {
    if (this.settings.notifyClasses.size === 0) return;
    (this.#history ??= []).push(line);
  }

  /** smtpd.c:chat_reset: past the threshold, mail the transcript to postmaster if errors happened, then start over. */
  #chatReset(threshold: number): void {
    const history = this.#history;
    if (history === null || history.length <= threshold) return;
    if ([...this.#errorClasses].some((c) => this.settings.notifyClasses.has(c))) {
      this.env.enqueue(
        postmasterNotice(this.settings, this.namaddr, history, this.#reason, this.env.ids.nextQueueId(), this.env.clock.now()),
      );
    }
    this.#errorClasses.clear();
    this.#history = null;
  }

  /** The end of the session (smtpd_proto's exit path, then smtpd_service's `disconnect from`). */
  #end(): void {
    if (this.#phase.kind === 'ended') return;
    const phase = this.#phase;
    const reason = this.#reason;
    if (reason !== null) {
      if (this.#where === WHERE_DATA_CONTENT) {
        const bytes = (phase.kind === 'data' ? phase.message.size : 0) + this.#input.pending.length;
        this.log(logAbnormalEndInData(reason, bytes, this.namaddr));
      } else if (this.#where !== WHERE_END_OF_MESSAGE || reason !== REASON_LOST_CONNECTION) {
        this.log(logAbnormalEnd(reason, this.#where, this.namaddr));
      }
    }
    this.#phase = { kind: 'ended' };
    this.state.saslActive = false;
    this.#chatReset(0);
    this.resetTransaction();
    this.log(logDisconnect(this.namaddr, this.#stats.format()));
    this.#onEnd();
  }

  #flush(): ServerOutput {
    const data = this.#out;
    const pauses = this.#pauses;
    this.#out = '';
    this.#pauses = [];
    const closed = this.#phase.kind === 'ended';
    return pauses.length === 0 ? { data, closed } : { data, closed, pauses };
  }
}
