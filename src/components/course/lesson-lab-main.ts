/**
 * A lesson's lab, once it is in view: starts the `<lab-console>` on the lesson's scenario, checks the
 * exercises after everything the learner does (a command line, a line typed in telnet, a toggle, Apply,
 * a reset) with the lesson session's `evaluate`, and keeps the two pictures current. A goal newly met
 * and an exercise newly done are announced politely to screen readers. Texts go in as text only.
 */
import type { ConnectionRecord } from '../../lesson-runtime/events.ts';
import type { LessonFrontmatter } from '../../lesson-runtime/frontmatter.ts';
import type { ExerciseStatus, LessonSession } from '../../lesson-runtime/session.ts';
import { h } from '../lab/dom.ts';
import { defineLabConsole, type LabConsoleElement } from '../lab/lab-console.ts';
import { renderEhloDiff } from './ehlo-diff.ts';
import { markExercise } from './exercise-marks.ts';
import { renderHandshake } from './handshake-diagram.ts';

type LessonData = Pick<LessonFrontmatter, 'exercises'>;

/** Checks are probes on a scratch world: at most this often while things happen. */
const CHECK_DELAY_MS = 150;
/** Output of a session (telnet's replies) arrives on timers: look for new events this often. */
const POLL_MS = 400;

export function mountLessonLab(root: HTMLElement): void {
  const data = JSON.parse(root.dataset['lesson'] ?? '{}') as LessonData;
  defineLabConsole();
  const lab = root.querySelector<LabConsoleElement>('lab-console');
  if (lab === null) return;
  const announcer = root.querySelector<HTMLElement>('.lesson-lab__announcer');
  const pictures = new Pictures(root);
  let previous: readonly ExerciseStatus[] | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let revision = -1;
  let session: LessonSession | null = null;

  const check = () => {
    timer = null;
    const s = lab.session;
    if (s === null) return;
    if (s !== session) {
      // A new session (the lab was reset): what it shows is its own start, not news.
      session = s;
      previous = null;
    }
    revision = s.events.revision;
    const statuses = s.evaluate(data);
    const news = renderStatuses(root, data, statuses, previous);
    if (previous !== null && news.length > 0 && announcer !== null) announcer.textContent = news.join(' ');
    if (previous !== null && statuses.some((st, i) => st.done && previous?.[i]?.done !== true)) lab.save();
    previous = statuses;
    pictures.render(s);
  };
  const schedule = () => {
    if (timer === null) timer = setTimeout(check, CHECK_DELAY_MS);
  };
  lab.addEventListener('lab-change', schedule);
  setInterval(() => {
    if (lab.session !== null && lab.session.events.revision !== revision) schedule();
  }, POLL_MS);
  check();
}

/** Updates the checklist, badges and hints; returns what to announce (goals newly met, exercises newly done). */
function renderStatuses(
  root: HTMLElement,
  data: LessonData,
  statuses: readonly ExerciseStatus[],
  before: readonly ExerciseStatus[] | null,
): string[] {
  const news: string[] = [];
  statuses.forEach((st, i) => {
    const item = markExercise(root, st.id, st.done);
    if (item === null) return;
    const was = before?.[i];
    st.goals.forEach((g, j) => {
      const li = item.querySelector<HTMLElement>(`.goal[data-goal="${j}"]`);
      if (li !== null) {
        li.dataset['met'] = String(g.met);
        const state = li.querySelector('.goal__state');
        if (state !== null) state.textContent = g.met ? 'Met: ' : 'Not met: ';
      }
      if (g.met && was?.goals[j]?.met === false) news.push(`Goal met: ${g.text}.`);
    });
    const hints = data.exercises?.find((ex) => ex.id === st.id)?.hints ?? [];
    hints.forEach((hint, j) => {
      const li = item.querySelector<HTMLElement>(`.hint[data-hint="${j}"]`);
      if (li !== null) li.hidden = !st.hints.includes(hint.text);
    });
    if (st.done && was?.done === false) {
      const text = data.exercises?.find((ex) => ex.id === st.id)?.text ?? st.id;
      news.push(`Exercise done: ${text}`);
    }
  });
  return news;
}

const recordIds = new WeakMap<ConnectionRecord, number>();
let nextRecordId = 1;

/** Changes when the record is another connection, or the same one has gone on. */
function recordKey(rec: ConnectionRecord | null): string {
  if (rec === null) return '';
  let id = recordIds.get(rec);
  if (id === undefined) {
    id = nextRecordId++;
    recordIds.set(rec, id);
  }
  return `${id}:${rec.steps.length}:${JSON.stringify(rec.outcome)}`;
}

/** The EHLO diff and the handshake diagrams, redrawn only when what they show has changed. */
class Pictures {
  readonly #ehlo: HTMLElement | null;
  readonly #handshake: HTMLElement | null;
  readonly #delivery: HTMLElement | null;
  #ehloKey = '';
  #connectionKey = '';
  #deliveryKey = '';

  constructor(root: HTMLElement) {
    this.#ehlo = root.querySelector('[data-picture="ehlo"]');
    this.#handshake = root.querySelector('[data-picture="handshake"]');
    this.#delivery = root.querySelector('[data-picture="delivery"]');
  }

  render(s: LessonSession): void {
    const loaded = s.loaded();
    const ehloKey = loaded === null ? 'stopped' : `${loaded.mainCf}\n\0\n${loaded.masterCf}`;
    if (this.#ehlo !== null && ehloKey !== this.#ehloKey) {
      this.#ehloKey = ehloKey;
      if (loaded === null) this.#ehlo.replaceChildren(h('p', { class: 'picture__empty' }, 'Postfix is not running: nothing answers EHLO.'));
      else renderEhloDiff(this.#ehlo, s.ehloDiff());
    }
    const conn = s.lastConnection();
    const connKey = recordKey(conn);
    if (this.#handshake !== null && connKey !== this.#connectionKey) {
      this.#connectionKey = connKey;
      renderHandshake(
        this.#handshake,
        conn,
        'Connect to the server (telnet, openssl s_client, swaks, posttls-finger) and the exchange is drawn here.',
      );
    }
    const delivery = s.lastDelivery();
    const delKey = recordKey(delivery);
    if (this.#delivery !== null && delKey !== this.#deliveryKey) {
      this.#deliveryKey = delKey;
      const section = this.#delivery.closest('section');
      if (section !== null) section.hidden = delivery === null;
      renderHandshake(this.#delivery, delivery, '');
    }
  }
}
