/**
 * What the lab keeps in localStorage between visits: the learner's main.cf and master.cf, the shell
 * history and the screen reader switch. DOM-free and pure: parsing validates everything, and a value
 * that is corrupt, foreign or too big is refused with a reason (the page then starts from the defaults
 * and says so) instead of breaking the page.
 */

/** Versioned: a later format gets a new key, and this version's reader ignores it. */
export const STORAGE_KEY = 'postfix-tls-lab:lab:v1';
export const STORAGE_VERSION = 1;

/** Per file: far above any real main.cf/master.cf, well below the few MB localStorage allows. */
export const MAX_FILE_CHARS = 256 * 1024;
export const MAX_HISTORY_ENTRIES = 500;
/** Longer history lines (a big paste) are not kept. */
export const MAX_HISTORY_ENTRY_CHARS = 4096;

export interface SavedLab {
  readonly main: string;
  readonly master: string;
  readonly history: readonly string[];
  readonly screenReader: boolean;
}

export type LoadResult =
  { readonly kind: 'empty' } | { readonly kind: 'ok'; readonly saved: SavedLab } | { readonly kind: 'invalid'; readonly reason: string };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads a stored value (null: nothing stored). Never throws. */
export function parseSaved(raw: string | null | undefined): LoadResult {
  if (raw === null || raw === undefined) return { kind: 'empty' };
  if (typeof raw !== 'string') return { kind: 'invalid', reason: 'it is not text' };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { kind: 'invalid', reason: 'it is not valid JSON' };
  }
  if (!isRecord(data)) return { kind: 'invalid', reason: 'it is not an object' };
  if (data['v'] !== STORAGE_VERSION) return { kind: 'invalid', reason: 'it was saved in another format' };
  const files = data['files'];
  if (!isRecord(files)) return { kind: 'invalid', reason: 'it has no files' };
  const main = files['main.cf'];
  const master = files['master.cf'];
  if (typeof main !== 'string' || typeof master !== 'string') return { kind: 'invalid', reason: 'its files are not text' };
  if (main.length > MAX_FILE_CHARS || master.length > MAX_FILE_CHARS) return { kind: 'invalid', reason: 'its files are too big' };
  const rawHistory = data['history'] ?? [];
  if (!Array.isArray(rawHistory)) return { kind: 'invalid', reason: 'its shell history is not a list' };
  const history = (rawHistory as unknown[]).filter(
    (h): h is string => typeof h === 'string' && h.length > 0 && h.length <= MAX_HISTORY_ENTRY_CHARS,
  );
  const screenReader = data['screenReader'] === true;
  return { kind: 'ok', saved: { main, master, history: history.slice(-MAX_HISTORY_ENTRIES), screenReader } };
}

/** The stored form; history is trimmed to what a later parse keeps. */
export function serializeSaved(saved: SavedLab): string {
  const history = saved.history.filter((h) => h.length > 0 && h.length <= MAX_HISTORY_ENTRY_CHARS).slice(-MAX_HISTORY_ENTRIES);
  return JSON.stringify({
    v: STORAGE_VERSION,
    files: { 'main.cf': saved.main, 'master.cf': saved.master },
    history,
    screenReader: saved.screenReader,
  });
}

/** Whether the files fit what parseSaved accepts (bigger ones are not saved). */
export function fitsStorage(saved: SavedLab): boolean {
  return saved.main.length <= MAX_FILE_CHARS && saved.master.length <= MAX_FILE_CHARS;
}
