/**
 * Shows what a server wrote, in order, honouring its pauses (smtpd's tarpit: `ServerOutput.pauses`): the
 * text after a pause appears when the pacer says so (a timer on the interactive terminal, at once in
 * runLine). When the server closed the connection, `onClosed` runs after the last of its text is shown.
 */
import type { ServerOutput } from '../../../engine/world/network.ts';
import type { Pacer } from './lab-env.ts';

type Item =
  { readonly kind: 'data'; readonly text: string } | { readonly kind: 'pause'; readonly ms: number } | { readonly kind: 'closed' };

export class ServerStream {
  readonly #pacer: Pacer;
  readonly #write: (text: string) => void;
  readonly #onClosed: () => void;
  readonly #queue: Item[] = [];
  #cancel: (() => void) | null = null;
  #closed = false;
  #disposed = false;

  constructor(pacer: Pacer, write: (text: string) => void, onClosed: () => void) {
    this.#pacer = pacer;
    this.#write = write;
    this.#onClosed = onClosed;
  }

  /** True once the server's close has been queued: nothing more is sent to it. */
  get closed(): boolean {
    return this.#closed;
  }

  /** True while text after a pause is still to come. */
  get waiting(): boolean {
    return this.#cancel !== null || this.#queue.length > 0;
  }

  push(out: ServerOutput): void {
    if (this.#disposed || this.#closed) return;
    const data = typeof out.data === 'string' ? out.data : '';
    let from = 0;
    const pauses = [...(out.pauses ?? [])].filter((p) => Number.isFinite(p.at) && p.at >= 0).sort((a, b) => a.at - b.at);
    for (const p of pauses) {
      const at = Math.min(data.length, Math.max(from, Math.trunc(p.at)));
      if (at > from) this.#queue.push({ kind: 'data', text: data.slice(from, at) });
      from = at;
      this.#queue.push({ kind: 'pause', ms: Number.isFinite(p.ms) ? Math.max(0, p.ms) : 0 });
    }
    if (from < data.length) this.#queue.push({ kind: 'data', text: data.slice(from) });
    if (out.closed) {
      this.#closed = true;
      this.#queue.push({ kind: 'closed' });
    }
    this.#pump();
  }

  /** Shows everything still queued at once (a pause cut short). */
  flush(): void {
    this.#cancel?.();
    this.#cancel = null;
    const wasImmediate = this.#queue.filter((i) => i.kind === 'pause');
    for (const p of wasImmediate) this.#queue.splice(this.#queue.indexOf(p), 1);
    this.#pump();
  }

  dispose(): void {
    this.#disposed = true;
    this.#cancel?.();
    this.#cancel = null;
    this.#queue.length = 0;
  }

  #pump(): void {
    while (this.#cancel === null && !this.#disposed) {
      const item = this.#queue.shift();
      if (item === undefined) return;
      switch (item.kind) {
        case 'data':
          this.#write(item.text);
          break;
        case 'closed':
          this.#onClosed();
          break;
        case 'pause': {
          let sync = true;
          let fired = false;
          const cancel = this.#pacer.after(item.ms, () => {
            fired = true;
            if (sync) return;
            this.#cancel = null;
            this.#pump();
          });
          sync = false;
          if (!fired) this.#cancel = cancel;
          break;
        }
      }
    }
  }
}
