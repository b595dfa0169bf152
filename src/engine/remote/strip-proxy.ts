import type { ClientHello, RemoteTlsServer, ServerHandshake, TlsSession } from '../tls/types.ts';
import type { ServerEndpoint, ServerOutput } from '../world/network.ts';
import type { WholePacketReader } from '../world/sim-network.ts';
import type { RemoteServerEndpoint } from './fake-mx.ts';
import { isRemoteServerEndpoint } from './fake-mx.ts';

/**
 * A STARTTLS-stripping attacker between the client and a server (corpus more/README.md,
 * `StripProxy` of more/next.py): client bytes pass unchanged; each server reply loses its
 * `250-STARTTLS` / `250 STARTTLS` line (when that was the last line, the new last line gets
 * `250 `); once the client starts a TLS handshake anyway, the proxy relays blindly.
 */
export interface StripProxySpec {
  readonly kind: 'strip-proxy';
  readonly address: string;
  readonly port: number;
  readonly upstreamAddress: string;
  readonly upstreamPort: number;
}

/** What one proxied connection carried, as the proxy relayed it and as the server behind it saw it. */
export interface ProxyRecord {
  readonly spec: StripProxySpec;
  /** The proxy's view: client bytes, server bytes after stripping, and the lines it deleted. */
  readonly relayed: ProxyEvent[];
  /** The server's view (line by line for a fake MX): client lines and its unstripped replies. */
  readonly upstream: UpstreamEvent[];
  /** The client started TLS: from then on the proxy relayed blindly. */
  tls: boolean;
}

export type ProxyEvent =
  | { readonly dir: 'client' | 'server'; readonly data: string }
  | { readonly dir: 'deleted'; readonly line: string }
  /** The deleted line was the reply's last: the new last line now has `250 `. */
  | { readonly dir: 'last-fixed' };

export type UpstreamEvent =
  { readonly dir: 'client' | 'server'; readonly data: string } | { readonly dir: 'tls'; readonly version: string; readonly cipher: string };

const STRIPPED = /^250[ -]STARTTLS\s*$/i;
const LAST_LINE = /^\d{3}(?: |$)/;

/** The relay's reply filter: whole replies, STARTTLS lines deleted (next.py StripProxy.s2c). */
class ReplyFilter {
  #pending = '';
  #reply: string[] = [];

  /** Server bytes in, the bytes to relay out (complete replies only). */
  push(data: string, record: ProxyEvent[] | null): string {
    this.#pending += data;
    let out = '';
    for (;;) {
      const nl = this.#pending.indexOf('\n');
      if (nl < 0) break;
      const line = this.#pending.slice(0, nl + 1);
      this.#pending = this.#pending.slice(nl + 1);
      this.#reply.push(line);
      if (!LAST_LINE.test(line.replace(/\r?\n$/, ''))) continue;
      const kept = this.#reply.filter((l) => !STRIPPED.test(l.replace(/\r?\n$/, '')));
      const deleted = this.#reply.filter((l) => STRIPPED.test(l.replace(/\r?\n$/, '')));
      const last = kept[kept.length - 1];
      if (deleted.length > 0 && last !== undefined && !LAST_LINE.test(last.replace(/\r?\n$/, ''))) {
        kept[kept.length - 1] = `${last.slice(0, 3)} ${last.slice(4)}`;
        record?.push({ dir: 'last-fixed' });
      }
      for (const d of deleted) record?.push({ dir: 'deleted', line: d.replace(/\r?\n$/, '') });
      out += kept.join('');
      this.#reply = [];
    }
    return out;
  }

  /** What is left when the server closes: relayed as it is. */
  rest(): string {
    const r = this.#reply.join('') + this.#pending;
    this.#reply = [];
    this.#pending = '';
    return r;
  }
}

const NO_TLS: RemoteTlsServer = { protocols: [], certCommonName: '', selfSigned: true };

export class StripProxySession implements RemoteServerEndpoint, WholePacketReader {
  /** It relays each read as it comes (next.py StripProxy), so the network hands it whole packets. */
  readonly readsWholePackets = true;
  readonly #upstream: ServerEndpoint | null;
  readonly #record: ProxyRecord | null;
  readonly #filter = new ReplyFilter();
  #relayBlindly = false;

  constructor(upstream: ServerEndpoint | null, record: ProxyRecord | null = null) {
    this.#upstream = upstream;
    this.#record = record;
  }

  get tls(): TlsSession | null {
    return this.#upstream?.tls ?? null;
  }

  get remoteTls(): RemoteTlsServer {
    const u = this.#upstream;
    return u !== null && isRemoteServerEndpoint(u) ? u.remoteTls : NO_TLS;
  }

  open(): ServerOutput {
    // Upstream unreachable: the proxy accepted the connection and closes it at once.
    if (this.#upstream === null) return { data: '', closed: true };
    const o = this.#upstream.open();
    this.#note('server', o.data);
    return this.#relay(o);
  }

  receive(bytes: string): ServerOutput {
    const u = this.#upstream;
    if (u === null) return { data: '', closed: true };
    if (this.#relayBlindly) return u.receive(bytes);
    this.#record?.relayed.push({ dir: 'client', data: bytes });
    // A fake MX reads line by line (pfrec.Receiver): its view pairs each line with its reply.
    if (!isRemoteServerEndpoint(u)) {
      this.#note('client', bytes);
      const o = u.receive(bytes);
      this.#note('server', o.data);
      return this.#relay(o);
    }
    let data = '';
    let closed = false;
    for (const line of bytes.match(/[^\n]*\n|[^\n]+$/g) ?? []) {
      this.#note('client', line);
      const o = u.receive(line);
      this.#note('server', o.data);
      data += o.data;
      closed = o.closed;
      if (closed) break;
    }
    return this.#relay({ data, closed });
  }

  handshake(hello: ClientHello): { readonly result: ServerHandshake; readonly output: ServerOutput } {
    this.#relayBlindly = true;
    if (this.#record !== null) this.#record.tls = true;
    if (this.#upstream === null) return { result: { ok: false, log: [] }, output: { data: '', closed: true } };
    const r = this.#upstream.handshake(hello);
    if (r.result.ok) this.#record?.upstream.push({ dir: 'tls', version: r.result.session.version, cipher: r.result.session.cipher });
    return r;
  }

  clientClosed(): void {
    this.#upstream?.clientClosed();
  }

  #note(dir: 'client' | 'server', data: string): void {
    if (data !== '') this.#record?.upstream.push({ dir, data });
  }

  #relay(o: ServerOutput): ServerOutput {
    const rec = this.#record?.relayed ?? null;
    let data = this.#filter.push(o.data, rec);
    if (o.closed) data += this.#filter.rest();
    if (data !== '') rec?.push({ dir: 'server', data });
    return { data, closed: o.closed };
  }
}
