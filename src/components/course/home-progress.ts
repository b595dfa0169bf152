/**
 * The home page's progress marks: for each lesson with exercises, "Done" or "1 of 2 exercises done",
 * from the stored lab images (progress-peek.ts). Tiny on purpose: the home page ships nothing else.
 */
import { peekDone } from './progress-peek.ts';

export function markLessonProgress(root: ParentNode = document): void {
  for (const item of root.querySelectorAll<HTMLElement>('[data-progress-slug]')) {
    const slug = item.dataset['progressSlug'] ?? '';
    const ids = (item.dataset['exercises'] ?? '').split(' ').filter((id) => id !== '');
    const status = item.querySelector<HTMLElement>('.lesson-status');
    if (status === null || ids.length === 0) continue;
    const done = new Set(peekDone(slug));
    const count = ids.filter((id) => done.has(id)).length;
    status.dataset['state'] = count === ids.length ? 'done' : count > 0 ? 'started' : 'new';
    status.textContent = count === ids.length ? '✓ Done' : count > 0 ? `${count} of ${ids.length} exercises done` : '';
    status.hidden = count === 0;
  }
}
