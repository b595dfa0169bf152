/**
 * glibc 2.36's `files` source for the hosts database, as getent reaches it (recorded in
 * tests/shell/golden/programs.golden.json): gethostbyname2 with Debian's `multi on` (every matching line
 * merged, the IPv6 lines tried first), gethostbyaddr (the first line with the address), gethostent (every
 * line, read as IPv4: `::1` becomes 127.0.0.1, other IPv6 lines are skipped) and getaddrinfo (all matching
 * lines, sorted as RFC 6724 sorts them on a machine whose only addresses are the loopback ones).
 */

export type Family = 4 | 6;

export interface HostEntry {
  readonly family: Family;
  /** Addresses as inet_ntop writes them. */
  readonly addresses: readonly string[];
  readonly name: string;
  readonly aliases: readonly string[];
}

interface Line {
  readonly family: Family;
  readonly address: string;
  readonly name: string;
  readonly aliases: readonly string[];
}

/** inet_pton(AF_INET): exactly four decimal parts. */
export function parseIpv4(s: string): number[] | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    out.push(Number(p));
  }
  return out;
}

/** inet_pton(AF_INET6), as eight 16-bit groups. */
export function parseIpv6(s: string): number[] | null {
  if (!/^[0-9A-Fa-f:.]+$/.test(s) || !s.includes(':')) return null;
  let text = s;
  const lastColon = text.lastIndexOf(':');
  const dotted = text.slice(lastColon + 1);
  if (dotted.includes('.')) {
    // A dotted IPv4 tail stands for the last two groups.
    const v4 = parseIpv4(dotted);
    if (v4 === null) return null;
    const [a = 0, b = 0, c = 0, d = 0] = v4;
    text = `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const group = (h: string): number[] | null => {
    if (h === '') return [];
    const out: number[] = [];
    for (const g of h.split(':')) {
      if (!/^[0-9A-Fa-f]{1,4}$/.test(g)) return null;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = group(halves[0] ?? '');
  const rest = halves.length === 2 ? group(halves[1] ?? '') : [];
  if (head === null || rest === null) return null;
  const given = head.length + rest.length;
  if (halves.length === 1) return given === 8 ? head : null;
  if (given > 7) return null;
  return [...head, ...new Array<number>(8 - given).fill(0), ...rest];
}

/** inet_ntop(AF_INET6): the longest run of two or more zero groups becomes `::`; v4-mapped keeps its dotted tail. */
export function formatIpv6(g: readonly number[]): string {
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) {
    const a = g[6] ?? 0;
    const b = g[7] ?? 0;
    return `::ffff:${a >> 8}.${a & 0xff}.${b >> 8}.${b & 0xff}`;
  }
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) [best, bestLen] = [i, j - i];
    i = j;
  }
  const hex = (a: readonly number[]): string => a.map((x) => x.toString(16)).join(':');
  if (best < 0) return hex(g);
  return `${hex(g.slice(0, best))}::${hex(g.slice(best + bestLen))}`;
}

function canonicalAddress(s: string): { family: Family; address: string } | null {
  const v4 = parseIpv4(s);
  if (v4 !== null) return { family: 4, address: v4.join('.') };
  const v6 = parseIpv6(s);
  if (v6 !== null) return { family: 6, address: formatIpv6(v6) };
  return null;
}

function parseLines(hosts: string): Line[] {
  const out: Line[] = [];
  for (const raw of hosts.split('\n')) {
    const fields = raw
      .replace(/#.*/, '')
      .trim()
      .split(/\s+/)
      .filter((f) => f !== '');
    const [addr, name, ...aliases] = fields;
    if (addr === undefined || name === undefined) continue;
    const a = canonicalAddress(addr);
    if (a === null) continue;
    out.push({ ...a, name, aliases });
  }
  return out;
}

/** A line read for AF_INET: IPv4 as is, `::1` and v4-mapped addresses as IPv4, other IPv6 lines not at all. */
function asIpv4(l: Line): Line | null {
  if (l.family === 4) return l;
  if (l.address === '::1') return { ...l, family: 4, address: '127.0.0.1' };
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(l.address);
  return m === null ? null : { ...l, family: 4, address: m[1] ?? '' };
}

function linesOf(hosts: string, family: Family): Line[] {
  const all = parseLines(hosts);
  if (family === 6) return all.filter((l) => l.family === 6);
  return all.flatMap((l) => asIpv4(l) ?? []);
}

function names(l: Line, key: string): boolean {
  const k = key.toLowerCase();
  return l.name.toLowerCase() === k || l.aliases.some((a) => a.toLowerCase() === k);
}

/** gethostbyname2(name, family) with `multi on`: the matching lines merged into one entry. */
export function byName(hosts: string, key: string, family: Family): HostEntry | null {
  if (key === '') return null;
  const matching = linesOf(hosts, family).filter((l) => names(l, key));
  const first = matching[0];
  if (first === undefined) return null;
  const aliases = [...first.aliases];
  for (const l of matching.slice(1)) {
    aliases.push(...l.aliases);
    if (l.name !== first.name) aliases.push(l.name);
  }
  return { family, addresses: matching.map((l) => l.address), name: first.name, aliases };
}

/** gethostbyaddr: the first line with this address. */
export function byAddress(hosts: string, address: string): HostEntry | null {
  const a = canonicalAddress(address);
  if (a === null) return null;
  const l = parseLines(hosts).find((x) => x.family === a.family && x.address === a.address);
  return l === undefined ? null : { family: l.family, addresses: [l.address], name: l.name, aliases: l.aliases };
}

/** gethostent: every line, as AF_INET reads it. */
export function allEntries(hosts: string): HostEntry[] {
  return linesOf(hosts, 4).map((l) => ({ family: 4, addresses: [l.address], name: l.name, aliases: l.aliases }));
}

export interface AddrInfo {
  readonly address: string;
  /** The canonical name, on the first result only (AI_CANONNAME). */
  readonly canonical: string | null;
}

/** How RFC 6724 orders a destination on a loopback-only machine: ::1, then 127/8 (closest to 127.0.0.1 first), then the rest. */
function rank(address: string): [number, number] {
  if (address === '::1') return [0, 0];
  const v4 = parseIpv4(address.replace(/^::ffff:/, ''));
  if (v4 !== null && v4[0] === 127) {
    const [a = 0, b = 0, c = 0, d = 0] = v4;
    const n = ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
    // Rule 9: the longest prefix shared with the source address 127.0.0.1.
    return [1, -Math.clz32((n ^ 0x7f000001) >>> 0)];
  }
  return v4 !== null ? [2, 0] : [3, 0];
}

/**
 * getaddrinfo(key, AI_CANONNAME) through `files`: `family` null is AF_UNSPEC (every matching line), 4 is
 * AF_INET, 6 is AF_INET6 with AI_V4MAPPED (IPv4 lines mapped when no IPv6 line matches).
 */
export function addrInfo(hosts: string, key: string, family: Family | null): AddrInfo[] {
  if (key === '') return [];
  const literal = canonicalAddress(key);
  let addresses: string[];
  let canonical: string;
  if (literal !== null) {
    if (family === 4 && literal.family === 6) return [];
    addresses = [family === 6 && literal.family === 4 ? `::ffff:${literal.address}` : literal.address];
    canonical = key;
  } else if (family === null) {
    const matching = parseLines(hosts).filter((l) => names(l, key));
    const first = matching[0];
    if (first === undefined) return [];
    addresses = matching.map((l) => l.address);
    canonical = first.name;
  } else {
    let e = byName(hosts, key, family);
    let mapped = false;
    if (e === null && family === 6) {
      e = byName(hosts, key, 4);
      mapped = true;
    }
    if (e === null) return [];
    addresses = e.addresses.map((a) => (mapped ? `::ffff:${a}` : a));
    canonical = e.name;
  }
  const sorted = addresses
    .map((a, i) => ({ a, i, r: rank(a) }))
    .sort((x, y) => x.r[0] - y.r[0] || x.r[1] - y.r[1] || x.i - y.i)
    .map((x) => x.a);
  return sorted.map((address, i) => ({ address, canonical: i === 0 ? canonical : null }));
}
