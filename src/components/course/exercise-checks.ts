/**
 * Live exercise checks, shared by a lesson page's lab (lesson-lab-main.ts) and an embed
 * (embed/embed-entry.ts): after everything the learner does (a command line, a line typed in telnet, a
 * toggle, Apply, a reset) the lab's lesson session `evaluate`s the exercises, and the checklist in
 * `root` (LessonLab.astro's markup: `.exercise[data-exercise]`, `.goal[data-goal]`, `.hint[data-hint]`)
 * is kept current. A goal newly met and an exercise newly done are announced politely to screen readers.
 * Texts go in as text only. Saving an exercise done goes through the lab, which says once if it cannot.
 */
import { loadOutbound } from '../../engine/world/lab-outbound.ts';
import { loadTlsCode } from '../../engine/tls/tls-code.ts';
import type { LessonFrontmatter } from '../../lesson-runtime/frontmatter.ts';
import { checksNow, loadChecks } from '../../lesson-runtime/lab-checks.ts';
import type { ExerciseStatus, LessonSession } from '../../lesson-runtime/session.ts';
import { whenQuiet, type QuietTask } from '../../terminal/prefetch.ts';
import type { LabConsoleElement } from '../lab/lab-console.ts';
import { markExercise } from './exercise-marks.ts';

/** What the checks read of a lesson: its exercises (ids, texts, goals and hints). */
export type CheckedLesson = Pick<LessonFrontmatter, 'exercises'>;

export interface ExerciseChecksOptions {
  /** An `aria-live="polite"` element for the news (null: none). */
  readonly announcer: HTMLElement | null;
  /** Runs after each check with the session checked (a lesson page redraws its pictures). */
  readonly afterCheck?: (session: LessonSession) => void;
  /** The page has waited for the lab to be quiet already (lesson-lab-boot.ts): the checks' code is fetched at once. */
  readonly quietAlready?: boolean;
}

/** Checks are probes on a scratch world: at most this often while things happen. */
const CHECK_DELAY_MS = 150;
/** No change in the lab for this long before the goal checks' code is fetched. */
const CHECKS_QUIET_MS = 1000;
/** ...and at the latest this long after the first check was asked for. */
const CHECKS_LATEST_MS = 2500;
/** Output of a session (telnet's replies) arrives on timers: look for new events this often. */
const POLL_MS = 400;

/** Starts checking `lab`'s exercises against `lesson` and marking them in `root`; checks once at once. */
export function watchExercises(root: HTMLElement, lab: LabConsoleElement, lesson: CheckedLesson, options: ExerciseChecksOptions): void {
  const { announcer, afterCheck, quietAlready = false } = options;
  let previous: readonly ExerciseStatus[] | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let revision = -1;
  let session: LessonSession | null = null;
  /** The exercises the session started with done (a save is due when another one is done). */
  let doneAtStart: ReadonlySet<string> = new Set();
  /** What tells whether a probe would need the servers' TLS code (engine/world/lab-server-tls.ts), once imported. */
  let tlsGate: Pick<typeof import('../../engine/world/lab-server-tls.ts'), 'serverTlsNeeded'> | null = null;

  const check = () => {
    timer = null;
    const s = lab.session;
    if (s === null) return;
    if (s !== session) {
      // A new session (the lab was reset): what it shows is its own start, not news.
      session = s;
      previous = null;
      doneAtStart = new Set(s.image().exercisesDone);
    }
    revision = s.events.revision;
    if (checksNow() === null) {
      // Nothing done in the lab yet (it came on its own, the page being quiet): nothing to wait for.
      waitForChecks(quietAlready || s.events.revision === 0);
      return;
    }
    // Imported here, not at the top: its code (config checks, smtpd settings) belongs to the machine's chunk,
    // which is here by now, while this module is among the page's first scripts.
    if (tlsGate === null) {
      import('../../engine/world/lab-server-tls.ts').then((m) => {
        tlsGate = m;
        schedule();
      }, schedule);
      return;
    }
    if (tlsGate.serverTlsNeeded(s.world)) {
      // The probes would need the servers' TLS code (a certificate written since boot, a wrapper-mode port):
      // fetched first, so that neither the checks nor the pictures after them meet its absence.
      loadTlsCode().then(schedule, () => {});
      return;
    }
    let statuses: ExerciseStatus[];
    try {
      statuses = s.evaluate(lesson);
    } catch (e) {
      if (waitsForOutbound(e, schedule)) return;
      throw e;
    }
    const news = renderStatuses(root, lesson, statuses, previous);
    if (previous !== null && news.length > 0 && announcer !== null) announcer.textContent = news.join(' ');
    // Against the start, not the last check: an exercise done before the first check (its code may come
    // a moment after the lab's) is saved too.
    if (statuses.some((st, i) => st.done && previous?.[i]?.done !== true && !doneAtStart.has(st.id))) lab.save();
    previous = statuses;
    try {
      afterCheck?.(s);
    } catch (e) {
      if (!waitsForOutbound(e, schedule)) throw e;
    }
  };
  // The checks' code (lab-checks.browser.ts) is fetched once the lab has been quiet a moment (or a few
  // seconds on), so a first command and its EHLO do not wait on it. The checks read the session's events
  // and world as they are when they run, so what the learner did meanwhile counts the same.
  let fetching: QuietTask | null = null;
  const waitForChecks = (now: boolean) => {
    if (fetching !== null) return fetching.poke();
    let asked = false;
    const fetchChecks = () => {
      if (asked) return;
      asked = true;
      clearTimeout(latest);
      quiet.cancel();
      loadChecks().then(schedule, () => {
        fetching = null; // tried again at the next change
      });
    };
    const quiet = whenQuiet(fetchChecks, CHECKS_QUIET_MS);
    const latest = setTimeout(fetchChecks, CHECKS_LATEST_MS);
    fetching = quiet;
    if (now) fetchChecks();
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

/**
 * A check that needed the world's outbound code before the page had it (an `outgoing` goal mails from a
 * scratch copy; a probe whose server then mails postmaster): it threw OutboundNotLoaded (engine/world/
 * lab-queue.ts) on its scratch copy, so nothing the learner sees changed. Fetch the code, then check again.
 */
function waitsForOutbound(e: unknown, again: () => void): boolean {
  if (!(e instanceof Error)) return false;
  // Likewise a probe whose smtpd reads a certificate other than the lab's own, or does a handshake, before the
  // servers' TLS code is here (ServerTlsNotLoaded: engine/tls/server-tls.ts).
  const load = e.name === 'OutboundNotLoaded' ? loadOutbound : e.name === 'ServerTlsNotLoaded' ? loadTlsCode : null;
  if (load === null) return false;
  load().then(again, () => {});
  return true;
}

/** Updates the checklist, badges and hints; returns what to announce (goals newly met, exercises newly done). */
function renderStatuses(
  root: HTMLElement,
  lesson: CheckedLesson,
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
    const exercise = lesson.exercises?.find((ex) => ex.id === st.id);
    (exercise?.hints ?? []).forEach((hint, j) => {
      const li = item.querySelector<HTMLElement>(`.hint[data-hint="${j}"]`);
      if (li !== null) li.hidden = !st.hints.includes(hint.text);
    });
    if (st.done && was?.done === false) news.push(`Exercise done: ${exercise?.text ?? st.id}`);
  });
  return news;
}
