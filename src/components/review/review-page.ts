/**
 * `<review-tool>`: reads the pasted or dropped files (size-capped before reading them), runs the pure
 * review (src/review), renders Postfix's messages and the findings with textContent only, and boots the
 * configuration in a `<lab-console>` under the review's own storage key (never a lesson's, never /lab/'s).
 * "Show me" types the probe's lines into that lab's terminal.
 */
import { saveProgress, resetProgress } from '../../lesson-runtime/progress.ts';
import type { Finding } from '../../review/findings.ts';
import { lessonPath } from '../../review/format-text.ts';
import { probeLabel, probeLines } from '../../review/probes.ts';
import { REVIEW_STORAGE_KEY, reviewConfig, reviewImage, type Review } from '../../review/review.ts';
import { INPUT_TEXT, MAX_INPUT_BYTES } from '../../review/texts.ts';
import { defineLabConsole } from '../lab/lab-console.ts';
import type { LabConsoleElement } from '../lab/lab-console.ts';

/** Between typed lines: long enough for telnet to connect and for the reply to come. */
const LINE_DELAY_MS = 700;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls !== undefined) e.className = cls;
  return e;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

const SEVERITY_WORD: Record<Finding['severity'], string> = { error: 'Error', warning: 'Warning', info: 'Note' };

export class ReviewToolElement extends HTMLElement {
  #busy = false;
  #lab: LabConsoleElement | null = null;

  connectedCallback(): void {
    const form = this.querySelector('form');
    form?.addEventListener('submit', (e) => {
      e.preventDefault();
      this.#run();
    });
    for (const input of this.querySelectorAll<HTMLInputElement>('input[type=file]')) {
      input.addEventListener('change', () => {
        const file = input.files?.[0];
        const target = this.#textarea(input.dataset['target'] ?? '');
        if (file !== undefined && target !== null) void this.#readFile(file, target);
      });
    }
    for (const area of this.querySelectorAll('textarea')) {
      area.addEventListener('paste', (e) => {
        const text = e.clipboardData?.getData('text/plain') ?? '';
        if (text.length > MAX_INPUT_BYTES) {
          e.preventDefault();
          this.#problems([INPUT_TEXT.tooBig(this.#what(area), text.length)]);
        }
      });
      area.addEventListener('dragover', (e) => e.preventDefault());
      area.addEventListener('drop', (e) => {
        const file = e.dataTransfer?.files[0];
        if (file === undefined) return;
        e.preventDefault();
        void this.#readFile(file, area);
      });
    }
  }

  #textarea(id: string): HTMLTextAreaElement | null {
    const t = this.querySelector(`#${CSS.escape(id)}`);
    return t instanceof HTMLTextAreaElement ? t : null;
  }

  #what(area: HTMLTextAreaElement): string {
    return area.id === 'review-main' ? 'main.cf' : 'master.cf';
  }

  /** A dropped or chosen file: its size is checked before a byte of it is read. */
  async #readFile(file: File, area: HTMLTextAreaElement): Promise<void> {
    if (file.size > MAX_INPUT_BYTES) {
      this.#problems([INPUT_TEXT.tooBig(`${file.name} (for ${this.#what(area)})`, file.size)]);
      return;
    }
    area.value = await file.text();
    this.#problems([]);
  }

  #problems(lines: readonly string[]): void {
    const box = this.querySelector('.review-problems');
    if (box === null) return;
    box.replaceChildren(...lines.map((l) => el('p', l)));
  }

  #status(text: string): void {
    const s = this.querySelector('.review-status');
    if (s !== null) s.textContent = text;
  }

  #run(): void {
    if (this.#busy) return;
    this.#busy = true;
    this.#status('Reading your configuration…');
    // Let the status paint before the (synchronous) review runs.
    setTimeout(() => {
      try {
        const mainCf = this.#textarea('review-main')?.value ?? '';
        const masterCf = this.#textarea('review-master')?.value ?? '';
        const substitute = this.querySelector<HTMLInputElement>('input[name=substitute]')?.checked === true;
        const r = reviewConfig({ mainCf, masterCf }, { substituteCerts: substitute });
        this.#show(r);
      } finally {
        this.#busy = false;
      }
    }, 0);
  }

  #show(r: Review): void {
    const results = this.querySelector<HTMLElement>('.review-results');
    if (!r.ok) {
      this.#problems(r.problems);
      this.#status('The configuration was not read.');
      return;
    }
    this.#problems([]);
    if (results === null) return;
    const postfix = this.querySelector('.review-postfix');
    const said = [...r.model.postfixWarnings, ...(r.model.postfixFatal === null ? [] : [r.model.postfixFatal])];
    postfix?.replaceChildren(
      el('h3', 'What Postfix says when it reads these files'),
      said.length === 0 ? el('p', 'Nothing: no warnings and no errors.') : el('pre', said.join('\n')),
    );
    const notes = this.querySelector('.review-notes');
    const noteNodes: HTMLElement[] = [];
    if (r.notes.length > 0) {
      const ul = el('ul');
      ul.append(...r.notes.map((n) => el('li', n)));
      noteNodes.push(ul);
    }
    if (r.model.notSimulated.length > 0) {
      const ul = el('ul');
      ul.append(...r.model.notSimulated.map((n) => el('li', n)));
      noteNodes.push(el('h3', 'Not simulated here'), ul);
    }
    notes?.replaceChildren(...noteNodes);
    const list = this.querySelector('.review-findings');
    list?.replaceChildren(...(r.findings.length === 0 ? [el('li', 'No findings.')] : r.findings.map((f) => this.#finding(f))));
    results.hidden = false;
    this.#boot(r);
    const errors = r.findings.filter((f) => f.severity === 'error').length;
    this.#status(`Reviewed: ${r.findings.length} finding(s), ${errors} of them error(s). The lab below runs your configuration.`);
  }

  #finding(f: Finding): HTMLLIElement {
    const li = el('li');
    li.dataset['finding'] = f.id;
    const head = el('p');
    head.append(el('span', SEVERITY_WORD[f.severity], 'review-severity'), el('strong', f.where));
    li.append(head, el('p', f.sentence));
    if (f.detail.length > 0) li.append(el('pre', f.detail.join('\n')));
    const actions = el('p', undefined, 'review-finding-actions');
    const link = el('a', 'The lesson that explains it');
    link.href = lessonPath(f.lesson);
    const button = el('button', 'Show me');
    button.type = 'button';
    button.title = probeLabel(f.probe);
    button.addEventListener('click', () => void this.#showMe(probeLines(f.probe)));
    actions.append(link, button);
    li.append(actions);
    return li;
  }

  /** A fresh lab on this configuration, under the review's own key. */
  #boot(r: Extract<Review, { ok: true }>): void {
    const section = this.querySelector<HTMLElement>('.review-lab');
    const slot = this.querySelector('.review-lab-slot');
    if (section === null || slot === null) return;
    // The old lab saves itself as it goes: remove it first, then store the new image.
    this.#lab?.remove();
    const s = storage();
    if (s !== null) {
      resetProgress(s, REVIEW_STORAGE_KEY);
      saveProgress(s, REVIEW_STORAGE_KEY, reviewImage(r));
    }
    defineLabConsole();
    const lab = document.createElement('lab-console') as LabConsoleElement;
    lab.setAttribute('storage-key', REVIEW_STORAGE_KEY);
    section.hidden = false;
    slot.replaceChildren(lab);
    this.#lab = lab;
  }

  async #showMe(lines: readonly string[]): Promise<void> {
    const lab = this.#lab;
    if (lab === null) return;
    // The lab shows its prompt before xterm has come: a click that early waits for the terminal, not lost.
    try {
      await lab.whenStarted();
    } catch {
      this.#status('The lab could not be loaded: check the network, then press “Show me” again.');
      return;
    }
    const term = lab.terminal;
    if (term === null || lab !== this.#lab) return;
    lab.scrollIntoView({ block: 'nearest' });
    term.focus();
    for (const line of lines) {
      term.input(`${line}\r`, true);
      await new Promise((resolve) => setTimeout(resolve, LINE_DELAY_MS));
    }
  }
}

export function defineReviewTool(): void {
  if (typeof customElements !== 'undefined' && customElements.get('review-tool') === undefined) {
    customElements.define('review-tool', ReviewToolElement);
  }
}
