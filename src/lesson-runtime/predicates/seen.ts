/** The `seen` predicates: what the learner has done and seen, read from the LabEvents of the lab. */
import type { OutputLine } from '../events.ts';
import type { PredicateArgs } from './args.ts';
import type { PredicateContext } from './context.ts';

/** `program` names a line's program: `telnet`, `openssl`, `s_client` or `openssl s_client`. */
function fromProgram(line: OutputLine, program: string): boolean {
  if (line.program === program) return true;
  if (line.program === 'openssl' && line.sub !== null) return program === line.sub || program === `openssl ${line.sub}`;
  return false;
}

export const seenPredicates = {
  'saw-output': (ctx: PredicateContext, a: PredicateArgs<'saw-output'>): boolean => {
    const re = new RegExp(a.pattern);
    const program = a.program;
    return ctx.events.outputLines().some((l) => (program === undefined || fromProgram(l, program)) && re.test(l.text));
  },
  'saw-reply': (ctx: PredicateContext, a: PredicateArgs<'saw-reply'>): boolean => {
    const re = a.text === undefined ? null : new RegExp(a.text);
    return ctx.events.replies.some(
      (r) => r.code === a.code && (a.port === undefined || r.port === a.port) && (re === null || re.test(r.line.slice(4))),
    );
  },
  'handshake-done': (ctx: PredicateContext, a: PredicateArgs<'handshake-done'>): boolean =>
    ctx.events.handshakes.some(
      (h) =>
        h.client === 'learner' &&
        h.ok &&
        (a.port === undefined || h.port === a.port) &&
        (a.version === undefined || h.version === a.version),
    ),
  'handshake-failed': (ctx: PredicateContext, a: PredicateArgs<'handshake-failed'>): boolean =>
    ctx.events.handshakes.some((h) => h.client === 'learner' && !h.ok && (a.port === undefined || h.port === a.port)),
  ran: (ctx: PredicateContext, a: PredicateArgs<'ran'>): boolean => {
    const re = a.argsPattern === undefined ? null : new RegExp(a.argsPattern);
    return ctx.events.commands.some((c) =>
      c.argv.some((argv) => {
        const name = (argv[0] ?? '').slice((argv[0] ?? '').lastIndexOf('/') + 1);
        if (name !== a.program) return false;
        return re === null || re.test(argv.join(' ')) || re.test(argv.slice(1).join(' '));
      }),
    );
  },
  'log-shown': (ctx: PredicateContext, a: PredicateArgs<'log-shown'>): boolean => {
    const re = new RegExp(a.pattern);
    const logged = new Set(ctx.world.logLines());
    return ctx.events.outputLines().some((l) => re.test(l.text) && logged.has(l.text));
  },
  'typed-after-starttls-in-telnet': (ctx: PredicateContext): boolean => ctx.events.typedAfterStarttlsInTelnet,
} as const;
