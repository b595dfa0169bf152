/** Lessons parsed with the frontmatter schema, and a helper that replays solution steps in a session. */
import { parse as parseYaml } from 'yaml';
import { lessonFrontmatterSchema, type LessonFrontmatter } from '../../src/lesson-runtime/frontmatter.ts';
import type { LessonSession } from '../../src/lesson-runtime/session.ts';
import { toggleControl } from '../../src/lesson-runtime/panel-toggle.ts';
import { lessonFiles } from './lesson-files.ts';

export interface ParsedLesson {
  readonly path: string;
  readonly data: LessonFrontmatter;
  readonly body: string;
}

export function parsedLessons(): ParsedLesson[] {
  return lessonFiles().map(({ path, text }) => {
    const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text);
    if (m === null) throw new Error(`${path}: no frontmatter`);
    const data = lessonFrontmatterSchema.parse(parseYaml(m[1] ?? ''));
    return { path, data, body: text.slice(m[0].length) };
  });
}

/** The lesson whose file name starts with `NN-`. */
export function lesson(number: number): ParsedLesson {
  const prefix = `${String(number).padStart(2, '0')}-`;
  const found = parsedLessons().find((l) => l.path.startsWith(prefix));
  if (found === undefined) throw new Error(`no lesson ${prefix}`);
  return found;
}

export type Step = NonNullable<LessonFrontmatter['exercises']>[number]['solution'][number];

/** Replays solution steps (typed lines, panel toggles, Apply) in a session; returns the terminal output. */
export function replay(session: LessonSession, steps: readonly Step[]): string {
  let out = '';
  for (const step of steps) {
    if (typeof step === 'string') out += session.runLine(step);
    else if ('toggle' in step) toggleControl(session, step.toggle, step.value);
    else session.apply();
  }
  return out;
}

/** The solution steps of one exercise. */
export function solutionOf(l: ParsedLesson, exercise: string): readonly Step[] {
  const ex = (l.data.exercises ?? []).find((e) => e.id === exercise);
  if (ex === undefined) throw new Error(`${l.path}: no exercise ${exercise}`);
  return ex.solution;
}
