/**
 * `telnet [HOST [PORT]]`: GNU inetutils telnet 2.4 as Debian 12 has it (corpus terminal/term-telnet-*),
 * on the simulated network. Lines typed are sent with CRLF; Ctrl-] (the escape character, a line ender of
 * the tty as telnet sets VEOL) opens the `telnet>` prompt: quit, close, status, display, send, open, `?`
 * (net/telnet-prompt.ts, fetched apart in the browser); an empty line goes back to the session. What the
 * server writes after a pause (smtpd's tarpit) appears later, with a timer. Piped input is sent at once, then
 * the connection ends.
 */
import { loadOutbound, outboundNow } from '../../engine/world/lab-outbound.ts';
import { loadTlsCode, serverTlsNeeded, tlsCodeNow } from '../../engine/world/lab-server-tls.ts';
import type { ServerEndpoint, ServerOutput } from '../../engine/world/network.ts';
import type { Program, ProgramContext } from '../program.ts';
import type { InteractiveSession, SessionIo } from '../session.ts';
import { connectAddress } from './net/connect.ts';
import { lookupHost } from './net/hosts.ts';
import type { LabEnv } from './net/lab-env.ts';
import { OutboundGate } from './net/outbound-gate.ts';
import { ServerStream } from './net/server-stream.ts';
import { loadTelnetPrompt, telnetPromptNow } from './net/telnet-prompt-code.ts';
import type { PromptSession } from './net/telnet-prompt.ts';
import { servicePort } from './net/services.ts';
import * as T from './net/telnet-texts.ts';

const ESC = '\x1d';
/** A line that starts TLS: what the server reads next is a handshake. */
const STARTTLS = /^\s*STARTTLS\b/i;

interface Out {
  out(text: string): void;
  err(text: string): void;
}

type Target = { readonly ok: true; readonly endpoint: ServerEndpoint; readonly name: string } | { readonly ok: false };

/** The port `portText` names (a number or a service of /etc/services); null when open() would refuse it. */
function portOf(ctx: ProgramContext, portText: string): number | null {
  if (/^\d+$/.test(portText)) return Number(portText) > 65535 ? null : Number(portText);
  return servicePort(ctx.host.fs, portText);
}

/** Resolves, prints `Trying ...` for each address and connects, as tn() does. */
function open(env: LabEnv, ctx: ProgramContext, o: Out, host: string, portText: string): Target {
  let port: number;
  if (/^\d+$/.test(portText)) {
    port = Number(portText);
    if (port > 65535) {
      o.err(T.portOutOfRange(portText));
      return { ok: false };
    }
  } else {
    const p = servicePort(ctx.host.fs, portText);
    if (p === null) {
      o.err(T.lookupFailure(host, portText, T.EAI_SERVICE));
      return { ok: false };
    }
    port = p;
  }
  const found = lookupHost(ctx.host.fs, env.world.network, host);
  if (found === null) {
    o.err(T.lookupFailure(host, portText, T.EAI_NONAME));
    return { ok: false };
  }
  const addrs = found.addresses;
  for (let i = 0; i < addrs.length; i++) {
    const addr = addrs[i] ?? '';
    o.out(T.trying(addr));
    const r = connectAddress(env.world.network, addr, port);
    if (r.ok) {
      o.out(T.connectedTo(found.canonical) + T.ESCAPE_IS);
      return { ok: true, endpoint: r.endpoint, name: found.canonical };
    }
    const why = r.error === 'refused' ? T.ECONNREFUSED : T.ENETUNREACH;
    o.err(i < addrs.length - 1 ? T.connectionFailed(why) : T.unableToConnect(why));
  }
  return { ok: false };
}

interface Connection {
  readonly endpoint: ServerEndpoint;
  readonly name: string;
  readonly stream: ServerStream;
}

class TelnetSession implements InteractiveSession {
  readonly #env: LabEnv;
  readonly #ctx: ProgramContext;
  /** Started without a host: `close` goes back to the prompt instead of exiting. */
  readonly #fromPrompt: boolean;
  #io: SessionIo | null = null;
  #conn: Connection | null = null;
  #pendingTarget: { readonly endpoint: ServerEndpoint; readonly name: string } | ((o: Out) => Target) | null;
  #state: 'session' | 'command' | 'open-to' = 'command';
  /** Server text that arrived while the telnet> prompt was up (telnet does not read the net then). */
  #held: (() => void)[] = [];
  #ended = false;
  /** Input that may put mail in the queue waits for the queue's code (the browser fetches it apart). */
  readonly #gate = new OutboundGate({ ready: () => outboundNow() !== null, load: loadOutbound }, () => this.#io?.resume());
  /** A STARTTLS was sent on this connection: what follows is a handshake. */
  #startTls = false;
  /**
   * Input that needs the servers' TLS code waits for it too (the browser fetches it apart: tls/tls-code.browser.ts):
   * a STARTTLS line and everything after it, and a connection that needs it from the start (`later`).
   */
  readonly #tlsGate = new OutboundGate({ ready: () => tlsCodeNow() !== null, load: loadTlsCode }, () => this.#io?.resume(), {
    needs: (line) => (this.#startTls ||= line !== null && STARTTLS.test(line)),
  });
  /** What is typed at the telnet> prompt waits for the prompt's code (the browser fetches it apart: net/telnet-prompt-code.browser.ts). */
  readonly #promptGate = new OutboundGate({ ready: () => telnetPromptNow() !== null, load: loadTelnetPrompt }, () => this.#io?.resume(), {
    needs: () => this.#state !== 'session',
  });

  /** `target`: connected, or a connection to make (printing to the session) once the TLS code is here. */
  constructor(env: LabEnv, ctx: ProgramContext, target: { endpoint: ServerEndpoint; name: string } | ((o: Out) => Target) | null) {
    this.#env = env;
    this.#ctx = ctx;
    this.#fromPrompt = target === null;
    this.#pendingTarget = target;
  }

  get mode(): 'cooked' {
    return 'cooked';
  }

  get lineEnders(): string {
    return this.#state === 'session' ? ESC : '';
  }

  /** False while a line waits for the outbound or TLS code (outbound-gate.ts): the keys typed meanwhile stay in the shell. */
  get reading(): boolean {
    return !this.#gate.waiting && !this.#tlsGate.waiting && !this.#promptGate.waiting;
  }

  start(io: SessionIo): void {
    this.#io = io;
    const t = this.#pendingTarget;
    this.#pendingTarget = null;
    if (typeof t === 'function') {
      this.#tlsGate.whenReady(() => {
        const c = t({ out: (s) => io.write(s), err: (s) => io.writeErr(s) });
        if (c.ok) this.#attach(c.endpoint, c.name);
        else this.#finish(1);
      });
    } else if (t !== null) this.#attach(t.endpoint, t.name);
    else {
      this.#state = 'command';
      io.write(T.PROMPT);
      this.#prefetchPrompt();
    }
  }

  #attach(endpoint: ServerEndpoint, name: string): void {
    const stream = new ServerStream(
      this.#env.pacer,
      (text) => this.#show(() => this.#io?.write(text)),
      () => this.#show(() => this.#foreignClose()),
    );
    this.#conn = { endpoint, name, stream };
    this.#state = 'session';
    stream.push(this.#gate.watch(safe(() => endpoint.open())));
  }

  #show(fn: () => void): void {
    if (this.#state === 'session') fn();
    else this.#held.push(fn);
  }

  #foreignClose(): void {
    if (this.#ended) return;
    // stderr, as a piped run shows (the terminal merges both).
    this.#io?.writeErr(T.CLOSED_BY_FOREIGN_HOST);
    this.#finish(0);
  }

  #finish(code: number): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#conn?.stream.dispose();
    this.#io?.exit(code);
  }

  #send(bytes: string): void {
    const c = this.#conn;
    if (c === null || c.stream.closed || bytes === '') return;
    c.stream.push(this.#gate.watch(safe(() => c.endpoint.receive(bytes))));
  }

  #disconnect(): void {
    const c = this.#conn;
    if (c === null) return;
    this.#conn = null;
    c.stream.dispose();
    this.#held = [];
    if (!c.stream.closed) c.endpoint.clientClosed();
  }

  #toSession(): void {
    if (this.#conn === null) {
      this.#io?.write(T.PROMPT);
      return;
    }
    this.#state = 'session';
    const held = this.#held;
    this.#held = [];
    for (const fn of held) {
      if (this.#ended) return;
      fn();
    }
  }

  #toCommand(): void {
    this.#state = 'command';
    this.#io?.write(`\n${T.PROMPT}`);
    this.#prefetchPrompt();
  }

  /** The prompt is up: its code starts to come, so that the line typed there seldom waits. */
  #prefetchPrompt(): void {
    if (telnetPromptNow() === null) loadTelnetPrompt().catch(() => {});
  }

  onInput(data: string): void {
    if (this.#ended) return;
    // Only lines for the server may be a STARTTLS; the telnet> prompt's go on at once.
    const line = this.#state === 'session' ? data : '';
    this.#tlsGate.run(line, () => this.#gate.run(data, () => this.#promptGate.run(data, () => this.#input(data))));
  }

  #input(data: string): void {
    if (this.#ended) return;
    switch (this.#state) {
      case 'session': {
        if (data.endsWith(ESC)) {
          this.#send(data.slice(0, -1));
          this.#toCommand();
          return;
        }
        this.#send(data.endsWith('\n') ? `${data.slice(0, -1)}\r\n` : data);
        return;
      }
      case 'open-to':
      case 'command': {
        const io = this.#io;
        const code = telnetPromptNow();
        if (io === null) return;
        // An empty line goes back to the session; it needs none of the prompt's code.
        if (this.#state === 'command' && data.trim() === '') return this.#toSession();
        if (code === null) {
          // The code failed to come (the page lost its network): say so and stay at the prompt.
          this.#state = 'command';
          return this.#stay(T.PROMPT_NOT_LOADED);
        }
        const s = this.#promptSession(io);
        if (this.#state === 'command') return code.promptCommand(s, data.replace(/\n$/, ''));
        this.#state = 'command';
        return code.openCommand(
          s,
          data
            .replace(/\n$/, '')
            .trim()
            .split(/\s+/)
            .filter((w) => w !== ''),
        );
      }
    }
  }

  #stay(text = ''): void {
    this.#io?.write(text + T.PROMPT);
  }

  /** What the telnet> prompt's commands (net/telnet-prompt.ts) may do to this session. */
  #promptSession(io: SessionIo): PromptSession {
    const conn = (): Connection | null => this.#conn;
    return {
      get connectedTo(): string | null {
        return conn()?.name ?? null;
      },
      fromPrompt: this.#fromPrompt,
      write: (text) => io.write(text),
      stay: (text) => this.#stay(text),
      toSession: () => this.#toSession(),
      send: (bytes) => this.#send(bytes),
      disconnect: () => this.#disconnect(),
      finish: (code) => this.#finish(code),
      askHost: () => {
        this.#state = 'open-to';
      },
      connect: (host, portText) => {
        const t = open(this.#env, this.#ctx, { out: (text) => io.write(text), err: (text) => io.writeErr(text) }, host, portText);
        if (t.ok) this.#attach(t.endpoint, t.name);
        return t.ok;
      },
    };
  }

  onEof(): void {
    if (this.#ended) return;
    this.#tlsGate.run(null, () => this.#gate.run(null, () => this.#promptGate.run(null, () => this.#eof())));
  }

  #eof(): void {
    if (this.#ended) return;
    if (this.#state === 'session') {
      this.#send(T.EOF_CHAR);
      return;
    }
    // EOF at the telnet> prompt: a new line, then quit.
    this.#io?.write('\n');
    if (this.#conn !== null) this.#io?.write(T.CONNECTION_CLOSED);
    this.#disconnect();
    this.#finish(0);
  }

  /**
   * Time passed: what the server wrote meanwhile (a banner from a process that took a connection waiting in
   * a throttled service's listen queue, or its close: corpus-extra reload-mastercf-broken-service, EOF about
   * 60 s after connecting) shows now; at the telnet> prompt it is held, as telnet does not read the net there.
   */
  onTick(): void {
    const c = this.#conn;
    if (this.#ended || c === null || c.stream.closed) return;
    if (c.endpoint.poll === undefined || this.#gate.waiting || this.#tlsGate.waiting) return;
    c.stream.push(this.#gate.watch(safe(() => c.endpoint.poll?.() ?? { data: '', closed: false })));
  }

  onInterrupt(): boolean {
    if (this.#ended) return true;
    this.#tlsGate.run(null, () =>
      this.#gate.run(null, () =>
        this.#promptGate.run(null, () => {
          if (this.#state === 'session') this.#send(T.IAC_IP_DO_TM);
        }),
      ),
    );
    return true;
  }

  dispose(): void {
    this.#tlsGate.dispose();
    this.#gate.dispose();
    this.#promptGate.dispose();
    this.#disconnect();
    this.#ended = true;
  }
}

function safe(fn: () => ServerOutput): ServerOutput {
  try {
    return fn();
  } catch {
    // A server bug: the connection is gone.
    return { data: '', closed: true };
  }
}

/** telnet's options (inetutils 2.4): flags, and the ones that take a value. */
const FLAGS = '468EFKLacdfrx';
const WITH_VALUE = 'bekln';

export function telnetProgram(env: LabEnv): Program {
  return {
    name: 'telnet',
    usage: 'telnet [HOST [PORT]]',
    run(ctx) {
      const operands: string[] = [];
      const argv = ctx.argv.slice(1);
      for (let i = 0; i < argv.length; i++) {
        const a = argv[i] ?? '';
        if (a === '--') {
          operands.push(...argv.slice(i + 1));
          break;
        }
        if (a.startsWith('-') && a.length > 1) {
          for (let j = 1; j < a.length; j++) {
            const c = a[j] ?? '';
            if (WITH_VALUE.includes(c)) {
              if (j === a.length - 1) i++;
              break;
            }
            if (!FLAGS.includes(c)) {
              ctx.stderr.write(T.invalidOption(c));
              return 64;
            }
          }
          continue;
        }
        operands.push(a);
      }
      if (operands.length > 2) {
        ctx.stderr.write(T.TOO_MANY_ARGUMENTS);
        return 1;
      }
      const o: Out = { out: (s) => ctx.stdout.write(s), err: (s) => ctx.stderr.write(s) };
      const host = operands[0];
      if (host === '') {
        ctx.stderr.write(T.USAGE);
        return 1;
      }
      if (host === undefined) {
        if (ctx.stdin.kind === 'text') return 0;
        return new TelnetSession(env, ctx, null);
      }
      const portText = operands[1] ?? 'telnet';
      const port = portOf(ctx, portText);
      if (ctx.stdin.kind !== 'text' && port !== null && serverTlsNeeded(env.world, port)) {
        // The connection needs the servers' TLS code (a certificate smtpd must read, a wrapper-mode port):
        // telnet connects once it is here, reading nothing meanwhile; the same lines, later.
        return new TelnetSession(env, ctx, (later) => open(env, ctx, later, host, portText));
      }
      const t = open(env, ctx, o, host, portText);
      if (!t.ok) return 1;
      if (ctx.stdin.kind === 'text') return piped(ctx, t.endpoint);
      return new TelnetSession(env, ctx, { endpoint: t.endpoint, name: t.name });
    },
  };
}

/**
 * Input from a pipe: telnet reads it and its end at once and stops before anything reaches the server
 * (recorded: `printf 'hello\nworld\n' | telnet localhost PORT` sends nothing, prints the three connect
 * lines on stdout, `Connection closed by foreign host.` on stderr, and exits 0).
 */
function piped(ctx: ProgramContext, ep: ServerEndpoint): number {
  safe(() => ep.open());
  ep.clientClosed();
  ctx.stderr.write(T.CLOSED_BY_FOREIGN_HOST);
  return 0;
}
