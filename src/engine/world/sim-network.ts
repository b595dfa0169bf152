import type { ClientHello } from '../tls/types.ts';
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

  constructor(env: SimNetworkEnv) {
    this.#env = env;
  }

  resolve(host: string): string | null {
    return resolveHost(this.#env.fs.read('/etc/hosts') ?? '', host);
  }

  connect(host: string, port: number, from = '127.0.0.1'): ConnectResult {
    const address = this.resolve(host);
    if (address === null) return { ok: false, address: null, error: 'unknown-host' };
    if (LOCAL_ADDRESSES.has(address)) {
      const listener = this.#env.master.listenerFor(address, port);
      if (listener === null) return { ok: false, address, error: 'refused' };
      const client: ClientAddress = { name: reverseName(this.#env.fs.read('/etc/hosts') ?? '', from), addr: from };
      return { ok: true, address, endpoint: this.#env.master.accept(listener, client) };
    }
    if (!this.#env.knownAddresses.has(address)) return { ok: false, address, error: 'unreachable' };
    const ep = this.#env.remote(address, port);
    if (ep === null) return { ok: false, address, error: 'refused' };
    const session: TappedSession = { address, port, events: [] };
    this.#tapped.push(session);
    return { ok: true, address, endpoint: tap(ep, session) };
  }

  /** Remote sessions recorded since the last call. */
  takeTapped(): TappedSession[] {
    const t = this.#tapped;
    this.#tapped = [];
    return t;
  }
}

function tap(ep: ServerEndpoint, s: TappedSession): ServerEndpoint {
  const note = (o: ServerOutput): ServerOutput => {
    if (o.data !== '') s.events.push({ dir: 'server', data: o.data });
    return o;
  };
  const overrides: Pick<ServerEndpoint, 'open' | 'receive' | 'handshake'> = {
    open: () => note(ep.open()),
    receive: (bytes: string) => {
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
