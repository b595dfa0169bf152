import type { ClientHello, ServerHandshake } from '../tls/types.ts';
import type { ClientAddress, Master } from '../master/master.ts';
import type { ConnectResult, Network, ServerEndpoint, ServerOutput } from './network.ts';
import type { SimFs } from './sim-fs.ts';

/** Addresses of the lab machine itself (Postfix listens on these). */
const LOCAL_ADDRESSES = new Set(['127.0.0.1']);

export type TapEvent =
  { readonly dir: 'client' | 'server'; readonly data: string } | { readonly dir: 'tls'; readonly version: string; readonly cipher: string };

export interface TappedSession {
  readonly address: string;
  readonly port: number;
  readonly events: TapEvent[];
}

/** Who opened a connection: a program the learner ran, or Postfix's own smtp client. */
export type ConnectingClient = 'learner' | 'postfix';

/** A connection as an observer sees it when it opens. */
export interface ConnectionInfo {
  readonly client: ConnectingClient;
  /** The name or address the client asked for. */
  readonly host: string;
  readonly address: string;
  readonly port: number;
  /** The master.cf service that accepted it (local connections), or null for a remote host. */
  readonly service: string | null;
}

/** Watches one connection: what each side sent and each handshake. Observing never changes what is sent. */
export interface ConnectionTap {
  fromServer?(data: string, closed: boolean): void;
  fromClient?(bytes: string): void;
  handshake?(hello: ClientHello, result: ServerHandshake): void;
  clientClosed?(): void;
}

/** Called for each connection that opens; returns a tap for it, or null to leave it alone. */
export type ConnectionObserver = (info: ConnectionInfo) => ConnectionTap | null;

export interface SimNetworkEnv {
  readonly fs: SimFs;
  readonly master: Master;
  /** The simulated remote hosts: an endpoint for `addr:port`, or null when nothing listens. */
  readonly remote: (addr: string, port: number) => ServerEndpoint | null;
  /** Addresses that exist in the simulated world (others are unreachable). */
  readonly knownAddresses: ReadonlySet<string>;
}

/** Looks a name up as /etc/hosts does: first matching line wins; an IPv4 literal is itself. */
export function resolveHost(hostsFile: string, name: string): string | null {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return name;
  const want = name.toLowerCase();
  for (const raw of hostsFile.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (line === '') continue;
    const [addr, ...names] = line.split(/\s+/);
    if (addr === undefined || !/^\d{1,3}(\.\d{1,3}){3}$/.test(addr)) continue; // the lab is IPv4 only (inet_protocols = ipv4)
    if (names.some((n) => n.toLowerCase() === want)) return addr;
  }
  return null;
}

/** The name smtpd logs for a client address (reverse lookup through /etc/hosts), `unknown` otherwise. */
export function reverseName(hostsFile: string, addr: string): string {
  for (const raw of hostsFile.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    const [a, first] = line.split(/\s+/);
    if (a === addr && first !== undefined) return first;
  }
  return 'unknown';
}

/**
 * The simulated network: the lab machine (127.0.0.1, where master(8) listens) and the
 * remote hosts of the world. Connections to remote hosts are recorded (tapped) so that a
 * lesson or the conformance check can show what the remote side saw.
 */
export class SimNetwork implements Network {
  readonly #env: SimNetworkEnv;
  #tapped: TappedSession[] = [];
  #observer: ConnectionObserver | null = null;
  #client: ConnectingClient = 'learner';
  /** connect() calls and observed endpoint calls in progress: a connection opened inside one is a relay's. */
  #busy = 0;

  constructor(env: SimNetworkEnv) {
    this.#env = env;
  }

  resolve(host: string): string | null {
    return resolveHost(this.#env.fs.read('/etc/hosts') ?? '', host);
  }

  connect(host: string, port: number, from = '127.0.0.1'): ConnectResult {
    this.#busy++;
    try {
      return this.#connect(host, port, from);
    } finally {
      this.#busy--;
    }
  }

  #connect(host: string, port: number, from: string): ConnectResult {
    const address = this.resolve(host);
    if (address === null) return { ok: false, address: null, error: 'unknown-host' };
    if (LOCAL_ADDRESSES.has(address)) {
      const listener = this.#env.master.listenerFor(address, port);
      if (listener === null) return { ok: false, address, error: 'refused' };
      const client: ClientAddress = { name: reverseName(this.#env.fs.read('/etc/hosts') ?? '', from), addr: from };
      return this.#observed({ ok: true, address, endpoint: this.#env.master.accept(listener, client) }, host, port, listener.service);
    }
    if (!this.#env.knownAddresses.has(address)) return { ok: false, address, error: 'unreachable' };
    const ep = this.#env.remote(address, port);
    if (ep === null) return { ok: false, address, error: 'refused' };
    const session: TappedSession = { address, port, events: [] };
    this.#tapped.push(session);
    return this.#observed({ ok: true, address, endpoint: tap(ep, session) }, host, port, null);
  }

  /**
   * Watches every connection that opens from now on (the lesson runtime records what the learner's
   * programs and Postfix's smtp client exchanged). One observer at a time; null removes it.
   */
  observe(fn: ConnectionObserver | null): void {
    this.#observer = fn;
  }

  /** This network as Postfix's own smtp client uses it: its connections are marked as Postfix's. */
  clientView(client: ConnectingClient): Network {
    return {
      resolve: (host) => this.resolve(host),
      connect: (host, port) => {
        const before = this.#client;
        this.#client = client;
        try {
          return this.connect(host, port);
        } finally {
          this.#client = before;
        }
      },
    };
  }

  #observed(r: ConnectResult & { ok: true }, host: string, port: number, service: string | null): ConnectResult {
    const obs = this.#observer;
    // A proxy of the remote world connecting on (to the lab's smtpd) is part of the client's connection.
    if (obs === null || (this.#client === 'learner' && this.#busy > 1)) return r;
    let t: ConnectionTap | null;
    try {
      t = obs({ client: this.#client, host, address: r.address, port, service });
    } catch {
      t = null; // an observer's bug never breaks a connection
    }
    const busy = <T>(fn: () => T): T => {
      this.#busy++;
      try {
        return fn();
      } finally {
        this.#busy--;
      }
    };
    return t === null ? r : { ...r, endpoint: observeEndpoint(r.endpoint, t, busy) };
  }

  /** Remote sessions recorded since the last call. */
  takeTapped(): TappedSession[] {
    const t = this.#tapped;
    this.#tapped = [];
    return t;
  }
}

/** A remote endpoint that must get each client packet whole (it relays reads as they come). */
export interface WholePacketReader {
  readonly readsWholePackets: true;
}

function tap(ep: ServerEndpoint, s: TappedSession): ServerEndpoint {
  const note = (o: ServerOutput): ServerOutput => {
    if (o.data !== '') s.events.push({ dir: 'server', data: o.data });
    return o;
  };
  const overrides: Pick<ServerEndpoint, 'open' | 'receive' | 'handshake'> = {
    open: () => note(ep.open()),
    receive: (bytes: string) => {
      // A relay (a stripping proxy) reads whole packets, as the corpus's proxy did.
      if ((ep as Partial<WholePacketReader>).readsWholePackets === true) {
        s.events.push({ dir: 'client', data: bytes });
        return note(ep.receive(bytes));
      }
      // A remote MX of the lab reads line by line (as the corpus's fake MX did), so each
      // line is recorded with the reply it caused, and pipelined commands read naturally.
      let data = '';
      let closed = false;
      for (const line of bytes.match(/[^\n]*\n|[^\n]+$/g) ?? []) {
        s.events.push({ dir: 'client', data: line });
        const o = note(ep.receive(line));
        data += o.data;
        closed = o.closed;
        if (closed) break;
      }
      return { data, closed };
    },
    handshake: (hello: ClientHello) => {
      const r = ep.handshake(hello);
      if (r.result.ok) s.events.push({ dir: 'tls', version: r.result.session.version, cipher: r.result.session.cipher });
      note(r.output);
      return r;
    },
  };
  // Everything else (clientClosed, tls, a remote MX's TLS description...) reads through to
  // the endpoint itself, so its getters see their own private state.
  return new Proxy(ep, {
    get(target, prop) {
      if (prop === 'open' || prop === 'receive' || prop === 'handshake') return overrides[prop];
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/** The endpoint with `t` told of everything that passes; what passes is unchanged. */
function observeEndpoint(ep: ServerEndpoint, t: ConnectionTap, busy: <T>(fn: () => T) => T): ServerEndpoint {
  const safe = (fn: () => void): void => {
    try {
      fn();
    } catch {
      // observing never breaks the connection
    }
  };
  const server = (o: ServerOutput): ServerOutput => {
    safe(() => t.fromServer?.(o.data, o.closed));
    return o;
  };
  const overrides: Pick<ServerEndpoint, 'open' | 'receive' | 'handshake' | 'clientClosed'> = {
    open: () => server(busy(() => ep.open())),
    receive: (bytes: string) => {
      safe(() => t.fromClient?.(bytes));
      return server(busy(() => ep.receive(bytes)));
    },
    handshake: (hello: ClientHello) => {
      const r = busy(() => ep.handshake(hello));
      safe(() => t.handshake?.(hello, r.result));
      server(r.output);
      return r;
    },
    clientClosed: () => {
      safe(() => t.clientClosed?.());
      busy(() => ep.clientClosed());
    },
  };
  return new Proxy(ep, {
    get(target, prop) {
      if (prop === 'open' || prop === 'receive' || prop === 'handshake' || prop === 'clientClosed') return overrides[prop];
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}
