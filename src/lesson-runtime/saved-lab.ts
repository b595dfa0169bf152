/**
 * What a `<lab-console>` keeps between visits, image-based: the lab image (every changed file with its
 * mode, the configuration Postfix had loaded, running or stopped), the shell history and the screen
 * reader switch. Replaces components/lab/stored-state.ts, which kept only main.cf and master.cf (so an
 * edit not yet reloaded became live after a page reload, and any other file was lost).
 */
import { parseLabImage, type LabImage } from './lab-image.ts';

/** A new key: the old format's values are never misread as this one. */
export const SAVED_LAB_KEY = 'postfix-tls-lab:lab:v2';
export const SAVED_LAB_VERSION = 2;
export const MAX_HISTORY_ENTRIES = 500;
export const MAX_HISTORY_ENTRY_CHARS = 4096;

export interface SavedLabImage {
  readonly image: LabImage;
  readonly history: readonly string[];
  readonly screenReader: boolean;
}

export type SavedLabLoad =
  | { readonly kind: 'empty' }
  | { readonly kind: 'ok'; readonly saved: SavedLabImage }
  | { readonly kind: 'invalid'; readonly reason: string };

function keptHistory(h: readonly unknown[]): string[] {
  return h
    .filter((x): x is string => typeof x === 'string' && x.length > 0 && x.length <= MAX_HISTORY_ENTRY_CHARS)
    .slice(-MAX_HISTORY_ENTRIES);
}

/** Reads a stored value (null: nothing stored). Never throws. */
export function parseSavedLab(raw: string | null | undefined): SavedLabLoad {
  if (raw === null || raw === undefined) return { kind: 'empty' };
  if (typeof raw !== 'string') return { kind: 'invalid', reason: 'it is not text' };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { kind: 'invalid', reason: 'it is not valid JSON' };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { kind: 'invalid', reason: 'it is not an object' };
  const d = data as Record<string, unknown>;
  if (d['v'] !== SAVED_LAB_VERSION) return { kind: 'invalid', reason: 'it was saved in another format' };
  const image = parseLabImage(d['image']);
  if (!image.ok) return { kind: 'invalid', reason: `its lab image is invalid (${image.error})` };
  const history = d['history'] ?? [];
  if (!Array.isArray(history)) return { kind: 'invalid', reason: 'its shell history is not a list' };
  return {
    kind: 'ok',
    saved: { image: image.image, history: keptHistory(history as unknown[]), screenReader: d['screenReader'] === true },
  };
}

export function serializeSavedLab(saved: SavedLabImage): string {
  return JSON.stringify({
    v: SAVED_LAB_VERSION,
    image: saved.image,
    history: keptHistory(saved.history),
    screenReader: saved.screenReader,
  });
}
