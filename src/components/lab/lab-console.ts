/**
 * `<lab-console>`: the lab in one custom element, without a framework, so that the lab page, lessons
 * and other people's pages can all embed the same thing. Everything runs in the page: a simulated
 * mail server (the lab world), a shell in an xterm terminal, the configuration panel, the live
 * mail.log and the files. No request leaves the page and no special HTTP header is needed.
 *
 * Three parts, for weight and speed (issue 12). This module is the light one: the element (its skeleton,
 * toolbar, stand-ins, dialog and prefs) and the pre-screen (pre-screen.ts), which shows the shell's first
 * screen, the prompt, at once and keeps what is typed until xterm has come. The terminal kit
 * (lab-terminal-kit.ts: xterm, and the shell with its machine-free builtins, src/shell/machine-free.ts)
 * is fetched with one import() as soon as the element starts, or, with `start="near"` (a lesson page),
 * once the element is near the viewport or the learner reaches the pre-screen; once mounted, xterm takes
 * over the screen and the shell gets the keys typed before as if typed there. "The machine" (lab-machine.ts: the
 * lesson session on the lab's scenario, the world, the configuration panel, mail.log and the file views)
 * is a chunk of its own, fetched with import() when a command line needs it (any line that is not made
 * only of machine-free builtins), when an API needs it (reset, whenStarted), on Tab, or when the page has
 * been quiet for a while after the prompt. The prompt, `echo`, `history`, `pwd` run at once on a stand-in
 * machine without files; a line that needs the machine waits for it, with the keys typed meanwhile kept,
 * and runs on it with the same prompt, directory, variables and history. What the lesson runtime records
 * of the lines run before (ShellObserver events) is kept by a relay and given to the session when it opens.
 * Until their views come (lab-views.ts, fetched by the machine on first need), the panel, mail.log and the
 * files show a quiet stand-in (aria-busy).
 *
 * The world is a lesson session (src/lesson-runtime/session.ts) on a scenario: the `scenario`
 * attribute (default `lab-default`, the lab machine as it boots). State kept between visits
 * (localStorage): the lab image (image-store.ts: the files that differ from the scenario, what Postfix
 * has loaded, whether it runs, the exercises done), the shell history and the screen reader switch
 * (lab-prefs.ts), apart per `storage-key`. The `controls` attribute lists the panel controls shown
 * (comma-separated ids; absent: all).
 *
 * Public API: `screenText()` (the terminal's text, for tests and for embedding pages), `terminal`
 * (the xterm instance, read-only use), `reset()`, `session` (the lesson session once the machine has
 * come, for the exercises and pictures of a lesson page; null before), `whenStarted()` (loads the machine
 * now; resolves once the session runs), `save()`. A `lab-change` event fires after anything that may have
 * changed the lab's state (a command line, an edit, Apply, a reset, mail.log).
 */
import type { LabImage } from '../../lesson-runtime/lab-image.ts';
import type { LessonSession } from '../../lesson-runtime/session.ts';
import type { MountedTerminal } from '../../terminal/mount-terminal.ts';
import { whenQuiet, type QuietTask } from '../../terminal/prefetch.ts';
import { markupDom, partOf, uniquePrefix } from './dom.ts';
import { firstLookIds, HOSTNAME, PREFIX_ATTR, type FirstLookPart } from './first-look-keys.ts';
import './lab-console.css';
import { forgetPrefs, loadPrefs, prefsKeyFor, storePrefs } from './lab-prefs.ts';
import type { LabMachine, MachineFrame, TerminalShell } from './lab-machine.ts';
import { firstPrompt, PreScreen, TERMINAL_FONT } from './pre-screen.ts';

type TerminalKit = typeof import('./lab-terminal-kit.ts');

const SAVE_DELAY_MS = 400;
/**
 * Quiet time (no key typed) after the prompt before the machine is fetched unasked. Long enough that a
 * first command typed at once runs on the light part alone, which is what scripts/bench-pages.mjs
 * measures at `echo ready`; short enough that a learner who reads first rarely waits for it later.
 */
const MACHINE_QUIET_MS = 4000;
/** Quiet time after the mount before the web-links addon is fetched (unless the pointer reaches the terminal first). */
const LINKS_QUIET_MS = 2000;
/** With `start="near"`: how near the viewport the element must come before the terminal kit is fetched. */
const NEAR_MARGIN = '200px 0px';

export class LabConsoleElement extends HTMLElement {
  #prefix: string;
  #built = false;
  /** The first look's fetch, for an element whose HTML has none (#fetchFirstLook). */
  #firstLook: Promise<void> | null = null;
  #slots: MachineFrame['slots'] | null = null;
  #screen: HTMLElement | null = null;
  #hintId = '';
  #srSwitch: HTMLInputElement | null = null;
  #notice: HTMLElement | null = null;
  #dialog: HTMLDialogElement | null = null;
  #mounted: MountedTerminal | null = null;
  /** The prompt before xterm: shown until xterm has drawn the same screen. */
  #pre: PreScreen | null = null;
  /** The history the terminal's shell starts with (lab-prefs.ts). */
  #history: readonly string[] = [];
  #kit: TerminalKit | null = null;
  #kitLoad: Promise<TerminalKit | null> | null = null;
  #near: IntersectionObserver | null = null;
  #linksQuiet: QuietTask | null = null;
  /** The shell on the terminal now. */
  #terminal: TerminalShell | null = null;
  #machine: LabMachine | null = null;
  #machineLoad: Promise<LabMachine | null> | null = null;
  #quiet: QuietTask | null = null;
  #themeObserver: MutationObserver | null = null;
  #renderFrame = 0;
  #saveTimer: ReturnType<typeof setTimeout> | null = null;
  #saveWarned = false;
  /** An unsaved copy (a shared link): nothing is stored until keep() (see share-link.ts). */
  #unsaved = false;
  #changeTimer: ReturnType<typeof setTimeout> | null = null;
  readonly #onPageHide = () => this.#saveNow();
  readonly #loadLinks = () => {
    this.#linksQuiet?.cancel();
    this.#linksQuiet = null;
    this.#screen?.removeEventListener('pointerenter', this.#loadLinks);
    this.#mounted?.loadLinks();
  };

  constructor() {
    super();
    this.#prefix = uniquePrefix('lab');
  }

  connectedCallback(): void {
    if (!this.#built) {
      const root = this.querySelector<HTMLElement>(`:scope > .lab[${PREFIX_ATTR}]`);
      if (root === null) {
        this.#firstLook ??= this.#fetchFirstLook();
        return;
      }
      this.#build(root);
    }
    this.#start();
  }

  /**
   * An element whose HTML has no first look (the embed, the review page) fetches its description (first-look.ts),
   * builds it, then starts as one built with it. A page built by Astro has it already (LabFirstLook.astro).
   */
  async #fetchFirstLook(): Promise<void> {
    let root: HTMLElement;
    try {
      const { firstLook } = await import('./first-look.ts');
      root = markupDom(firstLook(this.#prefix));
    } catch {
      this.#firstLook = null;
      // Our own words, as text (the notice line is part of what did not come).
      this.textContent = 'The lab could not be loaded: check the network, then reload the page.';
      return;
    }
    if (this.#built) return;
    this.replaceChildren(root);
    this.#build(root);
    if (this.isConnected) this.#start();
  }

  disconnectedCallback(): void {
    this.#saveNow();
    this.#stop();
  }

  /** The terminal's text (scrollback included), one row per line; before xterm has come, the pre-screen's. */
  screenText(): string {
    return (this.#pre ?? this.#mounted)?.lines().join('\n') ?? '';
  }

  /** The xterm.js terminal (for measuring and tests; don't write to it). */
  get terminal(): MountedTerminal['term'] | null {
    return this.#mounted?.term ?? null;
  }

  /** The lesson session the lab runs (null until the machine has come): its world, events and goal checks. */
  get session(): LessonSession | null {
    return this.#machine?.session ?? null;
  }

  /** Fetches the machine if it has not come yet; resolves once the lab's session runs (rejects if it cannot load). */
  async whenStarted(): Promise<void> {
    await this.#firstLook;
    if (!this.#built) throw new Error('the lab could not be loaded');
    const [kit, machine] = await Promise.all([this.#loadKit(), this.#loadMachine()]);
    if (kit === null || machine === null) throw new Error('the lab could not be loaded');
    while (machine.session === null) await new Promise((r) => setTimeout(r, 50));
  }

  /** Stores the lab now (it also stores itself shortly after every change and when the page goes). */
  save(): void {
    this.#saveNow();
  }

  get #prefsKey(): string {
    return prefsKeyFor(this.getAttribute('storage-key'));
  }

  /** The panel controls to show: the `controls` attribute (comma-separated ids), or all without it. */
  get #controls(): ReadonlySet<string> | null {
    const attr = this.getAttribute('controls');
    return attr === null ? null : new Set(attr.split(/[\s,]+/).filter((c) => c !== ''));
  }

  /**
   * Opens an image (a shared link; null: the scenario as it starts) as an unsaved copy: the stored lab stays as it was until keep().
   * Throws when the image does not fit this lab's scenario (the caller says why), or before the lab has started (see whenStarted).
   */
  openUnsaved(image: LabImage | null): void {
    const mounted = this.#mounted;
    const machine = this.#machine;
    if (mounted === null || machine === null) throw new Error('the lab has not started');
    if (image !== null && image.scenario.name !== machine.scenarioName)
      throw new Error(`the link is for another lab (${image.scenario.name})`);
    this.#unsaved = true;
    this.#freshTerminal(mounted, machine, { kind: 'image', image });
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

  /** A fresh world and shell: the scenario's files, empty history, a new log. Exercises done stay done. Fetches the machine first if need be. */
  reset(): void {
    if (!this.#built) {
      void this.#firstLook?.then(() => this.#built && this.reset());
      return;
    }
    const machine = this.#machine;
    if (machine !== null && machine.session !== null) {
      this.#resetNow(machine);
      return;
    }
    void Promise.all([this.#loadKit(), this.#loadMachine()]).then(([, m]) => {
      if (m !== null && m.session !== null) this.#resetNow(m);
    });
  }

  #resetNow(machine: LabMachine): void {
    const mounted = this.#mounted;
    if (mounted === null) return;
    const done = machine.image()?.exercisesDone ?? [];
    if (!this.#unsaved) {
      machine.forget();
      forgetPrefs(this.#prefsKey);
    }
    this.#freshTerminal(mounted, machine, { kind: 'image', image: null, exercisesDone: done });
    this.#scheduleSave();
    this.#say('The lab was reset: the starting files, an empty shell history and a fresh mail.log.');
  }

  /** A new session on a new shell (empty history) in the terminal. */
  #freshTerminal(mounted: MountedTerminal, machine: LabMachine, origin: Parameters<LabMachine['open']>[1]): void {
    machine.close();
    this.#terminal?.shell.dispose();
    const terminal = this.#newTerminalShell([]);
    this.#terminal = terminal;
    machine.open(terminal, origin);
    mounted.setShell(terminal.shell);
  }

  /** Wires the first look at `root`, a child of this element (keys may be in its input already: it stays). */
  #build(root: HTMLElement): void {
    this.#built = true;
    this.#prefix = root.getAttribute(PREFIX_ATTR) ?? this.#prefix;
    for (const node of [...this.childNodes]) if (node !== root) node.remove();
    const p = this.#prefix;
    const ids = firstLookIds(p);
    const find = <T extends HTMLElement>(name: FirstLookPart, type: new () => T): T => partOf(root, name, type);
    this.#screen = find('screen', HTMLElement);
    this.#hintId = ids.hint;
    this.#srSwitch = find('sr-switch', HTMLInputElement);
    this.#srSwitch.addEventListener('change', () => {
      this.#mounted?.setScreenReaderMode(this.#srSwitch?.checked === true);
      this.#scheduleSave();
    });
    find('go-terminal', HTMLButtonElement).addEventListener('click', () => (this.#mounted ?? this.#pre)?.focus());
    find('reset', HTMLButtonElement).addEventListener('click', () => this.#dialog?.showModal());
    this.#notice = find('notice', HTMLElement);
    const dialog = find('dialog', HTMLDialogElement);
    dialog.addEventListener('close', () => {
      if (dialog.returnValue === 'reset') this.reset();
      dialog.returnValue = '';
    });
    this.#dialog = dialog;
    // Stand-ins until the views come (lab-machine.ts fetches lab-views.ts, which replaces them): same places, quiet, busy.
    const slots = { panel: find('panel', HTMLElement), log: find('log', HTMLElement), files: find('files', HTMLElement) };
    this.#slots = slots;
    // A learner who turns to the panel, the log or the files wants the machine: fetch it now.
    for (const slot of [slots.panel, slots.log, slots.files]) {
      for (const type of ['pointerenter', 'focusin', 'touchstart'])
        slot.addEventListener(type, () => void this.#loadMachine(), { once: true, passive: true });
    }
  }

  /** A shell for the terminal (the kit's, on the stand-in machine until a session moves it onto the real one). */
  #newTerminalShell(history: readonly string[]): TerminalShell {
    const kit = this.#kit;
    if (kit === null) throw new Error('the terminal kit has not come');
    return kit.newTerminalShell(HOSTNAME, history, () =>
      this.#loadMachine().then((machine) => {
        // Not a bash message: the lab's own (the shell prints it and gives the prompt back).
        if (machine === null) throw new Error('the lab’s mail server could not be loaded; check the network and try again');
      }),
    );
  }

  #start(): void {
    const screen = this.#screen;
    if (screen === null || this.#mounted !== null) return;
    const prefs = loadPrefs(this.#prefsKey);
    if (this.#srSwitch !== null) this.#srSwitch.checked = prefs.screenReader;
    this.#history = prefs.history;
    window.addEventListener('pagehide', this.#onPageHide);
    if (this.#kit !== null) {
      this.#mount(this.#kit);
      return;
    }
    const preRoot = screen.querySelector<HTMLElement>('[data-part="prescreen"]');
    if (preRoot !== null) this.#pre ??= new PreScreen(preRoot, { prompt: firstPrompt(HOSTNAME), onActive: () => void this.#loadKit() });
    if (this.getAttribute('start') === 'near' && typeof IntersectionObserver === 'function') {
      this.#near = new IntersectionObserver(
        (entries) => {
          if (entries.some((e) => e.isIntersecting)) void this.#loadKit();
        },
        { rootMargin: NEAR_MARGIN },
      );
      this.#near.observe(this);
    } else void this.#loadKit();
  }

  /** The terminal kit, fetched once (again after a failure), mounted when it comes; null when it could not be loaded. */
  #loadKit(): Promise<TerminalKit | null> {
    this.#near?.disconnect();
    this.#near = null;
    this.#kitLoad ??= import('./lab-terminal-kit.ts').then(
      (kit) => {
        this.#kit = kit;
        this.#mount(kit);
        return kit;
      },
      () => {
        this.#kitLoad = null;
        this.#say('The lab’s terminal could not be loaded: check the network, then reload the page.');
        return null;
      },
    );
    return this.#kitLoad;
  }

  /** xterm in place of the pre-screen, with the shell; what was typed at the pre-screen goes to the shell as if typed now. */
  #mount(kit: TerminalKit): void {
    const screen = this.#screen;
    if (screen === null || this.#mounted !== null || !this.isConnected) return;
    const pre = this.#pre;
    const hadFocus = pre?.focused === true;
    const typed = pre?.take() ?? '';
    const terminal = this.#newTerminalShell(this.#history);
    this.#terminal = terminal;
    const mounted = kit.mountTerminal(screen, terminal.shell, {
      ...TERMINAL_FONT,
      screenReaderMode: this.#srSwitch?.checked === true,
      describedBy: this.#hintId,
      links: false,
      focus: hadFocus,
    });
    this.#mounted = mounted;
    mounted.term.onData((d) => {
      this.#quiet?.poke();
      this.#linksQuiet?.poke();
      this.#machine?.poke();
      // Completion looks at the machine's files and programs: Tab fetches it.
      if (d.includes('\t')) void this.#loadMachine();
      // A command line was entered: history and the running state (postfix stop...) may have changed.
      if (d.includes('\r') || d.includes('\n')) {
        this.#scheduleRender();
        this.#scheduleSave();
      }
    });
    this.#themeObserver = new MutationObserver(() => this.#mounted?.refreshTheme());
    this.#themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'class'] });
    // The web-links addon: when the pointer reaches the terminal, or once things are quiet (not before a first EHLO).
    screen.addEventListener('pointerenter', this.#loadLinks);
    this.#linksQuiet = whenQuiet(this.#loadLinks, LINKS_QUIET_MS);
    if (this.#machine !== null) this.#openMachine(this.#machine);
    else this.#quiet = whenQuiet(() => void this.#loadMachine(), MACHINE_QUIET_MS);
    if (typed !== '') mounted.term.input(typed, true);
    if (pre === null) return;
    // The pre-screen stays on top until xterm has drawn the prompt and what was typed (its render frame comes first).
    mounted.term.write('', () =>
      requestAnimationFrame(() => {
        pre.remove();
        if (this.#pre === pre) this.#pre = null;
      }),
    );
  }

  /** The machine chunk, fetched once (again after a failure); null when it could not be loaded. */
  #loadMachine(): Promise<LabMachine | null> {
    // Not before the first look is wired: the machine needs its stand-ins' places.
    if (this.#slots === null) return Promise.resolve(null);
    void this.#loadKit();
    // The stored lab's checks come alongside the machine, and only when something is stored (image-store.ts).
    this.#machineLoad ??= Promise.all([
      import('./lab-machine.ts'),
      import('./image-store.ts').then((m) => m.prepareImage(this.getAttribute('storage-key'))),
    ]).then(
      ([mod]) => {
        const slots = this.#slots;
        if (slots === null) return null;
        const machine = new mod.LabMachine({
          prefix: this.#prefix,
          scenario: this.getAttribute('scenario'),
          controls: this.#controls,
          storageKey: this.getAttribute('storage-key'),
          slots,
          say: (m) => this.#say(m),
          saveSoon: () => this.#scheduleSave(),
          renderSoon: () => this.#scheduleRender(),
          changed: () => this.#scheduleChange(),
        });
        this.#machine = machine;
        this.#openMachine(machine);
        return machine;
      },
      () => {
        this.#machineLoad = null;
        this.#say('The lab’s mail server could not be loaded: check the network, then run the command again.');
        return null;
      },
    );
    return this.#machineLoad;
  }

  /** The first session, on the terminal's shell as it is (what was typed stays on the screen). */
  #openMachine(machine: LabMachine): void {
    this.#quiet?.cancel();
    this.#quiet = null;
    const terminal = this.#terminal;
    if (terminal === null || this.#mounted === null || terminal.attached) return;
    machine.open(terminal, { kind: 'stored' });
  }

  #stop(): void {
    window.removeEventListener('pagehide', this.#onPageHide);
    this.#near?.disconnect();
    this.#near = null;
    this.#quiet?.cancel();
    this.#quiet = null;
    this.#linksQuiet?.cancel();
    this.#linksQuiet = null;
    this.#screen?.removeEventListener('pointerenter', this.#loadLinks);
    this.#themeObserver?.disconnect();
    this.#themeObserver = null;
    cancelAnimationFrame(this.#renderFrame);
    this.#renderFrame = 0;
    if (this.#saveTimer !== null) clearTimeout(this.#saveTimer);
    this.#saveTimer = null;
    if (this.#changeTimer !== null) clearTimeout(this.#changeTimer);
    this.#changeTimer = null;
    this.#machine?.dispose();
    this.#terminal?.shell.dispose();
    this.#terminal = null;
    this.#mounted?.dispose();
    this.#mounted = null;
  }

  #scheduleRender(): void {
    if (this.#renderFrame !== 0) return;
    this.#renderFrame = requestAnimationFrame(() => {
      this.#renderFrame = 0;
      this.#machine?.render();
    });
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
    const terminal = this.#terminal;
    // Before xterm has come nothing can have changed but the switch, which the terminal reads when it comes.
    if (terminal === null || this.#unsaved) return;
    storePrefs(this.#prefsKey, { history: terminal.shell.history, screenReader: this.#srSwitch?.checked === true });
    // Before the machine has come the stored image is as it was: nothing to store.
    const result = this.#machine?.store() ?? null;
    if (result === null || result === 'saved' || this.#saveWarned) return;
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
