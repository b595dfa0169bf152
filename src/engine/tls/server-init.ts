import type { ParameterView } from '../config/parameter-view.ts';
import { LOG_NO_SERVER_CERTS, LOG_SERVER_ENGINE_INIT, logInvalidProtocolsServer } from './init-log-texts.ts';
import { parseProtocolList } from './protocol-list.ts';
import { tlsLogLevel } from './tls-loglevel.ts';
import type { ServerTlsInit, ServerTlsInitOptions, TlsVersion } from './types.ts';

/**
 * What smtpd's tls_server_init() does before it reads a certificate: the log level, the protocol list and
 * which files to read. Apart from the rest of the server engine (server-engine.ts) because it is light: the
 * browser's stand-in (server-tls.ts) follows the same steps while the TLS code is not here yet.
 */

/** A parameter's value, or `fallback` when it is unset and empty. */
export function serverParam(params: ParameterView, name: string, fallback: string): string {
  return params.isSet(name) || params.get(name) !== '' ? params.get(name) : fallback;
}

/** Where init stands once it knows which certificate files to read. */
export interface CertsStep {
  readonly kind: 'certs';
  readonly loglevel: number;
  /** Logged so far, in order. */
  readonly warnings: readonly string[];
  readonly protocols: readonly TlsVersion[];
  readonly certFile: string;
  readonly keyFile: string;
  /** smtpd_tls_chain_files (3.4+): when set, these are read instead of the cert and key files. */
  readonly chainFiles: string;
}

export type InitStep = { readonly kind: 'done'; readonly result: ServerTlsInit } | CertsStep;

const done = (result: ServerTlsInit): InitStep => ({ kind: 'done', result });

export function planServerInit(params: ParameterView, opts: Pick<ServerTlsInitOptions, 'enforce' | 'loglevel'>): InitStep {
  const loglevel = opts.loglevel ?? tlsLogLevel(params.get('smtpd_tls_loglevel'));
  const certFile = params.get('smtpd_tls_cert_file');
  const keyFile = params.get('smtpd_tls_key_file') || certFile;
  const haveOtherCerts = ['smtpd_tls_dcert_file', 'smtpd_tls_eccert_file', 'smtpd_tls_chain_files'].some((p) => params.get(p) !== '');
  if (certFile === '' && !haveOtherCerts) return done({ context: null, warnings: [LOG_NO_SERVER_CERTS] });
  const warnings: string[] = [];
  if (loglevel >= 2) warnings.push(LOG_SERVER_ENGINE_INIT);
  const protoParam = opts.enforce ? 'smtpd_tls_mandatory_protocols' : 'smtpd_tls_protocols';
  const protoValue = serverParam(params, protoParam, '>=TLSv1');
  const protocols = parseProtocolList(protoValue);
  if (!protocols.ok) return done({ context: null, warnings: [...warnings, logInvalidProtocolsServer(protoValue)] });
  const chainFiles = params.get('smtpd_tls_chain_files');
  if (chainFiles.trim() === '' && certFile === '') return done({ context: null, warnings: [...warnings, LOG_NO_SERVER_CERTS] });
  return { kind: 'certs', loglevel, warnings, protocols: protocols.allowed, certFile, keyFile, chainFiles };
}
