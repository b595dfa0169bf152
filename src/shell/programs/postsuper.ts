/** `postsuper -d QUEUE_ID|ALL` over the world's queue (`-d -` reads the IDs from standard input). */
import type { Program } from '../program.ts';
import type { LabEnv } from './net/lab-env.ts';
import { guarded, writeResult } from './net/tool-output.ts';

export function postsuperProgram(env: LabEnv): Program {
  return {
    name: 'postsuper',
    usage: 'postsuper -d QUEUE_ID|ALL',
    run(ctx) {
      const stdin = ctx.stdin.kind === 'text' ? ctx.stdin.text : '';
      return writeResult(
        ctx,
        guarded('postsuper', () => env.world.queue.postsuper(ctx.argv.slice(1), stdin)),
      );
    },
    complete(req) {
      if (req.words[req.words.length - 1] !== '-d') return undefined;
      const ids = [...(req.prefix === '' || 'ALL'.startsWith(req.prefix) ? ['ALL'] : [])];
      return { candidates: ids };
    },
  };
}
