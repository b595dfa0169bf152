/**
 * Course progress: one lab image per lesson under `ptl:lesson:<slug>` in a Storage-like store passed in
 * (the page gives localStorage; tests give a Map). Pure: no global storage here. A stored value that is
 * corrupt or foreign is reported and removed for that lesson only; one made on an older version of the
 * lesson's scenario is reported so the page can offer a reset. The whole course exports to one JSON
 * document and imports from one; a bad document changes nothing.
 */
import { labImageCheck, parseLabImage, type LabImage } from './lab-image.ts';
import { literal, object, record, run, string, type Infer } from './validate.ts';

/** The part of the Web Storage API progress needs (localStorage fits; so does a small Map wrapper). */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const PROGRESS_PREFIX = 'ptl:lesson:';
export const COURSE_EXPORT_FORMAT = 'postfix-tls-lab/progress';
export const COURSE_EXPORT_VERSION = 1;
/** A generous ceiling for an imported document (12 lessons of small images fit many times over). */
export const MAX_IMPORT_CHARS = 8 * 1024 * 1024;

export function progressKey(slug: string): string {
  return `${PROGRESS_PREFIX}${slug}`;
}

export interface ScenarioRef {
  readonly name: string;
  readonly version: number;
}

export type ProgressLoad =
  /** Nothing stored: start from the scenario. */
  | { readonly kind: 'empty' }
  | { readonly kind: 'ok'; readonly image: LabImage }
  /** Not JSON, or not a valid image: removed; start from the scenario. */
  | { readonly kind: 'corrupt'; readonly reason: string }
  /** A valid value of something else (another format, another scenario): removed; start from the scenario. */
  | { readonly kind: 'foreign'; readonly reason: string }
  /** Made on another version of this lesson's scenario: kept until the learner chooses; offer a reset. */
  | { readonly kind: 'scenario-changed'; readonly image: LabImage; readonly storedVersion: number; readonly currentVersion: number };

function safeGet(storage: StorageLike, key: string): string | null {
  try {
    return storage.getItem(key);
  } catch {
    return null;
  }
}

function safeRemove(storage: StorageLike, key: string): void {
  try {
    storage.removeItem(key);
  } catch {
    // a store that refuses is left as it is
  }
}

/** Reads one lesson's progress. Never throws; touches no other lesson's key. */
export function loadProgress(storage: StorageLike, slug: string, scenario: ScenarioRef): ProgressLoad {
  const key = progressKey(slug);
  const raw = safeGet(storage, key);
  if (raw === null) return { kind: 'empty' };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    safeRemove(storage, key);
    return { kind: 'corrupt', reason: 'it is not valid JSON' };
  }
  const isObject = typeof json === 'object' && json !== null && !Array.isArray(json);
  const format = isObject ? (json as Record<string, unknown>)['format'] : undefined;
  if (format !== undefined && format !== 'postfix-tls-lab/image') {
    safeRemove(storage, key);
    return { kind: 'foreign', reason: `it is a ${typeof format === 'string' ? format.slice(0, 60) : 'different'} value, not a lab image` };
  }
  const parsed = parseLabImage(json);
  if (!parsed.ok) {
    safeRemove(storage, key);
    return { kind: 'corrupt', reason: parsed.error };
  }
  const image = parsed.image;
  if (image.scenario.name !== scenario.name) {
    safeRemove(storage, key);
    return { kind: 'foreign', reason: `it belongs to scenario ${image.scenario.name}, not ${scenario.name}` };
  }
  if (image.scenario.version !== scenario.version)
    return { kind: 'scenario-changed', image, storedVersion: image.scenario.version, currentVersion: scenario.version };
  return { kind: 'ok', image };
}

/** Stores one lesson's image; false when the store refused (full, private mode). */
export function saveProgress(storage: StorageLike, slug: string, image: LabImage): boolean {
  try {
    storage.setItem(progressKey(slug), JSON.stringify(image));
    return true;
  } catch {
    return false;
  }
}

export function resetProgress(storage: StorageLike, slug: string): void {
  safeRemove(storage, progressKey(slug));
}

/** The exercises done per lesson (for the home page), from whatever valid images are stored. */
export function exercisesDone(storage: StorageLike, slugs: readonly string[]): Record<string, readonly string[]> {
  const out: Record<string, readonly string[]> = {};
  for (const slug of slugs) {
    const raw = safeGet(storage, progressKey(slug));
    if (raw === null) continue;
    try {
      const parsed = parseLabImage(JSON.parse(raw));
      if (parsed.ok) out[slug] = parsed.image.exercisesDone;
    } catch {
      // a corrupt value counts as nothing done; loadProgress reports it when the lesson opens
    }
  }
  return out;
}

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
