/** `postqueue -p|-j|-f|-i ID|-s SITE` over the world's queue. */
import type { Program } from '../program.ts';
import type { LabEnv } from './net/lab-env.ts';
import { guarded, writeResult } from './net/tool-output.ts';

export function postqueueProgram(env: LabEnv): Program {
  return {
    name: 'postqueue',
    usage: 'postqueue -p|-j|-f|-i QUEUE_ID|-s SITE',
    run(ctx) {
      return writeResult(
        ctx,
        guarded('postqueue', () => env.world.queue.postqueue(ctx.argv.slice(1))),
        true,
      );
    },
  };
}
