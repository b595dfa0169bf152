/** File utilities of GNU coreutils 9.1: chmod, cp, mv, rm, touch (texts in tests/shell/golden/tools.golden.json). */
import { EISDIR, ENOENT } from '../messages.ts';
import { baseName, dirName, resolvePath } from '../path.ts';
import type { Program, ProgramContext } from '../program.ts';
import { msgCannotAccess, msgTryHelp, shellQuote } from './coreutils-messages.ts';
import { getopt, isOptError, reportOptError } from './util.ts';

/** The umask of root's shell on Debian. */
const UMASK = 0o022;

function missing(ctx: ProgramContext, prog: string, text: string): number {
  ctx.stderr.write(`${prog}: ${text}\n${msgTryHelp(prog)}`);
  return 1;
}

/** Applies a chmod mode (octal, or symbolic like `u+x,g=r`, `go-rwx`, `+x`) to `mode`; null when invalid. */
export function applyMode(spec: string, mode: number): number | null {
  if (/^[0-7]{1,4}$/.test(spec)) return parseInt(spec, 8);
  let m = mode;
  for (const clause of spec.split(',')) {
    const c = /^([ugoa]*)([-+=])([rwxXst]*)$/.exec(clause);
    if (c === null) return null;
    const who = c[1] ?? '';
    const op = c[2] ?? '+';
    const perms = c[3] ?? '';
    let bits = 0;
    for (const p of perms) {
      if (p === 'r') bits |= 0o444;
      else if (p === 'w') bits |= 0o222;
      else if (p === 'x' || p === 'X') bits |= 0o111;
      else if (p === 's') bits |= 0o6000;
      else if (p === 't') bits |= 0o1000;
    }
    let mask = 0;
    if (who === '') mask = 0o7777 & ~UMASK;
    for (const w of who) {
      if (w === 'u') mask |= 0o4700;
      else if (w === 'g') mask |= 0o2070;
      else if (w === 'o') mask |= 0o1007;
      else mask |= 0o7777;
    }
    const eff = bits & mask;
    if (op === '+') m |= eff;
    else if (op === '-') m &= ~eff;
    else m = (m & ~(who === '' ? 0o7777 : mask)) | eff;
  }
  return m;
}

export const chmod: Program = {
  name: 'chmod',
  usage: 'chmod MODE FILE...',
  run(ctx) {
    const args = ctx.argv.slice(1).filter((a) => a !== '--');
    const spec = args[0];
    if (spec === undefined) return missing(ctx, 'chmod', 'missing operand');
    const files = args.slice(1);
    if (files.length === 0) return missing(ctx, 'chmod', `missing operand after ‘${spec}’`);
    if (applyMode(spec, 0o644) === null) return missing(ctx, 'chmod', `invalid mode: ‘${spec}’`);
    let status = 0;
    for (const f of files) {
      const abs = resolvePath(ctx.shell.cwd, f);
      const st = ctx.host.fs.stat(abs);
      if (st === undefined) {
        if (ctx.host.fs.isDir(abs)) continue;
        ctx.stderr.write(msgCannotAccess('chmod', f, ENOENT));
        status = 1;
        continue;
      }
      ctx.host.fs.chmod(abs, applyMode(spec, st.mode) ?? st.mode);
    }
    return status;
  },
};

export const rm: Program = {
  name: 'rm',
  usage: 'rm [-f] [-r] FILE...',
  run(ctx) {
    const o = getopt(ctx.argv.slice(1), { flags: 'frRiv', long: { force: { key: 'f', arg: false }, recursive: { key: 'r', arg: false } } });
    if (isOptError(o)) return reportOptError(ctx, 'rm', o, 1);
    if (o.operands.length === 0) return o.has('f') ? 0 : missing(ctx, 'rm', 'missing operand');
    const recursive = o.has('r') || o.has('R');
    let status = 0;
    for (const f of o.operands) {
      const abs = resolvePath(ctx.shell.cwd, f);
      if (ctx.host.fs.isDir(abs)) {
        if (!recursive || f === '.' || f === '..' || abs === '/') {
          ctx.stderr.write(`rm: cannot remove ${shellQuote(f)}: ${EISDIR}\n`);
          status = 1;
          continue;
        }
        for (const p of allFiles(ctx, abs)) ctx.host.fs.remove(p);
        continue;
      }
      if (!ctx.host.fs.remove(abs) && !o.has('f')) {
        ctx.stderr.write(`rm: cannot remove ${shellQuote(f)}: ${ENOENT}\n`);
        status = 1;
      }
    }
    return status;
  },
};

function allFiles(ctx: ProgramContext, dir: string): string[] {
  const out: string[] = [];
  for (const name of ctx.host.fs.list(dir)) {
    const p = resolvePath(dir, name);
    if (ctx.host.fs.isDir(p)) out.push(...allFiles(ctx, p));
    else out.push(p);
  }
  return out;
}

/** Where a copy or move lands: into a directory under the same name, or at the path. */
function destination(ctx: ProgramContext, src: string, dest: string): string {
  const abs = resolvePath(ctx.shell.cwd, dest);
  return ctx.host.fs.isDir(abs) ? resolvePath(abs, baseName(src)) : abs;
}

function copyOrMove(ctx: ProgramContext, prog: 'cp' | 'mv'): number {
  const args = ctx.argv.slice(1).filter((a) => !/^-[fipvn]+$/.test(a) && a !== '--');
  if (args.length === 0) return missing(ctx, prog, 'missing file operand');
  if (args.length === 1) return missing(ctx, prog, `missing destination file operand after ${shellQuote(args[0] ?? '')}`);
  const dest = args[args.length - 1] ?? '';
  const sources = args.slice(0, -1);
  let status = 0;
  for (const s of sources) {
    const abs = resolvePath(ctx.shell.cwd, s);
    const st = ctx.host.fs.stat(abs);
    if (st === undefined) {
      if (ctx.host.fs.isDir(abs)) ctx.stderr.write(`${prog}: -r not specified; omitting directory ${shellQuote(s)}\n`);
      else ctx.stderr.write(`${prog}: cannot stat ${shellQuote(s)}: ${ENOENT}\n`);
      status = 1;
      continue;
    }
    const to = destination(ctx, s, dest);
    const parent = dirName(to);
    if (parent !== '/' && !ctx.host.fs.isDir(parent)) {
      const shown = ctx.host.fs.isDir(resolvePath(ctx.shell.cwd, dest)) ? to : dest;
      ctx.stderr.write(
        prog === 'cp'
          ? `cp: cannot create regular file ${shellQuote(shown)}: ${ENOENT}\n`
          : `mv: cannot move ${shellQuote(s)} to ${shellQuote(shown)}: ${ENOENT}\n`,
      );
      status = 1;
      continue;
    }
    if (to === abs) continue;
    const existing = ctx.host.fs.stat(to);
    ctx.host.fs.write(to, st.content, prog === 'mv' ? st.mode : (existing?.mode ?? st.mode & ~UMASK));
    if (prog === 'mv') ctx.host.fs.remove(abs);
  }
  return status;
}

export const cp: Program = { name: 'cp', usage: 'cp SOURCE... DEST', run: (ctx) => copyOrMove(ctx, 'cp') };
export const mv: Program = { name: 'mv', usage: 'mv SOURCE... DEST', run: (ctx) => copyOrMove(ctx, 'mv') };

export const touch: Program = {
  name: 'touch',
  usage: 'touch FILE...',
  run(ctx) {
    const files = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
    if (files.length === 0) return missing(ctx, 'touch', 'missing file operand');
    let status = 0;
    for (const f of files) {
      const abs = resolvePath(ctx.shell.cwd, f);
      if (ctx.host.fs.isDir(abs) || ctx.host.fs.read(abs) !== undefined) continue;
      const parent = dirName(abs);
      if (parent !== '/' && !ctx.host.fs.isDir(parent)) {
        ctx.stderr.write(`touch: cannot touch ${shellQuote(f)}: ${ENOENT}\n`);
        status = 1;
        continue;
      }
      ctx.host.fs.write(abs, '', 0o644);
    }
    return status;
  },
};
