import type { LabWorld } from '../../shell/programs/net/lab-env.ts';
import type { LabEvents } from '../events.ts';
import type { LoadedConfig } from '../scenario-world.ts';

/** What a predicate may read. State predicates probe `scratch()` copies only; the learner's world is read, never driven. */
export interface PredicateContext {
  /** The learner's world: read-only use (files, the loaded configuration, log lines). */
  readonly world: LabWorld;
  readonly events: LabEvents;
  /** What the learner's Postfix has loaded (null: stopped). */
  loaded(): LoadedConfig | null;
  /** A fresh scratch copy of the learner's world (its own clock, IDs and log). */
  scratch(): LabWorld;
}
