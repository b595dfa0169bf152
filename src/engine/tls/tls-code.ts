/**
 * Where the lab world's TLS code (tls-code-bundle.ts) comes from. Here, for Node (tests, the corpus harness,
 * runLine, the real-socket server): imported at once, always there, and the lab's certificate files have their
 * text from the start. The browser builds swap in tls-code.browser.ts (integrations/lab-programs-browser.ts),
 * which fetches the code on first need.
 */
import { LAB_TLS_FILES } from './data/lab-pki.ts';
import { TLS_CODE, type TlsCode } from './tls-code-bundle.ts';
import type { SimFile } from './types.ts';

/** The TLS code if it is here (always, in Node). */
export function tlsCodeNow(): TlsCode | null {
  return TLS_CODE;
}

/** Resolves once the TLS code is here. */
export function loadTlsCode(): Promise<TlsCode> {
  return Promise.resolve(TLS_CODE);
}

/** The lab's certificate and key files as the machine boots with them. */
export function labTlsBootFiles(): Readonly<Record<string, SimFile>> {
  return LAB_TLS_FILES;
}
