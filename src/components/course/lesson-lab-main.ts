/**
 * A lesson's lab, once it is in view: starts the `<lab-console>` on the lesson's scenario, checks the
 * exercises live (exercise-checks.ts, shared with embeds) and keeps the two pictures current.
 * Texts go in as text only.
 */
import type { LessonFrontmatter } from '../../lesson-runtime/frontmatter.ts';
import type { LessonSession } from '../../lesson-runtime/session.ts';
import { defineLabConsole, type LabConsoleElement } from '../lab/lab-console.ts';
import { watchExercises } from './exercise-checks.ts';
import type { Pictures } from './lesson-pictures.ts';

type LessonData = Pick<LessonFrontmatter, 'exercises'>;

export function mountLessonLab(root: HTMLElement): void {
  const data = JSON.parse(root.dataset['lesson'] ?? '{}') as LessonData;
  defineLabConsole();
  const lab = root.querySelector<LabConsoleElement>('lab-console');
  if (lab === null) return;
  // The pictures' code comes after the first check, with the lab's machine (lesson-pictures.ts).
  let pictures: Promise<Pictures | null> | null = null;
  const drawPictures = (s: LessonSession) => {
    pictures ??= import('./lesson-pictures.ts').then(
      (m) => new m.Pictures(root),
      () => null,
    );
    void pictures.then((p) => p?.render(s));
  };
  watchExercises(root, lab, data, {
    announcer: root.querySelector<HTMLElement>('.lesson-lab__announcer'),
    afterCheck: drawPictures,
  });
}
