/**
 * Reading course progress back (progress.ts's keys), checked: a stored value that is corrupt or foreign
 * is reported and removed for that lesson only; one made on an older version of the lesson's scenario is
 * reported so the page can offer a reset.
 */
import { parseLabImage } from './lab-image-check.ts';
import { progressKey, safeGet, safeRemove, type ProgressLoad, type ScenarioRef, type StorageLike } from './progress.ts';

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
