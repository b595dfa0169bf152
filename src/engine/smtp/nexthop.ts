/** A delivery destination as smtp(8) reads it: `[127.0.0.2]:2526`, `mx.example.net:2526`, `example.net`. */
export interface Nexthop {
  /** As written (the key for smtp_tls_policy_maps and for dane warnings), e.g. `[127.0.0.2]:2526`. */
  readonly text: string;
  /** The host or address without brackets. */
  readonly host: string;
  /** `[...]`: no MX lookup. */
  readonly bracketed: boolean;
  readonly port: number;
}

/** Ports of known_tcp_ports (Postfix 3.6+ default) for symbolic services. */
const SERVICES: Readonly<Record<string, number>> = { smtp: 25, lmtp: 24, submission: 587, submissions: 465, smtps: 465 };

/** Parses a nexthop; null when it is malformed (empty host, bad port). */
export function parseNexthop(text: string): Nexthop | null {
  const t = text.trim();
  if (t === '') return null;
  let host: string;
  let rest: string;
  let bracketed = false;
  if (t.startsWith('[')) {
    const close = t.indexOf(']');
    if (close < 0) return null;
    host = t.slice(1, close);
    rest = t.slice(close + 1);
    bracketed = true;
  } else {
    const colon = t.indexOf(':');
    host = colon < 0 ? t : t.slice(0, colon);
    rest = colon < 0 ? '' : t.slice(colon);
  }
  if (host === '' || /\s/.test(host)) return null;
  let port = 25;
  if (rest !== '') {
    if (!rest.startsWith(':')) return null;
    const svc = rest.slice(1).toLowerCase();
    const n = /^\d+$/.test(svc) ? Number(svc) : SERVICES[svc];
    if (n === undefined || n <= 0 || n >= 65536) return null;
    port = n;
  }
  return { text: t, host, bracketed, port };
}
