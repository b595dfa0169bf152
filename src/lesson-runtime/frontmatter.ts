// eslint-disable-next-line no-restricted-imports -- the lesson schema runs at build time only; the browser imports its types alone
import { z } from 'astro/zod';
import { predicateRefProblems } from './predicates/args.ts';

/**
 * Frontmatter of one lesson file in `lessons/`.
 *
 * Pure (no Astro runtime, no DOM, no Node): `src/content.config.ts` hands it to the content
 * collection, and `tests/lessons.test.ts` validates the raw files with it directly.
 * Unknown keys are rejected (`.strict()`), so a typo in a field name fails the build instead of
 * being silently ignored.
 */

/** A lowercase kebab-case name: `p25-level-may`, `starttls-offered`. */
const kebabName = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lowercase kebab-case (a-z, 0-9, single dashes)');

/** The simulated machine the lesson's lab starts from, and what its panel shows. */
export const lessonLabSchema = z
  .object({
    scenario: kebabName.describe('Key of SCENARIOS (src/lesson-runtime/scenarios/index.ts) the lab starts from, e.g. "tls-off".'),
    controls: z
      .array(z.string().regex(/^[a-z0-9_]+(?: [a-z0-9_]+)?$/, 'a parameter name (or "<service> <parameter>", or a service name)'))
      .optional()
      .describe('Config-panel controls shown, by parameter name verbatim (e.g. smtpd_tls_security_level). Omitted: none.'),
    commands: z
      .array(z.string().min(1))
      .nonempty()
      .optional()
      .describe('Programs the learner may run in this lesson\'s terminal, e.g. ["telnet", "postconf"]. Omitted: every program.'),
  })
  .strict()
  .describe('The lab that goes with this lesson. Omitted: a reading-only lesson with no terminal.');

/** One condition of an exercise, checked against the simulated state or what the learner has seen. */
export const lessonGoalSchema = z
  .object({
    check: z.string().min(1).describe('A predicate name from PREDICATES (src/lesson-runtime/predicates/).'),
    args: z.record(z.unknown()).optional().describe("The predicate's arguments (validated by that predicate's schema)."),
    text: z.string().min(1).describe('The goal as shown in the checklist.'),
  })
  .strict()
  .superRefine((ref, ctx) => {
    for (const message of predicateRefProblems(ref, false)) ctx.addIssue({ code: z.ZodIssueCode.custom, message, path: ['args'] });
  });

/** A hint shown while `when` holds on the learner's state and the exercise is not done. */
export const lessonHintSchema = z
  .object({
    when: z
      .union([z.string().min(1), z.object({ check: z.string().min(1), args: z.record(z.unknown()).optional() })])
      .superRefine((w, ctx) => {
        const ref = typeof w === 'string' ? { check: w } : w;
        for (const message of predicateRefProblems(ref, true)) ctx.addIssue({ code: z.ZodIssueCode.custom, message });
      })
      .describe('A predicate name, or { check, args } (`not` allowed here).'),
    text: z.string().min(1),
  })
  .strict();

/** One step of a solution: a typed line, a panel toggle, or the panel's Apply button. */
export const solutionStepSchema = z.union([
  z.string(),
  z.object({ toggle: z.string().min(1), value: z.string() }).strict(),
  z.object({ apply: z.literal(true) }).strict(),
]);

export const lessonExerciseSchema = z
  .object({
    id: kebabName.describe('Stable identifier, unique within the lesson (progress is stored under it).'),
    text: z.string().min(1).describe('What the learner is asked to do.'),
    goals: z.array(lessonGoalSchema).nonempty().describe('All must hold for the exercise to be done.'),
    hints: z.array(lessonHintSchema).optional(),
    solution: z.array(solutionStepSchema).nonempty().describe('Revealed on request; replayed by the solution test.'),
  })
  .strict();

export const lessonFrontmatterSchema = z
  .object({
    title: z.string().trim().min(1).describe('Lesson title: the page <h1>, the <title> and the link text on the home page.'),
    order: z
      .number()
      .int()
      .positive()
      .describe('Position in the course, 1 first. Unique across lessons; gaps are allowed so lessons can be inserted.'),
    summary: z
      .string()
      .trim()
      .min(1)
      .max(300)
      .describe('One or two sentences shown under the title on the home page and used as the meta description.'),
    lab: lessonLabSchema.optional(),
    exercises: z
      .array(lessonExerciseSchema)
      .optional()
      .refine((ex) => ex === undefined || new Set(ex.map((e) => e.id)).size === ex.length, {
        message: 'exercise ids must be unique within a lesson',
      })
      .describe('Exercises checked against the lab, in the order shown. Omitted: nothing to check.'),
  })
  .strict();

export type LessonFrontmatter = z.infer<typeof lessonFrontmatterSchema>;
export type LessonLab = z.infer<typeof lessonLabSchema>;
export type LessonGoal = z.infer<typeof lessonGoalSchema>;
export type LessonHint = z.infer<typeof lessonHintSchema>;
export type LessonExercise = z.infer<typeof lessonExerciseSchema>;
export type SolutionStep = z.infer<typeof solutionStepSchema>;
