/**
 * The script of an /embed/<name>/ page, built at build time into chunks in the System.register format
 * (embed-build.ts) that /embed/lab.js loads as classic scripts (system-loader.ts). A page framed with
 * sandbox="allow-scripts" has an opaque origin: module scripts and import() would be CORS requests, which
 * a plain static host refuses; classic scripts are not, lazy parts included. Storage may be blocked
 * there: the lab says once that progress is not kept (its own notice) and works on.
 *
 * It starts the lab, shows the exercise named by ?exercise=<id> (or all of them) and checks its goals
 * live as on a lesson page (exercise-checks.ts; with storage blocked they still tick, only nothing is
 * kept), attaches the share bar and tells the parent its height with postMessage({ type: HEIGHT_MESSAGE, height }).
 */
import { watchExercises, type CheckedLesson } from '../course/exercise-checks.ts';
import { defineLabConsole, type LabConsoleElement } from '../lab/lab-console.ts';
import { HEIGHT_MESSAGE } from './embed-names.ts';
import { attachShareBar } from './share-bar.ts';

function showExercise(): void {
  const wanted = new URLSearchParams(location.search).get('exercise');
  const items = document.querySelectorAll<HTMLElement>('[data-exercise]');
  if (wanted === null) return;
  const known = [...items].some((el) => el.dataset['exercise'] === wanted);
  if (!known) return; // An unknown id: show them all rather than nothing.
  for (const el of items) el.hidden = el.dataset['exercise'] !== wanted;
}

function reportHeight(): void {
  if (window.parent === window) return;
  let last = 0;
  const send = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    // The parent matches event.source (this frame's origin is "null" when sandboxed): any target origin.
    window.parent.postMessage({ type: HEIGHT_MESSAGE, height }, '*');
  };
  new ResizeObserver(send).observe(document.documentElement);
  send();
}

showExercise();
defineLabConsole();
const lab = document.querySelector<LabConsoleElement>('lab-console');
const full = document.querySelector<HTMLAnchorElement>('.embed__full');
if (lab !== null) attachShareBar(lab, full === null ? {} : { linkBase: full.href.replace(/#.*$/, '') });
const lesson = document.body.dataset['lesson'];
if (lab !== null && lesson !== undefined) {
  watchExercises(document.body, lab, JSON.parse(lesson) as CheckedLesson, {
    announcer: document.querySelector<HTMLElement>('.embed__announcer'),
  });
}
reportHeight();
