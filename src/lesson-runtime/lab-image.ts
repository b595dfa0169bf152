import { z } from 'astro/zod';

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

const fileSchema = z
  .object({
    content: z.string().max(MAX_IMAGE_FILE_CHARS),
    mode: z.number().int().min(0).max(0o7777),
  })
  .strict();

export const labImageSchema = z
  .object({
    format: z.literal(LAB_IMAGE_FORMAT),
    version: z.literal(LAB_IMAGE_VERSION),
    scenario: z.object({ name: z.string().min(1).max(100), version: z.number().int().nonnegative() }).strict(),
    files: z
      .record(z.string().regex(/^\/[^\0]*$/, 'an absolute path'), fileSchema.nullable())
      .refine((f) => Object.keys(f).length <= MAX_IMAGE_FILES, { message: 'too many files' }),
    loaded: z
      .object({ mainCf: z.string().max(MAX_IMAGE_FILE_CHARS), masterCf: z.string().max(MAX_IMAGE_FILE_CHARS) })
      .strict()
      .nullable(),
    exercisesDone: z.array(z.string().min(1).max(100)).max(100),
  })
  .strict();

export type LabImage = z.infer<typeof labImageSchema>;
export type LabImageFile = z.infer<typeof fileSchema>;

/** Validates an image read from storage, a file or a link. Never throws. */
export function parseLabImage(json: unknown): { ok: true; image: LabImage } | { ok: false; error: string } {
  const r = labImageSchema.safeParse(json);
  if (r.success) return { ok: true, image: r.data };
  const first = r.error.issues[0];
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
