import type { SimFs } from '../world/sim-fs.ts';

/**
 * A Postfix lookup table named `type:name`, read from the simulated files. `texthash:` reads the
 * source file itself. Indexed types (`hash:`, `lmdb:`, `btree:`, `cdb:`, `dbm:`) read the file postmap
 * would have built (`name.db`, `name.lmdb`, `name.cdb`) when it exists, and otherwise the source file
 * (the lab does not require postmap; real Postfix would report the missing database).
 */
export function readTableText(fs: SimFs | null, spec: string): string | null {
  if (fs === null) return null;
  const colon = spec.indexOf(':');
  if (colon <= 0) return null;
  const type = spec.slice(0, colon).toLowerCase();
  const name = spec.slice(colon + 1);
  switch (type) {
    case 'texthash':
      return fs.read(name) ?? null;
    case 'hash':
    case 'btree':
    case 'dbm':
      return fs.read(`${name}.db`) ?? fs.read(name) ?? null;
    case 'lmdb':
      return fs.read(`${name}.lmdb`) ?? fs.read(name) ?? null;
    case 'cdb':
      return fs.read(`${name}.cdb`) ?? fs.read(name) ?? null;
    default:
      return null;
  }
}

/** postmap(1) source format: `key value...`, `#` comments, continuation lines start with whitespace. First key wins. */
export function parseTable(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const logical: string[] = [];
  for (const raw of text.split('\n')) {
    const l = raw.replace(/\r$/, '');
    if (/^\s*#/.test(l) || l.trim() === '') continue;
    if (/^\s/.test(l) && logical.length > 0) logical[logical.length - 1] += ` ${l.trim()}`;
    else logical.push(l);
  }
  for (const entry of logical) {
    const m = /^(\S+)\s*(.*)$/.exec(entry.trim());
    if (m === null) continue;
    const key = (m[1] ?? '').toLowerCase();
    if (!out.has(key)) out.set(key, (m[2] ?? '').trim());
  }
  return out;
}

/** Looks `key` up in the first table of a map list (`smtp_tls_policy_maps = texthash:/a, hash:/b`) that has it. */
export function lookupMaps(fs: SimFs | null, maps: readonly string[], key: string): string | null {
  const k = key.toLowerCase();
  for (const spec of maps) {
    const text = readTableText(fs, spec);
    if (text === null) continue;
    const v = parseTable(text).get(k);
    if (v !== undefined) return v;
  }
  return null;
}
