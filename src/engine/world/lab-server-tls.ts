/**
 * The lab world and its servers' TLS code, which the browser fetches apart (tls/tls-code.browser.ts; Node has it
 * at once). smtpd's engine stands in for it where the outcome is known (tls/server-tls.ts): the lab's own
 * certificate and key, never written since boot, or a certificate or key file that does not exist. What a client is about to do tells whether it must wait for
 * the code first: `serverTlsNeeded` before a connection, a STARTTLS command on one (telnet's gate), any
 * handshake (the programs that talk TLS load it with themselves).
 */
import { checkMainCf } from '../config/check.ts';
import { readSettings } from '../smtpd/settings.ts';
import { serverTlsInitKnown } from '../tls/server-tls.ts';
import { tlsCodeNow } from '../tls/tls-code.ts';
import { MAIN_CF } from './config-loader.ts';
import type { World } from './world.ts';

export { loadTlsCode, tlsCodeNow } from '../tls/tls-code.ts';
export { ServerTlsNotLoaded } from '../tls/server-tls.ts';

/**
 * Whether a connection to `port` now may need the server TLS code before the client sends anything but a
 * STARTTLS-free dialogue: the code is not here, and a new smtpd of some service would have to read a
 * certificate the stand-in does not know (a proxy of the remote world may connect to any of them), or the
 * service on `port` speaks TLS at once (wrapper mode: its first bytes are a handshake). Without `port`: a
 * connection to any port (a goal check probes the services). Conservative: it asks for the code whenever it is
 * in doubt.
 */
export function serverTlsNeeded(world: Pick<World, 'master' | 'fs'>, port?: number): boolean {
  if (tlsCodeNow() !== null) return false;
  const cfg = world.master.config;
  if (cfg === null) return false;
  // A new smtpd reads main.cf when it starts; one it cannot read kills it before TLS.
  const mainCf = world.fs.read(MAIN_CF);
  if (checkMainCf(mainCf).fatal !== null) return false;
  for (const l of cfg.listeners) {
    if (l.command !== 'smtpd') continue;
    const params = cfg.daemonParams(l.service, 'inet', mainCf ?? '');
    const read = readSettings(params);
    if (!read.ok || !read.settings.tls.use) continue;
    if (read.settings.tls.wrapper && (port === undefined || l.port === port)) return true;
    if (!serverTlsInitKnown(params, world.fs.lookup, read.settings.tls.enforce)) return true;
  }
  return false;
}
