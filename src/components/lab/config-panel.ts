/**
 * The configuration panel: one labelled control per setting, the changes not live yet (a diff against
 * what Postfix last loaded), and Apply. It edits nothing itself: a control hands the new file texts to
 * `onFiles`, and `render` shows whatever the files say now, so edits from the terminal show up too.
 *
 * The code that makes the new texts (control-edits.ts: `postconf -e` for main.cf, master.cf's text edits)
 * is fetched when the pointer or the focus first reaches the panel (or its stand-in, lab-machine.ts), or at
 * the first change: the panel renders without it. A change made before it is here waits for it, in order,
 * and so does an Apply made meanwhile, so each one acts on the files as the ones before it left them.
 */
import { MainCf } from '../../engine/config/main-cf.ts';
import { MasterCf } from '../../engine/config/master-cf.ts';
import { assertNever } from '../../engine/util/assert-never.ts';
import {
  choiceState,
  describeState,
  MAIN_CONTROLS,
  SERVICE_CONTROLS,
  SERVICE_PARAM_CONTROLS,
  serviceState,
  type ChoiceControl,
  type LabFiles,
  type ServiceControl,
} from './controls.ts';
import { h, replaceChildren } from './dom.ts';
import { diffLines, type DiffLine } from './line-diff.ts';

export interface PanelView {
  readonly files: LabFiles;
  /** The files as Postfix last loaded them (start or reload). */
  readonly applied: LabFiles;
  readonly running: boolean;
}

export interface PanelHooks {
  readonly onFiles: (next: LabFiles) => void;
  readonly onApply: () => void;
}

type Edits = typeof import('./control-edits.ts');

/** Marks the option that shows a state which is not one of the choices. */
const STATE_OPTION = '';

interface ChoiceWidget {
  readonly control: ChoiceControl;
  readonly select: HTMLSelectElement;
  readonly stateOption: HTMLOptionElement;
}

interface ServiceWidget {
  readonly control: ServiceControl;
  readonly input: HTMLInputElement;
}

/** Longest diff shown; a bigger change (a pasted file) is summed up. */
const MAX_DIFF_LINES = 60;

export class ConfigPanel {
  readonly element: HTMLElement;
  readonly applyButton: HTMLButtonElement;
  readonly #hooks: PanelHooks;
  readonly #choices: ChoiceWidget[] = [];
  readonly #services: ServiceWidget[] = [];
  readonly #pending: HTMLElement;
  readonly #problems: HTMLElement;
  readonly #applyOutput: HTMLOutputElement;
  #files: LabFiles = { main: '', master: '' };
  /** The edit code once it is here; its fetch while it comes (null: not asked for, or failed). */
  #edits: Edits | null = null;
  #loading: Promise<Edits> | null = null;
  /** What waits for the edit code, in order (a change, an Apply); null while nothing waits. */
  #waiting: Promise<void> | null = null;
  /** The files changed while a change waited: the controls show them once nothing waits (the pick stays meanwhile). */
  #controlsStale = false;

  /** `only`: the ids of the controls to show (a lesson's `lab.controls`); null shows them all. */
  constructor(prefix: string, hooks: PanelHooks, only: ReadonlySet<string> | null = null) {
    this.#hooks = hooks;
    const headingId = `${prefix}-config`;
    const shown = <C extends { readonly id: string }>(list: readonly C[]): C[] => list.filter((c) => only === null || only.has(c.id));
    const mainControls = shown(MAIN_CONTROLS);
    const mainSet = mainControls.length === 0 ? null : h('fieldset', { class: 'lab-panel__group' }, h('legend', {}, 'main.cf'));
    for (const c of mainControls) mainSet?.append(this.#choiceField(prefix, c));
    const serviceControls = shown(SERVICE_CONTROLS);
    const serviceParamControls = shown(SERVICE_PARAM_CONTROLS);
    const masterSet =
      serviceControls.length + serviceParamControls.length === 0
        ? null
        : h('fieldset', { class: 'lab-panel__group' }, h('legend', {}, 'master.cf'));
    for (const c of serviceControls) masterSet?.append(this.#serviceField(prefix, c));
    for (const c of serviceParamControls) masterSet?.append(this.#choiceField(prefix, c));
    this.#problems = h('div', { class: 'lab-panel__problems' });
    this.#pending = h('div', { class: 'lab-panel__pending' });
    this.applyButton = h('button', { type: 'button', class: 'lab-button lab-button--primary' }, 'Apply (postfix reload)');
    this.applyButton.addEventListener('click', () => this.#inOrder(() => this.#hooks.onApply()));
    this.#applyOutput = h('output', { class: 'lab-panel__output' });
    this.element = h(
      'section',
      { class: 'lab-panel', 'aria-labelledby': headingId },
      h('h2', { id: headingId, class: 'lab-heading' }, 'Configuration'),
      h(
        'p',
        { class: 'lab-panel__intro' },
        // When a change takes effect: src/engine/master/master.ts (master.cf at start/reload; main.cf per new process).
        'The controls edit main.cf and master.cf at once, as postconf -e or a text editor would. When Postfix uses a change depends on the file. master.cf is read by master(8) only at start and at Apply (postfix reload). main.cf is read by each Postfix process as it starts: a new smtpd (or smtp) uses a change at once, but master hands a connection to an idle process when it has one, and that process keeps the settings it started with until it has been idle for max_idle (100 s) or has served max_use (100) connections. Apply makes the idle processes exit, so the next connection uses the files as they are; a session that is already open keeps its settings to its end.',
      ),
      mainSet,
      masterSet,
      this.#problems,
      h('h3', { class: 'lab-subheading' }, 'Changed since the last start or reload'),
      this.#pending,
      h('div', { class: 'lab-panel__apply' }, this.applyButton, this.#applyOutput),
    );
    const prefetch = () => this.prefetchEdits();
    this.element.addEventListener('pointerenter', prefetch, { once: true });
    this.element.addEventListener('focusin', prefetch, { once: true });
  }

  /** Fetches the editing code now (a failure is tried again at the next change). */
  prefetchEdits(): void {
    void this.#loadEdits().catch(() => {});
  }

  #loadEdits(): Promise<Edits> {
    this.#loading ??= import('./control-edits.ts').then(
      (m) => (this.#edits = m),
      (error: unknown) => {
        this.#loading = null; // tried again at the next change
        throw error;
      },
    );
    return this.#loading;
  }

  /** Runs `fn` now, or after what already waits for the edit code. */
  #inOrder(fn: () => void): void {
    if (this.#waiting === null) return fn();
    const waiting: Promise<void> = this.#waiting.then(fn, fn).finally(() => this.#settled(waiting));
    this.#waiting = waiting;
  }

  #settled(waiting: Promise<void>): void {
    if (this.#waiting !== waiting) return;
    this.#waiting = null;
    if (this.#controlsStale) this.#renderControls();
  }

  /**
   * A change of a control: `edit` makes the new files from the files as they are when it runs (at once
   * when the edit code is here, else once it has come, after the changes before it); `unchanged` runs
   * when it changes nothing, or when the code could not be fetched.
   */
  #change(edit: (m: Edits, files: LabFiles) => LabFiles, unchanged: () => void): void {
    const run = (m: Edits) => {
      const next = edit(m, this.#files);
      if (next === this.#files) return unchanged();
      this.#hooks.onFiles(next);
      this.#files = next; // what the files say now (render comes a moment later)
    };
    const edits = this.#edits;
    if (edits !== null && this.#waiting === null) return run(edits);
    const waiting: Promise<void> = (this.#waiting ?? Promise.resolve())
      .then(() => this.#loadEdits())
      .then(run, unchanged)
      .finally(() => this.#settled(waiting));
    this.#waiting = waiting;
  }

  #choiceField(prefix: string, control: ChoiceControl): HTMLElement {
    const id = `${prefix}-${control.id.replace(/[^a-z0-9_-]/gi, '-')}`;
    const stateOption = h('option', { value: STATE_OPTION });
    const select = h('select', { id, class: 'lab-select', 'aria-describedby': `${id}-help` });
    for (const choice of control.choices) select.append(h('option', { value: choice }, choice));
    const widget: ChoiceWidget = { control, select, stateOption };
    select.addEventListener('change', () => {
      const value = select.value;
      if (value === STATE_OPTION) return;
      this.#change(
        (m, files) => m.applyChoice(control, value, files),
        () => renderChoice(widget, this.#files),
      );
    });
    this.#choices.push(widget);
    return h(
      'div',
      { class: 'lab-field' },
      h('label', { for: id, class: 'lab-field__label' }, control.id),
      select,
      h('p', { id: `${id}-help`, class: 'lab-field__help' }, control.help),
    );
  }

  #serviceField(prefix: string, control: ServiceControl): HTMLElement {
    const id = `${prefix}-service-${control.id}`;
    const input = h('input', { type: 'checkbox', id, class: 'lab-check', 'aria-describedby': `${id}-help` });
    input.addEventListener('change', () => {
      const on = input.checked;
      this.#change(
        (m, files) => m.applyService(control, on, files),
        () => (input.checked = serviceState(control, this.#files)),
      );
    });
    this.#services.push({ control, input });
    return h(
      'div',
      { class: 'lab-field lab-field--check' },
      input,
      h('label', { for: id, class: 'lab-field__label' }, control.id),
      h('p', { id: `${id}-help`, class: 'lab-field__help' }, control.help),
    );
  }

  render(view: PanelView): void {
    this.#files = view.files;
    if (this.#waiting === null) this.#renderControls();
    else this.#controlsStale = true;
    this.#renderProblems(view.files);
    this.#renderPending(view);
  }

  #renderControls(): void {
    this.#controlsStale = false;
    for (const w of this.#choices) renderChoice(w, this.#files);
    for (const w of this.#services) w.input.checked = serviceState(w.control, this.#files);
  }

  #renderProblems(files: LabFiles): void {
    const problems: string[] = [];
    const mainFatal = MainCf.parse(files.main).fatal;
    if (mainFatal !== null) problems.push(mainFatal);
    const masterFatal = MasterCf.parse(files.master).fatal;
    if (masterFatal !== null) problems.push(masterFatal);
    if (problems.length === 0) {
      replaceChildren(this.#problems);
      return;
    }
    replaceChildren(
      this.#problems,
      h(
        'div',
        { class: 'lab-warn' },
        h('p', {}, 'Postfix will refuse these files:'),
        h('ul', {}, ...problems.map((p) => h('li', {}, h('code', {}, p)))),
      ),
    );
  }

  #renderPending(view: PanelView): void {
    const parts: { name: string; lines: DiffLine[] }[] = [
      { name: 'main.cf', lines: diffLines(view.applied.main, view.files.main, { pairs: true }) },
      { name: 'master.cf', lines: diffLines(view.applied.master, view.files.master, { pairs: true }) },
    ].filter((p) => p.lines.length > 0);
    const status = view.running ? null : h('p', { class: 'lab-warn' }, 'Postfix is not running: Apply starts it (postfix start).');
    if (parts.length === 0) {
      replaceChildren(this.#pending, status, h('p', { class: 'lab-panel__none' }, 'Nothing: Postfix runs with the files as they are.'));
      this.applyButton.classList.remove('lab-button--attention');
      return;
    }
    const count = parts.reduce((n, p) => n + p.lines.length, 0);
    const added = parts.reduce((n, p) => n + p.lines.filter((l) => l.kind === 'add').length, 0);
    const removed = count - added;
    const diff = h('pre', { class: 'lab-diff' });
    let shown = 0;
    for (const part of parts) {
      diff.append(h('span', { class: 'lab-diff__file' }, `${part.name}\n`));
      for (const line of part.lines) {
        if (shown++ >= MAX_DIFF_LINES) break;
        diff.append(diffLine(line));
      }
    }
    if (count > MAX_DIFF_LINES) diff.append(h('span', { class: 'lab-diff__more' }, `… and ${count - MAX_DIFF_LINES} more changed lines\n`));
    replaceChildren(
      this.#pending,
      status,
      h(
        'p',
        {},
        `${plural(added, 'line')} added, ${removed} removed. master.cf changes wait for Apply; main.cf changes reach new processes, not the idle ones master reuses:`,
      ),
      diff,
    );
    this.applyButton.classList.add('lab-button--attention');
  }

  /** Shows what Apply printed (postfix reload's terminal output). */
  showApplyOutput(text: string, ok: boolean): void {
    this.#applyOutput.textContent = text === '' ? (ok ? 'Done.' : 'Failed.') : text;
    this.#applyOutput.classList.toggle('lab-panel__output--error', !ok);
  }

  clearApplyOutput(): void {
    this.#applyOutput.textContent = '';
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function diffLine(line: DiffLine): HTMLElement {
  switch (line.kind) {
    case 'del':
      return h('del', { class: 'lab-diff__del' }, `- ${line.text}\n`);
    case 'add':
      return h('ins', { class: 'lab-diff__add' }, `+ ${line.text}\n`);
    default:
      return assertNever(line.kind);
  }
}

function renderChoice(w: ChoiceWidget, files: LabFiles): void {
  const state = choiceState(w.control, files);
  w.select.disabled = state.kind === 'service-off';
  if (state.kind === 'choice') {
    w.stateOption.remove();
    w.select.value = state.value;
    return;
  }
  w.stateOption.textContent = describeState(state, w.control);
  if (w.stateOption.parentElement !== w.select) w.select.prepend(w.stateOption);
  w.select.value = STATE_OPTION;
}
