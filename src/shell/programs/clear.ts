/** `clear`: what ncurses' clear prints for TERM=xterm-256color (it also wipes the scrollback). */
import { CLEAR_WITH_SCROLLBACK } from '../ansi.ts';
import type { Program } from '../program.ts';

export const clear: Program = {
  name: 'clear',
  usage: 'clear',
  run(ctx) {
    ctx.stdout.write(CLEAR_WITH_SCROLLBACK);
    return 0;
  },
};
