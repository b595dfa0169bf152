/**
 * `ls [-1aAdlCxL] [FILE]...` (GNU coreutils 9.1): columns on a terminal (GNU's layout, tabs included), one
 * name per line into a pipe, `-l` long format. Files have no owner of their own in the simulation: they belong
 * to root, and carry their modification time or else the world's current time. Symbolic links show as
 * `lrwxrwxrwx ... NAME -> TARGET` with the target's length as size (`-L` follows them); on a terminal, names
 * with shell specials are quoted as GNU's shell-escape style does (tests/corpus-extra/host-tools/ca-*.txt).
 */
import { dirMode } from '../fs-view.ts';
import { ELOOP, ENOENT } from '../messages.ts';
import { resolvePath } from '../path.ts';
import type { Program, ProgramContext } from '../program.ts';
import { msgCannotAccess } from './coreutils-messages.ts';
import { byteLength, getopt, isOptError, reportOptError } from './util.ts';

const SPEC = {
  flags: '1aAdlCxFhL',
  long: {
    all: { key: 'a', arg: false },
    'almost-all': { key: 'A', arg: false },
    directory: { key: 'd', arg: false },
    dereference: { key: 'L', arg: false },
  },
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const SIX_MONTHS_MS = (365.2425 / 2) * 24 * 3600 * 1000;

interface Entry {
  /** As shown. */
  readonly name: string;
  readonly abs: string;
  readonly isDir: boolean;
  /** The target of a symbolic link shown as a link (not followed). */
  readonly link?: string;
  readonly mtime?: number;
}

/** What the shell-escape quoting of GNU ls (quotearg.c) wraps in quotes on a terminal: shell specials. */
function needsQuotes(name: string): boolean {
  return /[\s!"$&()*;<=>[\]^`|\\'?]/.test(name) || /^[#~]/.test(name) || name === '{' || name === '}';
}

function quoteName(name: string): string {
  return name.includes("'") ? `"${name}"` : `'${name}'`;
}

/** The entry for `abs` shown as `name`: a link stays a link unless `follow`. */
function entryOf(ctx: ProgramContext, name: string, abs: string, follow: boolean): Entry {
  const l = follow ? undefined : ctx.host.fs.lstat?.(abs);
  if (l !== undefined && 'target' in l)
    return l.mtime === undefined
      ? { name, abs, isDir: false, link: l.target }
      : { name, abs, isDir: false, link: l.target, mtime: l.mtime };
  const isDir = ctx.host.fs.isDir(abs);
  const mtime = isDir ? ctx.host.fs.dirInfo?.(abs)?.mtime : ctx.host.fs.stat(abs)?.mtime;
  return mtime === undefined ? { name, abs, isDir } : { name, abs, isDir, mtime };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function modeString(isDir: boolean, mode: number): string {
  const bits = ['r', 'w', 'x'];
  let s = isDir ? 'd' : '-';
  for (let i = 8; i >= 0; i--) s += mode & (1 << i) ? (bits[(8 - i) % 3] ?? '-') : '-';
  if (mode & 0o1000) s = s.slice(0, 9) + (mode & 1 ? 't' : 'T');
  return s;
}

function dateString(ms: number, now: number): string {
  const d = new Date(ms);
  const mon = MONTHS[d.getUTCMonth()] ?? 'Jan';
  const day = String(d.getUTCDate()).padStart(2);
  const recent = ms <= now + 60_000 && now - ms < SIX_MONTHS_MS;
  if (recent) return `${mon} ${day} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  return `${mon} ${day}  ${d.getUTCFullYear()}`;
}

/** The numbers `ls -l` shows for an entry. */
function details(ctx: ProgramContext, e: Entry): { mode: string; links: number; size: number; blocks: number } {
  if (e.link !== undefined) {
    // ext4 keeps a target shorter than 60 bytes in the inode ("fast" link): no block (ca-ls-l-etc-ssl-certs.txt, ls -s).
    const size = byteLength(e.link);
    return { mode: 'lrwxrwxrwx', links: 1, size, blocks: size >= 60 ? 4 : 0 };
  }
  if (e.isDir) {
    const subdirs = ctx.host.fs.list(e.abs).filter((n) => ctx.host.fs.isDir(resolvePath(e.abs, n))).length;
    const size = ctx.host.fs.dirInfo?.(e.abs)?.size ?? 4096;
    return { mode: modeString(true, dirMode(e.abs)), links: 2 + subdirs, size, blocks: size / 1024 };
  }
  const st = ctx.host.fs.stat(e.abs);
  const size = st?.size ?? byteLength(st?.content ?? '');
  return { mode: modeString(false, st?.mode ?? 0o644), links: 1, size, blocks: Math.ceil(size / 4096) * 4 };
}

function longListing(ctx: ProgramContext, entries: readonly Entry[], withTotal: boolean, show: (name: string) => string): string {
  const now = ctx.host.clock?.now() ?? 0;
  const rows = entries.map((e) => ({ e, d: details(ctx, e) }));
  const lw = Math.max(0, ...rows.map((r) => String(r.d.links).length));
  const sw = Math.max(0, ...rows.map((r) => String(r.d.size).length));
  let out = withTotal ? `total ${rows.reduce((s, r) => s + r.d.blocks, 0)}\n` : '';
  for (const { e, d } of rows) {
    const date = dateString(e.mtime ?? now, now);
    // A link's target is quoted like a name, but never gets the aligning space (ca-ls-l-etc-ssl-certs-tty.txt).
    const name = e.link === undefined ? show(e.name) : `${show(e.name)} -> ${show(e.link).trimStart()}`;
    out += `${d.mode} ${String(d.links).padStart(lw)} root root ${String(d.size).padStart(sw)} ${date} ${name}\n`;
  }
  return out;
}

/** Moves from column `from` to `to` with tabs where a tab stop lies between, as GNU ls's indent() does. */
function indent(from: number, to: number): string {
  let s = '';
  let f = from;
  while (f < to) {
    if (Math.floor(to / 8) > Math.floor((f + 1) / 8)) {
      s += '\t';
      f += 8 - (f % 8);
    } else {
      s += ' ';
      f++;
    }
  }
  return s;
}

/** GNU ls's many-per-line layout: the most columns whose total width stays under the line length. */
export function columns(names: readonly string[], lineLength: number, across: boolean): string {
  const n = names.length;
  if (n === 0) return '';
  const maxCols = Math.max(1, Math.min(n, Math.floor(lineLength / 3)));
  let best: { cols: number; widths: number[] } = { cols: 1, widths: [Math.max(...names.map((s) => s.length))] };
  for (let cols = 1; cols <= maxCols; cols++) {
    const rows = Math.ceil(n / cols);
    const widths = new Array<number>(cols).fill(0);
    names.forEach((name, i) => {
      const idx = across ? i % cols : Math.floor(i / rows);
      const w = name.length + (idx === cols - 1 ? 0 : 2);
      if ((widths[idx] ?? 0) < w) widths[idx] = w;
    });
    const total = widths.reduce((a, b) => a + b, 0);
    if (total < lineLength) best = { cols, widths };
  }
  const cols = best.cols;
  const rows = Math.ceil(n / cols);
  let out = '';
  for (let r = 0; r < rows; r++) {
    let pos = 0;
    for (let c = 0; c < cols; c++) {
      const i = across ? r * cols + c : c * rows + r;
      const name = names[i];
      if (name === undefined) break;
      out += name;
      const next = across ? i + 1 : i + rows;
      const lastInRow = across ? c === cols - 1 || next >= n : next >= n;
      if (lastInRow) break;
      const w = best.widths[c] ?? name.length + 2;
      out += indent(pos + name.length, pos + w);
      pos += w;
    }
    out += '\n';
  }
  return out;
}

export const ls: Program = {
  name: 'ls',
  usage: 'ls [-l] [-a] [FILE]...',
  run(ctx) {
    const o = getopt(ctx.argv.slice(1), SPEC);
    if (isOptError(o)) return reportOptError(ctx, 'ls', o, 2);
    const all = o.has('a');
    const almostAll = o.has('A');
    const dirAsFile = o.has('d');
    const follow = o.has('L');
    let format: 'long' | 'one' | 'columns' | 'across' = ctx.stdout.isTty ? 'columns' : 'one';
    for (const [k] of o.list) {
      if (k === 'l') format = 'long';
      else if (k === '1') format = 'one';
      else if (k === 'C') format = 'columns';
      else if (k === 'x') format = 'across';
    }
    const lineLength = ctx.stdout.isTty ? ctx.cols : 80;
    const render = (entries: readonly Entry[], withTotal: boolean): string => {
      if (entries.length === 0) return withTotal && format === 'long' ? 'total 0\n' : '';
      // On a terminal, quoted names; where some are, the others get a space so that the names line up.
      const quoting = ctx.stdout.isTty;
      const align =
        quoting && format !== 'one' && entries.some((e) => needsQuotes(e.name) || (e.link !== undefined && needsQuotes(e.link)));
      const show = (name: string): string => (quoting && needsQuotes(name) ? quoteName(name) : align ? ` ${name}` : name);
      switch (format) {
        case 'long':
          return longListing(ctx, entries, withTotal, show);
        case 'one':
          return entries.map((e) => `${show(e.name)}\n`).join('');
        case 'columns':
        case 'across':
          return columns(
            entries.map((e) => show(e.name)),
            lineLength,
            format === 'across',
          );
      }
    };
    const operands = o.operands.length === 0 ? ['.'] : o.operands;
    let status = 0;
    const files: Entry[] = [];
    const dirs: Entry[] = [];
    for (const op of operands) {
      const abs = resolvePath(ctx.shell.cwd, op);
      // An operand that links to a folder is listed as a folder, except with -l or -d (GNU ls without -H).
      const e = entryOf(ctx, op, abs, follow || (format !== 'long' && !dirAsFile && ctx.host.fs.isDir(abs)));
      if (!e.isDir && e.link === undefined && ctx.host.fs.read(abs) === undefined) {
        ctx.stderr.write(msgCannotAccess('ls', op, ctx.host.fs.resolve?.(abs) === null ? ELOOP : ENOENT));
        status = 2;
        continue;
      }
      if (e.isDir && !dirAsFile) dirs.push(e);
      else files.push(e);
    }
    files.sort((a, b) => compare(a.name, b.name));
    dirs.sort((a, b) => compare(a.name, b.name));
    const parts: string[] = [];
    if (files.length > 0) parts.push(render(files, false));
    const headers = operands.length > 1;
    for (const d of dirs) {
      let names = ctx.host.fs.list(d.abs);
      if (!all && !almostAll) names = names.filter((n) => !n.startsWith('.'));
      const entries: Entry[] = names.sort(compare).map((n) => entryOf(ctx, n, resolvePath(d.abs, n), follow));
      if (all) entries.unshift({ name: '.', abs: d.abs, isDir: true }, { name: '..', abs: resolvePath(d.abs, '..'), isDir: true });
      parts.push(`${headers ? `${d.name}:\n` : ''}${render(entries, true)}`);
    }
    ctx.stdout.write(parts.join('\n'));
    return status;
  },
};
