/**
 * Where a lab keeps its lab image between visits, through the lesson runtime's progress.ts: a lesson's
 * lab under its slug (the `storage-key` attribute), the /lab/ page's under `_lab` (no lesson slug starts
 * with `_`, so it never mixes with the course's progress nor goes into its export). The page's
 * localStorage may be missing or blocked: then nothing is kept, and nothing breaks.
 */
import { MAX_IMAGE_FILE_CHARS, MAX_IMAGE_FILES, type LabImage } from '../../lesson-runtime/lab-image.ts';
import {
  progressKey,
  resetProgress,
  safeGet,
  saveProgress,
  type ProgressLoad,
  type ScenarioRef,
  type StorageLike,
} from '../../lesson-runtime/progress.ts';

type Reader = typeof import('../../lesson-runtime/progress-load.ts');

/** The checked reader of stored images (progress-load.ts, with the image checks): fetched by prepareImage. */
let reader: Reader | null = null;

export const LAB_PAGE_SLUG = '_lab';

/** The slug a lab stores under: its `storage-key` attribute when that is a lesson slug, else the lab page's. */
export function imageSlugFor(attribute: string | null): string {
  return attribute !== null && /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)*$/.test(attribute) ? attribute : LAB_PAGE_SLUG;
}

/** The page's localStorage, or null where it is missing or blocked. */
export function pageStorage(): StorageLike | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // SecurityError: storage is blocked for this page
  }
}

/**
 * Fetches what loadImage needs to read back the image stored for a lab's `storage-key` attribute: the
 * checks (progress-load.ts, validate.ts) come only when something is stored there, so a first visit's
 * first command does not wait for them. The lab awaits this before its machine opens the stored lab.
 */
export async function prepareImage(attribute: string | null): Promise<void> {
  const s = pageStorage();
  if (reader !== null || s === null || safeGet(s, progressKey(imageSlugFor(attribute))) === null) return;
  reader = await import('../../lesson-runtime/progress-load.ts');
}

/**
 * This lab's stored image, checked (progress-load.ts's loadProgress). Before prepareImage has found something
 * stored, nothing was: a value another tab stored since reads as nothing, as it would have a moment earlier.
 */
export function loadImage(slug: string, scenario: ScenarioRef): ProgressLoad | { readonly kind: 'unavailable' } {
  const s = pageStorage();
  if (s === null) return { kind: 'unavailable' };
  return reader === null ? { kind: 'empty' } : reader.loadProgress(s, slug, scenario);
}

/** An image the loader would refuse (a pasted file over the size limit) is not stored at all. */
export function fitsImage(image: LabImage): boolean {
  const texts = [...Object.values(image.files).map((f) => f?.content ?? ''), image.loaded?.mainCf ?? '', image.loaded?.masterCf ?? ''];
  return texts.every((t) => t.length <= MAX_IMAGE_FILE_CHARS) && Object.keys(image.files).length <= MAX_IMAGE_FILES;
}

export function storeImage(slug: string, image: LabImage): 'saved' | 'too-big' | 'failed' {
  if (!fitsImage(image)) return 'too-big';
  const s = pageStorage();
  return s !== null && saveProgress(s, slug, image) ? 'saved' : 'failed';
}

export function forgetImage(slug: string): void {
  const s = pageStorage();
  if (s !== null) resetProgress(s, slug);
}
