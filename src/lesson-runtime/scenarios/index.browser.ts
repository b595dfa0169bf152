/**
 * The browser's twin of index.ts (integrations/lab-programs-browser.ts swaps it in for the site's and the
 * embed's builds; Node, server-side rendering and the tests keep index.ts). A lab boots with one scenario,
 * so only `lab-default` comes with the code; any other is fetched by name with `loadScenario`, which the
 * lab's machine awaits before it opens a session (src/components/lab/lab-machine.ts). After that,
 * `scenarioNamed` answers synchronously, as index.ts does; before it, it knows only `lab-default`.
 * The table must have the keys of SCENARIOS (tests/lesson-runtime/scenarios-browser.test.ts checks it).
 */
import { labDefault } from './lab-default.ts';
import type { Scenario } from './types.ts';

export type { Scenario, ScenarioFile } from './types.ts';

/** How to get each scenario, by name: the keys of SCENARIOS (index.ts). */
export const SCENARIO_LOADERS: Readonly<Record<string, () => Promise<Scenario>>> = {
  'lab-default': () => Promise.resolve(labDefault),
  'tls-off': () => import('./data/tls-off.ts').then((m) => m.tlsOff),
  'cert-key-missing': () => import('./data/cert-key-missing.ts').then((m) => m.certKeyMissing),
  'tls-loglevel-0': () => import('./data/tls-loglevel-0.ts').then((m) => m.tlsLoglevel0),
  'submission-no-auth': () => import('./data/submission-no-auth.ts').then((m) => m.submissionNoAuth),
  'article-final': () => import('./data/article-final.ts').then((m) => m.articleFinal),
  'outgoing-none': () => import('./data/outgoing-none.ts').then((m) => m.outgoingNone),
  'stripped-path': () => import('./data/stripped-path.ts').then((m) => m.strippedPath),
};

/** The scenarios here so far. */
const loaded = new Map<string, Scenario>([[labDefault.name, labDefault]]);

/** The scenario called `name` if it has been loaded (`lab-default` always is), or undefined. */
export function scenarioNamed(name: string): Scenario | undefined {
  return loaded.get(name);
}

/**
 * Fetches the scenario called `name` (once), after which scenarioNamed knows it. An unknown name (or null)
 * fetches nothing and gives undefined, as scenarioNamed does for it. Rejects when the fetch fails.
 */
export async function loadScenario(name: string | null): Promise<Scenario | undefined> {
  if (name === null || !Object.hasOwn(SCENARIO_LOADERS, name)) return undefined;
  const have = loaded.get(name);
  if (have !== undefined) return have;
  const load = SCENARIO_LOADERS[name];
  if (load === undefined) return undefined;
  const scenario = await load();
  loaded.set(name, scenario);
  return scenario;
}
