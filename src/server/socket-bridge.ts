import type { Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { TLSSocket } from 'node:tls';
import { reply220ReadyToStartTls } from '../engine/smtpd/replies.ts';
import type { ClientHello, TlsVersion } from '../engine/tls/types.ts';
import type { ServerEndpoint, ServerOutput } from '../engine/world/network.ts';
import { firstRecordLength, looksLikeTls, parseClientHello, type WireHello } from './client-hello-wire.ts';
import { secureContextFor, type NodeTlsSettings } from './tls-options.ts';

/** What one real connection is bridged to. */
export interface BridgeEnv {
  /** The engine's smtpd session for this connection. */
  readonly endpoint: ServerEndpoint;
  /** smtpd_tls_wrappermode of the service: the TLS handshake comes before the banner. */
  readonly wrapper: boolean;
  /** Node's TLS options for this session (what the engine's smtpd decided), read when TLS starts. */
  tlsSettings(): NodeTlsSettings | null;
  /** smtpd_timeout in ms (0: none). */
  readonly idleMs: number;
  /** Something a server operator should know (the real handshake and the model disagreed...). */
  warn(text: string): void;
}

type Mode = 'plain' | 'await-tls' | 'handshaking' | 'tls' | 'closed';

/** OpenSSL errors by which the server itself refused the ClientHello (the engine's model then says the same). */
const SERVER_REFUSALS = new Set([
  'ERR_SSL_UNSUPPORTED_PROTOCOL',
  'ERR_SSL_NO_SHARED_CIPHER',
  'ERR_SSL_VERSION_TOO_LOW',
  'ERR_SSL_NO_PROTOCOLS_AVAILABLE',
]);
/** The client gave up on the server's TLSv1/TLSv1.1 signature (OpenSSL 3 at its default security level). */
const CLIENT_INTERNAL_ERROR = 'ERR_SSL_TLSV1_ALERT_INTERNAL_ERROR';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
/** How often a client in master's listen queue looks for its banner. */
const POLL_MS = 100;

/**
 * One real TCP connection, bridged to the engine's smtpd session: bytes from the socket go to the
 * endpoint, its replies go back. After `220 2.0.0 Ready to start TLS` (or at once in wrapper mode)
 * the socket is upgraded in place with node:tls; the real handshake's outcome is handed to the
 * engine as the ClientHello it was, so smtpd logs it exactly as in the lab.
 */
export class SocketBridge {
  readonly #raw: Socket;
  readonly #env: BridgeEnv;
  #tls: TLSSocket | null = null;
  #toTls: Duplex | null = null;
  #mode: Mode = 'plain';
  #hello = Buffer.alloc(0);
  #chain: Promise<void> = Promise.resolve();
  readonly done: Promise<void>;
  #resolveDone: () => void = () => undefined;

  constructor(raw: Socket, env: BridgeEnv) {
    this.#raw = raw;
    this.#env = env;
    this.done = new Promise((r) => (this.#resolveDone = r));
    raw.on('data', (chunk: Buffer) => this.#fromRaw(chunk));
    raw.on('end', () => this.#toTls?.push(null));
    raw.on('error', () => undefined); // 'close' follows
    raw.on('close', () => this.#then(() => this.#clientGone()));
    if (env.idleMs > 0) {
      raw.setTimeout(env.idleMs);
      raw.on('timeout', () => this.#then(() => this.#idle()));
    }
    this.#then(() => this.#open());
  }

  /** Runs `fn` after everything before it (replies with pauses keep their order). */
  #then(fn: () => void | Promise<void>): void {
    this.#chain = this.#chain.then(fn).catch((e: unknown) => {
      this.#env.warn(`connection error: ${e instanceof Error ? e.message : String(e)}`);
      this.#close();
    });
  }

  async #open(): Promise<void> {
    const out = this.#env.endpoint.open();
    if (this.#env.wrapper && out.data === '' && !out.closed) this.#mode = 'await-tls';
    else if (out.data === '' && !out.closed) this.#awaitBanner();
    await this.#send(out);
  }

  /**
   * No banner yet: the connection waits in master's listen queue (process_limit reached, or the service
   * is throttled). Ask the engine every POLL_MS until a process takes it (corpus-extra limits-process-limit).
   */
  #awaitBanner(): void {
    const ep = this.#env.endpoint;
    if (ep.poll === undefined) return;
    const poll = ep.poll.bind(ep);
    const timer = setInterval(() => {
      this.#then(async () => {
        if (this.#mode === 'closed') {
          clearInterval(timer);
          return;
        }
        const o = poll();
        if (o.data !== '' || o.closed) clearInterval(timer);
        await this.#send(o);
      });
    }, POLL_MS);
    timer.unref();
  }

  #fromRaw(chunk: Buffer): void {
    if (this.#mode === 'handshaking' || this.#mode === 'tls') {
      if (this.#toTls !== null && !this.#toTls.push(chunk)) this.#raw.pause();
      return;
    }
    this.#then(() => this.#plainChunk(chunk));
  }

  async #plainChunk(chunk: Buffer): Promise<void> {
    switch (this.#mode) {
      case 'plain':
        await this.#send(this.#env.endpoint.receive(chunk.toString('latin1')));
        return;
      case 'await-tls': {
        this.#hello = Buffer.concat([this.#hello, chunk]);
        if (!looksLikeTls(this.#hello)) {
          // Plaintext where the ClientHello belongs: the engine judges it as OpenSSL would.
          const bytes = this.#hello.toString('latin1');
          this.#hello = Buffer.alloc(0);
          await this.#send(this.#env.endpoint.handshake({ kind: 'plaintext', bytes }).output);
          return;
        }
        const need = firstRecordLength(this.#hello);
        if (need !== null && this.#hello.length >= need) this.#startTls();
        return;
      }
      case 'handshaking':
      case 'tls':
        this.#toTls?.push(chunk);
        return;
      case 'closed':
        return;
    }
  }

  #startTls(): void {
    const settings = this.#env.tlsSettings();
    const wire = parseClientHello(this.#hello);
    if (settings === null) {
      this.#env.warn('the engine started TLS, but no TLS settings could be built for it');
      this.#env.endpoint.clientClosed();
      this.#close();
      return;
    }
    this.#mode = 'handshaking';
    const raw = this.#raw;
    const duplex = new Duplex({
      read: () => {
        raw.resume();
      },
      write: (data: Buffer, _enc, cb) => {
        if (raw.destroyed) cb();
        else raw.write(data, () => cb());
      },
      final: (cb) => {
        raw.end();
        cb();
      },
      destroy: (err, cb) => {
        raw.destroy();
        cb(err);
      },
    });
    this.#toTls = duplex;
    duplex.push(this.#hello);
    this.#hello = Buffer.alloc(0);
    const t = new TLSSocket(duplex, { isServer: true, secureContext: secureContextFor(settings) });
    this.#tls = t;
    let secure = false;
    t.once('secure', () => {
      secure = true;
      this.#then(() => this.#secured(t, wire));
    });
    t.on('error', (err: NodeJS.ErrnoException) => {
      if (!secure) this.#then(() => this.#handshakeFailed(err, wire));
    });
  }

  async #secured(t: TLSSocket, wire: WireHello | null): Promise<void> {
    const version = t.getProtocol() as TlsVersion | null;
    const cipher = t.getCipher().name;
    const hello = modelHello(wire, version ?? 'TLSv1.3', version !== null && version !== 'TLSv1.2' && version !== 'TLSv1.3');
    const { result, output } = this.#env.endpoint.handshake(hello);
    const modelled = result.ok ? `${result.session.version} ${result.session.cipher}` : 'a failure';
    if (!result.ok || result.session.version !== version || result.session.cipher !== cipher) {
      this.#env.warn(`real TLS handshake gave ${String(version)} ${cipher}; the lab's model gave ${modelled}`);
    }
    if (!result.ok) {
      this.#close();
      return;
    }
    this.#mode = 'tls';
    t.on('data', (d: Buffer) => this.#then(async () => this.#send(this.#env.endpoint.receive(d.toString('latin1')))));
    await this.#send(output);
  }

  async #handshakeFailed(err: NodeJS.ErrnoException, wire: WireHello | null): Promise<void> {
    if (this.#mode !== 'handshaking') return;
    const code = err.code ?? '';
    if (wire !== null && (SERVER_REFUSALS.has(code) || code === CLIENT_INTERNAL_ERROR)) {
      const top = wire.offered[wire.offered.length - 1] ?? 'TLSv1.2';
      const { result, output } = this.#env.endpoint.handshake(modelHello(wire, top, code !== CLIENT_INTERNAL_ERROR));
      if (result.ok) this.#env.warn(`real TLS handshake failed (${code}); the lab's model accepted it`);
      await this.#send(output);
    } else {
      this.#env.endpoint.clientClosed();
    }
    this.#close();
  }

  async #idle(): Promise<void> {
    if (this.#mode === 'closed') return;
    const ep = this.#env.endpoint as ServerEndpoint & { timeout?: () => ServerOutput };
    if (typeof ep.timeout === 'function') await this.#send(ep.timeout());
    this.#close();
  }

  #clientGone(): void {
    if (this.#mode === 'closed') return;
    this.#mode = 'closed';
    this.#env.endpoint.clientClosed();
    this.#finish();
  }

  async #send(out: ServerOutput): Promise<void> {
    const stream = this.#mode === 'tls' && this.#tls !== null ? this.#tls : this.#raw;
    let at = 0;
    const write = (s: string): void => {
      if (s !== '' && !stream.destroyed && stream.writable) stream.write(Buffer.from(s, 'latin1'));
    };
    for (const p of out.pauses ?? []) {
      write(out.data.slice(at, p.at));
      at = p.at;
      await sleep(p.ms);
    }
    write(out.data.slice(at));
    if (out.closed) {
      this.#close();
      return;
    }
    if (this.#mode === 'plain' && out.data.endsWith(`${reply220ReadyToStartTls}\r\n`)) this.#mode = 'await-tls';
  }

  /** The server ends the connection (after its last reply). */
  #close(): void {
    if (this.#mode === 'closed') return;
    this.#mode = 'closed';
    const t = this.#tls;
    // With TLS, ending the TLS socket sends close_notify and then ends the TCP connection.
    if (t !== null && !t.destroyed) t.end();
    else this.#raw.end();
    // A client that never closes its end is cut off shortly after.
    setTimeout(() => this.#raw.destroy(), 2000).unref();
    this.#finish();
  }

  #finish(): void {
    this.#resolveDone();
  }

  /** Ends the connection at once (the server stops). */
  destroy(): void {
    this.#mode = 'closed';
    this.#tls?.destroy();
    this.#raw.destroy();
    this.#finish();
  }
}

/** The ClientHello as the engine's TLS model takes it: the versions the real one offered (`fallback` if unreadable). */
function modelHello(wire: WireHello | null, fallback: TlsVersion, secLevel0: boolean): ClientHello {
  const offered = wire?.offered ?? [fallback];
  return {
    kind: 'tls',
    client: 'openssl-s_client',
    minVersion: offered[0] ?? fallback,
    maxVersion: offered[offered.length - 1] ?? fallback,
    secLevel0,
    ...(wire?.serverName == null ? {} : { serverName: wire.serverName }),
    ...(wire === null ? {} : { helloBytes: wire.bytes }),
  };
}
