/**
 * The configuration panel: one labelled control per setting, the changes not live yet (a diff against
 * what Postfix last loaded), and Apply. It edits nothing itself: a control hands the new file texts to
 * `onFiles`, and `render` shows whatever the files say now, so edits from the terminal show up too.
 */
import { MainCf } from '../../engine/config/main-cf.ts';
import { MasterCf } from '../../engine/config/master-cf.ts';
import { assertNever } from '../../engine/util/assert-never.ts';
import {
  applyChoice,
  applyService,
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
    this.applyButton.addEventListener('click', () => this.#hooks.onApply());
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
  }

  #choiceField(prefix: string, control: ChoiceControl): HTMLElement {
    const id = `${prefix}-${control.id.replace(/[^a-z0-9_-]/gi, '-')}`;
    const stateOption = h('option', { value: STATE_OPTION });
    const select = h('select', { id, class: 'lab-select', 'aria-describedby': `${id}-help` });
    for (const choice of control.choices) select.append(h('option', { value: choice }, choice));
    select.addEventListener('change', () => {
      const value = select.value;
      if (value === STATE_OPTION) return;
      const next = applyChoice(control, value, this.#files);
      if (next !== this.#files) this.#hooks.onFiles(next);
    });
    this.#choices.push({ control, select, stateOption });
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
      const next = applyService(control, input.checked, this.#files);
      if (next !== this.#files) this.#hooks.onFiles(next);
      else input.checked = serviceState(control, this.#files);
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
    for (const w of this.#choices) renderChoice(w, view.files);
    for (const w of this.#services) w.input.checked = serviceState(w.control, view.files);
    this.#renderProblems(view.files);
    this.#renderPending(view);
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
