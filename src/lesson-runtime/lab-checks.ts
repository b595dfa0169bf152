/**
 * Where a lesson session's goal checks (goal-checks.ts) come from. Here, for Node (tests, the corpus
 * harness, runLine): imported at once, always there. The browser builds swap in lab-checks.browser.ts
 * (integrations/lab-programs-browser.ts), which fetches them with the first check.
 */
import { GOAL_CHECKS, type GoalChecks } from './goal-checks.ts';

/** The goal checks if they are here (always, in Node). */
export function checksNow(): GoalChecks | null {
  return GOAL_CHECKS;
}

/** Resolves once the goal checks are here. */
export function loadChecks(): Promise<GoalChecks> {
  return Promise.resolve(GOAL_CHECKS);
}
