/**
 * The live mail.log pane: the latest lines as they come (text only), scrolled to the end unless the
 * learner scrolled up to read. New lines are drawn once per frame, and screen readers hear a polite
 * summary now and then (log-announcer.ts), not every line.
 */
import { h, replaceChildren } from './dom.ts';
import { LogAnnouncer } from './log-announcer.ts';

/** Lines kept in the pane; older ones drop off the top. */
export const MAX_LOG_LINES = 500;
/** Quiet time between two screen reader announcements. */
const ANNOUNCE_INTERVAL_MS = 2000;

export class LogPane {
  readonly element: HTMLElement;
  readonly #lines: HTMLElement;
  readonly #live: HTMLElement;
  readonly #empty: HTMLElement;
  readonly #announcer: LogAnnouncer;
  #pending: string[] = [];
  #frame = 0;

  constructor(id: string) {
    const headingId = `${id}-heading`;
    this.#lines = h('div', {
      class: 'lab-log__lines',
      role: 'log',
      // Read on demand; the summary below is what gets announced.
      'aria-live': 'off',
      'aria-labelledby': headingId,
      tabindex: '0',
    });
    this.#empty = h('p', { class: 'lab-log__empty' }, 'No log lines yet.');
    this.#live = h('p', { class: 'lab-visually-hidden', 'aria-live': 'polite', 'aria-atomic': 'true' });
    this.#announcer = new LogAnnouncer({
      intervalMs: ANNOUNCE_INTERVAL_MS,
      schedule: (fn, ms) => {
        const t = setTimeout(fn, ms);
        return () => clearTimeout(t);
      },
      announce: (message) => {
        this.#live.textContent = message;
      },
    });
    this.element = h(
      'section',
      { class: 'lab-log', 'aria-labelledby': headingId },
      h('h2', { id: headingId, class: 'lab-heading' }, 'mail.log'),
      this.#empty,
      this.#lines,
      this.#live,
    );
  }

  /** A new log line; `spoken` is the shorter text for the announcement. */
  add(line: string, spoken: string): void {
    this.#pending.push(line);
    if (this.#pending.length > MAX_LOG_LINES) this.#pending.splice(0, this.#pending.length - MAX_LOG_LINES);
    this.#announcer.push(spoken);
    if (this.#frame === 0) this.#frame = requestAnimationFrame(() => this.#flush());
  }

  /** Starts over with these lines (no announcement). */
  reset(lines: readonly string[]): void {
    this.#pending = [];
    this.#announcer.clear();
    this.#live.textContent = '';
    replaceChildren(this.#lines);
    this.#appendLines(lines.slice(-MAX_LOG_LINES));
  }

  #flush(): void {
    this.#frame = 0;
    const lines = this.#pending;
    this.#pending = [];
    this.#appendLines(lines);
  }

  #appendLines(lines: readonly string[]): void {
    const box = this.#lines;
    const atEnd = box.scrollHeight - box.scrollTop - box.clientHeight < 8;
    const frag = document.createDocumentFragment();
    for (const line of lines) frag.append(h('div', { class: 'lab-log__line' }, line));
    box.append(frag);
    while (box.childElementCount > MAX_LOG_LINES) box.firstElementChild?.remove();
    this.#empty.hidden = box.childElementCount > 0;
    if (atEnd) box.scrollTop = box.scrollHeight;
  }

  dispose(): void {
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.#announcer.clear();
  }
}
