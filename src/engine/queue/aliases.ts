/**
 * aliases(5): `name: target, target` with `#` comments and continuation lines that
 * start with whitespace. Keys are matched case-insensitively.
 */
export function parseAliases(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const logical: string[] = [];
  for (const line of text.split('\n')) {
    const l = line.replace(/\r$/, '');
    if (/^\s*#/.test(l) || l.trim() === '') continue;
    if (/^\s/.test(l) && logical.length > 0) logical[logical.length - 1] += ` ${l.trim()}`;
    else logical.push(l);
  }
  for (const entry of logical) {
    const colon = entry.indexOf(':');
    if (colon <= 0) continue;
    const key = entry.slice(0, colon).trim().toLowerCase();
    const targets = entry
      .slice(colon + 1)
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t !== '');
    if (key !== '' && !out.has(key)) out.set(key, targets);
  }
  return out;
}

/** Debian's stock /etc/aliases (the corpus machine's): used when the file is missing. */
export const DEBIAN_ALIASES = '# See man 5 aliases for format\npostmaster:    root\n';
