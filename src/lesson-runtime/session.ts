/**
 * A lesson's lab without a DOM: the world built from the lesson's scenario (and the learner's stored
 * image), its shell, the events recorded as the learner works, and the goal checks. The page mounts
 * `shell` in its terminal; tests drive it with `runLine`.
 */
import { MAIN_CF_PATH } from '../engine/config/main-cf.ts';
import { MASTER_CF_PATH } from '../engine/config/master-cf.ts';
import { masterDaemonStarted, masterReload } from '../engine/master/log-texts.ts';
import { steppingClock, type Clock, type SteppingClock } from '../engine/world/clock.ts';
import { LAB_EPOCH } from '../engine/world/lab-world.ts';
import type { IdSource } from '../engine/world/ids.ts';
import { createLabShell, type LabShell } from '../shell/lab-shell.ts';
import { MemoryPort } from '../shell/memory-port.ts';
import type { LabWorld, Pacer } from '../shell/programs/net/lab-env.ts';
import { LabEvents, type ConnectionRecord } from './events.ts';
import { LAB_IMAGE_FORMAT, LAB_IMAGE_VERSION, type LabImage } from './lab-image.ts';
import type { CheckedSession, GoalChecks } from './goal-checks.ts';
import { checksNow } from './lab-checks.ts';
import type { PredicateRef } from './predicates/index.ts';
import { buildScenarioWorld, DEFAULT_REMOTE_HOSTS, filesDelta, sameLoaded, type LoadedConfig } from './scenario-world.ts';
import { scenarioNamed, type Scenario } from './scenarios/index.ts';
import type { LabState } from './scratch.ts';

export interface ExerciseStatus {
  readonly id: string;
  /** Sticky: once all goals held, the exercise stays done (it is kept in the image). */
  readonly done: boolean;
  readonly goals: readonly { readonly text: string; readonly met: boolean }[];
  /** Texts of the hints whose `when` holds now (none once done). */
  readonly hints: readonly string[];
}

/** For each listening smtpd service, the EHLO reply before and after the last change that took effect. */
export interface EhloDiff {
  readonly services: readonly { readonly service: string; readonly port: number; readonly before: string[]; readonly after: string[] }[];
}

/** What evaluate() reads of a lesson: its frontmatter fits (the exercises' goals and hints). */
export interface EvaluableLesson {
  readonly exercises?:
    | readonly {
        readonly id: string;
        readonly goals: readonly {
          readonly check: string;
          readonly args?: Readonly<Record<string, unknown>> | undefined;
          readonly text: string;
        }[];
        readonly hints?: readonly { readonly when: string | PredicateRef; readonly text: string }[] | undefined;
      }[]
    | undefined;
}

export interface LessonSessionOptions {
  /** A key of SCENARIOS. */
  readonly scenario: string;
  /** The learner's stored state (from progress.ts); its scenario must be this one. */
  readonly image?: LabImage | null;
  readonly clock?: Clock;
  readonly ids?: IdSource;
  /** Timers for the server's pauses on a real terminal (default: none, output comes at once). */
  readonly pacer?: Pacer;
}

export interface LessonSession {
  readonly scenario: Scenario;
  readonly world: LabWorld;
  readonly shell: LabShell;
  readonly events: LabEvents;
  /** A line typed at the terminal (the prompt or an interactive program) and Enter; what the terminal printed. */
  runLine(line: string): string;
  /** The panel's Apply: `postfix reload` (`postfix start` while stopped). */
  apply(): void;
  /** What Postfix has loaded now (null: stopped). */
  loaded(): LoadedConfig | null;
  image(): LabImage;
  /** The exercises' goals and hints now. In the browser, throws ChecksNotLoaded until `loadChecks()` (lab-checks.ts) has run. */
  evaluate(lesson: EvaluableLesson): ExerciseStatus[];
  /** Whether one predicate reference holds now (a name, or { check, args }; `not` allowed). Needs the checks as `evaluate`. */
  check(ref: PredicateRef | string): boolean;
  /** Needs the checks as `evaluate`. */
  ehloDiff(): EhloDiff;
  lastConnection(): ConnectionRecord | null;
  lastDelivery(): ConnectionRecord | null;
  /** Stops observing the world (the page leaves the lesson). */
  dispose(): void;
}

/** Output at once: what runLine and tests want (a page passes its own timer pacer). */
const IMMEDIATE: Pacer = {
  immediate: true,
  after(_ms: number, fn: () => void): () => void {
    fn();
    return () => {};
  },
};

/**
 * A check asked for before the browser had the goal checks' code (lab-checks.browser.ts): nothing was
 * checked or changed; call `loadChecks()` and check again.
 */
export class ChecksNotLoaded extends Error {
  override readonly name = 'ChecksNotLoaded';
  constructor() {
    super('the goal checks have not loaded yet');
  }
}

function goalChecks(): GoalChecks {
  const c = checksNow();
  if (c === null) throw new ChecksNotLoaded();
  return c;
}

/** A clock that remembers the last time it gave out, so a scratch copy can start there without reading it again. */
interface TrackedClock extends Clock {
  last: number;
}

/** Wraps `base`; a base that simulated time can move (steppingClock's `advance`) stays movable. */
function trackedClock(base: Clock, start: number): TrackedClock {
  const c: TrackedClock = {
    last: start,
    now() {
      c.last = base.now();
      return c.last;
    },
  };
  const move = (base as Partial<SteppingClock>).advance;
  if (typeof move === 'function') (c as TrackedClock & Partial<SteppingClock>).advance = (ms: number) => move.call(base, ms);
  return c;
}

export function createLessonSession(opts: LessonSessionOptions): LessonSession {
  const scenario = scenarioNamed(opts.scenario);
  if (scenario === undefined) throw new Error(`unknown scenario: ${opts.scenario}`);
  const image = opts.image ?? null;
  if (image !== null && image.scenario.name !== scenario.name) throw new Error(`the image belongs to scenario ${image.scenario.name}`);
  const tracked = trackedClock(opts.clock ?? steppingClock(LAB_EPOCH, 10), LAB_EPOCH);
  const built = buildScenarioWorld(scenario, image, { clock: tracked, ...(opts.ids === undefined ? {} : { ids: opts.ids }) });
  const world = built.world;
  const events = new LabEvents();
  world.network.observe(events.connectionObserver);
  const shell = createLabShell(world, { observer: events.shellObserver, pacer: opts.pacer ?? IMMEDIATE });
  const port = new MemoryPort();
  shell.attach(port);
  port.take();

  let current: LoadedConfig | null = built.loaded;
  let before: LoadedConfig | null = built.loaded;
  const unsubscribe = world.log.subscribe((r) => {
    tracked.last = Math.max(tracked.last, r.time);
    if (!r.program.endsWith('/master') || (r.text !== masterDaemonStarted && r.text !== masterReload)) return;
    const now: LoadedConfig = { mainCf: world.fs.read(MAIN_CF_PATH) ?? '', masterCf: world.fs.read(MASTER_CF_PATH) ?? '' };
    if (!sameLoaded(now, current)) {
      before = current;
      current = now;
    }
  });
  const loaded = (): LoadedConfig | null => {
    const cfg = world.master.running ? world.master.config : null;
    return cfg === null ? null : { mainCf: cfg.mainCfText, masterCf: cfg.masterCfText };
  };
  const done = new Set<string>(image?.exercisesDone ?? []);
  const state: LabState = { world, remote: scenario.remote ?? DEFAULT_REMOTE_HOSTS, time: () => tracked.last };
  const checked: CheckedSession = { state, events, loaded, before: () => before, current: () => current, done };

  return {
    scenario,
    world,
    shell,
    events,
    runLine(line) {
      port.take();
      shell.input(`${line}\r`);
      return port.take();
    },
    apply() {
      world.postfix([world.master.running ? 'reload' : 'start'], false);
    },
    loaded,
    image() {
      return {
        format: LAB_IMAGE_FORMAT,
        version: LAB_IMAGE_VERSION,
        scenario: { name: scenario.name, version: scenario.version },
        files: filesDelta(scenario, world.fs),
        loaded: loaded(),
        exercisesDone: [...done],
      };
    },
    evaluate: (lesson) => goalChecks().evaluate(checked, lesson),
    check: (ref) => goalChecks().check(checked, ref),
    ehloDiff: () => goalChecks().ehloDiff(checked),
    lastConnection: () => events.lastConnection,
    lastDelivery: () => events.lastDelivery,
    dispose() {
      unsubscribe();
      world.network.observe(null);
      shell.dispose();
    },
  };
}
