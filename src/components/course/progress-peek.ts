/**
 * A light look at stored progress, for pages that must stay small (the home page, a lesson before its
 * lab loads): which exercises of a lesson are done. It reads the key progress.ts writes and trusts
 * nothing: anything but a lab image with a list of strings reads as "nothing done". The full check
 * (the checks, the scenario's version) is progress.ts's, loaded with the lab.
 */

/** The localStorage key of a lesson's lab image (the same as progress.ts; tests/components checks). */
export function lessonStorageKey(slug: string): string {
  return `ptl:lesson:${slug}`;
}

/** The exercise ids stored as done for `slug`; empty when nothing (usable) is stored. */
export function peekDone(slug: string): string[] {
  let raw: string | null;
  try {
    raw = localStorage.getItem(lessonStorageKey(slug));
  } catch {
    return []; // storage blocked
  }
  if (raw === null) return [];
  try {
    const data: unknown = JSON.parse(raw);
    if (typeof data !== 'object' || data === null) return [];
    const done = (data as { exercisesDone?: unknown }).exercisesDone;
    return Array.isArray(done) ? done.filter((d): d is string => typeof d === 'string') : [];
  } catch {
    return [];
  }
}
