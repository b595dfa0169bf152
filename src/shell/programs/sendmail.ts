/**
 * `sendmail [-f SENDER] [-t] [-i] RCPT...` (Postfix's sendmail(1)) over the world's queue. On a terminal it
 * reads the message as typed, up to a line with a single `.` (unless `-i`/`-oi`) or Ctrl-D, as the real
 * program reads its standard input, and only then hands it to the queue (which also reports a missing
 * recipient then, as Postfix does). `-bp` lists the queue, `-q` flushes it.
 */
import { parseSendmailArgs } from '../../engine/queue/sendmail-args.ts';
import type { Program } from '../program.ts';
import type { InteractiveSession, SessionIo } from '../session.ts';
import type { LabEnv } from './net/lab-env.ts';
import { guarded, writeResult } from './net/tool-output.ts';

export function sendmailProgram(env: LabEnv, name = 'sendmail'): Program {
  return {
    name,
    usage: `${name} [-f SENDER] [-t] [-i] RECIPIENT...`,
    run(ctx) {
      const args = ctx.argv.slice(1);
      const submit = (text: string): number =>
        writeResult(
          ctx,
          guarded(name, () => env.world.queue.sendmail(args, text)),
        );
      let req;
      try {
        req = parseSendmailArgs(args);
      } catch {
        return submit('');
      }
      if (req.mode !== 'send') return submit('');
      if (ctx.stdin.kind === 'text') return submit(ctx.stdin.text);
      const ignoreDots = req.ignoreDots;
      const lines: string[] = [];
      let io: SessionIo | null = null;
      const session: InteractiveSession = {
        mode: 'cooked',
        start(i) {
          io = i;
        },
        onInput(data) {
          if (!ignoreDots && data === '.\n') {
            io?.exit(submit(lines.join('')));
            return;
          }
          lines.push(data);
        },
        onEof() {
          io?.exit(submit(lines.join('')));
        },
      };
      return session;
    },
  };
}
