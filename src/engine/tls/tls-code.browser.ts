/**
 * The browser's tls-code.ts (swapped in by integrations/lab-programs-browser.ts): the TLS code of the lab
 * world's servers (tls-code-bundle.ts: smtpd's TLS engine, the remote hosts' handshakes, the lab's
 * certificates) is a chunk of its own, fetched the first time something needs it; until then smtpd's engine is
 * a stand-in (server-tls.ts) and the lab's certificate files are listed and sized without their text
 * (data/lab-tls-boot.browser.ts). Nothing else here: the page's first scripts import this module (through
 * the goal checks and the outbound loader). A failed fetch may be tried again.
 */
import type { TlsCode } from './tls-code-bundle.ts';

let loaded: TlsCode | null = null;
let loading: Promise<TlsCode> | null = null;

export function tlsCodeNow(): TlsCode | null {
  return loaded;
}

export function loadTlsCode(): Promise<TlsCode> {
  loading ??= import('./tls-code-bundle.ts').then(
    (m) => (loaded = m.TLS_CODE),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}
