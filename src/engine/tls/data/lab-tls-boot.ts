/**
 * The lab's certificate and key files as the machine boots with them (world/data/lab-files.ts). Here, for
 * Node: with their text at once. The browser builds swap in lab-tls-boot.browser.ts
 * (integrations/lab-programs-browser.ts), whose files get their text with the TLS code.
 */
import type { SimFile } from '../types.ts';
import { LAB_TLS_FILES } from './lab-pki.ts';

export function labTlsBootFiles(): Readonly<Record<string, SimFile>> {
  return LAB_TLS_FILES;
}
