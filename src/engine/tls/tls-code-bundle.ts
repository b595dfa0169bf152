/**
 * The TLS code of the lab world's servers: smtpd's TLS engine (certificates, handshakes, their log), the
 * remote hosts' side of a handshake, and the lab's certificates and keys. Its own chunk in the browser
 * (tls-code.browser.ts loads it on first need); Node imports it at once (tls-code.ts).
 */
import { LAB_TLS_TEXTS } from './data/lab-pki.ts';
import type { LabTlsTexts } from './data/lab-tls-files.ts';
import { remoteServerHandshake } from './remote-engine.ts';
import { serverEngine } from './server-engine.ts';
import type { ServerTlsEngine } from './types.ts';

export interface TlsCode {
  readonly server: ServerTlsEngine;
  readonly remoteHandshake: typeof remoteServerHandshake;
  /** The text of the lab's certificate and key files. */
  readonly labTexts: LabTlsTexts;
}

export const TLS_CODE: TlsCode = { server: serverEngine, remoteHandshake: remoteServerHandshake, labTexts: LAB_TLS_TEXTS };
