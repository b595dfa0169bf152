/**
 * The browser's lab-checks.ts (swapped in by integrations/lab-programs-browser.ts): the goal checks
 * (goal-checks.ts: the predicates, the probes, the scratch copies) are a chunk of their own, fetched with
 * the first check, and with the remote hosts' code (engine/remote/remote-code.browser.ts), as probes may
 * connect to a remote host: no check meets RemoteCodeNotLoaded. A failed fetch may be tried again.
 */
import { loadRemoteCode } from '../engine/remote/remote-code.ts';
import type { GoalChecks } from './goal-checks.ts';

let loaded: GoalChecks | null = null;
let loading: Promise<GoalChecks> | null = null;

export function checksNow(): GoalChecks | null {
  return loaded;
}

export function loadChecks(): Promise<GoalChecks> {
  loading ??= Promise.all([import('./goal-checks.ts'), loadRemoteCode()]).then(
    ([m]) => (loaded = m.GOAL_CHECKS),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}
