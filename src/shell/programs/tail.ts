/**
 * `tail [-n N|+N] [-f] [-q] [-v] [FILE]...` (GNU coreutils 9.1). With `-f` it follows the files through the
 * host's change notifications until Ctrl-C, printing what is appended (and `file truncated` when a file shrinks).
 */
import { resolvePath } from '../path.ts';
import type { Program, ProgramContext, StreamFilter } from '../program.ts';
import type { InteractiveSession, SessionIo } from '../session.ts';
import { MSG_NO_FILES_REMAINING, fileHeader, msgCannotOpen, msgErrorReading, msgFileTruncated } from './coreutils-messages.ts';
import { expandNumericOption, parseLineCount } from './head.ts';
import { getopt, isOptError, readOperand, reportOptError, ttyFilterSession, type Opts } from './util.ts';

const SPEC = {
  flags: 'fFqvz',
  withArg: 'nsc',
  long: {
    lines: { key: 'n', arg: true },
    follow: { key: 'f', arg: false },
    quiet: { key: 'q', arg: false },
    silent: { key: 'q', arg: false },
    verbose: { key: 'v', arg: false },
  },
};

type Count = { readonly n: number; readonly fromStart: boolean };

function parseCount(ctx: ProgramContext, o: Opts): Count | number {
  const c = parseLineCount(ctx, o, 'tail');
  return typeof c === 'number' ? c : { n: c.n, fromStart: c.sign === '+' };
}

function tailOf(text: string, c: Count): string {
  const lines = text.split(/(?<=\n)/).filter((l) => l !== '');
  if (c.fromStart) return lines.slice(Math.max(0, c.n - 1)).join('');
  return c.n === 0 ? '' : lines.slice(-c.n).join('');
}

function makeFilter(ctx: ProgramContext, c: Count): StreamFilter {
  const chunks: string[] = [];
  return {
    push: (t) => {
      chunks.push(t);
    },
    end: () => {
      ctx.stdout.write(tailOf(chunks.join(''), c));
      return 0;
    },
  };
}

/** Follows files: prints what is appended, as `tail -f` does. */
function follow(
  ctx: ProgramContext,
  files: readonly { name: string; abs: string; size: number }[],
  headers: boolean,
  lastShown: string,
): InteractiveSession {
  let io: SessionIo | null = null;
  let unsubscribe: (() => void) | null = null;
  let shown = lastShown;
  const state = new Map(files.map((f) => [f.abs, f]));
  return {
    mode: 'cooked',
    start(i) {
      io = i;
      unsubscribe = ctx.host.fs.subscribe((path) => {
        const f = state.get(path);
        if (f === undefined || io === null) return;
        const text = ctx.host.fs.read(path);
        if (text === undefined) return;
        let out: string;
        if (text.length < f.size) {
          io.writeErr(msgFileTruncated('tail', f.name));
          out = text;
        } else out = text.slice(f.size);
        f.size = text.length;
        if (out === '') return;
        if (headers && shown !== f.abs) io.write(`\n${fileHeader(f.name)}`);
        shown = f.abs;
        io.write(out);
      });
    },
    // tail does not read the terminal: what is typed just echoes.
    onInput() {},
    dispose() {
      unsubscribe?.();
      unsubscribe = null;
    },
  };
}

export const tail: Program = {
  name: 'tail',
  usage: 'tail [-n N] [-f] [FILE]...',
  run(ctx) {
    const o = getopt(expandNumericOption(ctx.argv.slice(1)), SPEC);
    if (isOptError(o)) return reportOptError(ctx, 'tail', o, 1);
    const c = parseCount(ctx, o);
    if (typeof c === 'number') return c;
    const files = o.operands.length === 0 ? ['-'] : o.operands;
    const following = o.has('f') || o.has('F');
    if (files.length === 1 && files[0] === '-' && ctx.stdin.kind === 'tty') return ttyFilterSession(makeFilter(ctx, c));
    const headers = o.has('v') || (files.length > 1 && !o.has('q'));
    let status = 0;
    let first = true;
    const followed: { name: string; abs: string; size: number }[] = [];
    let lastShown = '';
    for (const f of files) {
      let text: string;
      if (f === '-') text = ctx.stdin.kind === 'text' ? ctx.stdin.text : '';
      else {
        const r = readOperand(ctx, f);
        if (!r.ok) {
          ctx.stderr.write(r.isDir ? msgErrorReading('tail', f, r.error) : msgCannotOpen('tail', f, r.error));
          status = 1;
          continue;
        }
        text = r.text;
        const abs = resolvePath(ctx.shell.cwd, f);
        followed.push({ name: f, abs, size: text.length });
        lastShown = abs;
      }
      if (headers) ctx.stdout.write(`${first ? '' : '\n'}${fileHeader(f === '-' ? 'standard input' : f)}`);
      first = false;
      ctx.stdout.write(tailOf(text, c));
    }
    if (following && files.some((f) => f !== '-')) {
      if (followed.length === 0) {
        ctx.stderr.write(`tail: ${MSG_NO_FILES_REMAINING}\n`);
        return 1;
      }
      return follow(ctx, followed, headers, lastShown);
    }
    return status;
  },
  filter(ctx) {
    const o = getopt(expandNumericOption(ctx.argv.slice(1)), SPEC);
    if (isOptError(o)) return reportOptError(ctx, 'tail', o, 1);
    const c = parseCount(ctx, o);
    if (typeof c === 'number') return c;
    return makeFilter(ctx, c);
  },
};
