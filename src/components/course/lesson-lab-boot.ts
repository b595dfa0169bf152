/**
 * The first script of a lesson page with a lab, and a small one: it marks the exercises stored as done,
 * then waits until the lab is about to scroll into view before loading the lab itself (xterm, the
 * simulated Postfix, the goal checks: lesson-lab-main.ts), so reading the lesson costs nothing.
 */
import { markExercise } from './exercise-marks.ts';
import { peekDone } from './progress-peek.ts';

export function bootLessonLabs(): void {
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
