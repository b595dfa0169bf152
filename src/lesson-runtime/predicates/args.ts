import { z } from 'astro/zod';

/**
 * The argument schema of every goal predicate, by name. Pure Zod (no engine import), so the lesson
 * frontmatter schema can validate `check`/`args` at build time without pulling the simulator in.
 * The implementations live beside this file (predicates/index.ts joins both into `PREDICATES`).
 */

const port = z.number().int().min(1).max(65535);
/** A JavaScript regular expression source; it must compile. */
const regex = z
  .string()
  .min(1)
  .refine(
    (s) => {
      try {
        new RegExp(s);
        return true;
      } catch {
        return false;
      }
    },
    { message: 'not a valid regular expression' },
  );
const none = z.object({}).strict();

export const PREDICATE_ARGS = {
  // ---- state: probed on a scratch copy of the learner's world
  'ehlo-lists': z.object({ port, keyword: z.string().min(1), afterStarttls: z.boolean().optional() }).strict(),
  'ehlo-lacks': z.object({ port, keyword: z.string().min(1), afterStarttls: z.boolean().optional() }).strict(),
  'mail-refused-before-starttls': z.object({ port }).strict(),
  'starttls-works': z.object({ port }).strict(),
  'starttls-454': z.object({ port }).strict(),
  'old-tls-refused': z.object({ port, protocol: z.enum(['TLSv1', 'TLSv1.1']) }).strict(),
  listening: z.object({ port }).strict(),
  'param-loaded': z.object({ name: z.string().regex(/^[a-z0-9_]+$/), value: z.string(), service: z.string().min(1).optional() }).strict(),
  outgoing: z
    .object({ to: z.string().regex(/^[^@\s]+@[^@\s]+$/), result: z.enum(['sent', 'deferred']), tls: z.boolean().optional() })
    .strict(),
  'files-differ-from-loaded': none,
  'cert-broken': none,
  'only-smtpd-level': none,
  // ---- seen: read from the LabEvents recorded while the learner worked
  'saw-output': z.object({ pattern: regex, program: z.string().min(1).optional() }).strict(),
  'saw-reply': z.object({ port: port.optional(), code: z.number().int().min(200).max(599), text: regex.optional() }).strict(),
  'handshake-done': z.object({ port: port.optional(), version: z.string().min(1).optional() }).strict(),
  'handshake-failed': z.object({ port: port.optional() }).strict(),
  ran: z.object({ program: z.string().min(1), argsPattern: regex.optional() }).strict(),
  'log-shown': z.object({ pattern: regex }).strict(),
  'typed-after-starttls-in-telnet': none,
} as const;

export type PredicateName = keyof typeof PREDICATE_ARGS;
export type PredicateArgs<N extends PredicateName> = z.infer<(typeof PREDICATE_ARGS)[N]>;

export const PREDICATE_NAMES = Object.keys(PREDICATE_ARGS) as PredicateName[];

export function isPredicateName(name: string): name is PredicateName {
  return Object.hasOwn(PREDICATE_ARGS, name);
}

/** A reference to a predicate as frontmatter writes it: `{ check, args }` (args may be omitted when there are none). */
export interface PredicateRef {
  readonly check: string;
  readonly args?: unknown;
}

/**
 * Problems with one predicate reference: an unknown name or args its schema rejects. `not` is
 * accepted only where `allowNot` (hints): its args are another reference.
 */
export function predicateRefProblems(ref: PredicateRef, allowNot: boolean, depth = 0): string[] {
  if (ref.check === 'not') {
    if (!allowNot) return ['`not` is allowed in hints only'];
    if (depth > 4) return ['`not` nested too deeply'];
    const inner = z.object({ check: z.string(), args: z.unknown().optional() }).strict().safeParse(ref.args);
    if (!inner.success) return ['`not` needs args { check, args }'];
    return predicateRefProblems(inner.data, allowNot, depth + 1);
  }
  if (!isPredicateName(ref.check)) return [`unknown predicate "${ref.check}" (known: ${PREDICATE_NAMES.join(', ')}, not)`];
  const parsed = PREDICATE_ARGS[ref.check].safeParse(ref.args ?? {});
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => `${ref.check} args${i.path.length > 0 ? `.${i.path.join('.')}` : ''}: ${i.message}`);
}
