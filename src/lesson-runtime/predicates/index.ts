/**
 * Every goal predicate, by name: its kind, its args schema (args.ts) and its test. Lessons name them
 * in frontmatter (`check:` of a goal, `when:` of a hint); `evaluate()` runs them. To add one: its args
 * schema in args.ts, its test in state.ts (probes a scratch copy) or seen.ts (reads LabEvents), and a
 * row here; the lesson contract (course-contract.md) lists them.
 */
import { PREDICATE_ARGS, type PredicateArgs, type PredicateName, type PredicateRef } from './args.ts';
import type { PredicateContext } from './context.ts';
import { seenPredicates } from './seen.ts';
import { statePredicates } from './state.ts';

export { PREDICATE_ARGS, PREDICATE_NAMES, predicateRefProblems, type PredicateName, type PredicateRef } from './args.ts';
export type { PredicateContext } from './context.ts';

export interface PredicateDef<N extends PredicateName> {
  readonly kind: 'state' | 'seen';
  readonly args: (typeof PREDICATE_ARGS)[N];
  readonly test: (ctx: PredicateContext, args: PredicateArgs<N>) => boolean;
}

type Table = { readonly [N in PredicateName]: PredicateDef<N> };

function stateDef<N extends keyof typeof statePredicates & PredicateName>(n: N): PredicateDef<N> {
  return { kind: 'state', args: PREDICATE_ARGS[n], test: statePredicates[n] as PredicateDef<N>['test'] };
}
function seenDef<N extends keyof typeof seenPredicates & PredicateName>(n: N): PredicateDef<N> {
  return { kind: 'seen', args: PREDICATE_ARGS[n], test: seenPredicates[n] as PredicateDef<N>['test'] };
}

export const PREDICATES: Table = {
  'ehlo-lists': stateDef('ehlo-lists'),
  'ehlo-lacks': stateDef('ehlo-lacks'),
  'mail-refused-before-starttls': stateDef('mail-refused-before-starttls'),
  'starttls-works': stateDef('starttls-works'),
  'starttls-454': stateDef('starttls-454'),
  'old-tls-refused': stateDef('old-tls-refused'),
  listening: stateDef('listening'),
  'param-loaded': stateDef('param-loaded'),
  outgoing: stateDef('outgoing'),
  'files-differ-from-loaded': stateDef('files-differ-from-loaded'),
  'cert-broken': stateDef('cert-broken'),
  'only-smtpd-level': stateDef('only-smtpd-level'),
  'saw-output': seenDef('saw-output'),
  'saw-reply': seenDef('saw-reply'),
  'handshake-done': seenDef('handshake-done'),
  'handshake-failed': seenDef('handshake-failed'),
  ran: seenDef('ran'),
  'log-shown': seenDef('log-shown'),
  'typed-after-starttls-in-telnet': seenDef('typed-after-starttls-in-telnet'),
};

/**
 * Whether a reference holds. `not` negates its inner reference. An unknown name or bad args throw
 * (the frontmatter schema rejects them first, so this is a programming error).
 */
export function holds(ctx: PredicateContext, ref: PredicateRef | string): boolean {
  const r: PredicateRef = typeof ref === 'string' ? { check: ref } : ref;
  if (r.check === 'not') return !holds(ctx, r.args as PredicateRef);
  const name = r.check as PredicateName;
  const def = PREDICATES[name] as PredicateDef<PredicateName> | undefined;
  if (def === undefined) throw new Error(`unknown predicate: ${r.check}`);
  const args = def.args.parse(r.args ?? {});
  return (def.test as (c: PredicateContext, a: unknown) => boolean)(ctx, args);
}
