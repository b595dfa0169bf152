/**
 * `postfix start|stop|reload|status|check`: the world's postfix(1) and postfix-script (corpus
 * terminal/term-postfix-cli, postconf-behaviours). postfix-script's progress goes to stderr only on a
 * terminal (corpus MANIFEST), so the program says whether stderr is one.
 */
import type { Program } from '../program.ts';
import type { LabEnv } from './net/lab-env.ts';
import { guarded, writeResult } from './net/tool-output.ts';

const ACTIONS = ['start', 'stop', 'reload', 'status', 'check', 'abort', 'flush'];

export function postfixProgram(env: LabEnv): Program {
  return {
    name: 'postfix',
    usage: 'postfix start|stop|reload|status|check',
    run(ctx) {
      const r = guarded('postfix', () => env.world.postfix(ctx.argv.slice(1), ctx.stderr.isTty));
      return writeResult(ctx, r);
    },
    complete(req) {
      if (req.words.length !== 1) return { candidates: [] };
      return { candidates: ACTIONS.filter((a) => a.startsWith(req.prefix)) };
    },
  };
}
