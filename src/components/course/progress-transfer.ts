/**
 * Export and import of the course's progress as one JSON file (the lesson runtime's progress.ts format:
 * every lesson's lab image). A bad file changes nothing and says why. Loaded on demand by the home
 * page's buttons (progress-transfer-boot.ts), so the checks never weigh on the first page load.
 */
import { exportCourse, importCourse } from '../../lesson-runtime/progress-export.ts';
import type { ScenarioRef } from '../../lesson-runtime/progress.ts';
import { pageStorage } from '../lab/image-store.ts';

export const PROGRESS_FILE_NAME = 'postfix-tls-lab-progress.json';

/** [message, ok]: what the page says after an export or an import. */
export type Outcome = [string, boolean];

/** The course's lessons with a lab: slug → its scenario (the page writes them at build time). */
export type KnownLessons = Readonly<Record<string, ScenarioRef>>;

function lessons(n: number): string {
  return `${n} ${n === 1 ? 'lesson' : 'lessons'}`;
}

export function exportToFile(known: KnownLessons): Outcome {
  const s = pageStorage();
  if (s === null) return ['This browser does not let the page read its storage, so there is no progress to export.', false];
  const text = exportCourse(s, Object.keys(known));
  const count = Object.keys((JSON.parse(text) as { lessons: object }).lessons).length;
  const url = URL.createObjectURL(new Blob([`${text}\n`], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = PROGRESS_FILE_NAME;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  return [`Exported the progress of ${lessons(count)} to ${PROGRESS_FILE_NAME}.`, true];
}

export async function importFromFile(file: File, known: KnownLessons): Promise<Outcome> {
  let text: string;
  try {
    text = await file.text();
  } catch {
    return ['That file could not be read: nothing was imported.', false];
  }
  const s = pageStorage();
  if (s === null) return ['This browser does not let the page keep anything, so the progress could not be imported.', false];
  const r = importCourse(s, text, known);
  if (!r.ok) return [`That file could not be imported: ${r.error}. Your progress is unchanged.`, false];
  return [`Imported the progress of ${lessons(r.lessons.length)}.`, true];
}
