/**
 * A read-only view of one configuration file: monospace, scrollable (and reachable by keyboard), the
 * lines Postfix has not loaded yet marked. Lines go in as text, never as HTML.
 */
import { h, replaceChildren } from './dom.ts';
import { changedLines, splitLines } from './line-diff.ts';

/** More lines than this (a file pasted into) are not all drawn; `less` in the terminal shows them. */
const MAX_VIEW_LINES = 3000;

export class FileView {
  readonly element: HTMLElement;
  readonly #body: HTMLElement;
  readonly #note: HTMLElement;
  #text: string | null = null;
  #applied: string | null = null;

  constructor(id: string, path: string) {
    const headingId = `${id}-heading`;
    this.#body = h('pre', { class: 'lab-file__text' });
    this.#note = h('p', { class: 'lab-file__note' });
    this.element = h(
      'div',
      { class: 'lab-file' },
      h('h3', { id: headingId, class: 'lab-subheading' }, path),
      h('div', { class: 'lab-file__scroll', role: 'region', 'aria-labelledby': headingId, tabindex: '0' }, this.#body),
      this.#note,
    );
  }

  /** Shows `text` (undefined: the file does not exist), marking the lines that differ from `applied`. */
  render(text: string | undefined, applied: string): void {
    const shown = text ?? '';
    if (shown === this.#text && applied === this.#applied) return;
    this.#text = shown;
    this.#applied = applied;
    if (text === undefined) {
      replaceChildren(this.#body);
      this.#note.textContent = 'The file does not exist.';
      return;
    }
    const changed = changedLines(applied, shown);
    const lines = splitLines(shown);
    const frag = document.createDocumentFragment();
    const count = Math.min(lines.length, MAX_VIEW_LINES);
    for (let i = 0; i < count; i++) {
      const line = lines[i] ?? '';
      if (changed.has(i + 1)) frag.append(h('mark', { class: 'lab-file__changed' }, line), '\n');
      else frag.append(`${line}\n`);
    }
    replaceChildren(this.#body, frag);
    const notes: string[] = [];
    if (lines.length > MAX_VIEW_LINES) notes.push(`Only the first ${MAX_VIEW_LINES} of ${lines.length} lines are shown.`);
    if (changed.size > 0) notes.push(`Marked lines: changed since Postfix last read the file (${changed.size}).`);
    this.#note.textContent = notes.join(' ');
  }
}
