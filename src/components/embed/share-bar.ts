/**
 * The share bar next to a `<lab-console>`: "Copy link" (the lab's image in the URL fragment, see
 * src/lesson-runtime/share-link.ts) and, when the page was opened from such a link, the lab as an
 * unsaved copy with "Keep this lab". A link never runs a command and never overwrites the learner's
 * saved lab: that happens only when they press "Keep this lab". A bad link is refused with its reason
 * (as text) and the default lab opens, also unsaved, so the stored lab is not touched.
 */
import { h } from '../lab/dom.ts';
import type { LabConsoleElement } from '../lab/lab-console.ts';
import './share-bar.css';

/**
 * The link code (share-link.ts and the lab image parser) is fetched only when a link is made or opened:
 * a page's first command costs xterm and the shell alone (issue 12).
 */
const shareLink = () => import('../../lesson-runtime/share-link.ts');

/** Waits until the element is upgraded and its lab runs (its session exists: whenStarted fetches the machine). */
async function started(lab: LabConsoleElement): Promise<void> {
  await customElements.whenDefined('lab-console');
  await lab.whenStarted();
}

/** The page's address with this lab in the fragment (other fragment parts kept). */
export async function shareUrl(lab: LabConsoleElement): Promise<string> {
  await started(lab);
  const { encodeShareFragment, withoutShare } = await shareLink();
  const session = lab.session;
  if (session === null) throw new Error('the lab has not started');
  // Exercises done are the learner's own: a shared lab carries the files and configuration only.
  const fragment = await encodeShareFragment({ ...session.image(), exercisesDone: [] });
  const url = new URL(location.href);
  const rest = withoutShare(url.hash);
  url.hash = rest === '' ? fragment : `${rest.slice(1)}&${fragment}`;
  return url.href;
}

export function attachShareBar(lab: LabConsoleElement, opts: { readonly linkBase?: string } = {}): HTMLElement {
  const status = h('p', { class: 'share-bar__status', role: 'status' });
  const copy = h('button', { type: 'button', class: 'lab-button' }, 'Copy link');
  const output = h('input', { type: 'text', readonly: true, class: 'share-bar__link', 'aria-label': 'Link to this lab', hidden: true });
  const keep = h('button', { type: 'button', class: 'lab-button', hidden: true }, 'Keep this lab');
  const bar = h('div', { class: 'share-bar' }, copy, keep, status, output);
  lab.before(bar);

  copy.addEventListener('click', () => {
    void (async () => {
      let url = await shareUrl(lab);
      if (opts.linkBase !== undefined) url = `${opts.linkBase}${new URL(url).hash}`;
      output.value = url;
      output.hidden = false;
      try {
        await navigator.clipboard.writeText(url);
        status.textContent = 'Link copied: it opens this lab’s files and configuration (not the commands typed).';
      } catch {
        output.select();
        status.textContent = 'Copy the link from the box: it opens this lab’s files and configuration.';
      }
    })();
  });

  keep.addEventListener('click', () => {
    keep.hidden = true;
    status.textContent = 'This lab is now your saved lab.';
    // The link leaves the address bar first, then the lab is saved: once it is saved, a reload opens the saved
    // lab, not the link's copy again. (share-link.ts is here already: it decoded the link that showed this button.)
    void shareLink().then(
      ({ withoutShare }) => {
        history.replaceState(history.state, '', `${location.pathname}${location.search}${withoutShare(location.hash)}`);
        lab.keep();
      },
      () => lab.keep(),
    );
  });

  void (async () => {
    // A shared lab is a parameter of the fragment: without one there is nothing to fetch.
    if (!location.hash.includes('=')) return;
    const decoded = await (await shareLink()).decodeShareFragment(location.hash);
    if (decoded.kind === 'none') return;
    await started(lab);
    if (decoded.kind === 'ok') {
      try {
        lab.openUnsaved(decoded.image);
        keep.hidden = false;
        status.textContent =
          'You opened a shared lab. It is a copy and is not saved: your own lab is kept as it was unless you choose “Keep this lab”.';
        return;
      } catch (e) {
        lab.openUnsaved(null);
        status.textContent = `This link’s lab could not be opened: ${e instanceof Error ? e.message : 'unknown error'}. Here is the starting lab instead; your saved lab is untouched.`;
        return;
      }
    }
    lab.openUnsaved(null);
    status.textContent = `This link’s lab could not be opened: ${decoded.reason}. Here is the starting lab instead; your saved lab is untouched.`;
  })();
  return bar;
}
