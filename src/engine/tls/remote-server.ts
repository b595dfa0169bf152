/**
 * The TLS side of the simulated world's remote servers, as the remote hosts (remote/fake-mx.ts) call it: the
 * code (remote-engine.ts) comes with the rest of the TLS code, which the browser fetches apart
 * (tls-code.browser.ts). Every client that can start TLS with a remote host waits for it first (the smtp
 * client's outbound code, the programs that talk TLS, telnet before STARTTLS); Node has it at once.
 */
import { needTlsCode } from './server-tls.ts';
import type { ClientHello, RemoteTlsServer, ServerHandshake } from './types.ts';

/** A remote server's side of a handshake (see remote-engine.ts). */
export function remoteServerHandshake(server: RemoteTlsServer, hello: ClientHello): ServerHandshake {
  return needTlsCode('remote TLS handshake').remoteHandshake(server, hello);
}
