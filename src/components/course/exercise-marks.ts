/**
 * Marks an exercise done or not in the page's exercise list (LessonLab.astro's markup): a badge that
 * says so in words and a `data-done` the CSS shows. Shared by the light first look (stored progress,
 * before the lab loads) and the live checks.
 */
export function markExercise(root: ParentNode, id: string, done: boolean): HTMLElement | null {
  const item = root.querySelector<HTMLElement>(`.exercise[data-exercise="${CSS.escape(id)}"]`);
  if (item === null) return null;
  item.dataset['done'] = String(done);
  const badge = item.querySelector('.exercise__badge');
  if (badge !== null) badge.textContent = done ? '✓ Done' : 'Not done yet';
  return item;
}
