/**
 * The checks of a lab image (lab-image.ts's format) read from storage, a file or a link. Apart from
 * lab-image.ts so that what only writes or builds images (the lab's machine, a fresh save) does not bring
 * the checks (and validate.ts) onto a page's first command: they load when something is read back.
 */
import { LAB_IMAGE_FORMAT, LAB_IMAGE_VERSION, MAX_IMAGE_FILE_CHARS, MAX_IMAGE_FILES, type LabImage } from './lab-image.ts';
import { array, literal, nullable, number, object, record, refine, run, string } from './validate.ts';

export const fileCheck = object({
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

/** Validates an image read from storage, a file or a link. Never throws. */
export function parseLabImage(json: unknown): { ok: true; image: LabImage } | { ok: false; error: string } {
  const r = run(labImageCheck, json);
  if (r.ok) return { ok: true, image: r.value };
  const first = r.issues[0];
  const where = first === undefined || first.path.length === 0 ? '' : `${first.path.join('.')}: `;
  return { ok: false, error: `${where}${first?.message ?? 'invalid lab image'}` };
}
