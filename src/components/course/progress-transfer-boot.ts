/**
 * Wires the export/import buttons; the work itself (progress-transfer.ts, with the checks) is
 * imported on first use.
 */
import { markLessonProgress } from './home-progress.ts';
import type { KnownLessons } from './progress-transfer.ts';

export function bootProgressTransfer(): void {
  const section = document.querySelector<HTMLElement>('[data-known-lessons]');
  const exportButton = document.querySelector<HTMLButtonElement>('[data-progress-export]');
  const importInput = document.querySelector<HTMLInputElement>('[data-progress-import]');
  const message = document.querySelector<HTMLElement>('[data-progress-message]');
  if (section === null) return;
  const known = JSON.parse(section.dataset['knownLessons'] ?? '{}') as KnownLessons;
  const say = ([text, ok]: [string, boolean]) => {
    if (message === null) return;
    message.textContent = text;
    message.dataset['ok'] = String(ok);
  };
  exportButton?.addEventListener('click', () => {
    void import('./progress-transfer.ts').then((m) => say(m.exportToFile(known)));
  });
  importInput?.addEventListener('change', () => {
    const file = importInput.files?.[0];
    if (file === undefined) return;
    void import('./progress-transfer.ts')
      .then((m) => m.importFromFile(file, known))
      .then((outcome) => {
        say(outcome);
        importInput.value = '';
        markLessonProgress();
      });
  });
}
