/**
 * The EHLO diff: for each listening smtpd service, the EHLO reply before and after the last change
 * Postfix loaded, as one list in which removed lines are struck out with "−" and added lines carry "+"
 * (and say so to screen readers): the difference never rests on colour alone. Text nodes only.
 */
import { assertNever } from '../../engine/util/assert-never.ts';
import type { EhloDiff } from '../../lesson-runtime/session.ts';
import { h } from '../lab/dom.ts';
import { ehloRows, type EhloRow } from './ehlo-rows.ts';

export function renderEhloDiff(container: HTMLElement, diff: EhloDiff): void {
  const services = diff.services.filter((s) => s.before.length > 0 || s.after.length > 0);
  if (services.length === 0) {
    container.replaceChildren(h('p', { class: 'picture__empty' }, 'No smtpd service is listening.'));
    return;
  }
  const changed = services.some((s) => s.before.join('\n') !== s.after.join('\n'));
  const parts: HTMLElement[] = [
    h(
      'p',
      { class: 'ehlo-summary' },
      changed
        ? 'Your last change that Postfix loaded changed what EHLO answers: “+” marks a line added, “−” a line removed.'
        : 'What EHLO answers on each port. No change Postfix has loaded has altered it yet.',
    ),
  ];
  for (const s of services) {
    const rows = ehloRows(s.before, s.after);
    const list = h('ul', { class: 'ehlo-lines', 'aria-label': `EHLO reply on port ${s.port}` });
    for (const row of rows) list.append(h('li', {}, line(row)));
    const title = s.after.length === 0 ? `${s.service}, port ${s.port} (no longer listening)` : `${s.service}, port ${s.port}`;
    parts.push(h('section', { class: 'ehlo-service', 'data-port': String(s.port) }, h('h5', {}, title), list));
  }
  container.replaceChildren(...parts);
}

function line(row: EhloRow): HTMLElement {
  switch (row.kind) {
    case 'same':
      return h('span', { class: 'ehlo-line' }, `  ${row.text}`);
    case 'add':
      return h('ins', { class: 'ehlo-line ehlo-line--add' }, h('span', { class: 'visually-hidden' }, 'added: '), `+ ${row.text}`);
    case 'del':
      return h('del', { class: 'ehlo-line ehlo-line--del' }, h('span', { class: 'visually-hidden' }, 'removed: '), `− ${row.text}`);
    default:
      return assertNever(row.kind);
  }
}
