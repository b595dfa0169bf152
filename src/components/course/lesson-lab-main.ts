/**
 * A lesson's lab, once it is near the viewport and its machine has come (then a quiet moment:
 * lesson-lab-boot.ts): checks the exercises of its `<lab-console>` (defined by lesson-lab-boot.ts, on
 * the lesson's scenario) live (exercise-checks.ts, shared with embeds) and keeps the two pictures current.
 * Texts go in as text only.
 */
import type { LessonFrontmatter } from '../../lesson-runtime/frontmatter.ts';
import type { LessonSession } from '../../lesson-runtime/session.ts';
import { whenQuiet } from '../../terminal/prefetch.ts';
import { defineLabConsole, type LabConsoleElement } from '../lab/lab-console.ts';
import { watchExercises } from './exercise-checks.ts';
import type { Pictures } from './lesson-pictures.ts';

type LessonData = Pick<LessonFrontmatter, 'exercises'>;

/** How near the viewport the pictures must come before their code is fetched (as the lab itself, lesson-lab-boot.ts). */
const PICTURES_MARGIN = '200px 0px';
/** Out of view, the pictures are drawn anyway this long after the first goal check (once the page is idle). */
const PICTURES_LATER_MS = 3000;

/** `quietAlready`: the page has waited for the lab to be quiet (see ExerciseChecksOptions). */
export function mountLessonLab(root: HTMLElement, opts: { readonly quietAlready?: boolean } = {}): void {
  const data = JSON.parse(root.dataset['lesson'] ?? '{}') as LessonData;
  defineLabConsole();
  const lab = root.querySelector<LabConsoleElement>('lab-console');
  if (lab === null) return;
  // The pictures' code (lesson-pictures.ts) comes once a goal check has run (the lab's machine is there)
  // and the pictures are near the viewport, or a few quiet seconds later: a first command and its EHLO
  // cost xterm and the machine alone.
  let pictures: Promise<Pictures | null> | null = null;
  let checked: LessonSession | null = null;
  let near = false;
  const drawPictures = () => {
    const s = checked;
    if (s === null || !near) return;
    pictures ??= import('./lesson-pictures.ts').then(
      (m) => new m.Pictures(root),
      () => null,
    );
    void pictures.then((p) => p?.render(s));
  };
  const section = root.querySelector('.pictures');
  if (section === null || typeof IntersectionObserver !== 'function') near = true;
  else {
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        observer.disconnect();
        near = true;
        drawPictures();
      },
      { rootMargin: PICTURES_MARGIN },
    );
    observer.observe(section);
  }
  watchExercises(root, lab, data, {
    announcer: root.querySelector<HTMLElement>('.lesson-lab__announcer'),
    quietAlready: opts.quietAlready ?? false,
    afterCheck: (s) => {
      if (checked === null)
        whenQuiet(() => {
          near = true;
          drawPictures();
        }, PICTURES_LATER_MS);
      checked = s;
      drawPictures();
    },
  });
}
