/**
 * The two pictures of a lesson's lab: the EHLO diff and the handshake diagrams (last connection, last
 * delivery), redrawn from the lesson session only when what they show has changed. Fetched by
 * lesson-lab-main.ts after the first goal check, with the lab's machine (issue 12: a first command
 * costs xterm and the shell alone). Texts go in as text only.
 */
import type { ConnectionRecord } from '../../lesson-runtime/events.ts';
import type { LessonSession } from '../../lesson-runtime/session.ts';
import { h } from '../lab/dom.ts';
import { renderEhloDiff } from './ehlo-diff.ts';
import { renderHandshake } from './handshake-diagram.ts';

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
export class Pictures {
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
