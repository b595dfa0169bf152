/**
 * What the lab keeps between visits besides the lab image (see image-store.ts): the shell history and
 * the screen reader switch, per lab. Storage can be missing, blocked or full; none of that may break the
 * page, so every access is guarded. Parsing trusts nothing: a corrupt or foreign value reads as empty.
 */

/** Versioned: a later format gets a new key. */
export const PREFS_KEY = 'postfix-tls-lab:lab-prefs:v1';
export const MAX_HISTORY_ENTRIES = 500;
/** Longer history lines (a big paste) are not kept. */
export const MAX_HISTORY_ENTRY_CHARS = 4096;

export interface LabPrefs {
  readonly history: readonly string[];
  readonly screenReader: boolean;
}

export const NO_PREFS: LabPrefs = { history: [], screenReader: false };

function usable(h: unknown): h is string {
  return typeof h === 'string' && h.length > 0 && h.length <= MAX_HISTORY_ENTRY_CHARS;
}

/** Reads a stored value; anything unusable gives NO_PREFS. Never throws. */
export function parsePrefs(raw: string | null | undefined): LabPrefs {
  if (typeof raw !== 'string') return NO_PREFS;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return NO_PREFS;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return NO_PREFS;
  const rec = data as Record<string, unknown>;
  const history = Array.isArray(rec['history']) ? (rec['history'] as unknown[]).filter(usable).slice(-MAX_HISTORY_ENTRIES) : [];
  return { history, screenReader: rec['screenReader'] === true };
}

export function serializePrefs(prefs: LabPrefs): string {
  return JSON.stringify({ history: prefs.history.filter(usable).slice(-MAX_HISTORY_ENTRIES), screenReader: prefs.screenReader });
}

/** The key of one lab's prefs: a lab with a `storage-key` attribute keeps its own. */
export function prefsKeyFor(storageKey: string | null): string {
  return storageKey === null ? PREFS_KEY : `${PREFS_KEY}:${storageKey}`;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // SecurityError: storage is blocked for this page
  }
}

export function loadPrefs(key: string): LabPrefs {
  try {
    return parsePrefs(storage()?.getItem(key));
  } catch {
    return NO_PREFS;
  }
}

export function storePrefs(key: string, prefs: LabPrefs): boolean {
  try {
    const s = storage();
    if (s === null) return false;
    s.setItem(key, serializePrefs(prefs));
    return true;
  } catch {
    return false; // QuotaExceededError
  }
}

export function forgetPrefs(key: string): void {
  try {
    storage()?.removeItem(key);
  } catch {
    // blocked: nothing stored anyway
  }
}
