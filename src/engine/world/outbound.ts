/**
 * The outbound code of the lab world: the mail queue (cleanup, qmgr, local, pickup, showq...) with
 * Postfix's smtp client and its TLS engine. Its own chunk in the browser (lab-outbound.browser.ts
 * loads it); Node imports it at once (lab-outbound.ts).
 */
import { MailQueue } from '../queue/mail-queue.ts';
import { clientTls } from '../tls/client-tls.ts';
import type { Outbound } from './lab-queue.ts';

export const OUTBOUND: Outbound = {
  makeQueue: (env, daemons) => new MailQueue({ ...env, clientTls }, daemons),
};
