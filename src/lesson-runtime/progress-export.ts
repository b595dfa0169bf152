/**
 * The course's progress as one JSON document (export) and back (import): every lesson's lab image
 * under its slug (progress.ts's keys). A bad document changes nothing.
 */
import type { LabImage } from './lab-image.ts';
import { labImageCheck, parseLabImage } from './lab-image-check.ts';
import { progressKey, resetProgress, safeGet, saveProgress, type ScenarioRef, type StorageLike } from './progress.ts';
import { literal, object, record, run, string, type Infer } from './validate.ts';

export const COURSE_EXPORT_FORMAT = 'postfix-tls-lab/progress';
export const COURSE_EXPORT_VERSION = 1;
/** A generous ceiling for an imported document (12 lessons of small images fit many times over). */
export const MAX_IMPORT_CHARS = 8 * 1024 * 1024;

/** A course progress file's shape (as the Zod schema it replaced: same issues, same messages). */
export const courseExportCheck = object({
  format: literal(COURSE_EXPORT_FORMAT),
  version: literal(COURSE_EXPORT_VERSION),
  lessons: record(string({ pattern: /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)*$/ }), labImageCheck),
});

export type CourseExport = Infer<typeof courseExportCheck>;

/** The course's progress as one JSON document: every lesson in `slugs` with a valid stored image. */
export function exportCourse(storage: StorageLike, slugs: readonly string[]): string {
  const lessons: Record<string, LabImage> = {};
  for (const slug of slugs) {
    const raw = safeGet(storage, progressKey(slug));
    if (raw === null) continue;
    try {
      const parsed = parseLabImage(JSON.parse(raw));
      if (parsed.ok) lessons[slug] = parsed.image;
    } catch {
      // corrupt values are not exported
    }
  }
  const doc: CourseExport = { format: COURSE_EXPORT_FORMAT, version: COURSE_EXPORT_VERSION, lessons };
  return JSON.stringify(doc, null, 2);
}

export type ImportResult = { readonly ok: true; readonly lessons: readonly string[] } | { readonly ok: false; readonly error: string };

/**
 * Imports a document from exportCourse: validated whole first (format, every image, every slug known
 * when `known` is given, each image's scenario that lesson's); any problem rejects the whole file and
 * nothing is written. Lessons not in the document are left as they are.
 */
export function importCourse(storage: StorageLike, text: string, known?: Readonly<Record<string, ScenarioRef>>): ImportResult {
  if (typeof text !== 'string' || text.length > MAX_IMPORT_CHARS) return { ok: false, error: 'the file is too big' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: 'the file is not valid JSON' };
  }
  const r = run(courseExportCheck, json);
  if (!r.ok) {
    const i = r.issues[0];
    return { ok: false, error: `not a course progress file (${i === undefined ? 'invalid' : `${i.path.join('.')}: ${i.message}`})` };
  }
  const entries = Object.entries(r.value.lessons);
  if (known !== undefined) {
    for (const [slug, image] of entries) {
      const s = known[slug];
      if (s === undefined) return { ok: false, error: `unknown lesson: ${slug}` };
      if (s.name !== image.scenario.name) return { ok: false, error: `lesson ${slug}: the image is of scenario ${image.scenario.name}` };
    }
  }
  const written: string[] = [];
  const previous = new Map<string, string | null>();
  for (const [slug, image] of entries) {
    previous.set(slug, safeGet(storage, progressKey(slug)));
    if (!saveProgress(storage, slug, image)) {
      // The store is full: put back what was there, so a failed import changes nothing.
      for (const [s, v] of previous) {
        if (v === null) resetProgress(storage, s);
        else
          try {
            storage.setItem(progressKey(s), v);
          } catch {
            // nothing more to do
          }
      }
      return { ok: false, error: 'the browser refused to store the progress' };
    }
    written.push(slug);
  }
  return { ok: true, lessons: written };
}
