/**
 * Every lesson scenario, by name (the `lab.scenario` of a lesson's frontmatter). One module per
 * scenario beside this file; add it to the table below. The scenario's `name` must equal its key.
 */
import { labDefault } from './lab-default.ts';
import { tlsOff } from './data/tls-off.ts';
import { certKeyMissing } from './data/cert-key-missing.ts';
import { tlsLoglevel0 } from './data/tls-loglevel-0.ts';
import { submissionNoAuth } from './data/submission-no-auth.ts';
import { articleFinal } from './data/article-final.ts';
import { outgoingNone } from './data/outgoing-none.ts';
import { strippedPath } from './data/stripped-path.ts';
import type { Scenario } from './types.ts';

export type { Scenario, ScenarioFile } from './types.ts';

export const SCENARIOS: Readonly<Record<string, Scenario>> = {
  'lab-default': labDefault,
  'tls-off': tlsOff,
  'cert-key-missing': certKeyMissing,
  'tls-loglevel-0': tlsLoglevel0,
  'submission-no-auth': submissionNoAuth,
  'article-final': articleFinal,
  'outgoing-none': outgoingNone,
  'stripped-path': strippedPath,
};

/** The scenario called `name`, or undefined. */
export function scenarioNamed(name: string): Scenario | undefined {
  return Object.hasOwn(SCENARIOS, name) ? SCENARIOS[name] : undefined;
}
