/**
 * An SMTP client for goal checks: it drives a scratch world's smtpd through the Network/ServerEndpoint
 * seam (connect, banner, EHLO, STARTTLS, a handshake with a modelled client), synchronously. Never used
 * on the learner's own world.
 */
import { sClientHello } from '../engine/tls/client-hello.ts';
import type { ClientHello } from '../engine/tls/types.ts';
import type { Network, ServerEndpoint, ServerOutput } from '../engine/world/network.ts';

/** The name probes greet with (RFC 2606 reserved: no learner's domain). */
export const PROBE_HELO = 'probe.example.com';

/** What `openssl s_client` offers by default (OpenSSL 3.0, Debian 12). */
export const DEFAULT_HELLO: ClientHello = sClientHello();

export function replyLines(o: ServerOutput): string[] {
  return o.data.split('\n').flatMap((l) => {
    const t = l.replace(/\r$/, '');
    return t === '' ? [] : [t];
  });
}

/** The code of the last line of a reply (e.g. 250), or null. */
export function replyCode(lines: readonly string[]): number | null {
  const last = lines[lines.length - 1];
  const m = last === undefined ? null : /^(\d{3})/.exec(last);
  return m === null ? null : Number(m[1]);
}

export class ProbeConnection {
  readonly #ep: ServerEndpoint;
  closed = false;
  /** Everything the server said, line by line. */
  readonly transcript: string[] = [];

  constructor(ep: ServerEndpoint) {
    this.#ep = ep;
  }

  #take(o: ServerOutput): string[] {
    const lines = replyLines(o);
    this.transcript.push(...lines);
    if (o.closed) this.closed = true;
    return lines;
  }

  /** The banner (or '' in wrapper mode: nothing until the handshake). */
  open(): string[] {
    return this.#take(this.#ep.open());
  }

  /** One command line; the reply lines. */
  send(line: string): string[] {
    if (this.closed) return [];
    return this.#take(this.#ep.receive(`${line}\r\n`));
  }

  /** A TLS handshake; what the server sent right after (wrapper mode: the banner). */
  handshake(hello: ClientHello = DEFAULT_HELLO): { ok: boolean; version: string | null; after: string[] } {
    if (this.closed) return { ok: false, version: null, after: [] };
    const r = this.#ep.handshake(hello);
    const after = this.#take(r.output);
    return { ok: r.result.ok, version: r.result.ok ? r.result.session.version : null, after };
  }

  /** QUIT (when still open) and close. */
  close(): void {
    if (!this.closed) this.send('QUIT');
    this.#ep.clientClosed();
    this.closed = true;
  }
}

export function connectProbe(network: Network, port: number, host = '127.0.0.1'): ProbeConnection | null {
  const r = network.connect(host, port);
  return r.ok ? new ProbeConnection(r.endpoint) : null;
}

/** EHLO keywords of a reply (`250-STARTTLS` gives STARTTLS; the greeting line is skipped). */
export function ehloKeywords(lines: readonly string[]): string[] {
  return lines.slice(1).flatMap((l) => {
    const m = /^250[ -](\S+)/.exec(l);
    return m?.[1] === undefined ? [] : [m[1].toUpperCase()];
  });
}
