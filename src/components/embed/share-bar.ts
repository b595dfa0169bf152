/**
 * The share bar next to a `<lab-console>`: "Copy link" (the lab's image in the URL fragment, see
 * src/lesson-runtime/share-link.ts) and, when the page was opened from such a link, the lab as an
 * unsaved copy with "Keep this lab". A link never runs a command and never overwrites the learner's
 * saved lab: that happens only when they press "Keep this lab". A bad link is refused with its reason
 * (as text) and the default lab opens, also unsaved, so the stored lab is not touched.
 *
 * Here only the bar itself: what its buttons do (share-bar-actions.ts, with the link code) is fetched when
 * a pointer or the focus comes to the bar, or at the first click (which then waits for it), or at once when
 * the page was opened from a link, so a page's first command does not wait on it (issue 12).
 */
import { h } from '../lab/dom.ts';
import type { LabConsoleElement } from '../lab/lab-console.ts';
import './share-bar.css';

const actions = () => import('./share-bar-actions.ts');

export function attachShareBar(lab: LabConsoleElement, opts: { readonly linkBase?: string } = {}): HTMLElement {
  const status = h('p', { class: 'share-bar__status', role: 'status' });
  const copy = h('button', { type: 'button', class: 'lab-button' }, 'Copy link');
  const output = h('input', { type: 'text', readonly: true, class: 'share-bar__link', 'aria-label': 'Link to this lab', hidden: true });
  const keep = h('button', { type: 'button', class: 'lab-button', hidden: true }, 'Keep this lab');
  const bar = h('div', { class: 'share-bar' }, copy, keep, status, output);
  lab.before(bar);
  const parts = { lab, status, output, keep, linkBase: opts.linkBase };

  // Coming near the controls starts the fetch, so a click seldom waits (a failed fetch is tried again by the click).
  const warm = () => void actions().catch(() => {});
  bar.addEventListener('pointerover', warm, { once: true });
  bar.addEventListener('focusin', warm, { once: true });

  copy.addEventListener('click', () => void actions().then((m) => m.copyLink(parts)));

  keep.addEventListener('click', () => {
    keep.hidden = true;
    status.textContent = 'This lab is now your saved lab.';
    void actions().then(
      (m) => m.keepLab(lab),
      () => lab.keep(),
    );
  });

  // A shared lab is a parameter of the fragment: without one there is nothing to fetch.
  if (location.hash.includes('=')) void actions().then((m) => m.openShared(parts));
  return bar;
}
