import type { Infer } from './validate.ts';
import type { fileCheck, labImageCheck } from './lab-image-check.ts';

/**
 * The one versioned format for a lab's state: stored progress, export, links, embeds and the config
 * review all use it. It holds what a page reload must bring back and nothing the scenario already says:
 * the files that differ from the scenario's world (with modes; null = deleted), the configuration
 * Postfix has loaded (which may differ from the files on disk: an edit not yet reloaded stays unapplied),
 * whether Postfix runs (loaded null = stopped), the scenario it grew from, and the exercises done. Its
 * checks (reading an image back) are lab-image-check.ts.
 */
export const LAB_IMAGE_FORMAT = 'postfix-tls-lab/image';
export const LAB_IMAGE_VERSION = 1;

/** Per file: far above any real configuration file, well below what localStorage holds. */
export const MAX_IMAGE_FILE_CHARS = 256 * 1024;
export const MAX_IMAGE_FILES = 200;

export type LabImage = Infer<typeof labImageCheck>;
export type LabImageFile = Infer<typeof fileCheck>;

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
