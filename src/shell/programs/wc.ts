/** `wc [-l] [-w] [-c] [FILE]...` (GNU coreutils 9.1), with its column widths. */
import type { Program, ProgramContext, StreamFilter } from '../program.ts';
import { msgFileError } from './coreutils-messages.ts';
import { byteLength, getopt, isOptError, readOperand, reportOptError, ttyFilterSession, type Opts } from './util.ts';

const SPEC = {
  flags: 'lwcm',
  long: {
    lines: { key: 'l', arg: false },
    words: { key: 'w', arg: false },
    bytes: { key: 'c', arg: false },
    chars: { key: 'm', arg: false },
  },
};

interface Counts {
  lines: number;
  words: number;
  chars: number;
  bytes: number;
}

function count(text: string): Counts {
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  const words = text.split(/[ \t\n\r\f\v]+/).filter((w) => w !== '').length;
  return { lines, words, chars: [...text].length, bytes: byteLength(text) };
}

function which(o: Opts): ('lines' | 'words' | 'chars' | 'bytes')[] {
  const sel: ('lines' | 'words' | 'chars' | 'bytes')[] = [];
  if (o.has('l')) sel.push('lines');
  if (o.has('w')) sel.push('words');
  if (o.has('m')) sel.push('chars');
  if (o.has('c')) sel.push('bytes');
  return sel.length === 0 ? ['lines', 'words', 'bytes'] : sel;
}

function line(c: Counts, sel: readonly (keyof Counts)[], width: number, name: string | null): string {
  return `${sel.map((k) => String(c[k]).padStart(width)).join(' ')}${name === null ? '' : ` ${name}`}\n`;
}

function makeFilter(ctx: ProgramContext, sel: readonly (keyof Counts)[]): StreamFilter {
  const chunks: string[] = [];
  return {
    push: (t) => {
      chunks.push(t);
    },
    end: () => {
      // A pipe is not a regular file: wc pads to 7 unless it prints one number.
      ctx.stdout.write(line(count(chunks.join('')), sel, sel.length === 1 ? 1 : 7, null));
      return 0;
    },
  };
}

export const wc: Program = {
  name: 'wc',
  usage: 'wc [-l] [-w] [-c] [FILE]...',
  run(ctx) {
    const o = getopt(ctx.argv.slice(1), SPEC);
    if (isOptError(o)) return reportOptError(ctx, 'wc', o, 1);
    const sel = which(o);
    if (o.operands.length === 0) {
      if (ctx.stdin.kind === 'tty') return ttyFilterSession(makeFilter(ctx, sel));
      const c = count(ctx.stdin.text);
      ctx.stdout.write(line(c, sel, sel.length === 1 ? 1 : 7, null));
      return 0;
    }
    const results: { name: string; c: Counts | null; failed: boolean; regular: boolean }[] = [];
    let status = 0;
    for (const f of o.operands) {
      if (f === '-') {
        results.push({ name: f, c: count(ctx.stdin.kind === 'text' ? ctx.stdin.text : ''), failed: false, regular: false });
        continue;
      }
      const r = readOperand(ctx, f);
      if (r.ok) results.push({ name: f, c: count(r.text), failed: false, regular: true });
      else {
        status = 1;
        results.push({ name: f, c: r.isDir ? { lines: 0, words: 0, chars: 0, bytes: 0 } : null, failed: !r.isDir, regular: false });
        ctx.stderr.write(msgFileError('wc', f, r.error));
      }
    }
    // The width fits the total size of the regular files (7 at least if one is not regular), 1 for one number of one file.
    let width = 1;
    if (!(sel.length === 1 && o.operands.length === 1)) {
      let total = 0;
      let minimum = 1;
      for (const r of results) {
        if (r.failed) continue;
        if (r.regular && r.c !== null) total += r.c.bytes;
        else minimum = 7;
      }
      width = Math.max(String(total).length, minimum);
    }
    const out: string[] = [];
    const sum: Counts = { lines: 0, words: 0, chars: 0, bytes: 0 };
    for (const r of results) {
      if (r.c === null) continue;
      for (const k of ['lines', 'words', 'chars', 'bytes'] as const) sum[k] += r.c[k];
      out.push(line(r.c, sel, width, r.name));
    }
    if (o.operands.length > 1) out.push(line(sum, sel, width, 'total'));
    ctx.stdout.write(out.join(''));
    return status;
  },
  filter(ctx) {
    const o = getopt(ctx.argv.slice(1), SPEC);
    if (isOptError(o)) return reportOptError(ctx, 'wc', o, 1);
    return makeFilter(ctx, which(o));
  },
};
