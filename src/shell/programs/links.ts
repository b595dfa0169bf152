/**
 * `readlink [-f|-e] FILE...` and `realpath FILE...` (GNU coreutils 9.1) on the simulated files' symbolic links.
 * Texts and exit statuses from tests/corpus-extra/host-tools/ca-symlink-messages.txt and ca-pem-link.txt.
 */
import { ELOOP, ENOENT } from '../messages.ts';
import { dirName, resolvePath } from '../path.ts';
import type { Program, ProgramContext } from '../program.ts';
import { msgFileError, msgTryHelp } from './coreutils-messages.ts';
import { getopt, isOptError, reportOptError } from './util.ts';

/** The canonical path of `file` when every part but the last exists (realpath -E, readlink -f); else the error. */
function canonical(ctx: ProgramContext, file: string, lastMustExist: boolean): { path: string } | { error: string } {
  const abs = resolvePath(ctx.shell.cwd, file);
  const fs = ctx.host.fs;
  const r = fs.resolve === undefined ? abs : fs.resolve(abs);
  if (r === null) return { error: ELOOP };
  const parent = dirName(r);
  if (!fs.isDir(parent)) return { error: ENOENT };
  if (lastMustExist && !fs.isDir(r) && fs.stat(r) === undefined) return { error: ENOENT };
  return { path: r };
}

function missingOperand(ctx: ProgramContext, prog: string): number {
  ctx.stderr.write(`${prog}: missing operand\n${msgTryHelp(prog)}`);
  return 1;
}

export const readlink: Program = {
  name: 'readlink',
  usage: 'readlink [-f|-e] FILE...',
  run(ctx) {
    const o = getopt(ctx.argv.slice(1), {
      flags: 'fenqsv',
      long: { canonicalize: { key: 'f', arg: false }, 'canonicalize-existing': { key: 'e', arg: false } },
    });
    if (isOptError(o)) return reportOptError(ctx, 'readlink', o, 1);
    if (o.operands.length === 0) return missingOperand(ctx, 'readlink');
    const mode = o.has('e') ? 'e' : o.has('f') ? 'f' : null;
    const nl = o.has('n') && o.operands.length === 1 ? '' : '\n';
    let status = 0;
    for (const f of o.operands) {
      if (mode !== null) {
        const c = canonical(ctx, f, mode === 'e');
        if ('path' in c) ctx.stdout.write(`${c.path}${nl}`);
        else status = 1;
        continue;
      }
      // Without -f/-e: the target of a link as written; anything else fails silently.
      const l = ctx.host.fs.lstat?.(resolvePath(ctx.shell.cwd, f));
      if (l !== undefined && 'target' in l) ctx.stdout.write(`${l.target}${nl}`);
      else status = 1;
    }
    return status;
  },
};

export const realpath: Program = {
  name: 'realpath',
  usage: 'realpath [-e] FILE...',
  run(ctx) {
    const o = getopt(ctx.argv.slice(1), { flags: 'eqs', long: { 'canonicalize-existing': { key: 'e', arg: false } } });
    if (isOptError(o)) return reportOptError(ctx, 'realpath', o, 1);
    if (o.operands.length === 0) return missingOperand(ctx, 'realpath');
    let status = 0;
    for (const f of o.operands) {
      const c = canonical(ctx, f, o.has('e'));
      if ('path' in c) ctx.stdout.write(`${c.path}\n`);
      else {
        ctx.stderr.write(msgFileError('realpath', f, c.error));
        status = 1;
      }
    }
    return status;
  },
};
