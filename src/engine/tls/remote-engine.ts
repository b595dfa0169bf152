/**
 * The TLS side of the simulated world's remote servers (the MX hosts run Python's ssl module in the
 * corpus). Apart from client-tls.ts so that a remote host (remote/fake-mx.ts) does not bring the client's
 * code with it: the lab page's first chunk holds the remote world, while the clients that talk TLS to it
 * (smtp, s_client, swaks, posttls-finger) come later. Itself part of the TLS code the browser fetches apart:
 * the remote hosts reach it through remote-server.ts.
 */
import { policyOfList } from './ciphers.ts';
import { resolveHello } from './resolve-hello.ts';
import { MX_CERT } from './data/lab-pki.ts';
import type { ServerSide } from './negotiate.ts';
import { negotiate, plaintextRecord } from './negotiate.ts';
import type { ClientHello, HandshakeRecord, RemoteTlsServer, ServerHandshake, TlsSession } from './types.ts';

/** The session a completed handshake record describes; null when it failed. */
export function sessionOf(rec: HandshakeRecord): TlsSession | null {
  if (rec.failure !== null || rec.version === null || rec.cipher === null) return null;
  return { version: rec.version, cipher: rec.cipher, cipherBits: rec.cipherBits, algBits: rec.cipherBits };
}

/** A remote server of the simulated world (Python's ssl module in the corpus: no anonymous suites, 2 tickets). */
export function remoteServerSide(server: RemoteTlsServer): ServerSide {
  return {
    accepted: server.protocols,
    cipher: policyOfList(server.cipherList ?? 'DEFAULT'),
    cert: server.cert ?? MX_CERT,
    tickets: server.tickets ?? 2,
  };
}

/**
 * A remote server's side of a handshake (the simulated world's MX hosts run Python's ssl module, which
 * logs nothing): the ServerHandshake, with its record, that a remote endpoint's `handshake()` can return.
 */
export function remoteServerHandshake(server: RemoteTlsServer, hello: ClientHello): ServerHandshake {
  if (hello.kind !== 'tls') {
    const rec = plaintextRecord(server.protocols, hello.bytes);
    return { ok: false, log: [], record: rec };
  }
  const rec = negotiate(resolveHello(hello), remoteServerSide(server));
  const session = sessionOf(rec);
  return session === null ? { ok: false, log: [], record: rec } : { ok: true, session, log: [], record: rec };
}
