/** Loads the recorded real-postconf cases and the corpus files they refer to. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CORPUS as GROUND_TRUTH } from '../../corpus/corpus-path.ts';

export const CORPUS = `${GROUND_TRUTH}`;

export const BASE_MAIN = readFileSync(`${CORPUS}/base/main.cf`, 'utf8');
export const STOCK_MASTER = readFileSync(`${CORPUS}/base/master.cf`, 'utf8');

/** The master.cf lines a scenario's config.txt says were appended. */
export function appendedMaster(scenario: string): string {
  const text = readFileSync(`${CORPUS}/${scenario}/config.txt`, 'utf8');
  const at = text.indexOf('# --- master.cf (appended) ---\n');
  if (at < 0) return '';
  const rest = text.slice(at + '# --- master.cf (appended) ---\n'.length);
  const lines = rest.split('\n').filter((l) => l !== '' && !l.startsWith('# '));
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** The master.cf of postconf-behaviours: stock + submission + submissions. */
export const CORPUS_MASTER = STOCK_MASTER + appendedMaster('postconf-behaviours');

export function resolveSpec(spec: string | null): string | undefined {
  if (spec === null) return undefined;
  const tags: [string, string][] = [
    ['@base', BASE_MAIN],
    ['@stock', STOCK_MASTER],
    ['@corpus', CORPUS_MASTER],
  ];
  for (const [tag, text] of tags) {
    if (spec === tag) return text;
    if (spec.startsWith(`${tag}+`)) return text + spec.slice(tag.length + 1);
  }
  return spec;
}

export interface RealCase {
  readonly name: string;
  readonly argv: string[];
  readonly main: string | null;
  readonly master: string | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly exit: number;
  readonly mainAfter?: string | null;
  readonly masterAfter?: string | null;
}

export function loadRealCases(): RealCase[] {
  const path = fileURLToPath(new URL('./golden/real-postconf.json', import.meta.url));
  const data = JSON.parse(readFileSync(path, 'utf8')) as { cases: RealCase[] };
  return data.cases;
}
