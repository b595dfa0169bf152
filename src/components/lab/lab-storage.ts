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

export function loadSaved(): LoadResult | { readonly kind: 'unavailable' } {
  const s = storage();
  if (s === null) return { kind: 'unavailable' };
  try {
    return parseSaved(s.getItem(STORAGE_KEY));
  } catch {
    return { kind: 'unavailable' };
  }
}

export type SaveResult = 'saved' | 'too-big' | 'failed';

export function storeSaved(saved: SavedLab): SaveResult {
  if (!fitsStorage(saved)) return 'too-big';
  const s = storage();
  if (s === null) return 'failed';
  try {
    s.setItem(STORAGE_KEY, serializeSaved(saved));
    return 'saved';
  } catch {
    return 'failed'; // QuotaExceededError
  }
}

export function forgetSaved(): void {
  try {
    storage()?.removeItem(STORAGE_KEY);
  } catch {
    // blocked: nothing stored anyway
  }
}
