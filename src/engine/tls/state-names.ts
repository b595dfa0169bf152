/**
 * OpenSSL 3.0's long state names (SSL_state_string_long) as Postfix's info callback logs them
 * (corpus log-smtpd-tls-loglevel-2, log-smtp-tls-loglevel-2; the TLSv1.2 and older ones checked
 * with `openssl s_server -state` / `s_client -state` on the development machine).
 */
export const ST = {
  before: 'before SSL initialization',
  readClientHello: 'SSLv3/TLS read client hello',
  writeServerHello: 'SSLv3/TLS write server hello',
  writeCcs: 'SSLv3/TLS write change cipher spec',
  writeEncryptedExtensions: 'TLSv1.3 write encrypted extensions',
  writeCertificate: 'SSLv3/TLS write certificate',
  writeCertVerify: 'TLSv1.3 write server certificate verify',
  writeFinished: 'SSLv3/TLS write finished',
  earlyData: 'TLSv1.3 early data',
  readFinished: 'SSLv3/TLS read finished',
  writeSessionTicket: 'SSLv3/TLS write session ticket',
  writeKeyExchange: 'SSLv3/TLS write key exchange',
  writeServerDone: 'SSLv3/TLS write server done',
  readClientKeyExchange: 'SSLv3/TLS read client key exchange',
  readCcs: 'SSLv3/TLS read change cipher spec',
  writeClientHello: 'SSLv3/TLS write client hello',
  readServerHello: 'SSLv3/TLS read server hello',
  readEncryptedExtensions: 'TLSv1.3 read encrypted extensions',
  readServerCertificate: 'SSLv3/TLS read server certificate',
  readCertVerify: 'TLSv1.3 read server certificate verify',
  readServerKeyExchange: 'SSLv3/TLS read server key exchange',
  readServerDone: 'SSLv3/TLS read server done',
  writeClientKeyExchange: 'SSLv3/TLS write client key exchange',
  readSessionTicket: 'SSLv3/TLS read server session ticket',
  finished: 'SSL negotiation finished successfully',
  error: 'error',
} as const;
