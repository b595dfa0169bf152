/**
 * The TLS model's public surface, for smtpd, smtp, the world and the shell.
 * No real cryptography: tables and rules read from the corpus and postfix-facts.md.
 */
export type * from './types.ts';
export { TLS_VERSIONS } from './types.ts';
export { serverTls, ServerTlsNotLoaded } from './server-tls.ts';
export { serverEngine, serverHandshakeLost, serverSideOf } from './server-engine.ts';
export { clientTls, clientTlsInitLog, remoteServerHandshake, smtpClientHandshake, smtpClientPolicy } from './client-tls.ts';
export {
  sClientHello,
  pythonClientHello,
  postfixClientHello,
  swaksClientHello,
  plaintextHello,
  POSTFIX_MEDIUM_LIST,
} from './client-hello.ts';
export type { SClientHelloOptions, SClientVersionFlag, TlsHello } from './client-hello.ts';
export { parseProtocolList } from './protocol-list.ts';
export type { ProtocolList } from './protocol-list.ts';
export { tlsLogLevel } from './tls-loglevel.ts';
export { sessionPacketLog } from './server-log.ts';
export { LAB_CERT, LAB_CERT_PATH, LAB_KEY_PATH, LAB_TLS_FILES, MX_CERT, MX_CERT_PATH } from './data/lab-pki.ts';
export { certificatesFromPem, firstCertificate, firstPrivateKey, nameSpaced, nameSlashed, commonName } from './x509/certificate.ts';
