/**
 * From an inet service name in master.cf to an address and port (master(8), [facts] §6):
 * - the name is `port` or `host:port` (`127.0.0.1:submission`, `[::1]:25`); without a host
 *   the service listens on every address of inet_interfaces;
 * - the port is a number, or a name looked up first in `known_tcp_ports` (Postfix 3.6+,
 *   default `lmtp=24, smtp=25, smtps=submissions=465, submission=587`), then in services(5)
 *   (`/etc/services`, Debian 12 netbase: `submission 587/tcp`, `submissions 465/tcp ssmtp smtps urd`).
 */
import { ETC_SERVICES_TCP } from './data/etc-services.ts';

/**
 * services(5) as the engine knows it without the file's text: the TCP entries of Debian 12's /etc/services
 * (data/etc-services.ts), which give every TCP lookup the pristine file gives. It stands for the lab's
 * /etc/services until the file's text is here (world/data/host-etc.ts) and where a machine has no such file;
 * a file the learner changed is read as it is.
 */
export const ETC_SERVICES: string = ETC_SERVICES_TCP;

/** known_tcp_ports: `name=port` items; `a=b=465` gives both names the port. */
export function parseKnownTcpPorts(value: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of value.split(/[ ,\t\r\n]+/)) {
    if (item === '') continue;
    const parts = item.split('=').map((p) => p.trim());
    const port = parts[parts.length - 1] ?? '';
    if (parts.length < 2 || !/^\d+$/.test(port)) continue;
    const n = Number(port);
    if (n < 1 || n > 65535) continue;
    for (const name of parts.slice(0, -1)) if (name !== '' && !out.has(name)) out.set(name, n);
  }
  return out;
}

/** services(5): the port of `name` (or an alias) for `proto`, or null. */
export function lookupServicesFile(name: string, text: string = ETC_SERVICES, proto = 'tcp'): number | null {
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (line === '') continue;
    const [svc, portProto, ...aliases] = line.split(/\s+/);
    const m = /^(\d+)\/(\w+)$/.exec(portProto ?? '');
    if (m === null || m[2] !== proto) continue;
    if (svc === name || aliases.includes(name)) return Number(m[1]);
  }
  return null;
}

/** A port: a number, else known_tcp_ports, else /etc/services. */
export function resolveTcpPort(port: string, knownTcpPorts: string, etcServices: string = ETC_SERVICES): number | null {
  if (/^\d+$/.test(port)) {
    const n = Number(port);
    return n >= 0 && n <= 65535 ? n : null;
  }
  return parseKnownTcpPorts(knownTcpPorts).get(port) ?? lookupServicesFile(port, etcServices);
}

export interface HostPort {
  /** The host part, or null for a name without one (all of inet_interfaces). */
  readonly host: string | null;
  readonly port: string;
}

/** host_port(): `[ipv6]:port`, `host:port`, `port`. Null when malformed. */
export function splitHostPort(name: string): HostPort | null {
  if (name.startsWith('[')) {
    const close = name.indexOf(']');
    if (close < 0 || name[close + 1] !== ':') return null;
    const port = name.slice(close + 2);
    return port === '' ? null : { host: name.slice(1, close), port };
  }
  const colon = name.lastIndexOf(':');
  if (colon < 0) return name === '' ? null : { host: null, port: name };
  const host = name.slice(0, colon);
  const port = name.slice(colon + 1);
  if (port === '' || host.includes(':')) return null;
  return { host: host === '' ? null : host, port };
}

export type InetEndpoint =
  | { readonly ok: true; readonly host: string | null; readonly port: number }
  | { readonly ok: false; readonly reason: 'bad-name' | 'unknown-service'; readonly port: string };

/** The listening endpoint of an inet service named `serviceName`. */
export function inetEndpoint(serviceName: string, knownTcpPorts: string, etcServices: string = ETC_SERVICES): InetEndpoint {
  const hp = splitHostPort(serviceName);
  if (hp === null) return { ok: false, reason: 'bad-name', port: serviceName };
  const port = resolveTcpPort(hp.port, knownTcpPorts, etcServices);
  if (port === null) return { ok: false, reason: 'unknown-service', port: hp.port };
  return { ok: true, host: hp.host, port };
}
