import type { RemoteTlsServer } from '../tls/types.ts';
import type { FakeMxListener, ReceivedByMx, RemoteMxSpec, RemoteServerEndpoint } from './fake-mx.ts';
import type { ServerEndpoint } from '../world/network.ts';
import type { ProxyRecord, StripProxySpec } from './strip-proxy.ts';
import type { RemoteCode } from './remote-code-bundle.ts';
import { loadRemoteCode, remoteCodeNow } from './remote-code.ts';

/** A host of the remote world: an MX, or a STARTTLS-stripping proxy in front of one. */
export type RemoteHostSpec = RemoteMxSpec | StripProxySpec;

/** The certificate every corpus MX presents: self-signed, CN=mx.example.net (corpus base/notes.txt). */
const MX_CERT = { certCommonName: 'mx.example.net', selfSigned: true } as const;

/** What Python's ssl module accepts by default (OpenSSL 3.0 on Debian 12): TLSv1.2 and TLSv1.3. */
const PYTHON_DEFAULT_TLS: RemoteTlsServer = { protocols: ['TLSv1.2', 'TLSv1.3'], ...MX_CERT };

/**
 * The recording world's remote hosts (corpus README, base/notes.txt, more/README.md):
 * 127.0.0.2:2526 offers STARTTLS, 127.0.0.2:2527 does not, 127.0.0.2:2530 offers STARTTLS
 * but speaks TLS 1.0 only.
 */
export const CORPUS_REMOTE_HOSTS: readonly RemoteMxSpec[] = [
  { address: '127.0.0.2', port: 2526, hostname: 'mx.example.net', starttls: true, tls: PYTHON_DEFAULT_TLS },
  { address: '127.0.0.2', port: 2527, hostname: 'mx.example.net', starttls: false, tls: PYTHON_DEFAULT_TLS },
  // more/README.md: pfrec.Receiver with minimum_version = maximum_version = TLSv1 and set_ciphers('DEFAULT@SECLEVEL=0').
  {
    address: '127.0.0.2',
    port: 2530,
    hostname: 'mx.example.net',
    starttls: true,
    tls: { protocols: ['TLSv1'], cipherList: 'DEFAULT@SECLEVEL=0', ...MX_CERT },
  },
];

/** The STARTTLS-stripping proxies of more/README.md: 127.0.0.3:2528 in front of the MX at 127.0.0.2:2526. */
export const CORPUS_STRIP_PROXY: StripProxySpec = {
  kind: 'strip-proxy',
  address: '127.0.0.3',
  port: 2528,
  upstreamAddress: '127.0.0.2',
  upstreamPort: 2526,
};

/** The hosts file entries of the remote world (name → address), for the world's resolver. */
export const CORPUS_REMOTE_NAMES: Readonly<Record<string, string>> = { 'mx.example.net': '127.0.0.2' };

export interface RemoteWorldOptions {
  /** Number of the first message each listener accepts, by `address:port` (default 1: RX0001). */
  readonly firstNumbers?: Readonly<Record<string, number>>;
}

/** A remote host was to answer before its code was loaded: a missing await (its fetch has started). */
export class RemoteCodeNotLoaded extends Error {
  constructor(what: string) {
    super(`the lab's remote hosts' code is not loaded yet (${what})`);
    this.name = 'RemoteCodeNotLoaded';
  }
}

/** The code, or the error that says it is missing (and starts fetching it). */
function needRemoteCode(what: string): RemoteCode {
  const code = remoteCodeNow();
  if (code !== null) return code;
  loadRemoteCode().catch(() => {
    // tried again by whatever needs it next
  });
  throw new RemoteCodeNotLoaded(what);
}

/** A listening MX: its description from the start, its listener (with the code) from its first connection. */
interface MxEntry {
  readonly spec: RemoteMxSpec;
  readonly firstNumber: number;
  listener: FakeMxListener | null;
}

/**
 * The simulated remote MXes: a registry of listeners, each keeping its message counter
 * across connections (as the corpus's long-running fake MX did). Lessons add hosts by data.
 * What the hosts are (addresses, ports, names, TLS) is here from the start; how they behave (the fake MX,
 * the stripping proxy: remote-code-bundle.ts) comes with their code, which the browser fetches on first need
 * (remote-code.browser.ts). A listener is made at its first connection, so one never connected to has
 * received nothing either way, and its counter starts where it would have.
 */
export class RemoteWorld {
  readonly #listeners = new Map<string, MxEntry>();
  readonly #proxies = new Map<string, StripProxySpec>();
  readonly #firstNumbers: Readonly<Record<string, number>>;
  #records: ProxyRecord[] = [];
  /** Connects to the lab machine itself (a proxy in front of the real smtpd); set by the world. */
  #local: ((address: string, port: number) => ServerEndpoint | null) | null = null;

  constructor(specs: readonly RemoteHostSpec[] = CORPUS_REMOTE_HOSTS, opts: RemoteWorldOptions = {}) {
    this.#firstNumbers = opts.firstNumbers ?? {};
    for (const s of specs) this.add(s);
  }

  /** Adds (or replaces) a listener. */
  add(spec: RemoteHostSpec): void {
    const key = `${spec.address}:${spec.port}`;
    this.remove(spec.address, spec.port);
    if (spec.kind === 'strip-proxy') this.#proxies.set(key, spec);
    else this.#listeners.set(key, { spec, firstNumber: this.#firstNumbers[key] ?? 1, listener: null });
  }

  remove(address: string, port: number): boolean {
    const key = `${address}:${port}`;
    const a = this.#listeners.delete(key);
    const b = this.#proxies.delete(key);
    return a || b;
  }

  /** Is any remote host at this address (for "refused" versus "unreachable")? */
  hasAddress(address: string): boolean {
    return this.addresses().has(address);
  }

  /**
   * A new connection to `address:port`, or null when nothing listens there. Where something listens, its
   * code must be here (`loadRemoteCode()`), else RemoteCodeNotLoaded.
   */
  remoteEndpoint(address: string, port: number): RemoteServerEndpoint | null {
    const key = `${address}:${port}`;
    const proxy = this.#proxies.get(key);
    const mx = this.#listeners.get(key);
    if (proxy === undefined && mx === undefined) return null;
    const code = needRemoteCode(`connection to ${key}`);
    if (proxy !== undefined) return this.#proxyTo(code, proxy, 0);
    return mx === undefined ? null : this.#listen(code, mx).accept();
  }

  #listen(code: RemoteCode, mx: MxEntry): FakeMxListener {
    mx.listener ??= code.listen(mx.spec, mx.firstNumber);
    return mx.listener;
  }

  #proxyTo(code: RemoteCode, p: StripProxySpec, depth: number): RemoteServerEndpoint {
    const key = `${p.upstreamAddress}:${p.upstreamPort}`;
    const next = this.#proxies.get(key);
    const mx = this.#listeners.get(key);
    let upstream: ServerEndpoint | null;
    if (next !== undefined && depth < 5) upstream = this.#proxyTo(code, next, depth + 1);
    else if (mx !== undefined) upstream = this.#listen(code, mx).accept();
    else upstream = this.#local?.(p.upstreamAddress, p.upstreamPort) ?? null;
    const record: ProxyRecord = { spec: p, relayed: [], upstream: [], tls: false };
    if (upstream !== null) this.#records.push(record);
    return code.proxy(upstream, record);
  }

  /** How a proxy reaches a server on the lab machine itself (the world's own network). */
  connectLocalWith(fn: (address: string, port: number) => ServerEndpoint | null): void {
    this.#local = fn;
  }

  /** The connections the proxies carried since the last call, oldest first. */
  takeProxyRecords(): ProxyRecord[] {
    const r = this.#records;
    this.#records = [];
    return r;
  }

  /** What the listener at `address:port` presents when a client starts TLS, or null. */
  tlsOf(address: string, port: number): RemoteTlsServer | null {
    const key = `${address}:${port}`;
    const proxy = this.#proxies.get(key);
    if (proxy !== undefined) return this.#listeners.get(`${proxy.upstreamAddress}:${proxy.upstreamPort}`)?.spec.tls ?? null;
    return this.#listeners.get(key)?.spec.tls ?? null;
  }

  /** Every address a remote host listens on (the world's reachable addresses). */
  addresses(): Set<string> {
    return new Set([...[...this.#listeners.values()].map((l) => l.spec.address), ...[...this.#proxies.values()].map((p) => p.address)]);
  }

  /** The messages the listener at `address:port` accepted, oldest first (none before its first connection). */
  received(address: string, port: number): readonly ReceivedByMx[] {
    return this.#listeners.get(`${address}:${port}`)?.listener?.received ?? [];
  }

  specs(): RemoteHostSpec[] {
    return [...[...this.#listeners.values()].map((l) => l.spec), ...this.#proxies.values()];
  }
}
