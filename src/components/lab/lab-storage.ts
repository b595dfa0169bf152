/**
 * localStorage access for the lab. Storage can be missing, blocked (privacy settings, some iframes) or
 * full; none of that may break the page, so every access is guarded and reports what happened.
 */
import { fitsStorage, parseSaved, serializeSaved, STORAGE_KEY, type LoadResult, type SavedLab } from './stored-state.ts';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // SecurityError: storage is blocked for this page
  }
}

export function loadSaved(key: string = STORAGE_KEY): LoadResult | { readonly kind: 'unavailable' } {
  const s = storage();
  if (s === null) return { kind: 'unavailable' };
  try {
    return parseSaved(s.getItem(key));
  } catch {
    return { kind: 'unavailable' };
  }
}

export type SaveResult = 'saved' | 'too-big' | 'failed';

export function storeSaved(saved: SavedLab, key: string = STORAGE_KEY): SaveResult {
  if (!fitsStorage(saved)) return 'too-big';
  const s = storage();
  if (s === null) return 'failed';
  try {
    s.setItem(key, serializeSaved(saved));
    return 'saved';
  } catch {
    return 'failed'; // QuotaExceededError
  }
}

export function forgetSaved(key: string = STORAGE_KEY): void {
  try {
    storage()?.removeItem(key);
  } catch {
    // blocked: nothing stored anyway
  }
}

/**
 * The storage key of one lab on a page: the default, or the default plus the element's `storage-key`
 * attribute (letters, digits, `-` and `_` only; anything else falls back to the default), so that two
 * labs on one page (a lesson, a blog post) keep apart.
 */
export function storageKeyFor(attribute: string | null): string {
  return attribute !== null && /^[A-Za-z0-9_-]{1,64}$/.test(attribute) ? `${STORAGE_KEY}:${attribute}` : STORAGE_KEY;
}
