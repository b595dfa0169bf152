import { z } from 'astro/zod';

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

/** The simulated machine the lesson's lab starts from. Filled in by the lab and scenario work. */
export const lessonLabSchema = z
  .object({
    scenario: kebabName.describe('Name of the starting world for the lab terminal (main.cf, master.cf and network), e.g. "p25-level-may".'),
    commands: z
      .array(z.string().min(1))
      .nonempty()
      .optional()
      .describe('Programs the learner may run in this lesson\'s terminal, e.g. ["telnet", "postconf"]. Omitted: every program.'),
  })
  .strict()
  .describe('The lab that goes with this lesson. Omitted: a reading-only lesson with no terminal.');

/** One thing the learner should achieve in the lab; checked against the simulated state, not the typed text. */
export const lessonGoalSchema = z
  .object({
    id: kebabName.describe('Stable identifier of the goal, unique within the lesson, e.g. "starttls-offered".'),
    text: z.string().min(1).describe('What the learner is asked to do, shown next to the terminal.'),
    hint: z.string().min(1).optional().describe('A nudge shown on request when the learner is stuck.'),
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
    goals: z
      .array(lessonGoalSchema)
      .optional()
      .refine((goals) => goals === undefined || new Set(goals.map((g) => g.id)).size === goals.length, {
        message: 'goal ids must be unique within a lesson',
      })
      .describe('Goals the lab checks, in the order they are shown. Omitted or empty: nothing to check.'),
  })
  .strict();

export type LessonFrontmatter = z.infer<typeof lessonFrontmatterSchema>;
export type LessonLab = z.infer<typeof lessonLabSchema>;
export type LessonGoal = z.infer<typeof lessonGoalSchema>;
