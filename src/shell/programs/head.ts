/** `head [-n N] [-q] [-v] [FILE]...` (GNU coreutils 9.1). */
import type { Program, ProgramContext, StreamFilter } from '../program.ts';
import { fileHeader, msgCannotOpen, msgErrorReading, msgInvalidLines } from './coreutils-messages.ts';
import { getopt, isOptError, lineFilter, readOperand, reportOptError, ttyFilterSession, type Opts } from './util.ts';

const SPEC = {
  flags: 'qvz',
  withArg: 'nc',
  long: {
    lines: { key: 'n', arg: true },
    quiet: { key: 'q', arg: false },
    silent: { key: 'q', arg: false },
    verbose: { key: 'v', arg: false },
  },
};

/** `-3` means `-n 3` (the obsolete form head and tail still take as the first argument). */
export function expandNumericOption(args: readonly string[]): string[] {
  const first = args[0];
  if (first !== undefined && /^-\d+$/.test(first)) return ['-n', first.slice(1), ...args.slice(1)];
  return [...args];
}

/** `-n N` as head and tail read it: a count with an optional sign (`+N`, `-N`); 10 when absent. */
export interface LineCount {
  readonly n: number;
  readonly sign: '' | '+' | '-';
}

/** Parses `-n`, or writes coreutils' "invalid number of lines" for `program` and returns exit status 1. */
export function parseLineCount(ctx: ProgramContext, o: Opts, program: 'head' | 'tail'): LineCount | number {
  const v = o.value('n');
  if (v === undefined) return { n: 10, sign: '' };
  const m = /^([+-]?)(\d+)$/.exec(v.trim());
  if (m === null) {
    ctx.stderr.write(msgInvalidLines(program, v));
    return 1;
  }
  return { n: Number(m[2]), sign: m[1] === '+' ? '+' : m[1] === '-' ? '-' : '' };
}

type Count = { readonly n: number; readonly allBut: boolean };

function parseCount(ctx: ProgramContext, o: Opts): Count | number {
  const c = parseLineCount(ctx, o, 'head');
  return typeof c === 'number' ? c : { n: c.n, allBut: c.sign === '-' };
}

function headOf(text: string, c: Count): string {
  const lines = text.split(/(?<=\n)/).filter((l) => l !== '');
  if (c.allBut) return lines.slice(0, Math.max(0, lines.length - c.n)).join('');
  return lines.slice(0, c.n).join('');
}

function makeFilter(ctx: ProgramContext, c: Count): StreamFilter & { done: boolean } {
  let seen = 0;
  const held: string[] = [];
  const f = {
    done: false,
    ...lineFilter(
      (line) => {
        if (c.allBut) {
          held.push(line);
          if (held.length > c.n) ctx.stdout.write(held.shift() ?? '');
          return;
        }
        if (seen < c.n) ctx.stdout.write(line);
        seen++;
        if (seen >= c.n) f.done = true;
      },
      (rest) => {
        if (rest !== '' && !c.allBut && seen < c.n) ctx.stdout.write(rest);
        return 0;
      },
    ),
  };
  if (!c.allBut && c.n === 0) f.done = true;
  return f;
}

export const head: Program = {
  name: 'head',
  usage: 'head [-n N] [FILE]...',
  run(ctx) {
    const o = getopt(expandNumericOption(ctx.argv.slice(1)), SPEC);
    if (isOptError(o)) return reportOptError(ctx, 'head', o, 1);
    const c = parseCount(ctx, o);
    if (typeof c === 'number') return c;
    const files = o.operands.length === 0 ? ['-'] : o.operands;
    if (files.length === 1 && files[0] === '-' && ctx.stdin.kind === 'tty') return ttyFilterSession(makeFilter(ctx, c));
    const headers = o.has('v') || (files.length > 1 && !o.has('q'));
    let status = 0;
    let first = true;
    for (const f of files) {
      let text: string;
      if (f === '-') text = ctx.stdin.kind === 'text' ? ctx.stdin.text : '';
      else {
        const r = readOperand(ctx, f);
        if (!r.ok) {
          ctx.stderr.write(r.isDir ? msgErrorReading('head', f, r.error) : msgCannotOpen('head', f, r.error));
          status = 1;
          continue;
        }
        text = r.text;
      }
      if (headers) ctx.stdout.write(`${first ? '' : '\n'}${fileHeader(f === '-' ? 'standard input' : f)}`);
      first = false;
      ctx.stdout.write(headOf(text, c));
    }
    return status;
  },
  filter(ctx) {
    const o = getopt(expandNumericOption(ctx.argv.slice(1)), SPEC);
    if (isOptError(o)) return reportOptError(ctx, 'head', o, 1);
    const c = parseCount(ctx, o);
    if (typeof c === 'number') return c;
    return makeFilter(ctx, c);
  },
};
