/**
 * Course progress: one lab image per lesson under `ptl:lesson:<slug>` in a Storage-like store passed in
 * (the page gives localStorage; tests give a Map). Pure: no global storage here. This module writes and
 * removes; reading an image back (checked: a corrupt or foreign value is reported and removed for that
 * lesson only, one made on an older version of the lesson's scenario is reported so the page can offer a
 * reset) is progress-load.ts, and the course's export to one JSON document and import from one (a bad
 * document changes nothing) is progress-export.ts: the checks they need load only when something is read.
 */
import type { LabImage } from './lab-image.ts';

/** The part of the Web Storage API progress needs (localStorage fits; so does a small Map wrapper). */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const PROGRESS_PREFIX = 'ptl:lesson:';

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

/** The stored value, or null (nothing stored, or a store that refuses to be read). Never throws. */
export function safeGet(storage: StorageLike, key: string): string | null {
  try {
    return storage.getItem(key);
  } catch {
    return null;
  }
}

/** Removes a value; a store that refuses is left as it is. Never throws. */
export function safeRemove(storage: StorageLike, key: string): void {
  try {
    storage.removeItem(key);
  } catch {
    // a store that refuses is left as it is
  }
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
