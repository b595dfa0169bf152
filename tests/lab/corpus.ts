/** Reading the ground-truth corpus from the lab's tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS } from '../corpus/corpus-path.ts';

export function corpusFile(...parts: string[]): string {
  return readFileSync(join(CORPUS, ...parts), 'utf8');
}

/** The master.cf lines a scenario's config.txt appends (after "--- master.cf (appended) ---"). */
export function appendedMasterLines(scenario: string): string[] {
  const text = corpusFile(scenario, 'config.txt');
  const at = text.indexOf('# --- master.cf (appended) ---');
  if (at < 0) return [];
  return text
    .slice(at)
    .split('\n')
    .slice(1)
    .filter((l) => l !== '' && !l.startsWith('#'));
}
