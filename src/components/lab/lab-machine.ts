/**
 * The machine of a `<lab-console>`: the lesson session (the simulated Postfix world on the lab's scenario,
 * its event recorder and goal checks), what the files and the log say for the views, and the views' hooks
 * (a panel change, Apply). It is its own chunk, fetched by lab-console.ts only when a command line needs it
 * (or when the page has been quiet for a while), so that the prompt and a first `echo` cost only xterm and
 * the shell.
 *
 * The views (lab-views.ts: the configuration panel, the live mail.log and the file views) are a chunk of
 * their own again, which a first `telnet localhost 25` and EHLO never need. The machine fetches it when the
 * pointer, the focus or a touch reaches one of the element's stand-ins (or had reached it when the machine
 * came), when the page has been quiet for a moment after the session opened, and at once when a session
 * opens from an image (a reset, a shared link). Until then the stand-ins stay, and nothing is lost: the views are built
 * with the files and what Postfix last loaded as they are when they come, and the mail.log pane starts
 * with the world's log so far (announcing only the lines after it).
 *
 * The terminal's shell is the element's; opening a session moves it onto the session's machine
 * (Shell.useMachine: the world's files and network, the lab's command table) and connects its relay to the
 * session's event recorder, which then gets what was run before. `session.shell` (the LabShell the
 * session builds for runLine) stays off the terminal.
 *
 * The panel and the terminal share the world's files: edits from either side show on the other at once.
 * Postfix only uses them after a reload, as the real one does; the panel shows the difference against what
 * Postfix last loaded.
 */
import { MAIN_CF_PATH } from '../../engine/config/main-cf.ts';
import { MASTER_CF_PATH } from '../../engine/config/master-cf.ts';
import type { LogRecord } from '../../engine/log/mail-log.ts';
import { masterDaemonStarted, masterReload } from '../../engine/master/log-texts.ts';
import { assertNever } from '../../engine/util/assert-never.ts';
import type { Clock } from '../../engine/world/clock.ts';
import type { LabImage } from '../../lesson-runtime/lab-image.ts';
import { scenarioNamed } from '../../lesson-runtime/scenarios/index.ts';
import { createLessonSession, type LessonSession } from '../../lesson-runtime/session.ts';
import { TimerPacer, type LabWorld } from '../../shell/programs/net/lab-env.ts';
import type { RelayObserver } from '../../shell/relay-observer.ts';
import type { Shell } from '../../shell/shell.ts';
import { prefetchWhenIdle, whenQuiet, type QuietTask } from '../../terminal/prefetch.ts';
import type { LabFiles } from './controls.ts';
import { forgetImage, imageSlugFor, loadImage, storeImage } from './image-store.ts';
import type { LabViews, ViewSlots, ViewsState } from './lab-views.ts';

/** The page's own clock: log lines carry the learner's real time (the engine only ever reads it). */
const WALL_CLOCK: Clock = { now: () => Date.now() };
const DEFAULT_SCENARIO = 'lab-default';
/** Quiet time after the machine has come before the other programs are fetched. */
const PROGRAMS_QUIET_MS = 3000;
/** Quiet time after a session has opened before the views are fetched. */
const VIEWS_QUIET_MS = 1500;
/** What on a stand-in shows that the learner turns to it. */
const SLOT_EVENTS = ['pointerenter', 'focusin', 'touchstart'] as const;

type ViewsCode = typeof import('./lab-views.ts');

/** The terminal's shell as the element made it; `attached` once it runs on a session's machine. */
export interface TerminalShell {
  readonly shell: Shell;
  readonly relay: RelayObserver;
  attached: boolean;
}

/** What the element gives its machine. */
export interface MachineFrame {
  readonly prefix: string;
  /** The `scenario`, `controls` and `storage-key` attributes. */
  readonly scenario: string | null;
  readonly controls: ReadonlySet<string> | null;
  readonly storageKey: string | null;
  /** The stand-ins the views (lab-views.ts) replace with the panel, the log pane and the files. */
  readonly slots: ViewSlots;
  /** A notice for the learner (text). */
  say(message: string): void;
  /** Something in the lab may have changed: save soon. */
  saveSoon(): void;
  /** The files changed: redraw soon. */
  renderSoon(): void;
  /** Tell the page (lab-change), once per burst. */
  changed(): void;
}

/** Where a session's files come from. */
export type Origin =
  /** This lab's stored image, if it is usable (else a fresh start, and the learner is told why). */
  | { readonly kind: 'stored' }
  /** This image (a shared link), or the scenario as it starts (null); exercises done added. */
  | { readonly kind: 'image'; readonly image: LabImage | null; readonly exercisesDone?: readonly string[] };

interface Session {
  readonly lesson: LessonSession;
  readonly world: LabWorld;
  readonly terminal: TerminalShell;
  /** The files as Postfix last loaded them. */
  applied: LabFiles;
  readonly unsubs: (() => void)[];
}

function readFiles(world: LabWorld): LabFiles {
  return { main: world.fs.read(MAIN_CF_PATH) ?? '', master: world.fs.read(MASTER_CF_PATH) ?? '' };
}

/** What the views show of a session: the files on disk, what Postfix last loaded, whether it runs. */
function viewsState(s: Session): ViewsState {
  const onDisk = { main: s.world.fs.read(MAIN_CF_PATH), master: s.world.fs.read(MASTER_CF_PATH) };
  return { files: { main: onDisk.main ?? '', master: onDisk.master ?? '' }, applied: s.applied, running: s.world.master.running, onDisk };
}

/** True for master(8)'s "daemon started" and "reload" lines: it has just read the files. */
function isConfigLoad(r: LogRecord): boolean {
  return r.program.endsWith('/master') && (r.text === masterReload || r.text === masterDaemonStarted);
}

export class LabMachine {
  readonly #frame: MachineFrame;
  #session: Session | null = null;
  #prefetch: QuietTask | null = null;
  /** The views once they are up; their code once it is here, and its fetch while it comes. */
  #views: LabViews | null = null;
  #viewsCode: ViewsCode | null = null;
  #viewsLoad: Promise<void> | null = null;
  #viewsQuiet: QuietTask | null = null;
  /** The learner reached the panel's stand-in: its editing code is fetched as it comes up. */
  #atPanel = false;
  readonly #onSlot = (event: Event): void => {
    if (event.currentTarget === this.#frame.slots.panel) this.#atPanel = true;
    this.#needViews();
  };

  constructor(frame: MachineFrame) {
    this.#frame = frame;
    const { panel, log, files } = frame.slots;
    for (const slot of [panel, log, files]) {
      for (const type of SLOT_EVENTS) slot.addEventListener(type, this.#onSlot, { passive: true });
      // Reachable by Tab, so that the keyboard, too, can ask for the views (the focus goes on into them).
      if (!slot.hasAttribute('tabindex')) slot.tabIndex = 0;
    }
    // The pointer or the focus may be on a stand-in already (it is what fetched the machine).
    const reached = (slot: HTMLElement) => slot.matches(':hover') || slot.contains(document.activeElement);
    if (reached(panel)) this.#atPanel = true;
    if (reached(panel) || reached(log) || reached(files)) this.#needViews();
  }

  /** The scenario the lab runs (the `scenario` attribute; an unknown one falls back to the default). */
  get scenarioName(): string {
    const name = this.#frame.scenario;
    return name !== null && scenarioNamed(name) !== undefined ? name : DEFAULT_SCENARIO;
  }

  get session(): LessonSession | null {
    return this.#session?.lesson ?? null;
  }

  /** The terminal shell the current session runs on (null: none). */
  get terminal(): TerminalShell | null {
    return this.#session?.terminal ?? null;
  }

  /**
   * Starts a session and moves `terminal` onto its machine. Throws when an image does not fit this lab
   * (an `image` origin only: a stored image that does not fit is dropped and the lab starts afresh).
   */
  open(terminal: TerminalShell, origin: Origin): LessonSession {
    this.close();
    const session = origin.kind === 'stored' ? this.#openStored(terminal) : this.#openImage(terminal, origin);
    const { shell, relay } = terminal;
    shell.useMachine(session.lesson.shell.host, session.lesson.shell.programs);
    relay.connect(session.lesson.events.shellObserver);
    terminal.attached = true;
    this.#views?.reset(session.world.logLines());
    this.#prefetch?.cancel();
    this.#prefetch = prefetchWhenIdle(session.lesson.shell.programs, PROGRAMS_QUIET_MS);
    this.render();
    if (this.#views === null) {
      // A reset or a shared link is a turn to the whole lab. A lab that names its controls waits like any other
      // (the learner's pointer or focus on the panel's stand-in fetches them at once): a first EHLO needs no panel.
      if (this.#viewsCode !== null || origin.kind === 'image') this.#needViews();
      else if (this.#viewsLoad === null) {
        this.#viewsQuiet?.cancel();
        this.#viewsQuiet = whenQuiet(() => this.#needViews(), VIEWS_QUIET_MS);
      }
    }
    return session.lesson;
  }

  /** A key was typed: the programs' prefetch and the views' wait for quiet again. */
  poke(): void {
    this.#prefetch?.poke();
    this.#viewsQuiet?.poke();
  }

  /** Puts the views up now, or as soon as their code and a session are here (a failed fetch is tried again at the next need). */
  #needViews(): void {
    this.#viewsQuiet?.cancel();
    this.#viewsQuiet = null;
    if (this.#views !== null) return;
    if (this.#viewsCode !== null) return this.#mountViews(this.#viewsCode);
    this.#viewsLoad ??= import('./lab-views.ts').then(
      (code) => {
        this.#viewsCode = code;
        this.#mountViews(code);
      },
      () => {
        this.#viewsLoad = null;
      },
    );
  }

  /** Builds the views on the session as it is now (without a session: at the next open). */
  #mountViews(code: ViewsCode): void {
    const s = this.#session;
    if (this.#views !== null || s === null) return;
    const { slots, prefix, controls } = this.#frame;
    this.#views = new code.LabViews(slots, {
      prefix,
      controls,
      hooks: { onFiles: (next) => this.#writeFiles(next), onApply: () => this.#apply() },
      state: viewsState(s),
      log: s.world.logLines(),
    });
    for (const slot of [slots.panel, slots.log, slots.files]) for (const type of SLOT_EVENTS) slot.removeEventListener(type, this.#onSlot);
    if (this.#atPanel) this.#views.prefetchEdits();
  }

  /** Ends the session (its world stops; the element disposes the shell). */
  close(): void {
    const s = this.#session;
    if (s === null) return;
    for (const u of s.unsubs) u();
    s.lesson.dispose();
    this.#session = null;
  }

  /** Ends everything (the element leaves the page). */
  dispose(): void {
    this.#prefetch?.cancel();
    this.#prefetch = null;
    this.#viewsQuiet?.cancel();
    this.#viewsQuiet = null;
    this.close();
    this.#views?.dispose();
  }

  /** The lab image of the session (null: none). */
  image(): LabImage | null {
    return this.#session?.lesson.image() ?? null;
  }

  /** Stores the session's image under this lab's key. */
  store(): ReturnType<typeof storeImage> | null {
    const image = this.image();
    return image === null ? null : storeImage(imageSlugFor(this.#frame.storageKey), image);
  }

  forget(): void {
    forgetImage(imageSlugFor(this.#frame.storageKey));
  }

  render(): void {
    const s = this.#session;
    if (s === null) return;
    this.#frame.changed();
    this.#views?.render(viewsState(s));
  }

  #openStored(terminal: TerminalShell): Session {
    const key = imageSlugFor(this.#frame.storageKey);
    const scenario = scenarioNamed(this.scenarioName);
    const stored = scenario === undefined ? ({ kind: 'empty' } as const) : loadImage(key, scenario);
    const say = (m: string) => this.#frame.say(m);
    switch (stored.kind) {
      case 'ok':
      case 'scenario-changed':
        try {
          const session = this.#newSession(terminal, stored.image);
          if (stored.kind === 'scenario-changed') {
            say(
              `This lab has changed since you last worked in it (version ${stored.storedVersion}, now ${stored.currentVersion}). Your files and finished exercises are kept, but may not fit the new lab: use “Reset the lab…” to start it afresh.`,
            );
          }
          return session;
        } catch {
          forgetImage(key);
          say('Your saved lab could not be restored, so this lab starts afresh.');
          return this.#newSession(terminal, null);
        }
      case 'corrupt':
      case 'foreign':
        // progress.ts has removed the value (this lab's only).
        say(`Your saved lab could not be used (${stored.reason}), so this lab starts afresh. Other lessons keep theirs.`);
        return this.#newSession(terminal, null);
      case 'empty':
      case 'unavailable':
        return this.#newSession(terminal, null);
      default:
        return assertNever(stored);
    }
  }

  #openImage(terminal: TerminalShell, origin: Origin & { kind: 'image' }): Session {
    const done = origin.exercisesDone ?? [];
    if (done.length === 0) return this.#newSession(terminal, origin.image);
    // Exercises done stay done: the image of the fresh lab with them added.
    const fresh = this.#newSession(terminal, origin.image);
    const image: LabImage = { ...fresh.lesson.image(), exercisesDone: [...done] };
    this.close();
    return this.#newSession(terminal, image);
  }

  #newSession(terminal: TerminalShell, image: LabImage | null): Session {
    // The platform's timers pace the server's pauses as a real terminal shows them.
    const lesson = createLessonSession({ scenario: this.scenarioName, image, clock: WALL_CLOCK, pacer: new TimerPacer() });
    const world = lesson.world;
    const loaded = lesson.loaded();
    const applied = loaded === null ? readFiles(world) : { main: loaded.mainCf, master: loaded.masterCf };
    const session: Session = { lesson, world, terminal, applied, unsubs: [] };
    session.unsubs.push(
      world.fs.subscribe((path) => {
        // Any file counts for the image (a new certificate, a policy map); the views show two.
        this.#frame.saveSoon();
        if (path === MAIN_CF_PATH || path === MASTER_CF_PATH) this.#frame.renderSoon();
        else this.#frame.changed();
      }),
      world.log.subscribe((r) => {
        this.#views?.addLog(world.formatLogRecord(r), `${r.program}: ${r.text}`);
        if (isConfigLoad(r)) session.applied = readFiles(world);
        this.#frame.renderSoon();
      }),
    );
    // Time passes in the page: once a second the world runs what came due (qmgr retries deferred mail,
    // master serves connections that waited), then the running program sees what reached its connection.
    const pump = setInterval(() => {
      world.runDue();
      terminal.shell.tick();
    }, 1000);
    session.unsubs.push(() => clearInterval(pump));
    this.#session = session;
    return session;
  }

  #writeFiles(next: LabFiles): void {
    const s = this.#session;
    if (s === null) return;
    const now = readFiles(s.world);
    if (next.main !== now.main) s.world.fs.write(MAIN_CF_PATH, next.main);
    if (next.master !== now.master) s.world.fs.write(MASTER_CF_PATH, next.master);
    this.#views?.clearApplyOutput();
  }

  /** Apply: `postfix reload` (or `postfix start` when it is stopped), as on a terminal. */
  #apply(): void {
    const s = this.#session;
    if (s === null) return;
    const out = s.world.postfix([s.world.master.running ? 'reload' : 'start'], true);
    this.#views?.showApplyOutput(`${out.stdout}${out.stderr}`.trimEnd(), out.exitCode === 0);
    this.render();
  }
}
