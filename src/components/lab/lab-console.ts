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
 * State kept between visits (localStorage, see stored-state.ts): main.cf, master.cf, the shell
 * history and the screen reader switch.
 *
 * Public API: `screenText()` (the terminal's text, for tests and for embedding pages), `terminal`
 * (the xterm instance, read-only use), `reset()`.
 */
import { MAIN_CF_PATH } from '../../engine/config/main-cf.ts';
import { MASTER_CF_PATH } from '../../engine/config/master-cf.ts';
import type { LogRecord } from '../../engine/log/mail-log.ts';
import type { Clock } from '../../engine/world/clock.ts';
import { masterDaemonStarted, masterReload } from '../../engine/master/log-texts.ts';
import { createLabWorld } from '../../engine/world/lab-world.ts';
import type { Shell } from '../../shell/index.ts';
import { mountTerminal, type MountedTerminal } from '../../terminal/index.ts';
import { ConfigPanel } from './config-panel.ts';
import type { LabFiles } from './controls.ts';
import { createLabShellFor, type LabWorld } from './create-lab-shell.ts';
import { h, uniquePrefix } from './dom.ts';
import './lab-console.css';
import { FileView } from './file-view.ts';
import { forgetSaved, loadSaved, storageKeyFor, storeSaved } from './lab-storage.ts';
import { LogPane } from './log-pane.ts';
import type { SavedLab } from './stored-state.ts';

/** The host field of log lines: the World's default (the first label of myhostname, mail.example.org). */
const WALL_CLOCK: Clock = { now: () => Date.now() };
const SAVE_DELAY_MS = 400;

interface Session {
  readonly world: LabWorld;
  readonly shell: Shell;
  /** The files as Postfix last loaded them. */
  applied: LabFiles;
  readonly unsubs: (() => void)[];
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

  /** Where this lab keeps its files and history (see `storageKeyFor`; the `storage-key` attribute). */
  get #storageKey(): string {
    return storageKeyFor(this.getAttribute('storage-key'));
  }

  /** A fresh world and shell: default files, empty history, a new log. */
  reset(): void {
    const mounted = this.#mounted;
    if (mounted === null) return;
    this.#endSession();
    forgetSaved(this.#storageKey);
    const session = this.#newSession(null);
    mounted.setShell(session.shell);
    this.#log?.reset(session.world.logLines());
    this.#panel?.clearApplyOutput();
    this.#render();
    this.#scheduleSave();
    this.#say('The lab was reset: default files, an empty shell history and a fresh mail.log.');
  }

  #build(): void {
    this.#built = true;
    const p = this.#prefix;
    this.#panel = new ConfigPanel(p, {
      onFiles: (next) => this.#writeFiles(next),
      onApply: () => this.#apply(),
    });
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
      h('p', {}, 'main.cf and master.cf go back to the defaults, and the shell history and mail.log start empty.'),
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
    const loaded = loadSaved(this.#storageKey);
    let saved: SavedLab | null = null;
    if (loaded.kind === 'ok') saved = loaded.saved;
    else if (loaded.kind === 'invalid') {
      forgetSaved(this.#storageKey);
      this.#say(`Your saved lab could not be used (${loaded.reason}), so the lab starts from the default files.`);
    }
    if (this.#srSwitch !== null) this.#srSwitch.checked = saved?.screenReader === true;
    const session = this.#newSession(saved);
    this.#mounted = mountTerminal(screen, session.shell, { screenReaderMode: saved?.screenReader === true, describedBy: this.#hintId });
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
  }

  #stop(): void {
    window.removeEventListener('pagehide', this.#onPageHide);
    this.#themeObserver?.disconnect();
    this.#themeObserver = null;
    cancelAnimationFrame(this.#renderFrame);
    this.#renderFrame = 0;
    if (this.#saveTimer !== null) clearTimeout(this.#saveTimer);
    this.#saveTimer = null;
    this.#endSession();
    this.#mounted?.dispose();
    this.#mounted = null;
    this.#log?.dispose();
  }

  #newSession(saved: SavedLab | null): Session {
    const files =
      saved === null
        ? {}
        : { files: { [MAIN_CF_PATH]: { content: saved.main, mode: 0o644 }, [MASTER_CF_PATH]: { content: saved.master, mode: 0o644 } } };
    // The page's own clock: log lines carry the learner's real time (the engine only ever reads it).
    const world = createLabWorld({ ...files, clock: WALL_CLOCK });
    const shell = createLabShellFor(world, { history: saved?.history ?? [] });
    const session: Session = { world, shell, applied: readFiles(world), unsubs: [] };
    session.unsubs.push(
      world.fs.subscribe((path) => {
        if (path !== MAIN_CF_PATH && path !== MASTER_CF_PATH) return;
        this.#scheduleRender();
        this.#scheduleSave();
      }),
      world.log.subscribe((r) => {
        this.#log?.add(world.formatLogRecord(r), `${r.program}: ${r.text}`);
        if (isConfigLoad(r)) session.applied = readFiles(world);
        this.#scheduleRender();
      }),
    );
    // Time passes in the page: once a second the world runs what came due (qmgr retries deferred mail).
    const pump = setInterval(() => world.runDue(), 1000);
    session.unsubs.push(() => clearInterval(pump));
    this.#session = session;
    return session;
  }

  #endSession(): void {
    const s = this.#session;
    if (s === null) return;
    for (const u of s.unsubs) u();
    s.shell.dispose();
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
    const files = readFiles(s.world);
    this.#panel?.render({ files, applied: s.applied, running: s.world.master.running });
    this.#mainView?.render(s.world.fs.read(MAIN_CF_PATH), s.applied.main);
    this.#masterView?.render(s.world.fs.read(MASTER_CF_PATH), s.applied.master);
  }

  #scheduleSave(): void {
    if (this.#saveTimer !== null) return;
    this.#saveTimer = setTimeout(() => this.#saveNow(), SAVE_DELAY_MS);
  }

  #saveNow(): void {
    if (this.#saveTimer !== null) clearTimeout(this.#saveTimer);
    this.#saveTimer = null;
    const s = this.#session;
    if (s === null) return;
    const result = storeSaved(
      { ...readFiles(s.world), history: s.shell.history, screenReader: this.#srSwitch?.checked === true },
      this.#storageKey,
    );
    if (result === 'saved' || this.#saveWarned) return;
    this.#saveWarned = true;
    this.#say(
      result === 'too-big'
        ? 'main.cf or master.cf is too big to be kept in this browser: your changes last until you leave the page.'
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
