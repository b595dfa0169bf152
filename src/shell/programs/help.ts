/** `help`: the commands of this lab with their one-line usage (lab text; bash's own help lists its builtins). */
import { usageOf } from '../lazy-usages.ts';
import type { Program } from '../program.ts';

/** lab: the heading of `help`. */
export const HELP_HEADING = 'Commands of this simulated machine:';

export const help: Program = {
  name: 'help',
  usage: 'help',
  run(ctx) {
    const programs = ctx.programs.list();
    const width = Math.max(...programs.map((p) => p.name.length), 0) + 2;
    const lines = programs.map((p) => `  ${p.name.padEnd(width)}${usageOf(p)}\n`);
    ctx.stdout.write(`${HELP_HEADING}\n${lines.join('')}`);
    return 0;
  },
};
