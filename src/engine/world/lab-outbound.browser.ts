/**
 * The browser's lab-outbound.ts (swapped in by integrations/lab-programs-browser.ts): the outbound code
 * (outbound.ts: the queue, the smtp client, client TLS) is a chunk of its own, fetched the first time
 * something needs it, with the servers' TLS code (tls/tls-code.browser.ts), as the smtp client's handshakes
 * reach the remote hosts' TLS side. A failed fetch may be tried again.
 */
import { loadTlsCode } from '../tls/tls-code.ts';
import type { Outbound } from './lab-queue.ts';

let loaded: Outbound | null = null;
let loading: Promise<Outbound> | null = null;

export function outboundNow(): Outbound | null {
  return loaded;
}

export function loadOutbound(): Promise<Outbound> {
  loading ??= Promise.all([import('./outbound.ts'), loadTlsCode()]).then(
    ([m]) => (loaded = m.OUTBOUND),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}
