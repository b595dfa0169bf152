/**
 * A lesson's lab without a DOM: the world built from the lesson's scenario (and the learner's stored
 * image), its shell, the events recorded as the learner works, and the goal checks. The page mounts
 * `shell` in its terminal; tests drive it with `runLine`.
 */
import { MAIN_CF_PATH } from '../engine/config/main-cf.ts';
import { MASTER_CF_PATH } from '../engine/config/master-cf.ts';
import { masterDaemonStarted, masterReload } from '../engine/master/log-texts.ts';
import { runPostconf } from '../engine/postconf/run-postconf.ts';
import { steppingClock, type Clock } from '../engine/world/clock.ts';
import { LAB_EPOCH } from '../engine/world/lab-world.ts';
import type { IdSource } from '../engine/world/ids.ts';
import { createLabShell, type LabShell } from '../shell/lab-shell.ts';
import { MemoryPort } from '../shell/memory-port.ts';
import type { LabWorld, Pacer } from '../shell/programs/net/lab-env.ts';
import { LabEvents, type ConnectionRecord } from './events.ts';
import type { LessonFrontmatter } from './frontmatter.ts';
import { LAB_IMAGE_FORMAT, LAB_IMAGE_VERSION, type LabImage } from './lab-image.ts';
import { holds, type PredicateContext, type PredicateRef } from './predicates/index.ts';
import { ehloReply } from './predicates/state.ts';
import { buildScenarioWorld, DEFAULT_REMOTE_HOSTS, filesDelta, type LoadedConfig } from './scenario-world.ts';
import { scenarioNamed, type Scenario } from './scenarios/index.ts';
import { scratchCopy, type LabState } from './scratch.ts';

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
  /** A config-panel control: `name` a main.cf parameter, or `<service> <parameter>` of master.cf; written as postconf -e / -P write it. */
  toggle(name: string, value: string): void;
  /** The panel's Apply: `postfix reload` (`postfix start` while stopped). */
  apply(): void;
  /** What Postfix has loaded now (null: stopped). */
  loaded(): LoadedConfig | null;
  image(): LabImage;
  evaluate(lesson: Pick<LessonFrontmatter, 'exercises'>): ExerciseStatus[];
  /** Whether one predicate reference holds now (a name, or { check, args }; `not` allowed). */
  check(ref: PredicateRef | string): boolean;
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

/** A clock that remembers the last time it gave out, so a scratch copy can start there without reading it again. */
class TrackedClock implements Clock {
  readonly #base: Clock;
  last: number;
  constructor(base: Clock, start: number) {
    this.#base = base;
    this.last = start;
  }
  now(): number {
    this.last = this.#base.now();
    return this.last;
  }
}

function sameLoaded(a: LoadedConfig | null, b: LoadedConfig | null): boolean {
  return a === b || (a !== null && b !== null && a.mainCf === b.mainCf && a.masterCf === b.masterCf);
}

export function createLessonSession(opts: LessonSessionOptions): LessonSession {
  const scenario = scenarioNamed(opts.scenario);
  if (scenario === undefined) throw new Error(`unknown scenario: ${opts.scenario}`);
  const image = opts.image ?? null;
  if (image !== null && image.scenario.name !== scenario.name) throw new Error(`the image belongs to scenario ${image.scenario.name}`);
  const tracked = new TrackedClock(opts.clock ?? steppingClock(LAB_EPOCH, 10), LAB_EPOCH);
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
  const loaded = (): LoadedConfig | null => (world.master.running ? current : null);
  const done = new Set<string>(image?.exercisesDone ?? []);
  const state: LabState = { world, remote: scenario.remote ?? DEFAULT_REMOTE_HOSTS, loaded, time: () => tracked.last };
  const ctx: PredicateContext = { world, events, loaded, scratch: () => scratchCopy(state) };

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
    toggle(name, value) {
      const files = { mainCf: world.fs.read(MAIN_CF_PATH), masterCf: world.fs.read(MASTER_CF_PATH) };
      const parts = name.trim().split(/\s+/);
      const argv =
        parts.length === 2
          ? ['-P', `${parts[0] ?? ''}/inet/${parts[1] ?? ''}=${value}`]
          : parts.length === 1
            ? ['-e', `${name.trim()}=${value}`]
            : null;
      if (argv === null) throw new Error(`toggle: not a control: ${name}`);
      const r = runPostconf(argv, files);
      if (r.exitCode !== 0) throw new Error(`toggle ${name}=${value}: ${r.stderr.trim()}`);
      if (r.mainCf !== undefined) world.fs.write(MAIN_CF_PATH, r.mainCf);
      if (r.masterCf !== undefined) world.fs.write(MASTER_CF_PATH, r.masterCf);
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
    evaluate(lesson) {
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
        if (goals.every((g) => g.met)) done.add(ex.id);
        const isDone = done.has(ex.id);
        const hints = isDone ? [] : (ex.hints ?? []).filter((h) => check(h.when)).map((h) => h.text);
        return { id: ex.id, done: isDone, goals, hints };
      });
    },
    check: (ref) => holds(ctx, ref),
    ehloDiff() {
      const after = scratchCopy(state);
      const beforeWorld = sameLoaded(before, loaded()) ? null : scratchCopy(state, before);
      const listeners = (w: LabWorld) => (w.master.config?.listeners ?? []).filter((l) => l.command === 'smtpd');
      const all = new Map<string, number>();
      for (const l of [...listeners(after), ...(beforeWorld === null ? [] : listeners(beforeWorld))])
        if (!all.has(l.service)) all.set(l.service, l.port);
      const services = [...all].map(([service, port]) => {
        const a = listeners(after).some((l) => l.service === service) ? (ehloReply(after, port) ?? []) : [];
        const b =
          beforeWorld === null ? a : listeners(beforeWorld).some((l) => l.service === service) ? (ehloReply(beforeWorld, port) ?? []) : [];
        return { service, port, before: b, after: a };
      });
      return { services };
    },
    lastConnection: () => events.lastConnection,
    lastDelivery: () => events.lastDelivery,
    dispose() {
      unsubscribe();
      world.network.observe(null);
      shell.dispose();
    },
  };
}
