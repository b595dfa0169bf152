/**
 * `dpkg -l [PATTERN...]` and `dpkg-query -l`: the package table of the corpus's recording machine, for the
 * packages the corpus lists (see dpkg-texts.ts). Patterns are shell globs on the package name, with an
 * optional `:ARCH`; columns are as wide as their longest entry (never narrower than dpkg's minimum), on a
 * terminal or not. Without patterns the table lists every package the lab knows.
 */
import type { Program, ProgramContext } from '../program.ts';
import * as T from './dpkg-texts.ts';

/** fnmatch without flags: `*`, `?` and `[...]`. */
function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] ?? '';
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) re += '\\[';
      else {
        let set = glob.slice(i + 1, end);
        if (set.startsWith('!')) set = `^${set.slice(1)}`;
        re += `[${set.replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function matches(p: T.InstalledPackage, pattern: string): boolean {
  const colon = pattern.indexOf(':');
  const name = colon < 0 ? pattern : pattern.slice(0, colon);
  const arch = colon < 0 ? null : pattern.slice(colon + 1);
  return globToRegExp(name).test(p.name) && (arch === null || globToRegExp(arch).test(p.arch));
}

function table(pkgs: readonly T.InstalledPackage[]): string {
  const cols = (p: T.InstalledPackage): string[] => [p.shown, p.version, p.arch, p.description];
  const widths = T.MIN_WIDTHS.map((min, i) => Math.max(min, ...pkgs.map((p) => (cols(p)[i] ?? '').length)));
  const w = (i: number): number => widths[i] ?? 0;
  const row = (lead: string, c: readonly string[]): string =>
    `${lead}${(c[0] ?? '').padEnd(w(0))} ${(c[1] ?? '').padEnd(w(1))} ${(c[2] ?? '').padEnd(w(2))} ${c[3] ?? ''}\n`;
  let out = T.LIST_LEGEND;
  out += row('||/ ', T.HEADINGS);
  out += `+++-${widths.map((n) => '='.repeat(n)).join('-')}\n`;
  for (const p of pkgs) out += row(`${T.INSTALLED_FLAGS} `, cols(p));
  return out;
}

function list(ctx: ProgramContext, patterns: readonly string[]): number {
  const unmatched: string[] = [];
  let shown: T.InstalledPackage[];
  if (patterns.length === 0) shown = [...T.INSTALLED];
  else {
    shown = [];
    for (const pat of patterns) {
      const hit = T.INSTALLED.filter((p) => matches(p, pat));
      if (hit.length === 0) unmatched.push(pat);
      for (const p of hit) if (!shown.includes(p)) shown.push(p);
    }
  }
  shown.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (shown.length > 0) ctx.stdout.write(table(shown));
  for (const u of unmatched) ctx.stderr.write(T.noPackagesFound(u));
  return unmatched.length > 0 ? 1 : 0;
}

function dpkgLike(name: 'dpkg' | 'dpkg-query', needAction: string): Program {
  return {
    name,
    usage: `${name} -l [PATTERN...]`,
    run(ctx) {
      const args = ctx.argv.slice(1);
      const first = args[0];
      if (first === undefined) {
        ctx.stderr.write(needAction);
        return 2;
      }
      if (first !== '-l' && first !== '--list') {
        ctx.stderr.write(T.labOnlyList(name));
        return 2;
      }
      // Options end at `--` or at the first pattern; later words are all patterns.
      const rest = args.slice(1);
      return list(ctx, rest[0] === '--' ? rest.slice(1) : rest);
    },
  };
}

export const dpkg = dpkgLike('dpkg', T.DPKG_NEED_ACTION);
export const dpkgQuery = dpkgLike('dpkg-query', T.DPKG_QUERY_NEED_ACTION);
