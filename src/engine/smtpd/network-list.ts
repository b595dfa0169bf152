import { splitPostfixList } from './string-list.ts';

/**
 * A host/network list such as `mynetworks` (util/match_list.c with namadr matching): IPv4 and IPv6
 * addresses and CIDR blocks (`127.0.0.0/8`, `[::1]/128`), host or domain names (a parent domain matches
 * its subdomains, as parent_domain_matches_subdomains lists mynetworks), and `!` to exclude.
 * File names and lookup tables are not modelled and never match.
 */
type Entry =
  | { readonly kind: 'net'; readonly negate: boolean; readonly bits: readonly number[]; readonly prefix: number }
  | { readonly kind: 'name'; readonly negate: boolean; readonly name: string };

function parseIpv4(s: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (m === null) return null;
  const bytes = m.slice(1, 5).map(Number);
  return bytes.every((b) => b <= 255) ? bytes.flatMap((b) => byteBits(b)) : null;
}

function byteBits(b: number): number[] {
  const out: number[] = [];
  for (let i = 7; i >= 0; i--) out.push((b >> i) & 1);
  return out;
}

function parseIpv6(s: string): number[] | null {
  if (!/^[0-9a-fA-F:.]+$/.test(s) || !s.includes(':')) return null;
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const part = (h: string): number[] | null => {
    if (h === '') return [];
    const groups: number[] = [];
    for (const g of h.split(':')) {
      if (g.includes('.')) {
        const v4 = parseIpv4(g);
        if (v4 === null) return null;
        for (let i = 0; i < 32; i += 16) groups.push(parseInt(v4.slice(i, i + 16).join(''), 2));
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
        groups.push(parseInt(g, 16));
      }
    }
    return groups;
  };
  const head = part(halves[0] ?? '');
  const tail = halves.length === 2 ? part(halves[1] ?? '') : [];
  if (head === null || tail === null) return null;
  const fill = 8 - head.length - tail.length;
  if ((halves.length === 1 && fill !== 0) || fill < 0) return null;
  const groups = [...head, ...new Array<number>(fill).fill(0), ...tail];
  return groups.flatMap((g) => [...byteBits(g >> 8), ...byteBits(g & 0xff)]);
}

/** The address as a bit string (32 bits for IPv4, 128 for IPv6), or null when it is not an address. */
export function addressBits(addr: string): number[] | null {
  const bare = addr
    .replace(/^\[/, '')
    .replace(/\]$/, '')
    .replace(/^ipv6:/i, '');
  return parseIpv4(bare) ?? parseIpv6(bare);
}

export class NetworkList {
  readonly #entries: readonly Entry[];

  constructor(value: string) {
    const entries: Entry[] = [];
    for (const element of splitPostfixList(value)) {
      const negate = element.startsWith('!');
      const item = negate ? element.slice(1) : element;
      if (item.startsWith('/') || /^[0-9a-z]*[g-z][0-9a-z]*:/i.test(item)) continue; // a file, or a table such as hash:/etc/x
      const slash = /^\[?([^\]/]+)\]?(?:\/(\d{1,3}))?$/.exec(item);
      const bits = slash === null ? null : addressBits(slash[1] ?? '');
      if (slash !== null && bits !== null) {
        const prefix = slash[2] === undefined ? bits.length : Number(slash[2]);
        if (prefix <= bits.length) entries.push({ kind: 'net', negate, bits, prefix });
        continue;
      }
      if (/^\.?[a-z0-9_.-]+$/i.test(item)) entries.push({ kind: 'name', negate, name: item.toLowerCase() });
    }
    this.#entries = entries;
  }

  /** Whether the client (name and address) is in the list; the first matching entry decides. */
  matches(name: string, addr: string): boolean {
    const bits = addressBits(addr);
    const host = name.toLowerCase();
    for (const e of this.#entries) {
      const hit =
        e.kind === 'net'
          ? bits !== null && bits.length === e.bits.length && e.bits.slice(0, e.prefix).every((b, i) => b === bits[i])
          : e.name.startsWith('.')
            ? host.endsWith(e.name)
            : host === e.name || host.endsWith(`.${e.name}`);
      if (hit) return !e.negate;
    }
    return false;
  }
}
