/**
 * Where the lab world's TLS code (tls-code-bundle.ts) comes from. Here, for Node (tests, the corpus harness,
 * runLine, the real-socket server): imported at once, always there. The browser builds swap in
 * tls-code.browser.ts (integrations/lab-programs-browser.ts), which fetches it on first need.
 */
import { TLS_CODE, type TlsCode } from './tls-code-bundle.ts';

/** The TLS code if it is here (always, in Node). */
export function tlsCodeNow(): TlsCode | null {
  return TLS_CODE;
}

/** Resolves once the TLS code is here. */
export function loadTlsCode(): Promise<TlsCode> {
  return Promise.resolve(TLS_CODE);
}
