/** `mailq`: the queue listing (postqueue -p), over the world's queue (corpus terminal/term-postfix-cli). */
import type { Program } from '../program.ts';
import type { LabEnv } from './net/lab-env.ts';
import { guarded, writeResult } from './net/tool-output.ts';

export function mailqProgram(env: LabEnv): Program {
  return {
    name: 'mailq',
    usage: 'mailq',
    run(ctx) {
      return writeResult(
        ctx,
        guarded('mailq', () => env.world.queue.mailq()),
        true,
      );
    },
  };
}
