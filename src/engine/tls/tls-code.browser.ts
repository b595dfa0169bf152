/**
 * The browser's tls-code.ts (swapped in by integrations/lab-programs-browser.ts): the TLS code of the lab
 * world's servers (tls-code-bundle.ts: smtpd's TLS engine, the remote hosts' handshakes, the lab's
 * certificates) is a chunk of its own, fetched the first time something needs it; until then smtpd's engine is
 * a stand-in (server-tls.ts) and the lab's certificate files are listed and sized without their text
 * (data/lab-tls-boot.browser.ts). Nothing else here: the page's first scripts import this module (through
 * the goal checks and the outbound loader). A failed fetch may be tried again.
 */
import { codeOnDemand } from '../util/code-on-demand.ts';
import type { TlsCode } from './tls-code-bundle.ts';

const code = codeOnDemand<TlsCode>(() => import('./tls-code-bundle.ts').then((m) => m.TLS_CODE));

export const tlsCodeNow = code.now;
export const loadTlsCode = code.load;
