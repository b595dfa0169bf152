/**
 * `swaks`: swaks 20201014.0 (corpus terminal/term-swaks) on the simulated network, in lockstep as swaks
 * runs without --pipeline: banner, EHLO, optional STARTTLS (--tls) or TLS at connect (--tls-on-connect),
 * EHLO again, optional AUTH (PLAIN, LOGIN), MAIL, RCPT, DATA with its default test message, QUIT; the
 * exit status tells where it stopped (23 MAIL, 24 RCPT, 28 AUTH, 29 TLS...). Defaults come from the host
 * name: EHLO and `root@HOST` (the lab: mail.example.org; the recording machine said `vm`).
 * Texts: net/swaks-texts.ts.
 */
import { sClientHello } from '../../engine/tls/client-hello.ts';
import { remoteServerSide } from '../../engine/tls/client-tls.ts';
import { LAB_CERT } from '../../engine/tls/data/lab-pki.ts';
import { ERR } from '../../engine/tls/openssl-errors.ts';
import type { OpenSslError } from '../../engine/tls/openssl-errors.ts';
import type { ClientHello } from '../../engine/tls/types.ts';
import { nameSlashed } from '../../engine/tls/x509/certificate.ts';
import { isRemoteServerEndpoint } from '../../engine/remote/fake-mx.ts';
import type { ServerEndpoint, ServerOutput } from '../../engine/world/network.ts';
import type { Program, ProgramContext } from '../program.ts';
import type { InteractiveSession, SessionIo } from '../session.ts';
import { connectAddress } from './net/connect.ts';
import { lookupHost } from './net/hosts.ts';
import type { LabEnv } from './net/lab-env.ts';
import { runBlocking, type Blocking, type ReadWait } from './net/lab-wait.ts';
import { servicePort } from './net/services.ts';
import * as T from './net/swaks-texts.ts';

/** Options: names (with their aliases) and whether they take a value. */
const OPTIONS: readonly { readonly names: readonly string[]; readonly key: string; readonly arg: 'none' | 'required' | 'optional' }[] = [
  { names: ['t', 'to'], key: 'to', arg: 'required' },
  { names: ['f', 'from'], key: 'from', arg: 'required' },
  { names: ['s', 'server'], key: 'server', arg: 'required' },
  { names: ['p', 'port'], key: 'port', arg: 'required' },
  { names: ['h', 'helo', 'ehlo', 'lhlo'], key: 'helo', arg: 'required' },
  { names: ['tls'], key: 'tls', arg: 'none' },
  { names: ['tlsc', 'tls-on-connect'], key: 'tlsc', arg: 'none' },
  { names: ['tlso', 'tls-optional'], key: 'tlso', arg: 'none' },
  { names: ['tlsos', 'tls-optional-strict'], key: 'tlsos', arg: 'none' },
  { names: ['a', 'auth'], key: 'auth', arg: 'optional' },
  { names: ['au', 'auth-user'], key: 'auth-user', arg: 'required' },
  { names: ['ap', 'auth-password'], key: 'auth-password', arg: 'required' },
  { names: ['q', 'quit', 'quit-after'], key: 'quit-after', arg: 'required' },
  { names: ['body'], key: 'body', arg: 'required' },
  { names: ['ah', 'add-header', 'header'], key: 'header', arg: 'required' },
  { names: ['n', 'suppress-data'], key: 'suppress-data', arg: 'none' },
  { names: ['version'], key: 'version', arg: 'none' },
  { names: ['help'], key: 'help', arg: 'none' },
];

type Parsed = { readonly ok: true; readonly values: Map<string, string[]> } | { readonly ok: false; readonly error: string };

function parseArgs(argv: readonly string[]): Parsed {
  const values = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    const m = /^--?([^=]+)(?:=(.*))?$/.exec(a);
    if (m === null) return { ok: false, error: T.unknownOption(a) };
    const name = m[1] ?? '';
    const opt = OPTIONS.find((o) => o.names.includes(name));
    if (opt === undefined) return { ok: false, error: T.unknownOption(name) };
    let v = m[2];
    if (v === undefined && opt.arg === 'required') v = argv[++i];
    else if (v === undefined && opt.arg === 'optional') {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('-')) v = argv[++i];
    }
    values.set(opt.key, [...(values.get(opt.key) ?? []), v ?? '']);
  }
  return { ok: true, values };
}

/** Leaves swaks with a status; `teardown` prints the closing line (teardown_link). */
class SwaksExit {
  constructor(
    readonly code: number,
    readonly teardown: boolean,
  ) {}
}

interface Reply {
  readonly ok: boolean;
  readonly text: string;
  /** The server closed before a whole reply came. */
  readonly lost: boolean;
}

function errorString(e: OpenSslError): string {
  return `error:${e.code}:${e.lib}::${e.reason}`;
}

function dateString(ms: number): string {
  const d = new Date(ms);
  const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()] ?? ''}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()] ?? ''} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

function messageId(ms: number, pid: number, host: string): string {
  const d = new Date(ms);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}.${p(pid, 6)}@${host}`;
}

function b64(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

interface Settings {
  readonly server: string;
  readonly port: number;
  readonly to: string;
  readonly from: string;
  readonly helo: string;
  readonly tls: boolean;
  readonly tlsOnConnect: boolean;
  readonly tlsOptional: boolean;
  /** --tls-optional-strict: plaintext when STARTTLS is not offered, but a failed negotiation is fatal. */
  readonly tlsOptionalStrict: boolean;
  readonly auth: readonly string[] | null;
  readonly user: string;
  readonly password: string;
  readonly quitAfter: string;
  readonly body: string;
  readonly headers: readonly string[];
  readonly suppressData: boolean;
}

/** swaks' default --timeout: how long each read waits for the server (in the lab, on the world's clock). */
const TIMEOUT_SECS = 30;

type Steps<T> = Generator<ReadWait, T, void>;

/** A whole reply (its last line `NNN text`) is in `buffer`. */
function hasReply(buffer: string): boolean {
  return /(?:^|\n)\d\d\d [^\n]*\n/.test(buffer);
}

/**
 * One swaks run against an endpoint; writes as it goes. A read the server does not answer at once (a connection
 * that waits in a throttled service's listen queue) blocks: the run yields until the reply or the server's
 * close reaches the connection, or swaks' 30 s timeout passes on the world's clock (host-tools/late-close-587).
 */
class Transaction {
  readonly #env: LabEnv;
  readonly #s: Settings;
  readonly #write: (stream: 'out' | 'err', text: string) => void;
  #ep: ServerEndpoint | null = null;
  #tls = false;
  #buffer = '';
  #serverClosed = false;
  #quitSent = false;

  constructor(env: LabEnv, s: Settings, write: (stream: 'out' | 'err', text: string) => void) {
    this.#env = env;
    this.#s = s;
    this.#write = write;
  }

  /** ptrans: every line of the message gets the prefix. */
  #p(kind: 'info' | 'error' | 'send' | 'recv' | 'recv-error', msg: string): void {
    const prefix =
      kind === 'info'
        ? '==='
        : kind === 'error'
          ? '***'
          : kind === 'send'
            ? this.#tls
              ? ' ~>'
              : ' ->'
            : kind === 'recv'
              ? this.#tls
                ? '<~ '
                : '<- '
              : this.#tls
                ? '<~*'
                : '<**';
    const text = msg
      .split('\n')
      .map((l) => `${prefix} ${l}\n`)
      .join('');
    this.#write(kind === 'error' ? 'err' : 'out', text);
  }

  #take(out: ServerOutput): void {
    this.#buffer += typeof out.data === 'string' ? out.data : '';
    if (out.closed) this.#serverClosed = true;
  }

  /** Sends a command (or only reads, for the banner) and reads one reply, as transact() does. */
  *#transact(cmd: string | null, expect: string, opts: { show?: string; allowLost?: boolean } = {}): Steps<Reply> {
    const ep = this.#ep;
    if (ep === null) return { ok: false, text: '', lost: true };
    if (cmd !== null) {
      this.#p('send', opts.show ?? cmd);
      if (!this.#serverClosed) this.#take(safe(() => ep.receive(`${cmd.replace(/\n/g, '\r\n')}\r\n`)));
    }
    if (!hasReply(this.#buffer) && !this.#serverClosed && ep.poll !== undefined) {
      const poll = ep.poll.bind(ep);
      yield {
        until: this.#env.world.clock.now() + TIMEOUT_SECS * 1000,
        ready: () => {
          this.#take(safe(poll));
          return hasReply(this.#buffer) || this.#serverClosed;
        },
      };
    }
    const lines: string[] = [];
    let complete = false;
    while (true) {
      const nl = this.#buffer.indexOf('\n');
      if (nl < 0) break;
      const line = this.#buffer.slice(0, nl).replace(/\r$/, '');
      this.#buffer = this.#buffer.slice(nl + 1);
      lines.push(line);
      if (/^\d\d\d /.test(line)) {
        complete = true;
        break;
      }
    }
    let lost = false;
    if (!complete) {
      if (this.#serverClosed) lost = true;
      // Nothing more comes: swaks' alarm fires after its 30 s --timeout.
      else lines.push(T.timedOut(TIMEOUT_SECS));
    }
    const text = lines.join('\n');
    const ok = new RegExp(`^${expect} `, 'm').test(text);
    if (text !== '') this.#p(ok ? 'recv' : 'recv-error', text);
    if (lost) {
      if (opts.allowLost === true) return { ok, text, lost };
      this.#p('error', T.LOST_CONNECTION);
      throw new SwaksExit(6, false);
    }
    return { ok, text, lost };
  }

  *#quit(exit: number | null): Steps<void> {
    if (this.#quitSent) return;
    this.#quitSent = true;
    const r = yield* this.#transact('QUIT', '221', { allowLost: true });
    if (r.lost) {
      // handle_disconnect, with the exit status of the step that failed
      this.#p('error', T.LOST_CONNECTION);
      throw new SwaksExit(exit ?? 6, false);
    }
    if (exit !== null) throw new SwaksExit(exit, true);
  }

  *#helo(): Steps<{ ok: boolean; keywords: Set<string>; auth: Set<string> }> {
    const keywords = new Set<string>();
    const auth = new Set<string>();
    const r = yield* this.#transact(`EHLO ${this.#s.helo}`, '250');
    if (r.ok) {
      for (const l of r.text.split('\n')) {
        const kw = l.slice(4);
        const m = /^AUTH=?(.*)$/.exec(kw);
        if (m !== null) {
          for (const t of (m[1] ?? '').split(' ')) if (t !== '') auth.add(t.toUpperCase());
        } else keywords.add(kw.toUpperCase());
      }
      return { ok: true, keywords, auth };
    }
    return { ok: (yield* this.#transact(`HELO ${this.#s.helo}`, '250')).ok, keywords, auth };
  }

  #hello(): ClientHello {
    return { ...sClientHello(), client: 'swaks' };
  }

  /** start_tls(): the handshake; null on success, else the error text. */
  #startTls(): string | null {
    const ep = this.#ep;
    if (ep === null) return 'connect(): ';
    let r;
    try {
      r = ep.handshake(this.#hello());
    } catch {
      return `connect(): ${errorString(ERR.unexpectedEof)}`;
    }
    if (!r.result.ok) {
      const f = r.result.record?.failure ?? null;
      const e =
        f === 'unsupported-protocol'
          ? ERR.alertProtocolVersion
          : f === 'no-shared-cipher'
            ? ERR.alertHandshakeFailure
            : f === 'legacy-sigalg'
              ? ERR.legacySigalg
              : ERR.unexpectedEof;
      this.#take(r.output);
      return `connect(): ${errorString(e)}`;
    }
    this.#tls = true;
    const session = r.result.session;
    const cert = r.result.record?.certificate ?? (isRemoteServerEndpoint(ep) ? remoteServerSide(ep.remoteTls).cert : LAB_CERT);
    this.#p('info', T.tlsStarted(session.version, session.cipher, session.cipherBits));
    this.#p('info', T.TLS_NO_LOCAL_CERT);
    this.#p('info', T.tlsPeerDn(nameSlashed(cert.subject)));
    this.#take(r.output);
    return null;
  }

  *#auth(adv: Set<string>): Steps<number> {
    const s = this.#s;
    if (adv.size === 0) return 1;
    // swaks' ANY: its known types sorted by name, as advertised; PLAIN and LOGIN are what the lab's Cyrus offers.
    const types = s.auth === null || s.auth.length === 0 || (s.auth.length === 1 && s.auth[0] === 'ANY') ? ['LOGIN', 'PLAIN'] : s.auth;
    let attempted = false;
    for (const t of types) {
      if (!adv.has(t)) continue;
      if (t === 'PLAIN') {
        attempted = true;
        if ((yield* this.#transact(`AUTH PLAIN ${b64(`\0${s.user}\0${s.password}`)}`, '235')).ok) return 0;
      } else if (t === 'LOGIN') {
        attempted = true;
        if (
          (yield* this.#transact('AUTH LOGIN', '334')).ok &&
          (yield* this.#transact(b64(s.user), '334')).ok &&
          (yield* this.#transact(b64(s.password), '235')).ok
        )
          return 0;
      }
    }
    return attempted ? 4 : 2;
  }

  #data(): string[] {
    const s = this.#s;
    const now = this.#env.world.clock.now();
    const date = dateString(now);
    const id = messageId(now, this.#env.world.ids.nextPid(), s.helo);
    const lines = [
      `Date: ${date}`,
      `To: ${s.to}`,
      `From: ${s.from}`,
      `Subject: test ${date}`,
      `Message-Id: <${id}>`,
      T.X_MAILER,
      ...s.headers,
      '',
      ...s.body.split('\n').map((l) => (l.startsWith('.') ? `.${l}` : l)),
      '',
      '',
      '.',
    ];
    return lines;
  }

  /** The server's end goes: swaks was killed while it waited. */
  kill(): void {
    if (this.#ep !== null && !this.#serverClosed) this.#ep.clientClosed();
    this.#serverClosed = true;
  }

  *run(): Blocking {
    const s = this.#s;
    try {
      this.#p('info', T.trying(s.server, s.port));
      const found = lookupHost(this.#env.world.fs, this.#env.world.network, s.server);
      if (found === null) {
        this.#p('error', `${T.errorConnecting(s.server, s.port)}\n${T.SOCKET_NONAME}`);
        return 2;
      }
      let ep: ServerEndpoint | null = null;
      let refused = false;
      for (const addr of found.addresses) {
        const r = connectAddress(this.#env.world.network, addr, s.port);
        if (r.ok) {
          ep = r.endpoint;
          break;
        }
        refused ||= r.error === 'refused';
      }
      if (ep === null) {
        this.#p('error', `${T.errorConnecting(s.server, s.port)}\n${refused ? T.SOCKET_REFUSED : T.SOCKET_UNREACHABLE}`);
        return 2;
      }
      this.#ep = ep;
      this.#p('info', T.connectedTo(s.server));
      this.#take(safe(() => ep.open()));
      if (s.tlsOnConnect) {
        const e = this.#startTls();
        if (e !== null) {
          this.#p('error', T.tlsStartupFailed(e));
          throw new SwaksExit(29, false);
        }
        if (s.quitAfter === 'tls') yield* this.#quit(0);
      }
      if (!(yield* this.#transact(null, '220')).ok) yield* this.#quit(21);
      if (s.quitAfter === 'connect' || s.quitAfter === 'banner') yield* this.#quit(0);
      let ehlo = yield* this.#helo();
      if (!ehlo.ok) yield* this.#quit(22);
      if (s.quitAfter === 'first-helo' || s.quitAfter === 'first-ehlo') yield* this.#quit(0);
      if (s.tls && !s.tlsOnConnect) {
        if (!ehlo.keywords.has('STARTTLS')) {
          this.#p('error', T.NO_STARTTLS);
          // more/strip-inbound-sclient: --tls-optional and --tls-optional-strict go on in plaintext here.
          if (!s.tlsOptional && !s.tlsOptionalStrict) yield* this.#quit(29);
        } else if (!(yield* this.#transact('STARTTLS', '220')).ok) {
          this.#p('error', T.STARTTLS_FAILED);
          if (!s.tlsOptional) throw new SwaksExit(29, false);
        } else {
          const e = this.#startTls();
          if (e !== null) {
            this.#p('error', T.tlsStartupFailed(e));
            this.#p('error', T.STARTTLS_FAILED);
            if (!s.tlsOptional) throw new SwaksExit(29, false);
          }
        }
      }
      if (s.quitAfter === 'tls') yield* this.#quit(0);
      if (this.#tls && !s.tlsOnConnect) {
        ehlo = yield* this.#helo();
        if (!ehlo.ok) yield* this.#quit(32);
      }
      if (s.quitAfter === 'helo' || s.quitAfter === 'ehlo') yield* this.#quit(0);
      if (s.auth !== null) {
        const r = yield* this.#auth(ehlo.auth);
        if (r === 1) {
          this.#p('error', T.NO_AUTH_ADVERTISED);
          yield* this.#quit(28);
        } else if (r === 2) {
          this.#p('error', s.auth.length === 0 ? T.AUTH_NO_TYPES : T.AUTH_TYPE_UNAVAILABLE);
          yield* this.#quit(28);
        } else if (r === 4) {
          this.#p('error', T.NO_AUTH_SUCCEEDED);
          yield* this.#quit(28);
        }
      }
      if (s.quitAfter === 'auth') yield* this.#quit(0);
      if (!(yield* this.#transact(`MAIL FROM:<${s.from}>`, '250')).ok) yield* this.#quit(23);
      if (s.quitAfter === 'mail' || s.quitAfter === 'from') yield* this.#quit(0);
      const rcpts = s.to.split(',');
      let failures = 0;
      for (const r of rcpts) {
        if (!(yield* this.#transact(`RCPT TO:<${r}>`, '250')).ok) failures++;
      }
      if (failures === rcpts.length) yield* this.#quit(24);
      if (s.quitAfter === 'rcpt' || s.quitAfter === 'to') yield* this.#quit(0);
      if (!(yield* this.#transact('DATA', '354')).ok) yield* this.#quit(25);
      const data = this.#data();
      const show = s.suppressData ? `${data.length} lines sent` : data.join('\n');
      if (!(yield* this.#transact(data.join('\n'), '250', { show })).ok) yield* this.#quit(26);
      yield* this.#quit(null);
      this.#p('info', T.CLOSED);
      return 0;
    } catch (e) {
      if (!(e instanceof SwaksExit)) {
        this.#write('err', `swaks: internal simulator error\n`);
        this.#ep?.clientClosed();
        return 1;
      }
      if (!this.#serverClosed) this.#ep?.clientClosed();
      if (e.teardown) this.#p('info', T.CLOSED);
      return e.code;
    } finally {
      if (!this.#serverClosed && this.#ep !== null && this.#quitSent) this.#ep.clientClosed();
    }
  }
}

function safe(fn: () => ServerOutput): ServerOutput {
  try {
    return fn();
  } catch {
    return { data: '', closed: true };
  }
}

function settingsFrom(env: LabEnv, ctx: ProgramContext, v: Map<string, string[]>, to: string): Settings {
  const last = (k: string): string | undefined => {
    const l = v.get(k);
    return l === undefined ? undefined : l[l.length - 1];
  };
  const tlsOnConnect = v.has('tlsc');
  let server = last('server') ?? 'localhost';
  let portText = last('port');
  const m = /^(.*):(\d+)$/.exec(server);
  if (m !== null && !server.includes('::')) {
    server = m[1] ?? server;
    portText ??= m[2];
  }
  let port = tlsOnConnect ? 465 : 25;
  if (portText !== undefined) port = /^\d+$/.test(portText) ? Number(portText) : (servicePort(ctx.host.fs, portText) ?? port);
  const authValues = v.get('auth');
  const wantsAuth = authValues !== undefined || v.has('auth-user') || v.has('auth-password');
  const authTypes =
    authValues === undefined
      ? []
      : authValues
          .flatMap((a) => a.split(','))
          .map((a) => a.trim().toUpperCase())
          .filter((a) => a !== '');
  return {
    server,
    port,
    to,
    from: last('from') ?? `root@${env.fqdn}`,
    helo: last('helo') ?? env.fqdn,
    // swaks: --tls-optional(-strict) try STARTTLS as --tls does.
    tls: v.has('tls') || v.has('tlso') || v.has('tlsos'),
    tlsOnConnect,
    tlsOptional: v.has('tlso'),
    tlsOptionalStrict: v.has('tlsos'),
    auth: wantsAuth ? (authTypes.length === 0 ? ['ANY'] : authTypes) : null,
    user: last('auth-user') ?? '',
    password: last('auth-password') ?? '',
    quitAfter: (last('quit-after') ?? '').toLowerCase(),
    body: last('body') ?? T.DEFAULT_BODY,
    headers: v.get('header') ?? [],
    suppressData: v.has('suppress-data'),
  };
}

/** --quit-after points before RCPT TO. */
const EARLY_QUITS: readonly string[] = ['connect', 'banner', 'first-helo', 'first-ehlo', 'tls', 'helo', 'ehlo', 'auth', 'mail', 'from'];

/** Where swaks writes: the command's streams, then the terminal of the session it became by blocking. */
interface Sink {
  write(stream: 'out' | 'err', text: string): void;
}

function runWith(env: LabEnv, ctx: ProgramContext, v: Map<string, string[]>, to: string, sink: Sink): number | InteractiveSession {
  const t = new Transaction(env, settingsFrom(env, ctx, v, to), (s, text) => sink.write(s, text));
  return runBlocking(env.world, t.run(), {
    attach(io) {
      sink.write = (s, text) => (s === 'out' ? io.write(text) : io.writeErr(text));
    },
    kill: () => t.kill(),
  });
}

/**
 * On a terminal swaks asks for the recipient; then it runs, and when it blocks on the server (see Transaction)
 * the run's own session takes over: time, Ctrl-C and the end reach it from here.
 */
class PromptSession implements InteractiveSession {
  readonly mode = 'cooked';
  readonly #run: (addr: string, io: SessionIo) => number | InteractiveSession;
  #io: SessionIo | null = null;
  #inner: InteractiveSession | null = null;

  constructor(run: (addr: string, io: SessionIo) => number | InteractiveSession) {
    this.#run = run;
  }

  start(io: SessionIo): void {
    this.#io = io;
    io.write(T.PROMPT_TO);
  }

  onInput(data: string): void {
    const io = this.#io;
    if (io === null) return;
    if (this.#inner !== null) {
      this.#inner.onInput(data);
      return;
    }
    const addr = data.trim();
    if (addr === '') {
      io.write(T.PROMPT_TO);
      return;
    }
    const r = this.#run(addr, io);
    if (typeof r === 'number') {
      io.exit(r);
      return;
    }
    this.#inner = r;
    r.start(io);
  }

  onEof(): void {
    if (this.#inner !== null) return;
    this.#io?.write('\n');
    this.#io?.exit(1);
  }

  onTick(): void {
    this.#inner?.onTick?.();
  }

  onIdle(limitMs?: number): void {
    this.#inner?.onIdle?.(limitMs);
  }

  onInterrupt(): boolean {
    return this.#inner?.onInterrupt?.() ?? false;
  }

  dispose(): void {
    this.#inner?.dispose?.();
  }
}

export function swaksProgram(env: LabEnv): Program {
  return {
    name: 'swaks',
    usage: 'swaks --to ADDR [--server HOST[:PORT]] [--port N] [--tls|--tls-on-connect] [--auth TYPE --auth-user U --auth-password P]',
    run(ctx) {
      const p = parseArgs(ctx.argv.slice(1));
      if (!p.ok) {
        ctx.stderr.write(p.error);
        return 1;
      }
      if (p.values.has('version')) {
        ctx.stdout.write(T.VERSION_TEXT);
        return 0;
      }
      const sink: Sink = { write: (s, t) => (s === 'out' ? ctx.stdout : ctx.stderr).write(t) };
      const to = p.values.get('to')?.at(-1);
      if (to !== undefined && to !== '') return runWith(env, ctx, p.values, to, sink);
      // A run that stops before RCPT needs no recipient (corpus-extra swaks-version: --quit-after EHLO).
      const quitAfter = (p.values.get('quit-after')?.at(-1) ?? '').toLowerCase();
      if (EARLY_QUITS.includes(quitAfter)) return runWith(env, ctx, p.values, '', sink);
      if (ctx.stdin.kind === 'text') {
        const line = ctx.stdin.text.split('\n')[0]?.trim() ?? '';
        ctx.stdout.write(T.PROMPT_TO);
        if (line === '') return 1;
        return runWith(env, ctx, p.values, line, sink);
      }
      return new PromptSession((addr, i) =>
        runWith(env, ctx, p.values, addr, { write: (s, t) => (s === 'out' ? i.write(t) : i.writeErr(t)) }),
      );
    },
  };
}
