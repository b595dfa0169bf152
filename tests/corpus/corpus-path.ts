import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The shared ground-truth corpus, beside the repository (`../shared/postfix-ground-truth`). */
export const CORPUS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/postfix-ground-truth');

export function corpusScenarios(root = CORPUS): string[] {
  if (!existsSync(root)) throw new Error(`ground-truth corpus not found at ${root}`);
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'transcript.normalized.txt')))
    .map((d) => d.name)
    .sort();
}
