/**
 * Every exercise of every lesson in lessons/: its goals are all unmet when the lesson's lab starts (a goal
 * met at the start is a bug), and replaying the solutions in order (typed lines, toggles, Apply) through
 * the engine and the shell meets every goal of each exercise.
 */
import { describe, expect, it } from 'vitest';
import type { LessonExercise, SolutionStep } from '../../src/lesson-runtime/frontmatter.ts';
import { toggleControl } from '../../src/lesson-runtime/panel-toggle.ts';
import { createLessonSession, type LessonSession } from '../../src/lesson-runtime/session.ts';
import { lessonFiles, parseLesson } from './lesson-files.ts';

const withExercises = lessonFiles.map((f) => parseLesson(f.path, f.text)).filter((l) => (l.data.exercises ?? []).length > 0);

function play(s: LessonSession, step: SolutionStep): string {
  if (typeof step === 'string') return s.runLine(step);
  if ('toggle' in step) {
    toggleControl(s, step.toggle, step.value);
    return '';
  }
  s.apply();
  return '';
}

function unmet(s: LessonSession, ex: LessonExercise): string[] {
  const st = s.evaluate({ exercises: [ex] })[0];
  return (st?.goals ?? []).filter((g) => !g.met).map((g) => g.text);
}

describe('lesson solutions', () => {
  it('there are lessons with exercises', () => {
    expect(withExercises.length).toBeGreaterThan(0);
  });

  it.each(withExercises.map((l) => [l.path, l] as const))(
    '%s: no goal is met at the start; each solution meets its goals',
    (path, lesson) => {
      const lab = lesson.data.lab;
      if (lab === undefined) throw new Error(`${path}: exercises need a lab`);
      const exercises = lesson.data.exercises ?? [];
      // At the start, on a fresh lab: every goal of every exercise is unmet.
      const fresh = createLessonSession({ scenario: lab.scenario });
      const atStart = fresh.evaluate({ exercises }).flatMap((st) => st.goals.filter((g) => g.met).map((g) => `${st.id}: ${g.text}`));
      expect(atStart, `${path}: goals already met at the start`).toEqual([]);
      // The solutions, in order, as a learner would do the exercises one after the other.
      const s = createLessonSession({ scenario: lab.scenario });
      for (const ex of exercises) {
        const transcript = ex.solution.map((step) => play(s, step)).join('');
        expect(unmet(s, ex), `${path} ${ex.id}: goals unmet after the solution; terminal:\n${transcript}`).toEqual([]);
      }
    },
  );
});
