/**
 * `<lab-console>`: the lab in one custom element, without a framework, so that the lab page, lessons
 * and other people's pages can all embed the same thing. Everything runs in the page: a simulated
 * mail server (the lab world), a shell in an xterm terminal, the configuration panel, the live
 * mail.log and the files. No request leaves the page and no special HTTP header is needed.
 *
 * The terminal and the panel share the world's files: edits from either side show on the other at
 * once (the panel follows `world.fs`). Postfix only uses them after a reload, as the real one does;
 * the panel shows the difference against what Postfix last loaded.
 *
 * The world is a lesson session (src/lesson-runtime/session.ts) on a scenario: the `scenario`
 * attribute (default `lab-default`, the lab machine as it boots). State kept between visits
 * (localStorage): the lab image (image-store.ts: the files that differ from the scenario, what Postfix
 * has loaded, whether it runs, the exercises done), the shell history and the screen reader switch
 * (lab-prefs.ts), apart per `storage-key`. The `controls` attribute lists the panel controls shown
 * (comma-separated ids; absent: all).
 *
 * Public API: `screenText()` (the terminal's text, for tests and for embedding pages), `terminal`
 * (the xterm instance, read-only use), `reset()`, `session` (the lesson session, for the exercises
 * and pictures of a lesson page), `save()`. A `lab-change` event fires after anything that may have
 * changed the lab's state (a command line, an edit, Apply, a reset, mail.log).
 */
import { MAIN_CF_PATH } from '../../engine/config/main-cf.ts';
import { MASTER_CF_PATH } from '../../engine/config/master-cf.ts';
import { assertNever } from '../../engine/util/assert-never.ts';
import type { LogRecord } from '../../engine/log/mail-log.ts';
import type { Clock } from '../../engine/world/clock.ts';
import { masterDaemonStarted, masterReload } from '../../engine/master/log-texts.ts';
import type { LabImage } from '../../lesson-runtime/lab-image.ts';
import { scenarioNamed } from '../../lesson-runtime/scenarios/index.ts';
import { createLessonSession, type LessonSession } from '../../lesson-runtime/session.ts';
import type { Shell } from '../../shell/index.ts';
import { TimerPacer, type LabWorld } from '../../shell/programs/net/lab-env.ts';
import { mountTerminal, prefetchWhenIdle, type MountedTerminal } from '../../terminal/index.ts';
import { ConfigPanel } from './config-panel.ts';
import type { LabFiles } from './controls.ts';
import { h, uniquePrefix } from './dom.ts';
import './lab-console.css';
import { FileView } from './file-view.ts';
import { forgetImage, imageSlugFor, loadImage, storeImage } from './image-store.ts';
import { forgetPrefs, loadPrefs, prefsKeyFor, storePrefs } from './lab-prefs.ts';
import { LogPane } from './log-pane.ts';

/** The host field of log lines: the World's default (the first label of myhostname, mail.example.org). */
const WALL_CLOCK: Clock = { now: () => Date.now() };
const SAVE_DELAY_MS = 400;
const DEFAULT_SCENARIO = 'lab-default';

interface Session {
  readonly lesson: LessonSession;
  readonly world: LabWorld;
  readonly shell: Shell;
  /** The files as Postfix last loaded them. */
  applied: LabFiles;
  readonly unsubs: (() => void)[];
}

/**
 * The Shell has no way to start with a history yet, but `state.history` is the live array the line
 * editor and `history` read (typed read-only for programs), so the saved lines go into it before the
 * shell is attached. TODO(shell): a `history` option in ShellOptions would make this cast unnecessary.
 */
function restoreHistory(shell: Shell, lines: readonly string[]): void {
  if (lines.length === 0) return;
  const live = shell.state.history as string[];
  live.push(...lines);
}

function readFiles(world: LabWorld): LabFiles {
  return { main: world.fs.read(MAIN_CF_PATH) ?? '', master: world.fs.read(MASTER_CF_PATH) ?? '' };
}

/** True for master(8)'s "daemon started" and "reload" lines: it has just read the files. */
function isConfigLoad(r: LogRecord): boolean {
  return r.program.endsWith('/master') && (r.text === masterReload || r.text === masterDaemonStarted);
}

export class LabConsoleElement extends HTMLElement {
  readonly #prefix: string;
  #built = false;
  #panel: ConfigPanel | null = null;
  #log: LogPane | null = null;
  #mainView: FileView | null = null;
  #masterView: FileView | null = null;
  #screen: HTMLElement | null = null;
  #hintId = '';
  #srSwitch: HTMLInputElement | null = null;
  #notice: HTMLElement | null = null;
  #dialog: HTMLDialogElement | null = null;
  #mounted: MountedTerminal | null = null;
  #session: Session | null = null;
  #themeObserver: MutationObserver | null = null;
  #renderFrame = 0;
  #saveTimer: ReturnType<typeof setTimeout> | null = null;
  #saveWarned = false;
  /** An unsaved copy (a shared link): nothing is stored until keep() (see share-link.ts). */
  #unsaved = false;
  #changeTimer: ReturnType<typeof setTimeout> | null = null;
  readonly #onPageHide = () => this.#saveNow();

  constructor() {
    super();
    this.#prefix = uniquePrefix('lab');
  }

  connectedCallback(): void {
    if (!this.#built) this.#build();
    this.#start();
  }

  disconnectedCallback(): void {
    this.#saveNow();
    this.#stop();
  }

  /** The terminal's text (scrollback included), one row per line. */
  screenText(): string {
    return this.#mounted?.lines().join('\n') ?? '';
  }

  /** The xterm.js terminal (for measuring and tests; don't write to it). */
  get terminal(): MountedTerminal['term'] | null {
    return this.#mounted?.term ?? null;
  }

  /** The lesson session the lab runs (null before it starts): its world, events and goal checks. */
  get session(): LessonSession | null {
    return this.#session?.lesson ?? null;
  }

  /** Stores the lab now (it also stores itself shortly after every change and when the page goes). */
  save(): void {
    this.#saveNow();
  }

  /** Where this lab keeps its image (the `storage-key` attribute: a lesson's slug). */
  get #imageKey(): string {
    return imageSlugFor(this.getAttribute('storage-key'));
  }

  get #prefsKey(): string {
    return prefsKeyFor(this.getAttribute('storage-key'));
  }

  /** The scenario the lab starts from (the `scenario` attribute; an unknown one falls back to the default). */
  get #scenarioName(): string {
    const name = this.getAttribute('scenario');
    return name !== null && scenarioNamed(name) !== undefined ? name : DEFAULT_SCENARIO;
  }

  /** The panel controls to show: the `controls` attribute (comma-separated ids), or all without it. */
  get #controls(): ReadonlySet<string> | null {
    const attr = this.getAttribute('controls');
    return attr === null ? null : new Set(attr.split(/[\s,]+/).filter((c) => c !== ''));
  }

  /**
   * Opens an image (a shared link; null: the scenario as it starts) as an unsaved copy: the stored lab stays as it was until keep().
   * Throws when the image does not fit this lab's scenario (the caller says why).
   */
  openUnsaved(image: LabImage | null): void {
    const mounted = this.#mounted;
    if (mounted === null) throw new Error('the lab has not started');
    if (image !== null && image.scenario.name !== this.#scenarioName)
      throw new Error(`the link is for another lab (${image.scenario.name})`);
    this.#unsaved = true;
    this.#endSession();
    const session = this.#newSession(image, []);
    mounted.setShell(session.shell);
    this.#log?.reset(session.world.logLines());
    this.#panel?.clearApplyOutput();
    this.#render();
  }

  /** True while the lab is an unsaved copy (openUnsaved). */
  get unsaved(): boolean {
    return this.#unsaved;
  }

  /** Makes an unsaved copy this lab's saved lab (it replaces what was stored). */
  keep(): void {
    this.#unsaved = false;
    this.#saveNow();
  }

  /** A fresh world and shell: the scenario's files, empty history, a new log. Exercises done stay done. */
  reset(): void {
    const mounted = this.#mounted;
    if (mounted === null) return;
    const done = this.#session?.lesson.image().exercisesDone ?? [];
    this.#endSession();
    if (!this.#unsaved) {
      forgetImage(this.#imageKey);
      forgetPrefs(this.#prefsKey);
    }
    let session = this.#newSession(null, []);
    if (done.length > 0) {
      const image: LabImage = { ...session.lesson.image(), exercisesDone: [...done] };
      this.#endSession();
      session = this.#newSession(image, []);
    }
    mounted.setShell(session.shell);
    this.#log?.reset(session.world.logLines());
    this.#panel?.clearApplyOutput();
    this.#render();
    this.#scheduleSave();
    this.#say('The lab was reset: the starting files, an empty shell history and a fresh mail.log.');
  }

  #build(): void {
    this.#built = true;
    const p = this.#prefix;
    this.#panel = new ConfigPanel(
      p,
      {
        onFiles: (next) => this.#writeFiles(next),
        onApply: () => this.#apply(),
      },
      this.#controls,
    );
    this.#log = new LogPane(`${p}-log`);
    this.#mainView = new FileView(`${p}-main`, MAIN_CF_PATH);
    this.#masterView = new FileView(`${p}-master`, MASTER_CF_PATH);
    this.#screen = h('div', { class: 'lab-terminal__screen' });
    const hintId = `${p}-term-hint`;
    this.#hintId = hintId;
    const srId = `${p}-sr`;
    this.#srSwitch = h('input', { type: 'checkbox', role: 'switch', id: srId, class: 'lab-check' });
    this.#srSwitch.addEventListener('change', () => {
      this.#mounted?.setScreenReaderMode(this.#srSwitch?.checked === true);
      this.#scheduleSave();
    });
    const goTerminal = h('button', { type: 'button', class: 'lab-button' }, 'Go to the terminal');
    goTerminal.addEventListener('click', () => this.#mounted?.focus());
    const resetButton = h('button', { type: 'button', class: 'lab-button' }, 'Reset the lab…');
    resetButton.addEventListener('click', () => this.#dialog?.showModal());
    this.#notice = h('p', { class: 'lab-notice', role: 'status' });
    this.#dialog = this.#buildDialog();
    const filesHeading = `${p}-files`;
    this.replaceChildren(
      h(
        'div',
        { class: 'lab' },
        h(
          'div',
          { class: 'lab-toolbar' },
          goTerminal,
          h('span', { class: 'lab-switch' }, this.#srSwitch, h('label', { for: srId }, 'Screen reader mode')),
          resetButton,
          this.#notice,
        ),
        this.#panel.element,
        h(
          'section',
          { class: 'lab-terminal', 'aria-label': 'Lab terminal' },
          h(
            'p',
            { id: hintId, class: 'lab-terminal__hint' },
            'Tab completes commands and file names. To leave the terminal, press Esc, then Tab.',
          ),
          this.#screen,
        ),
        this.#log.element,
        h(
          'section',
          { class: 'lab-files', 'aria-labelledby': filesHeading },
          h('h2', { id: filesHeading, class: 'lab-heading' }, 'Files'),
          this.#mainView.element,
          this.#masterView.element,
        ),
        this.#dialog,
      ),
    );
  }

  #buildDialog(): HTMLDialogElement {
    const titleId = `${this.#prefix}-reset-title`;
    const cancel = h('button', { type: 'submit', value: 'cancel', class: 'lab-button' }, 'Cancel');
    const confirm = h('button', { type: 'submit', value: 'reset', class: 'lab-button lab-button--danger' }, 'Reset');
    const dialog = h(
      'dialog',
      { class: 'lab-dialog', 'aria-labelledby': titleId },
      h('h2', { id: titleId, class: 'lab-heading' }, 'Reset the lab?'),
      h(
        'p',
        {},
        'The files go back to how this lab starts, and the shell history and mail.log start empty. Exercises you have done stay done.',
      ),
      h('form', { method: 'dialog', class: 'lab-dialog__buttons' }, cancel, confirm),
    );
    dialog.addEventListener('close', () => {
      if (dialog.returnValue === 'reset') this.reset();
      dialog.returnValue = '';
    });
    return dialog;
  }

  #start(): void {
    const screen = this.#screen;
    if (screen === null || this.#mounted !== null) return;
    const prefs = loadPrefs(this.#prefsKey);
    if (this.#srSwitch !== null) this.#srSwitch.checked = prefs.screenReader;
    const session = this.#openStored(prefs.history);
    this.#mounted = mountTerminal(screen, session.shell, { screenReaderMode: prefs.screenReader, describedBy: this.#hintId });
    // A command line was entered: history and the running state (postfix stop...) may have changed.
    this.#mounted.term.onData((d) => {
      if (d.includes('\r') || d.includes('\n')) {
        this.#scheduleRender();
        this.#scheduleSave();
      }
    });
    this.#log?.reset(session.world.logLines());
    this.#themeObserver = new MutationObserver(() => this.#mounted?.refreshTheme());
    this.#themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'class'] });
    window.addEventListener('pagehide', this.#onPageHide);
    this.#render();
    prefetchWhenIdle(session.lesson.shell.programs);
  }

  /** The session from what is stored: this lab's image if it is usable, else a fresh start (and why). */
  #openStored(history: readonly string[]): Session {
    const scenario = scenarioNamed(this.#scenarioName);
    const stored = scenario === undefined ? ({ kind: 'empty' } as const) : loadImage(this.#imageKey, scenario);
    switch (stored.kind) {
      case 'ok':
      case 'scenario-changed':
        try {
          const session = this.#newSession(stored.image, history);
          if (stored.kind === 'scenario-changed') {
            this.#say(
              `This lab has changed since you last worked in it (version ${stored.storedVersion}, now ${stored.currentVersion}). Your files and finished exercises are kept, but may not fit the new lab: use “Reset the lab…” to start it afresh.`,
            );
          }
          return session;
        } catch {
          forgetImage(this.#imageKey);
          this.#say('Your saved lab could not be restored, so this lab starts afresh.');
          return this.#newSession(null, history);
        }
      case 'corrupt':
      case 'foreign':
        // progress.ts has removed the value (this lab's only).
        this.#say(`Your saved lab could not be used (${stored.reason}), so this lab starts afresh. Other lessons keep theirs.`);
        return this.#newSession(null, history);
      case 'empty':
      case 'unavailable':
        return this.#newSession(null, history);
      default:
        return assertNever(stored);
    }
  }

  #stop(): void {
    window.removeEventListener('pagehide', this.#onPageHide);
    this.#themeObserver?.disconnect();
    this.#themeObserver = null;
    cancelAnimationFrame(this.#renderFrame);
    this.#renderFrame = 0;
    if (this.#saveTimer !== null) clearTimeout(this.#saveTimer);
    this.#saveTimer = null;
    if (this.#changeTimer !== null) clearTimeout(this.#changeTimer);
    this.#changeTimer = null;
    this.#endSession();
    this.#mounted?.dispose();
    this.#mounted = null;
    this.#log?.dispose();
  }

  #newSession(image: LabImage | null, history: readonly string[]): Session {
    // The page's own clock: log lines carry the learner's real time (the engine only ever reads it);
    // the platform's timers pace the server's pauses as a real terminal shows them.
    const lesson = createLessonSession({ scenario: this.#scenarioName, image, clock: WALL_CLOCK, pacer: new TimerPacer() });
    const world = lesson.world;
    const shell = lesson.shell;
    restoreHistory(shell, history);
    const loaded = lesson.loaded();
    const applied = loaded === null ? readFiles(world) : { main: loaded.mainCf, master: loaded.masterCf };
    const session: Session = { lesson, world, shell, applied, unsubs: [] };
    session.unsubs.push(
      world.fs.subscribe((path) => {
        // Any file counts for the image (a new certificate, a policy map); the views show two.
        this.#scheduleSave();
        if (path === MAIN_CF_PATH || path === MASTER_CF_PATH) this.#scheduleRender();
        else this.#scheduleChange();
      }),
      world.log.subscribe((r) => {
        this.#log?.add(world.formatLogRecord(r), `${r.program}: ${r.text}`);
        if (isConfigLoad(r)) session.applied = readFiles(world);
        this.#scheduleRender();
      }),
    );
    // Time passes in the page: once a second the world runs what came due (qmgr retries deferred mail,
    // master serves connections that waited), then the running program sees what reached its connection.
    const pump = setInterval(() => {
      world.runDue();
      shell.tick();
    }, 1000);
    session.unsubs.push(() => clearInterval(pump));
    this.#session = session;
    return session;
  }

  #endSession(): void {
    const s = this.#session;
    if (s === null) return;
    for (const u of s.unsubs) u();
    s.lesson.dispose();
    this.#session = null;
  }

  #writeFiles(next: LabFiles): void {
    const s = this.#session;
    if (s === null) return;
    const now = readFiles(s.world);
    if (next.main !== now.main) s.world.fs.write(MAIN_CF_PATH, next.main);
    if (next.master !== now.master) s.world.fs.write(MASTER_CF_PATH, next.master);
    this.#panel?.clearApplyOutput();
  }

  /** Apply: `postfix reload` (or `postfix start` when it is stopped), as on a terminal. */
  #apply(): void {
    const s = this.#session;
    if (s === null) return;
    const out = s.world.postfix([s.world.master.running ? 'reload' : 'start'], true);
    this.#panel?.showApplyOutput(`${out.stdout}${out.stderr}`.trimEnd(), out.exitCode === 0);
    this.#render();
  }

  #scheduleRender(): void {
    if (this.#renderFrame !== 0) return;
    this.#renderFrame = requestAnimationFrame(() => {
      this.#renderFrame = 0;
      this.#render();
    });
  }

  #render(): void {
    const s = this.#session;
    if (s === null) return;
    this.#scheduleChange();
    const files = readFiles(s.world);
    this.#panel?.render({ files, applied: s.applied, running: s.world.master.running });
    this.#mainView?.render(s.world.fs.read(MAIN_CF_PATH), s.applied.main);
    this.#masterView?.render(s.world.fs.read(MASTER_CF_PATH), s.applied.master);
  }

  /** Tells the page (a lesson's exercises and pictures) that the lab may have changed, once per burst. */
  #scheduleChange(): void {
    if (this.#changeTimer !== null) return;
    this.#changeTimer = setTimeout(() => {
      this.#changeTimer = null;
      this.dispatchEvent(new CustomEvent('lab-change'));
    }, 0);
  }

  #scheduleSave(): void {
    if (this.#saveTimer !== null) return;
    this.#saveTimer = setTimeout(() => this.#saveNow(), SAVE_DELAY_MS);
  }

  #saveNow(): void {
    if (this.#saveTimer !== null) clearTimeout(this.#saveTimer);
    this.#saveTimer = null;
    const s = this.#session;
    if (s === null || this.#unsaved) return;
    storePrefs(this.#prefsKey, { history: s.shell.history, screenReader: this.#srSwitch?.checked === true });
    const result = storeImage(this.#imageKey, s.lesson.image());
    if (result === 'saved' || this.#saveWarned) return;
    this.#saveWarned = true;
    this.#say(
      result === 'too-big'
        ? 'A file is too big to be kept in this browser: your changes last until you leave the page.'
        : 'This browser does not let the lab keep your work: it lasts until you leave the page.',
    );
  }

  #say(message: string): void {
    if (this.#notice !== null) this.#notice.textContent = message;
  }
}

export function defineLabConsole(): void {
  if (typeof customElements !== 'undefined' && customElements.get('lab-console') === undefined) {
    customElements.define('lab-console', LabConsoleElement);
  }
}
