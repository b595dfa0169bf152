/**
 * The first script of a lesson page with a lab: it marks the exercises stored as done and defines the
 * light `<lab-console>` element at once (its prompt shows without waiting for xterm; with `start="near"`
 * the element fetches its terminal itself once it is near the viewport, lab-console.ts). The rest of the
 * lesson's lab (the goal checks and pictures: lesson-lab-main.ts) waits until the lab is near the viewport
 * and its machine has come (the first `lab-change`: the checks have nothing to read before), then for a
 * quiet moment (at the latest a few seconds), so neither reading the lesson nor a first command and its
 * EHLO wait on it: the checks read the lab as it is when they run, so what was done meanwhile counts.
 */
import { whenQuiet, type QuietTask } from '../../terminal/prefetch.ts';
import { defineLabConsole, type LabConsoleElement } from '../lab/lab-console.ts';
import { markExercise } from './exercise-marks.ts';
import { peekDone } from './progress-peek.ts';

/** No change in the lab for this long before the checks' code is fetched (as exercise-checks.ts waits)... */
const CHECKS_QUIET_MS = 1000;
/** ...and at the latest this long after the lab's machine has come. */
const CHECKS_LATEST_MS = 2500;

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
      .then((m) => m.mountLessonLab(root, { quietAlready: true }))
      .catch(() => {
        const notice = root.querySelector('.lesson-lab__notice');
        if (notice !== null) notice.textContent = 'The lab could not be loaded. Reload the page to try again.';
      });
  };
  const lab = root.querySelector<LabConsoleElement>('lab-console');
  const near = () => {
    if (lab === null) return load();
    // Once the machine has come (its first change), a quiet moment: each change starts the wait again.
    let waiting: QuietTask | null = null;
    let latest: ReturnType<typeof setTimeout> | null = null;
    const finish = () => {
      waiting?.cancel();
      if (latest !== null) clearTimeout(latest);
      lab.removeEventListener('lab-change', changed);
      load();
    };
    const changed = () => {
      if (waiting !== null) return waiting.poke();
      waiting = whenQuiet(finish, CHECKS_QUIET_MS);
      latest = setTimeout(finish, CHECKS_LATEST_MS);
    };
    lab.addEventListener('lab-change', changed);
    if (lab.session !== null) changed();
  };
  if (typeof IntersectionObserver !== 'function') {
    near();
    return;
  }
  const observer = new IntersectionObserver(
    (entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      observer.disconnect();
      near();
    },
    { rootMargin: '200px 0px' },
  );
  observer.observe(target);
}
