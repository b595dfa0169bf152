/**
 * The first script of a lesson page with a lab: it marks the exercises stored as done and defines the
 * light `<lab-console>` element at once (its prompt shows without waiting for xterm; with `start="near"`
 * the element fetches its terminal itself once it is near the viewport, lab-console.ts). The rest of the
 * lesson's lab (the goal checks and pictures: lesson-lab-main.ts) waits until the lab is about to scroll
 * into view, so reading the lesson costs little.
 */
import { defineLabConsole } from '../lab/lab-console.ts';
import { markExercise } from './exercise-marks.ts';
import { peekDone } from './progress-peek.ts';

export function bootLessonLabs(): void {
  defineLabConsole();
  for (const root of document.querySelectorAll<HTMLElement>('.lesson-lab__root')) boot(root);
}

function boot(root: HTMLElement): void {
  for (const id of peekDone(root.dataset['slug'] ?? '')) markExercise(root, id, true);
  const target = root.querySelector('.lesson-lab__console');
  if (target === null) return;
  let started = false;
  const load = () => {
    if (started) return;
    started = true;
    import('./lesson-lab-main.ts')
      .then((m) => m.mountLessonLab(root))
      .catch(() => {
        const notice = root.querySelector('.lesson-lab__notice');
        if (notice !== null) notice.textContent = 'The lab could not be loaded. Reload the page to try again.';
      });
  };
  if (typeof IntersectionObserver !== 'function') {
    load();
    return;
  }
  const observer = new IntersectionObserver(
    (entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      observer.disconnect();
      load();
    },
    { rootMargin: '200px 0px' },
  );
  observer.observe(target);
}
