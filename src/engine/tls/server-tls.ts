import type { ParameterView } from '../config/parameter-view.ts';
import type {
  ClientHello,
  ServerHandshake,
  ServerHandshakeOptions,
  ServerTlsContext,
  ServerTlsEngine,
  ServerTlsInit,
  ServerTlsInitOptions,
} from './types.ts';

/*
 * First cut of the server side of the TLS model: enough for the default
 * handshake (a modern client gets TLSv1.3) and for plaintext sent where a
 * ClientHello belongs. The TLS model issue replaces the insides; the
 * ServerTlsEngine interface in types.ts is the contract smtpd relies on.
 */

function init(params: ParameterView, opts: ServerTlsInitOptions): ServerTlsInit {
  const certFile = params.get('smtpd_tls_cert_file');
  const keyFile = params.get('smtpd_tls_key_file') || certFile;
  if (certFile === '' || opts.files(certFile) === undefined || opts.files(keyFile) === undefined) {
    return { context: null, warnings: [] };
  }
  return { context: { protocols: ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'], certFile }, warnings: [] };
}

function handshake(_ctx: ServerTlsContext, hello: ClientHello, opts: ServerHandshakeOptions): ServerHandshake {
  if (hello.kind === 'plaintext') {
    // corpus: p25-level-may, "client keeps talking plaintext after 220 2.0.0 Ready to start TLS"
    return {
      ok: false,
      log: [
        `SSL_accept error from ${opts.peer}: -1`,
        'warning: TLS library problem: error:0A00010B:SSL routines::wrong version number:../ssl/record/ssl3_record.c:350:',
      ],
    };
  }
  const session = { version: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', cipherBits: 256, algBits: 256 } as const;
  const log =
    opts.loglevel >= 1
      ? [
          // corpus: p25-level-may/raw.normalized.log
          `Anonymous TLS connection established from ${opts.peer}: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256`,
        ]
      : [];
  return { ok: true, session, log };
}

export const serverTls: ServerTlsEngine = { init, handshake };
