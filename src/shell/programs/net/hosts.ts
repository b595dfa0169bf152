/**
 * Name lookup as glibc's getaddrinfo(AF_UNSPEC, AI_CANONNAME) does with the `files` source: every
 * /etc/hosts line that names the host gives an address, IPv6 loopback sorted before IPv4 (RFC 6724,
 * terminal/term-telnet-25-may: `Trying ::1...` before `Trying 127.0.0.1...`), and the canonical name is
 * the first name of the first matching line. The simulated network is IPv4 only, so an IPv6 address is
 * tried and refused (Postfix listens on 127.0.0.1, inet_protocols = ipv4).
 */
import type { Network } from '../../../engine/world/network.ts';
import type { ShellFs } from '../../host.ts';

export interface HostLookup {
  /** What telnet prints in `Connected to NAME.` */
  readonly canonical: string;
  /** Addresses to try, in order. */
  readonly addresses: readonly string[];
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

export function isIpv4(s: string): boolean {
  return IPV4.test(s) && s.split('.').every((p) => Number(p) <= 255);
}

export function isIpv6(s: string): boolean {
  return s.includes(':') && /^[0-9A-Fa-f:.]+$/.test(s);
}

export function lookupHost(fs: ShellFs, network: Network | undefined, name: string): HostLookup | null {
  if (name === '') return null;
  if (isIpv4(name) || isIpv6(name)) return { canonical: name, addresses: [name] };
  const want = name.toLowerCase();
  const v4: string[] = [];
  const v6: string[] = [];
  let canonical: string | null = null;
  for (const raw of (fs.read('/etc/hosts') ?? '').split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (line === '') continue;
    const [addr, ...names] = line.split(/\s+/);
    if (addr === undefined || !names.some((n) => n.toLowerCase() === want)) continue;
    if (isIpv4(addr)) {
      if (!v4.includes(addr)) v4.push(addr);
    } else if (isIpv6(addr)) {
      if (!v6.includes(addr)) v6.push(addr);
    } else continue;
    canonical ??= names[0] ?? name;
  }
  if (v4.length === 0 && v6.length === 0) {
    const a = network?.resolve(name) ?? null;
    if (a === null) return null;
    return { canonical: name, addresses: [a] };
  }
  return { canonical: canonical ?? name, addresses: [...v6, ...v4] };
}
