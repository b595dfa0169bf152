/**
 * Reads a scenario's `config.txt`: the delta against `base/` (corpus README).
 * main.cf lines were applied with `postconf -e 'LINE'`; master.cf lines were appended;
 * the `other` section is prose for one-off preparations, of which the forms the corpus
 * uses are understood here.
 */
export type Preparation =
  | { readonly kind: 'write'; readonly path: string; readonly content: string }
  | { readonly kind: 'chmod'; readonly path: string; readonly mode: number };

export interface ScenarioConfig {
  readonly mainCf: readonly string[];
  readonly masterCf: readonly string[];
  readonly preparations: readonly Preparation[];
  /** `other` lines this reader does not understand (the replay reports them). */
  readonly unknown: readonly string[];
}

export function parseScenarioConfig(text: string): ScenarioConfig {
  const mainCf: string[] = [];
  const masterCf: string[] = [];
  const preparations: Preparation[] = [];
  const unknown: string[] = [];
  let section: 'none' | 'main' | 'master' | 'other' = 'none';
  for (const line of text.split('\n')) {
    if (line.startsWith('# --- main.cf')) section = 'main';
    else if (line.startsWith('# --- master.cf')) section = 'master';
    else if (line.startsWith('# --- other')) section = 'other';
    else if (line.startsWith('#') || line.trim() === '') continue;
    else if (section === 'main') mainCf.push(line);
    else if (section === 'master') masterCf.push(line);
    else if (section === 'other') {
      const p = parsePreparation(line);
      if (p === null) unknown.push(line);
      else preparations.push(p);
    }
  }
  return { mainCf, masterCf, preparations, unknown };
}

function parsePreparation(line: string): Preparation | null {
  const w = /^(\/\S+) contains the single line '(.*)'$/.exec(line);
  if (w !== null) return { kind: 'write', path: w[1] ?? '', content: `${w[2] ?? ''}\n` };
  const c = /^chmod ([0-7]{3,4}) (\/\S+)/.exec(line);
  if (c !== null) return { kind: 'chmod', path: c[2] ?? '', mode: parseInt(c[1] ?? '0', 8) };
  return null;
}
