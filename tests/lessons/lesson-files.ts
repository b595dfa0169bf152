/** The lesson files (not partials) with their text, read from lessons/ beside the tests. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const LESSONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../lessons');

export interface LessonFile {
  /** File name inside lessons/, e.g. `03-opportunistic-tls.mdx`. */
  readonly path: string;
  readonly text: string;
}

export function lessonFiles(): LessonFile[] {
  return readdirSync(LESSONS_DIR)
    .filter((f) => /\.mdx?$/.test(f) && !f.startsWith('_'))
    .sort()
    .map((f) => ({ path: f, text: readFileSync(join(LESSONS_DIR, f), 'utf8') }));
}
