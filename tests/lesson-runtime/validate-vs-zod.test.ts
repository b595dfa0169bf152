/**
 * The browser's hand-written validators (src/lesson-runtime/validate.ts) against the Zod schemas they
 * replaced (issue 12). The Zod schemas below are the ones the lab shipped until then, kept here as the
 * reference: on random and near-valid values both must accept and reject the same values, with the
 * same issues (path and message, in order) and the same parsed result (keys in the same order).
 * The lab image and course file cover storage, share links, embeds, review and import; the predicate
 * args cover goal checks in the browser and the frontmatter problems the build reports.
 */
import { z } from 'astro/zod';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_IMAGE_FILE_CHARS, MAX_IMAGE_FILES } from '../../src/lesson-runtime/lab-image.ts';
import { labImageCheck } from '../../src/lesson-runtime/lab-image-check.ts';
import {
  compiles,
  PREDICATE_ARGS,
  PREDICATE_NAMES,
  predicateRefProblems,
  type PredicateRef,
} from '../../src/lesson-runtime/predicates/args.ts';
import { courseExportCheck } from '../../src/lesson-runtime/progress-export.ts';
import { run, type Check } from '../../src/lesson-runtime/validate.ts';

// ---- the reference: the Zod schemas as they were (lab-image.ts, progress.ts, predicates/args.ts)

const zFile = z.object({ content: z.string().max(MAX_IMAGE_FILE_CHARS), mode: z.number().int().min(0).max(0o7777) }).strict();
const zLabImage = z
  .object({
    format: z.literal('postfix-tls-lab/image'),
    version: z.literal(1),
    scenario: z.object({ name: z.string().min(1).max(100), version: z.number().int().nonnegative() }).strict(),
    files: z
      .record(z.string().regex(/^\/[^\0]*$/, 'an absolute path'), zFile.nullable())
      .refine((f) => Object.keys(f).length <= MAX_IMAGE_FILES, { message: 'too many files' }),
    loaded: z
      .object({ mainCf: z.string().max(MAX_IMAGE_FILE_CHARS), masterCf: z.string().max(MAX_IMAGE_FILE_CHARS) })
      .strict()
      .nullable(),
    exercisesDone: z.array(z.string().min(1).max(100)).max(100),
  })
  .strict();
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)*$/;
const zCourse = z
  .object({ format: z.literal('postfix-tls-lab/progress'), version: z.literal(1), lessons: z.record(z.string().regex(SLUG), zLabImage) })
  .strict();

const zPort = z.number().int().min(1).max(65535);
const zRegex = z.string().min(1).refine(compiles, { message: 'not a valid regular expression' });
const zNone = z.object({}).strict();
const zEhlo = z.object({ port: zPort, keyword: z.string().min(1), afterStarttls: z.boolean().optional() }).strict();
const Z_ARGS: Record<string, z.ZodObject<z.ZodRawShape>> = {
  'ehlo-lists': zEhlo,
  'ehlo-lacks': zEhlo,
  'mail-refused-before-starttls': z.object({ port: zPort }).strict(),
  'starttls-works': z.object({ port: zPort }).strict(),
  'starttls-454': z.object({ port: zPort }).strict(),
  'old-tls-refused': z.object({ port: zPort, protocol: z.enum(['TLSv1', 'TLSv1.1']) }).strict(),
  listening: z.object({ port: zPort }).strict(),
  'param-loaded': z.object({ name: z.string().regex(/^[a-z0-9_]+$/), value: z.string(), service: z.string().min(1).optional() }).strict(),
  outgoing: z
    .object({ to: z.string().regex(/^[^@\s]+@[^@\s]+$/), result: z.enum(['sent', 'deferred']), tls: z.boolean().optional() })
    .strict(),
  'files-differ-from-loaded': zNone,
  'cert-broken': zNone,
  'only-smtpd-level': zNone,
  'saw-output': z.object({ pattern: zRegex, program: z.string().min(1).optional() }).strict(),
  'saw-reply': z.object({ port: zPort.optional(), code: z.number().int().min(200).max(599), text: zRegex.optional() }).strict(),
  'handshake-done': z.object({ port: zPort.optional(), version: z.string().min(1).optional() }).strict(),
  'handshake-failed': z.object({ port: zPort.optional() }).strict(),
  ran: z.object({ program: z.string().min(1), argsPattern: zRegex.optional() }).strict(),
  'log-shown': z.object({ pattern: zRegex }).strict(),
  'typed-after-starttls-in-telnet': zNone,
};

function zodRefProblems(ref: PredicateRef, allowNot: boolean, depth = 0): string[] {
  if (ref.check === 'not') {
    if (!allowNot) return ['`not` is allowed in hints only'];
    if (depth > 4) return ['`not` nested too deeply'];
    const inner = z.object({ check: z.string(), args: z.unknown().optional() }).strict().safeParse(ref.args);
    if (!inner.success) return ['`not` needs args { check, args }'];
    return zodRefProblems(inner.data, allowNot, depth + 1);
  }
  const schema = Object.hasOwn(Z_ARGS, ref.check) ? Z_ARGS[ref.check] : undefined;
  if (schema === undefined) return [`unknown predicate "${ref.check}" (known: ${Object.keys(Z_ARGS).join(', ')}, not)`];
  const parsed = schema.safeParse(ref.args ?? {});
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => `${ref.check} args${i.path.length > 0 ? `.${i.path.join('.')}` : ''}: ${i.message}`);
}

// ---- comparing

function same(check: Check<unknown>, schema: z.ZodType<unknown>, value: unknown): void {
  const mine = run(check, value);
  const ref = schema.safeParse(value);
  if (ref.success) {
    expect(mine).toEqual({ ok: true, value: ref.data });
    if (mine.ok) expect(JSON.stringify(mine.value)).toBe(JSON.stringify(ref.data));
  } else {
    expect(mine.ok ? [] : mine.issues).toEqual(ref.error.issues.map((i) => ({ path: i.path, message: i.message })));
  }
}

// ---- values: valid, near-valid (a field wrong, missing or extra) and anything at all

const weird = fc.oneof(
  fc.constantFrom(undefined, null, true, 0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '', 'x', [], {}),
  fc.anything({ maxDepth: 2, withNullPrototype: true, withDate: true, withMap: true, withSet: true, withSparseArray: true }),
);
const maybe = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<unknown> => fc.oneof({ weight: 15, arbitrary: a }, { weight: 1, arbitrary: weird });
/** An object whose keys may be missing, plus sometimes a stray key. */
function near(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  return fc
    .tuple(
      fc.oneof({ weight: 5, arbitrary: fc.record(fields) }, { weight: 1, arbitrary: fc.record(fields, { requiredKeys: [] }) }),
      fc.option(fc.dictionary(fc.constantFrom('extra', 'Format', 'port', 'mode', '__proto__'), weird, { maxKeys: 2 }), { freq: 15 }),
    )
    .map(([o, extra]) => (extra === null ? o : Object.assign(o, extra)));
}
/** Mostly `good`, sometimes `edge` (limits, wrong values of the right type). */
const mostly = (good: fc.Arbitrary<unknown>, edge: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 6, arbitrary: good }, { weight: 1, arbitrary: edge });
const short = (min: number) =>
  mostly(fc.string({ minLength: Math.max(min, 1), maxLength: 8 }), fc.constantFrom('', 'a'.repeat(100), 'a'.repeat(101)));
const big = fc.constantFrom('a'.repeat(MAX_IMAGE_FILE_CHARS), 'a'.repeat(MAX_IMAGE_FILE_CHARS + 1));
const text = fc.oneof({ weight: 30, arbitrary: fc.string({ maxLength: 20 }) }, { weight: 1, arbitrary: big });
const int = fc.oneof(
  fc.integer({ min: -2, max: 70000 }),
  fc.constantFrom(0, 0o7777, 0o10000, 1, 65535, 65536, 199, 200, 599, 600, 2.5, -0),
);
const file = near({ content: maybe(text), mode: maybe(mostly(fc.constantFrom(0o644, 0o600, 0, 0o7777), int)) });
const path = mostly(
  fc.constantFrom('/etc/postfix/main.cf', '/etc/postfix/master.cf', '/root/x', '/'),
  fc.oneof(fc.constantFrom('etc/aliases', '', '/a\0b', '__proto__', 'constructor'), fc.string({ maxLength: 6 })),
) as fc.Arbitrary<string>;
const files = fc.oneof(
  { weight: 30, arbitrary: fc.dictionary(path, maybe(fc.option(file)), { maxKeys: 4 }) },
  {
    weight: 1,
    arbitrary: fc.boolean().map((bad) => {
      const f: Record<string, unknown> = {};
      for (let i = 0; i <= MAX_IMAGE_FILES; i++) f[`/f${i}`] = { content: '', mode: 0o644 };
      if (bad) f['/f7'] = { content: 1, mode: 0o644 };
      return f;
    }),
  },
);
const nearImage = near({
  format: maybe(mostly(fc.constant('postfix-tls-lab/image'), fc.constant('postfix-tls-lab/progress'))),
  version: maybe(mostly(fc.constant(1), fc.constantFrom(2, '1'))),
  scenario: maybe(near({ name: maybe(short(1)), version: maybe(mostly(fc.nat(5), int)) })),
  files: maybe(files),
  loaded: maybe(fc.option(near({ mainCf: maybe(text), masterCf: maybe(text) }))),
  exercisesDone: maybe(mostly(fc.array(maybe(short(1)), { maxLength: 3 }), fc.constant(Array.from({ length: 101 }, () => 'x')))),
});
const validImage = fc.record({
  format: fc.constant('postfix-tls-lab/image'),
  version: fc.constant(1),
  scenario: fc.record({ name: fc.string({ minLength: 1, maxLength: 100 }), version: fc.nat() }),
  files: fc.dictionary(
    fc.string().map((x) => `/${x.replaceAll('\0', '')}`),
    fc.option(fc.record({ content: fc.string(), mode: fc.nat(0o7777) })),
    {
      maxKeys: 5,
    },
  ),
  loaded: fc.option(fc.record({ mainCf: fc.string(), masterCf: fc.string() })),
  exercisesDone: fc.array(fc.string({ minLength: 1, maxLength: 100 }), { maxLength: 5 }),
});
const labImage = fc.oneof(validImage, nearImage, nearImage);
const courseFile = near({
  format: maybe(mostly(fc.constant('postfix-tls-lab/progress'), fc.constant('postfix-tls-lab/image'))),
  version: maybe(mostly(fc.constant(1), fc.constant(2))),
  lessons: maybe(
    fc.dictionary(mostly(fc.constantFrom('tls-basics', 'a/b-c'), fc.constantFrom('Bad', '-x', 'x--y')) as fc.Arbitrary<string>, labImage, {
      maxKeys: 2,
    }),
  ),
});

const ARG_VALUES: Record<string, fc.Arbitrary<unknown>> = {
  port: int,
  code: int,
  keyword: short(0),
  program: short(0),
  version: short(0),
  service: short(0),
  value: short(0),
  afterStarttls: fc.boolean(),
  tls: fc.boolean(),
  protocol: fc.constantFrom('TLSv1', 'TLSv1.1', 'TLSv1.2', 'tlsv1'),
  result: fc.constantFrom('sent', 'deferred', 'bounced'),
  name: fc.constantFrom('smtpd_tls_security_level', 'Bad-Name', '', 'a b'),
  to: fc.constantFrom('a@b.example', 'a@@b', 'ab', 'a @b', '@b'),
  pattern: fc.constantFrom('^250-STARTTLS$', '', '(', '[a-', 'a{2}', '\\'),
  text: fc.constantFrom('STARTTLS', '', '('),
  argsPattern: fc.constantFrom('-e', '', '*'),
};
const argsFor = (name: string): fc.Arbitrary<unknown> => {
  const own = Object.keys(Z_ARGS[name]?.shape ?? {});
  return fc.oneof(
    { weight: 8, arbitrary: near(Object.fromEntries(own.map((k) => [k, maybe(ARG_VALUES[k] ?? weird)]))) },
    { weight: 1, arbitrary: weird },
    { weight: 1, arbitrary: near(ARG_VALUES) },
  );
};
const ref: fc.Arbitrary<PredicateRef> = fc.letrec<{ ref: PredicateRef }>((tie) => ({
  ref: fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...PREDICATE_NAMES).chain((check) => argsFor(check).map((args) => ({ check, args }))) },
    { weight: 1, arbitrary: fc.constantFrom('nope', 'toString', '__proto__').map((check) => ({ check })) },
    { weight: 2, arbitrary: fc.oneof(tie('ref'), weird).map((args) => ({ check: 'not', args })) },
  ),
})).ref;

describe('hand-written validators give what the Zod schemas gave (fast-check)', () => {
  it('lab images: same verdict, same issues, same result', () => {
    fc.assert(
      fc.property(labImage, (v) => same(labImageCheck as Check<unknown>, zLabImage, v)),
      { numRuns: 2000, seed: 12 },
    );
    fc.assert(
      fc.property(weird, (v) => same(labImageCheck as Check<unknown>, zLabImage, v)),
      { numRuns: 500, seed: 13 },
    );
  }, 120_000);

  it('course progress files: same verdict, same issues, same result', () => {
    fc.assert(
      fc.property(courseFile, (v) => same(courseExportCheck as Check<unknown>, zCourse, v)),
      { numRuns: 1000, seed: 14 },
    );
  }, 120_000);

  it('predicate args: same verdict and issues for every predicate, and the same frontmatter problems', () => {
    expect([...PREDICATE_NAMES].sort()).toEqual(Object.keys(Z_ARGS).sort());
    fc.assert(
      fc.property(
        fc.constantFrom(...PREDICATE_NAMES).chain((name) => argsFor(name).map((args) => [name, args] as const)),
        ([name, args]) => same(PREDICATE_ARGS[name].check as Check<unknown>, Z_ARGS[name] as z.ZodType<unknown>, args),
      ),
      { numRuns: 3000, seed: 15 },
    );
    fc.assert(
      fc.property(ref, fc.boolean(), (r, allowNot) => {
        expect(predicateRefProblems(r, allowNot)).toEqual(zodRefProblems(r, allowNot));
      }),
      { numRuns: 3000, seed: 16 },
    );
  }, 120_000);

  it('the near-valid values reach both verdicts (the comparison is not vacuous)', () => {
    const verdicts = fc.sample(labImage, { numRuns: 500, seed: 17 }).map((v) => zLabImage.safeParse(v).success);
    expect(verdicts.filter(Boolean).length).toBeGreaterThan(10);
    expect(verdicts.filter((x) => !x).length).toBeGreaterThan(10);
    const files = fc.sample(courseFile, { numRuns: 500, seed: 19 }).map((v) => zCourse.safeParse(v).success);
    expect(files.filter(Boolean).length).toBeGreaterThan(10);
    expect(files.filter((x) => !x).length).toBeGreaterThan(10);
    const problems = fc.sample(ref, { numRuns: 500, seed: 18 }).map((r) => zodRefProblems(r, true).length === 0);
    expect(problems.filter(Boolean).length).toBeGreaterThan(10);
    expect(problems.filter((x) => !x).length).toBeGreaterThan(10);
  });
});
