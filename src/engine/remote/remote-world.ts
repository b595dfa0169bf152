import type { RemoteTlsServer } from '../tls/types.ts';
import type { ReceivedByMx, RemoteMxSpec, RemoteServerEndpoint } from './fake-mx.ts';
import { FakeMxListener } from './fake-mx.ts';

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
  { address: '127.0.0.2', port: 2530, hostname: 'mx.example.net', starttls: true, tls: { protocols: ['TLSv1'], ...MX_CERT } },
];

/** The hosts file entries of the remote world (name → address), for the world's resolver. */
export const CORPUS_REMOTE_NAMES: Readonly<Record<string, string>> = { 'mx.example.net': '127.0.0.2' };

export interface RemoteWorldOptions {
  /** Number of the first message each listener accepts, by `address:port` (default 1: RX0001). */
  readonly firstNumbers?: Readonly<Record<string, number>>;
}

/**
 * The simulated remote MXes: a registry of listeners, each keeping its message counter
 * across connections (as the corpus's long-running fake MX did). Lessons add hosts by data.
 */
export class RemoteWorld {
  readonly #listeners = new Map<string, FakeMxListener>();
  readonly #firstNumbers: Readonly<Record<string, number>>;

  constructor(specs: readonly RemoteMxSpec[] = CORPUS_REMOTE_HOSTS, opts: RemoteWorldOptions = {}) {
    this.#firstNumbers = opts.firstNumbers ?? {};
    for (const s of specs) this.add(s);
  }

  /** Adds (or replaces) a listener. */
  add(spec: RemoteMxSpec): void {
    const key = `${spec.address}:${spec.port}`;
    this.#listeners.set(key, new FakeMxListener(spec, this.#firstNumbers[key] ?? 1));
  }

  remove(address: string, port: number): boolean {
    return this.#listeners.delete(`${address}:${port}`);
  }

  /** Is any remote host at this address (for "refused" versus "unreachable")? */
  hasAddress(address: string): boolean {
    for (const l of this.#listeners.values()) if (l.spec.address === address) return true;
    return false;
  }

  /** A new connection to `address:port`, or null when nothing listens there. */
  remoteEndpoint(address: string, port: number): RemoteServerEndpoint | null {
    return this.#listeners.get(`${address}:${port}`)?.accept() ?? null;
  }

  /** What the listener at `address:port` presents when a client starts TLS, or null. */
  tlsOf(address: string, port: number): RemoteTlsServer | null {
    return this.#listeners.get(`${address}:${port}`)?.spec.tls ?? null;
  }

  /** Every address a remote host listens on (the world's reachable addresses). */
  addresses(): Set<string> {
    return new Set([...this.#listeners.values()].map((l) => l.spec.address));
  }

  /** The messages the listener at `address:port` accepted, oldest first. */
  received(address: string, port: number): readonly ReceivedByMx[] {
    return this.#listeners.get(`${address}:${port}`)?.received ?? [];
  }

  specs(): RemoteMxSpec[] {
    return [...this.#listeners.values()].map((l) => l.spec);
  }
}
