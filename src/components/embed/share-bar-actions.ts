/**
 * What the share bar (share-bar.ts) does, fetched on the first approach to the bar (a pointer over it,
 * focus in it, a click) or at once when the page was opened from a shared link: making a link of the lab
 * ("Copy link"), saving a shared lab ("Keep this lab") and opening a link's lab as an unsaved copy. The link
 * code (share-link.ts, with the lab image checks) comes with it. Texts go in as text only.
 */
import { decodeShareFragment, encodeShareFragment, withoutShare } from '../../lesson-runtime/share-link.ts';
import type { LabConsoleElement } from '../lab/lab-console.ts';

/** The bar's parts the actions write to (share-bar.ts builds them). */
export interface ShareBarParts {
  readonly lab: LabConsoleElement;
  readonly status: HTMLElement;
  readonly output: HTMLInputElement;
  readonly keep: HTMLElement;
  /** Links point here instead of this page (an embed links to the full lab). */
  readonly linkBase?: string | undefined;
}

/** Waits until the element is upgraded and its lab runs (its session exists: whenStarted fetches the machine). */
async function started(lab: LabConsoleElement): Promise<void> {
  await customElements.whenDefined('lab-console');
  await lab.whenStarted();
}

/** The page's address with this lab in the fragment (other fragment parts kept). */
export async function shareUrl(lab: LabConsoleElement): Promise<string> {
  await started(lab);
  const session = lab.session;
  if (session === null) throw new Error('the lab has not started');
  // Exercises done are the learner's own: a shared lab carries the files and configuration only.
  const fragment = await encodeShareFragment({ ...session.image(), exercisesDone: [] });
  const url = new URL(location.href);
  const rest = withoutShare(url.hash);
  url.hash = rest === '' ? fragment : `${rest.slice(1)}&${fragment}`;
  return url.href;
}

/** "Copy link": the link into the clipboard, or shown selected in the box where the clipboard refuses. */
export async function copyLink({ lab, status, output, linkBase }: ShareBarParts): Promise<void> {
  let url = await shareUrl(lab);
  if (linkBase !== undefined) url = `${linkBase}${new URL(url).hash}`;
  output.value = url;
  output.hidden = false;
  try {
    await navigator.clipboard.writeText(url);
    status.textContent = 'Link copied: it opens this lab’s files and configuration (not the commands typed).';
  } catch {
    output.select();
    status.textContent = 'Copy the link from the box: it opens this lab’s files and configuration.';
  }
}

/**
 * "Keep this lab": the link leaves the address bar first, then the lab is saved: once it is saved, a reload
 * opens the saved lab, not the link's copy again.
 */
export function keepLab(lab: LabConsoleElement): void {
  history.replaceState(history.state, '', `${location.pathname}${location.search}${withoutShare(location.hash)}`);
  lab.keep();
}

/** Opens the lab of the page's link, if it has one, as an unsaved copy; a bad link is refused with its reason. */
export async function openShared({ lab, status, keep }: ShareBarParts): Promise<void> {
  const decoded = await decodeShareFragment(location.hash);
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
}
