import { boolean, number, object, oneOf, optional, refine, run, schema, string, unknown, type Schema } from '../validate.ts';

/**
 * The argument schema of every goal predicate, by name. Zod-free (validate.ts), so the browser's lab
 * checks args without shipping Zod, and the lesson frontmatter schema (Zod, build time) reports the
 * same problems through predicateRefProblems. No engine import: the frontmatter schema must not pull
 * the simulator in. The implementations live beside this file (predicates/index.ts joins both into
 * `PREDICATES`).
 */

const port = number({ int: true, min: 1, max: 65535 });
const name = string({ min: 1 });
/** Whether a JavaScript regular expression source compiles. */
export function compiles(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}
/** A JavaScript regular expression source; it must compile. */
const regex = refine(string({ min: 1 }), compiles, 'not a valid regular expression');
const none = schema(object({}));
const portOnly = schema(object({ port }));
const ehlo = schema(object({ port, keyword: name, afterStarttls: optional(boolean) }));

export const PREDICATE_ARGS = {
  // ---- state: probed on a scratch copy of the learner's world
  'ehlo-lists': ehlo,
  'ehlo-lacks': ehlo,
  'mail-refused-before-starttls': portOnly,
  'starttls-works': portOnly,
  'starttls-454': portOnly,
  'old-tls-refused': schema(object({ port, protocol: oneOf(['TLSv1', 'TLSv1.1']) })),
  listening: portOnly,
  'param-loaded': schema(object({ name: string({ pattern: /^[a-z0-9_]+$/ }), value: string(), service: optional(name) })),
  outgoing: schema(object({ to: string({ pattern: /^[^@\s]+@[^@\s]+$/ }), result: oneOf(['sent', 'deferred']), tls: optional(boolean) })),
  'files-differ-from-loaded': none,
  'cert-broken': none,
  'only-smtpd-level': none,
  // ---- seen: read from the LabEvents recorded while the learner worked
  'saw-output': schema(object({ pattern: regex, program: optional(name) })),
  'saw-reply': schema(object({ port: optional(port), code: number({ int: true, min: 200, max: 599 }), text: optional(regex) })),
  'handshake-done': schema(object({ port: optional(port), version: optional(name) })),
  'handshake-failed': schema(object({ port: optional(port) })),
  ran: schema(object({ program: name, argsPattern: optional(regex) })),
  'log-shown': schema(object({ pattern: regex })),
  'typed-after-starttls-in-telnet': none,
} as const;

export type PredicateName = keyof typeof PREDICATE_ARGS;
export type PredicateArgs<N extends PredicateName> = (typeof PREDICATE_ARGS)[N] extends Schema<infer T> ? T : never;

export const PREDICATE_NAMES = Object.keys(PREDICATE_ARGS) as PredicateName[];

export function isPredicateName(name: string): name is PredicateName {
  return Object.hasOwn(PREDICATE_ARGS, name);
}

/** A reference to a predicate as frontmatter writes it: `{ check, args }` (args may be omitted when there are none). */
export interface PredicateRef {
  readonly check: string;
  readonly args?: unknown;
}

const notArgs = object({ check: string(), args: optional(unknown) });

/**
 * Problems with one predicate reference: an unknown name or args its schema rejects. `not` is
 * accepted only where `allowNot` (hints): its args are another reference.
 */
export function predicateRefProblems(ref: PredicateRef, allowNot: boolean, depth = 0): string[] {
  if (ref.check === 'not') {
    if (!allowNot) return ['`not` is allowed in hints only'];
    if (depth > 4) return ['`not` nested too deeply'];
    const inner = run(notArgs, ref.args);
    if (!inner.ok) return ['`not` needs args { check, args }'];
    return predicateRefProblems(inner.value, allowNot, depth + 1);
  }
  if (!isPredicateName(ref.check)) return [`unknown predicate "${ref.check}" (known: ${PREDICATE_NAMES.join(', ')}, not)`];
  const parsed = PREDICATE_ARGS[ref.check].safeParse(ref.args ?? {});
  if (parsed.ok) return [];
  return parsed.issues.map((i) => `${ref.check} args${i.path.length > 0 ? `.${i.path.join('.')}` : ''}: ${i.message}`);
}
