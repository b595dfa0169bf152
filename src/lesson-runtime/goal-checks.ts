/**
 * The goal checks of a lesson session (session.ts: `evaluate`, `check`, `ehloDiff`): the goal predicates
 * and the scratch copies they probe. Node imports this at once (lab-checks.ts); the browser fetches it
 * with the first check (lab-checks.browser.ts), since booting the lab and answering its first EHLO never
 * need it. Checks read only what the session keeps at all times (its LabEvents, its world, the exercises
 * done), so a command run before this code came counts the same.
 */
import type { LabEvents } from './events.ts';
import { holds, type PredicateContext, type PredicateRef } from './predicates/index.ts';
import { ehloReply } from './predicates/state.ts';
import { sameLoaded, type LoadedConfig } from './scenario-world.ts';
import { scratchCopy, type LabState } from './scratch.ts';
import type { EhloDiff, EvaluableLesson, ExerciseStatus } from './session.ts';
import type { LabWorld } from '../shell/programs/net/lab-env.ts';

/** What a session gives its checks. */
export interface CheckedSession {
  readonly state: LabState;
  readonly events: LabEvents;
  /** What Postfix has loaded now (null: stopped). */
  loaded(): LoadedConfig | null;
  /** The configuration before and after the last start/reload that changed it (the same: no change yet). */
  before(): LoadedConfig | null;
  current(): LoadedConfig | null;
  /** Exercises done (sticky; the checks add to it). */
  readonly done: Set<string>;
}

export interface GoalChecks {
  evaluate(s: CheckedSession, lesson: EvaluableLesson): ExerciseStatus[];
  check(s: CheckedSession, ref: PredicateRef | string): boolean;
  ehloDiff(s: CheckedSession): EhloDiff;
}

function contextOf(s: CheckedSession): PredicateContext {
  return { world: s.state.world, events: s.events, loaded: () => s.loaded(), scratch: () => scratchCopy(s.state) };
}

export const GOAL_CHECKS: GoalChecks = {
  evaluate(s, lesson) {
    const ctx = contextOf(s);
    const cache = new Map<string, boolean>();
    const check = (ref: PredicateRef | string): boolean => {
      const key = JSON.stringify(ref);
      let v = cache.get(key);
      if (v === undefined) {
        v = holds(ctx, ref);
        cache.set(key, v);
      }
      return v;
    };
    return (lesson.exercises ?? []).map((ex) => {
      const goals = ex.goals.map((g) => ({ text: g.text, met: check({ check: g.check, args: g.args ?? {} }) }));
      if (goals.every((g) => g.met)) s.done.add(ex.id);
      const isDone = s.done.has(ex.id);
      const hints = isDone ? [] : (ex.hints ?? []).filter((h) => check(h.when)).map((h) => h.text);
      return { id: ex.id, done: isDone, goals, hints };
    });
  },
  check: (s, ref) => holds(contextOf(s), ref),
  ehloDiff(s) {
    const after = scratchCopy(s.state);
    // "Before" is the lab before the last start/reload that changed the configuration (none yet: same as now).
    const before = s.before();
    const changed = !sameLoaded(before, s.current());
    const beforeWorld = changed && before !== null ? scratchCopy(s.state, before) : null;
    const smtpd = (w: LabWorld | null) => (w?.master.config?.listeners ?? []).filter((l) => l.command === 'smtpd');
    const ports = new Map<string, number>();
    for (const l of [...smtpd(after), ...smtpd(beforeWorld)]) if (!ports.has(l.service)) ports.set(l.service, l.port);
    const reply = (w: LabWorld | null, service: string, port: number): string[] =>
      w !== null && smtpd(w).some((l) => l.service === service) ? (ehloReply(w, port) ?? []) : [];
    const services = [...ports].map(([service, port]) => {
      const a = reply(after, service, port);
      return { service, port, before: changed ? reply(beforeWorld, service, port) : a, after: a };
    });
    return { services };
  },
};
