/** `cat [-n] [FILE]...` (GNU coreutils 9.1). Reads the terminal until Ctrl-D when given no file. */
import type { Program, ProgramContext, StreamFilter } from '../program.ts';
import { msgFileError } from './coreutils-messages.ts';
import { getopt, isOptError, lineFilter, readOperand, reportOptError, ttyFilterSession } from './util.ts';

const SPEC = { flags: 'nAbeEstTuv', long: { number: { key: 'n', arg: false } } };

function numberer(): (text: string) => string {
  let n = 0;
  let atStart = true;
  return (text) => {
    let out = '';
    for (const piece of text.split(/(?<=\n)/)) {
      if (piece === '') continue;
      if (atStart) out += `${String(++n).padStart(6)}\t`;
      out += piece;
      atStart = piece.endsWith('\n');
    }
    return out;
  };
}

function makeFilter(ctx: ProgramContext, number: boolean): StreamFilter {
  const num = number ? numberer() : null;
  if (num === null)
    return {
      push: (t) => ctx.stdout.write(t),
      end: () => 0,
    };
  return lineFilter(
    (line) => ctx.stdout.write(num(line)),
    (rest) => {
      if (rest !== '') ctx.stdout.write(num(rest));
      return 0;
    },
  );
}

export const cat: Program = {
  name: 'cat',
  usage: 'cat [-n] [FILE]...',
  run(ctx) {
    const o = getopt(ctx.argv.slice(1), SPEC);
    if (isOptError(o)) return reportOptError(ctx, 'cat', o, 1);
    const number = o.has('n');
    const files = o.operands.length === 0 ? ['-'] : o.operands;
    if (files.length === 1 && files[0] === '-' && ctx.stdin.kind === 'tty') return ttyFilterSession(makeFilter(ctx, number));
    const num = number ? numberer() : null;
    let status = 0;
    for (const f of files) {
      let text: string;
      if (f === '-') text = ctx.stdin.kind === 'text' ? ctx.stdin.text : '';
      else {
        const r = readOperand(ctx, f);
        if (!r.ok) {
          ctx.stderr.write(msgFileError('cat', f, r.error));
          status = 1;
          continue;
        }
        text = r.text;
      }
      ctx.stdout.write(num === null ? text : num(text));
    }
    return status;
  },
  filter(ctx) {
    const o = getopt(ctx.argv.slice(1), SPEC);
    if (isOptError(o)) return reportOptError(ctx, 'cat', o, 1);
    return makeFilter(ctx, o.has('n'));
  },
};
