import { array, literal, nullable, number, object, record, refine, run, string, type Infer } from './validate.ts';

/**
 * The one versioned format for a lab's state: stored progress, export, links, embeds and the config
 * review all use it. It holds what a page reload must bring back and nothing the scenario already says:
 * the files that differ from the scenario's world (with modes; null = deleted), the configuration
 * Postfix has loaded (which may differ from the files on disk: an edit not yet reloaded stays unapplied),
 * whether Postfix runs (loaded null = stopped), the scenario it grew from, and the exercises done.
 */
export const LAB_IMAGE_FORMAT = 'postfix-tls-lab/image';
export const LAB_IMAGE_VERSION = 1;

/** Per file: far above any real configuration file, well below what localStorage holds. */
export const MAX_IMAGE_FILE_CHARS = 256 * 1024;
export const MAX_IMAGE_FILES = 200;

const fileCheck = object({
  content: string({ max: MAX_IMAGE_FILE_CHARS }),
  mode: number({ int: true, min: 0, max: 0o7777 }),
});

/** The image's shape, checked as the Zod schema it replaced did (same issues, same messages). */
export const labImageCheck = object({
  format: literal(LAB_IMAGE_FORMAT),
  version: literal(LAB_IMAGE_VERSION),
  scenario: object({ name: string({ min: 1, max: 100 }), version: number({ int: true, min: 0 }) }),
  files: refine(
    record(string({ pattern: /^\/[^\0]*$/, patternMessage: 'an absolute path' }), nullable(fileCheck)),
    (f) => Object.keys(f).length <= MAX_IMAGE_FILES,
    'too many files',
  ),
  loaded: nullable(object({ mainCf: string({ max: MAX_IMAGE_FILE_CHARS }), masterCf: string({ max: MAX_IMAGE_FILE_CHARS }) })),
  exercisesDone: array(string({ min: 1, max: 100 }), { max: 100 }),
});

export type LabImage = Infer<typeof labImageCheck>;
export type LabImageFile = Infer<typeof fileCheck>;

/** Validates an image read from storage, a file or a link. Never throws. */
export function parseLabImage(json: unknown): { ok: true; image: LabImage } | { ok: false; error: string } {
  const r = run(labImageCheck, json);
  if (r.ok) return { ok: true, image: r.value };
  const first = r.issues[0];
  const where = first === undefined || first.path.length === 0 ? '' : `${first.path.join('.')}: `;
  return { ok: false, error: `${where}${first?.message ?? 'invalid lab image'}` };
}

/** A fresh image of a scenario: nothing changed, Postfix as the scenario boots it, nothing done. */
export function emptyImage(scenario: { name: string; version: number }, loaded: LabImage['loaded']): LabImage {
  return {
    format: LAB_IMAGE_FORMAT,
    version: LAB_IMAGE_VERSION,
    scenario: { name: scenario.name, version: scenario.version },
    files: {},
    loaded,
    exercisesDone: [],
  };
}
