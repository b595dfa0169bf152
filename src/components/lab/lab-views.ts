/**
 * What the learner sees of the lab's machine beside the terminal: the configuration panel, the live mail.log
 * pane and the two file views, put in the places of the element's stand-ins. A chunk of its own (issue 12,
 * weight): a first `telnet localhost 25` and EHLO need none of it, so the machine (lab-machine.ts) fetches it
 * when the pointer, the focus or a touch reaches a stand-in, when the page has been quiet for a moment, or
 * at once when something needs it (see LabMachine). It is built with the state as it is when it comes (the
 * files, what Postfix last loaded, the world's log so far) and only then replaces the stand-ins, so the
 * controls never show anything but the files, and a change made as it arrives edits them.
 */
import { MAIN_CF_PATH } from '../../engine/config/main-cf.ts';
import { MASTER_CF_PATH } from '../../engine/config/master-cf.ts';
import { ConfigPanel, type PanelHooks, type PanelView } from './config-panel.ts';
import { h } from './dom.ts';
import { FileView } from './file-view.ts';
import { LogPane } from './log-pane.ts';

/** The panel's view, with the two files as they are on disk (undefined: the file does not exist). */
export interface ViewsState extends PanelView {
  readonly onDisk: { readonly main: string | undefined; readonly master: string | undefined };
}

/** The element's stand-ins, which the views replace. */
export interface ViewSlots {
  readonly panel: HTMLElement;
  readonly log: HTMLElement;
  readonly files: HTMLElement;
}

export interface ViewsOptions {
  /** Unique in the page: the ids of headings and controls start with it. */
  readonly prefix: string;
  /** The panel controls shown (null: all). */
  readonly controls: ReadonlySet<string> | null;
  readonly hooks: PanelHooks;
  /** The state to show at once. */
  readonly state: ViewsState;
  /** The mail.log lines so far (shown, not announced). */
  readonly log: readonly string[];
}

export class LabViews {
  readonly #panel: ConfigPanel;
  readonly #log: LogPane;
  readonly #mainView: FileView;
  readonly #masterView: FileView;

  /** Builds the views with `opts.state` and `opts.log`, then puts them in the places of `slots`. */
  constructor(slots: ViewSlots, opts: ViewsOptions) {
    const p = opts.prefix;
    this.#panel = new ConfigPanel(p, opts.hooks, opts.controls);
    this.#log = new LogPane(`${p}-log`);
    this.#mainView = new FileView(`${p}-main`, MAIN_CF_PATH);
    this.#masterView = new FileView(`${p}-master`, MASTER_CF_PATH);
    this.reset(opts.log);
    this.render(opts.state);
    const filesHeading = `${p}-files`;
    const files = h(
      'section',
      { class: 'lab-files', 'aria-labelledby': filesHeading },
      h('h2', { id: filesHeading, class: 'lab-heading' }, 'Files'),
      this.#mainView.element,
      this.#masterView.element,
    );
    // The focus on a stand-in (it is what asked for the views) goes on to the first thing to use in its place.
    const focused = document.activeElement;
    const had = (slot: HTMLElement) => focused !== null && slot.contains(focused);
    const next = had(slots.panel) ? this.#panel.element : had(slots.log) ? this.#log.element : had(slots.files) ? files : null;
    slots.panel.replaceWith(this.#panel.element);
    slots.log.replaceWith(this.#log.element);
    slots.files.replaceWith(files);
    next?.querySelector<HTMLElement>('select, input, button, [tabindex="0"]')?.focus();
  }

  render(state: ViewsState): void {
    this.#panel.render(state);
    this.#mainView.render(state.onDisk.main, state.applied.main);
    this.#masterView.render(state.onDisk.master, state.applied.master);
  }

  /** A new mail.log line; `spoken` is the shorter text for the announcement. */
  addLog(line: string, spoken: string): void {
    this.#log.add(line, spoken);
  }

  /** A new session: its log so far (not announced), no Apply output. */
  reset(log: readonly string[]): void {
    this.#log.reset(log);
    this.#panel.clearApplyOutput();
  }

  /** What Apply printed. */
  showApplyOutput(text: string, ok: boolean): void {
    this.#panel.showApplyOutput(text, ok);
  }

  /** The files were changed through the panel: an old Apply output no longer fits. */
  clearApplyOutput(): void {
    this.#panel.clearApplyOutput();
  }

  /** Fetches the panel's editing code now (the learner is at the panel). */
  prefetchEdits(): void {
    this.#panel.prefetchEdits();
  }

  dispose(): void {
    this.#log.dispose();
  }
}
