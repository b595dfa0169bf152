/**
 * The lab's first look (issue 12, navigation to prompt): the markup a `<lab-console>` shows before any of
 * its code has run beyond building it — toolbar, the panel's, mail.log's and the files' stand-ins, the
 * terminal with the shell's first screen (the prompt) and its labelled input, and the reset dialog.
 *
 * One description, two renderings: pages built by Astro put it in their HTML (firstLookHtml), so the prompt
 * is in the page's first paint and the input takes keys before any script has come; an element that finds
 * no such markup (the embed, the review page) fetches this module and builds the same nodes (dom.ts markupDom).
 * Either way lab-console.ts then finds its parts by `data-part` and wires them, with only first-look-keys.ts:
 * the description itself stays off the lab pages' path to the first EHLO (issue 12, weight).
 *
 * DOM-free and free of user data: every text here is ours, fixed at build time, and the HTML rendering
 * escapes it all the same.
 */
import { firstLookIds, type FirstLookPart, firstPrompt, HOSTNAME, PREFIX_ATTR, TERMINAL_FONT } from './first-look-keys.ts';

/** An element: tag, attributes (true: present and empty), children (strings are text). */
export interface Markup {
  readonly tag: string;
  readonly attrs: Readonly<Record<string, string | true>>;
  readonly children: readonly (Markup | string)[];
}

const el = (tag: string, attrs: Markup['attrs'], ...children: (Markup | string)[]): Markup => ({ tag, attrs, children });

/** A stand-in for a view that comes with the machine: same place, quiet, busy. */
function standIn(part: FirstLookPart, cls: string, id: string, heading: string, text: string): Markup {
  return el(
    'section',
    { class: `${cls} lab-standin`, 'data-part': part, 'aria-labelledby': id, 'aria-busy': 'true' },
    el('h2', { id, class: 'lab-heading' }, heading),
    el('p', { class: 'lab-standin__text' }, text),
  );
}

/** The pre-screen (pre-screen.ts): the prompt in the terminal's type, a cursor, and the input that takes keys. */
function preScreen(describedBy: string): Markup {
  const style = `font-family:${TERMINAL_FONT.fontFamily};font-size:${TERMINAL_FONT.fontSize}px;line-height:${TERMINAL_FONT.lineHeight}`;
  return el(
    'div',
    { class: 'lab-prescreen', 'data-part': 'prescreen' },
    el('textarea', {
      class: 'lab-prescreen__input',
      'data-part': 'prescreen-input',
      'aria-label': 'Terminal input',
      'aria-describedby': describedBy,
      'aria-multiline': 'false',
      autocorrect: 'off',
      autocapitalize: 'off',
      spellcheck: 'false',
    }),
    el(
      'div',
      { class: 'lab-prescreen__rows', 'data-part': 'prescreen-rows', style },
      el('span', { 'data-part': 'prescreen-text' }, firstPrompt(HOSTNAME)),
      el('span', { class: 'lab-prescreen__cursor' }, ' '),
    ),
  );
}

/** The reset dialog. */
function resetDialog(p: string): Markup {
  const titleId = `${p}-reset-title`;
  return el(
    'dialog',
    { class: 'lab-dialog', 'data-part': 'dialog', 'aria-labelledby': titleId },
    el('h2', { id: titleId, class: 'lab-heading' }, 'Reset the lab?'),
    el(
      'p',
      {},
      'The files go back to how this lab starts, and the shell history and mail.log start empty. Exercises you have done stay done.',
    ),
    el(
      'form',
      { method: 'dialog', class: 'lab-dialog__buttons' },
      el('button', { type: 'submit', value: 'cancel', class: 'lab-button' }, 'Cancel'),
      el('button', { type: 'submit', value: 'reset', class: 'lab-button lab-button--danger' }, 'Reset'),
    ),
  );
}

/** The whole first look for a console whose ids start with `p` (unique in the page). */
export function firstLook(p: string): Markup {
  const ids = firstLookIds(p);
  return el(
    'div',
    { class: 'lab', [PREFIX_ATTR]: p },
    el(
      'div',
      { class: 'lab-toolbar' },
      el('button', { type: 'button', class: 'lab-button', 'data-part': 'go-terminal' }, 'Go to the terminal'),
      el(
        'span',
        { class: 'lab-switch' },
        el('input', { type: 'checkbox', role: 'switch', id: ids.srSwitch, class: 'lab-check', 'data-part': 'sr-switch' }),
        el('label', { for: ids.srSwitch }, 'Screen reader mode'),
      ),
      el('button', { type: 'button', class: 'lab-button', 'data-part': 'reset' }, 'Reset the lab…'),
      el('p', { class: 'lab-notice', role: 'status', 'data-part': 'notice' }),
    ),
    standIn('panel', 'lab-panel', `${p}-config-wait`, 'Configuration', 'The controls appear when the mail server has loaded.'),
    el(
      'section',
      { class: 'lab-terminal', 'aria-label': 'Lab terminal' },
      el(
        'p',
        { id: ids.hint, class: 'lab-terminal__hint' },
        'Tab completes commands and file names. To leave the terminal, press Esc, then Tab.',
      ),
      el('div', { class: 'lab-terminal__screen', 'data-part': 'screen' }, preScreen(ids.hint)),
    ),
    standIn('log', 'lab-log', `${p}-log-wait`, 'mail.log', 'No log lines yet.'),
    standIn('files', 'lab-files', `${p}-files-wait`, 'Files', 'main.cf and master.cf appear when the mail server has loaded.'),
    resetDialog(p),
  );
}

const VOID = new Set(['input']);

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;');
}

/** HTML for a page built by Astro (every text and attribute value escaped). */
export function markupHtml(m: Markup): string {
  let attrs = '';
  for (const [name, value] of Object.entries(m.attrs)) attrs += value === true ? ` ${name}` : ` ${name}="${escapeAttr(value)}"`;
  if (VOID.has(m.tag)) return `<${m.tag}${attrs}>`;
  const inner = m.children.map((c) => (typeof c === 'string' ? escapeText(c) : markupHtml(c))).join('');
  return `<${m.tag}${attrs}>${inner}</${m.tag}>`;
}

/** The id prefix of the first look a page was built with (one lab per page; the browser's own start at lab1). */
export const BUILT_PREFIX = 'lab0';
