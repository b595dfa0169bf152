import type { ClientHello, RemoteTlsServer, ServerHandshake, TlsSession } from '../tls/types.ts';
import type { ServerOutput } from '../world/network.ts';
import type { RemoteServerEndpoint } from './fake-mx.ts';

/**
 * A STARTTLS-stripping attacker between the client and a server (corpus more/README.md,
 * `StripProxy` of more/next.py): client bytes pass unchanged; each server reply loses its
 * `250-STARTTLS` / `250 STARTTLS` line; once the client starts a TLS handshake anyway, the
 * proxy relays blindly.
 */
export interface StripProxySpec {
  readonly kind: 'strip-proxy';
  readonly address: string;
  readonly port: number;
  readonly upstreamAddress: string;
  readonly upstreamPort: number;
}

const STRIPPED = /^250[ -]STARTTLS$/i;

function strip(o: ServerOutput): ServerOutput {
  if (o.data === '') return o;
  const kept = o.data
    .split('\r\n')
    .filter((l, i, a) => !(STRIPPED.test(l) && i < a.length - 1))
    .join('\r\n');
  return { data: kept, closed: o.closed };
}

export class StripProxySession implements RemoteServerEndpoint {
  readonly #upstream: RemoteServerEndpoint | null;
  #relayBlindly = false;

  constructor(upstream: RemoteServerEndpoint | null) {
    this.#upstream = upstream;
  }

  get tls(): TlsSession | null {
    return this.#upstream?.tls ?? null;
  }

  get remoteTls(): RemoteTlsServer {
    return this.#upstream?.remoteTls ?? { protocols: [], certCommonName: '', selfSigned: true };
  }

  open(): ServerOutput {
    // Upstream unreachable: the proxy accepted the connection and closes it at once.
    if (this.#upstream === null) return { data: '', closed: true };
    return strip(this.#upstream.open());
  }

  receive(bytes: string): ServerOutput {
    if (this.#upstream === null) return { data: '', closed: true };
    const o = this.#upstream.receive(bytes);
    return this.#relayBlindly ? o : strip(o);
  }

  handshake(hello: ClientHello): { readonly result: ServerHandshake; readonly output: ServerOutput } {
    this.#relayBlindly = true;
    if (this.#upstream === null) return { result: { ok: false, log: [] }, output: { data: '', closed: true } };
    return this.#upstream.handshake(hello);
  }

  clientClosed(): void {
    this.#upstream?.clientClosed();
  }
}
