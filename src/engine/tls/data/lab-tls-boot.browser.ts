/**
 * The browser's lab-tls-boot.ts (swapped in by integrations/lab-programs-browser.ts): the lab's certificate
 * and key files, listed and sized at once, their text read from the TLS code once it is here
 * (../tls-code.browser.ts; lab-tls-files.ts).
 */
import { tlsCodeNow } from '../tls-code.ts';
import type { SimFile } from '../types.ts';
import { lazyLabTlsFiles } from './lab-tls-files.ts';

export function labTlsBootFiles(): Readonly<Record<string, SimFile>> {
  return lazyLabTlsFiles(() => tlsCodeNow()?.labTexts ?? null);
}
