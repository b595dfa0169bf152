import type { CipherPolicy, CipherSuite } from './ciphers.ts';
import { pickSuite } from './ciphers.ts';
import type { ResolvedHello } from './resolve-hello.ts';
import type { CertificateInfo, HandshakeFailure, HandshakeMessage, HandshakeRecord, TlsAlert, TlsVersion } from './types.ts';
import { LIBRARY_VERSIONS } from './versions.ts';

/** What the server side brings to a handshake. */
export interface ServerSide {
  /** Versions its protocol list allows. */
  readonly accepted: readonly TlsVersion[];
  readonly cipher: CipherPolicy;
  readonly cert: CertificateInfo;
  /** Tickets it sends after a TLSv1.3 handshake (Postfix 1, Python 2). */
  readonly tickets: number;
}

/**
 * Byte counts, measured (corpus tls-protocols-default and a local s_server with the same 824-byte,
 * RSA-2048 certificate: read 1380 / 1465 / 1495 / 1479 bytes for TLSv1.3 / 1.2 / 1.1 / 1). The server's
 * flight is a constant plus the certificate's DER and the RSA signature; the client's closing flight is a
 * constant per version (CCS + Finished in TLSv1.3; ClientKeyExchange + CCS + Finished before).
 */
const SERVER_FLIGHT_BASE: Readonly<Record<TlsVersion, number>> = {
  'TLSv1.3': 300,
  'TLSv1.2': 385,
  'TLSv1.1': 415,
  TLSv1: 399,
  SSLv3: 399,
};
const CLIENT_TAIL: Readonly<Record<TlsVersion, number>> = { 'TLSv1.3': 80, 'TLSv1.2': 93, 'TLSv1.1': 121, TLSv1: 105, SSLv3: 105 };
/** ServerHello..ServerHelloDone when the client then gives up on a TLSv1/1.1 signature (local: 1216 bytes). */
const LEGACY_ABORT_BASE = 136;
/** A fatal alert record: 5-byte header, level, description. */
const ALERT_BYTES = 7;

/** OpenSSL's alert descriptions (SSL_alert_desc_string_long). */
export const ALERTS = {
  protocolVersion: { code: 70, description: 'protocol version' },
  handshakeFailure: { code: 40, description: 'handshake failure' },
  internalError: { code: 80, description: 'internal error' },
} as const;

function alert(from: 'client' | 'server', a: { readonly code: number; readonly description: string }): TlsAlert {
  return { from, code: a.code, description: a.description };
}

function msg(from: 'client' | 'server', type: HandshakeMessage['type'], detail: string, encrypted = false): HandshakeMessage {
  return { from, type, detail, encrypted };
}

function helloMessage(h: ResolvedHello): HandshakeMessage {
  const v =
    h.offered.length === 0
      ? 'no usable version'
      : h.offered.length === 1
        ? h.offered[0]
        : `${h.offered[0]} to ${h.offered[h.offered.length - 1]}`;
  return msg('client', 'ClientHello', h.serverName === null ? `${v ?? ''}` : `${v ?? ''}, SNI ${h.serverName}`);
}

function certDetail(c: CertificateInfo): string {
  const cn = c.subject.find(([k]) => k === 'CN')?.[1] ?? '';
  return `CN=${cn} (${c.der.length} bytes DER, RSA ${c.keyBits} bits)`;
}

function tempKey(version: TlsVersion, s: CipherSuite): string | null {
  if (version === 'TLSv1.3' || s.kx === 'ECDHE') return 'X25519, 253 bits';
  if (s.kx === 'DHE') return 'DH, 2048 bits';
  return null;
}

function signatureOf(version: TlsVersion, s: CipherSuite): { readonly type: string; readonly digest: string } | null {
  if (s.anonymous || s.kx === 'RSA') return null;
  if (version === 'TLSv1.3' || version === 'TLSv1.2') return { type: 'RSA-PSS', digest: 'SHA256' };
  return { type: 'RSA', digest: 'MD5-SHA1' };
}

function failed(
  h: ResolvedHello,
  server: ServerSide,
  failure: HandshakeFailure,
  extra: Partial<Pick<HandshakeRecord, 'version' | 'cipher' | 'cipherSince' | 'certificate' | 'tempKey' | 'signature'>> & {
    readonly alert: TlsAlert | null;
    readonly messages: readonly HandshakeMessage[];
    readonly bytes: HandshakeRecord['bytes'];
  },
): HandshakeRecord {
  return {
    client: h.client,
    offered: h.offered,
    serverName: h.serverName,
    accepted: server.accepted,
    failure,
    version: extra.version ?? null,
    cipher: extra.cipher ?? null,
    cipherSince: extra.cipherSince ?? null,
    cipherBits: 0,
    certificate: extra.certificate ?? null,
    tempKey: extra.tempKey ?? null,
    signature: extra.signature ?? null,
    alert: extra.alert,
    postHandshakeTickets: 0,
    messages: extra.messages,
    bytes: extra.bytes,
  };
}

/** The whole handshake between a ClientHello and a server, as data. */
export function negotiate(h: ResolvedHello, server: ServerSide): HandshakeRecord {
  const accepted = server.accepted.filter((v) => LIBRARY_VERSIONS.includes(v));
  const common = h.offered.filter((v) => accepted.includes(v));
  const version = common[common.length - 1];
  const hello = helloMessage(h);
  const top = h.offered[h.offered.length - 1];
  if (version === undefined && top !== undefined && top !== 'TLSv1.3') {
    // A ClientHello without supported_versions: OpenSSL's server takes the highest version it has
    // enabled below the client's, even one the client's own minimum excludes, and then looks for a
    // cipher of that version among the client's. With a hole in the server's list (`!TLSv1.2`), a
    // TLSv1.2-only client meets TLSv1.1 and no usable suite (tests/corpus-extra/tls-protocols-exclude-tls12).
    const below = accepted.filter((v) => LIBRARY_VERSIONS.indexOf(v) < LIBRARY_VERSIONS.indexOf(top));
    const fallback = below[below.length - 1];
    if (fallback !== undefined && pickSuite(fallback, h.cipher, server.cipher) === null) {
      const a = alert('server', ALERTS.handshakeFailure);
      return failed(h, server, 'no-shared-cipher', {
        alert: a,
        messages: [hello, msg('server', 'Alert', `fatal alert ${a.code}: ${a.description}`)],
        bytes: { clientToServer: h.helloBytes, serverToClient: ALERT_BYTES },
      });
    }
  }
  if (version === undefined) {
    const a = alert('server', ALERTS.protocolVersion);
    return failed(h, server, 'unsupported-protocol', {
      alert: a,
      messages: [hello, msg('server', 'Alert', `fatal alert ${a.code}: ${a.description}`)],
      bytes: { clientToServer: h.helloBytes, serverToClient: ALERT_BYTES },
    });
  }
  const suite = pickSuite(version, h.cipher, server.cipher);
  if (suite === null) {
    const a = alert('server', ALERTS.handshakeFailure);
    return failed(h, server, 'no-shared-cipher', {
      alert: a,
      messages: [hello, msg('server', 'Alert', `fatal alert ${a.code}: ${a.description}`)],
      bytes: { clientToServer: h.helloBytes, serverToClient: ALERT_BYTES },
    });
  }
  const cert = suite.anonymous ? null : server.cert;
  const certBytes = cert === null ? 0 : cert.der.length + Math.ceil(cert.keyBits / 8);
  const sig = signatureOf(version, suite);
  const tls13 = version === 'TLSv1.3';
  const serverHello = msg('server', 'ServerHello', `${version}, ${suite.name}`);
  if (!tls13 && version !== 'TLSv1.2' && !h.secLevel0 && sig !== null) {
    // OpenSSL 3 at security level 1 or more: "legacy sigalg disallowed or unsupported".
    const a = alert('client', ALERTS.internalError);
    return failed(h, server, 'legacy-sigalg', {
      version,
      certificate: cert,
      tempKey: tempKey(version, suite),
      alert: a,
      messages: [
        hello,
        serverHello,
        ...(cert === null ? [] : [msg('server', 'Certificate', certDetail(cert))]),
        msg('server', 'ServerKeyExchange', `${tempKey(version, suite) ?? ''}, signed ${sig.type} ${sig.digest}`),
        msg('server', 'ServerHelloDone', ''),
        msg('client', 'Alert', `fatal alert ${a.code}: ${a.description}`),
      ],
      bytes: { clientToServer: h.helloBytes + ALERT_BYTES, serverToClient: LEGACY_ABORT_BASE + certBytes },
    });
  }
  const messages: HandshakeMessage[] = [hello, serverHello];
  const tk = tempKey(version, suite);
  if (tls13) {
    messages.push(
      msg('server', 'ChangeCipherSpec', 'middlebox compatibility'),
      msg('server', 'EncryptedExtensions', '', true),
      msg('server', 'Certificate', certDetail(server.cert), true),
      msg('server', 'CertificateVerify', `RSA-PSS SHA256`, true),
      msg('server', 'Finished', '', true),
      msg('client', 'ChangeCipherSpec', 'middlebox compatibility'),
      msg('client', 'Finished', '', true),
    );
    for (let i = 0; i < server.tickets; i++) messages.push(msg('server', 'NewSessionTicket', 'after the handshake', true));
  } else {
    if (cert !== null) messages.push(msg('server', 'Certificate', certDetail(cert)));
    if (tk !== null) messages.push(msg('server', 'ServerKeyExchange', sig === null ? tk : `${tk}, signed ${sig.type} ${sig.digest}`));
    messages.push(
      msg('server', 'ServerHelloDone', ''),
      msg('client', 'ClientKeyExchange', ''),
      msg('client', 'ChangeCipherSpec', ''),
      msg('client', 'Finished', '', true),
      msg('server', 'NewSessionTicket', ''),
      msg('server', 'ChangeCipherSpec', ''),
      msg('server', 'Finished', '', true),
    );
  }
  const anonAdjust = suite.anonymous ? (suite.kx === 'DHE' ? 464 : -4) : suite.kx === 'DHE' ? 482 : 0;
  return {
    client: h.client,
    offered: h.offered,
    serverName: h.serverName,
    accepted: server.accepted,
    failure: null,
    version,
    cipher: suite.name,
    cipherSince: suite.since,
    cipherBits: suite.bits,
    certificate: cert,
    tempKey: tk,
    signature: sig,
    alert: null,
    postHandshakeTickets: tls13 ? server.tickets : 0,
    messages,
    bytes: {
      clientToServer: h.helloBytes + CLIENT_TAIL[version],
      serverToClient: SERVER_FLIGHT_BASE[version] + certBytes + anonAdjust,
    },
  };
}

/** The record of plaintext sent where a ClientHello belongs (the server gives up: `wrong version number`). */
export function plaintextRecord(accepted: readonly TlsVersion[], bytes: string): HandshakeRecord {
  return {
    client: 'plaintext',
    offered: [],
    serverName: null,
    accepted,
    failure: 'not-tls',
    version: null,
    cipher: null,
    cipherSince: null,
    cipherBits: 0,
    certificate: null,
    tempKey: null,
    signature: null,
    alert: null,
    postHandshakeTickets: 0,
    messages: [msg('client', 'Plaintext', JSON.stringify(bytes.slice(0, 40)))],
    bytes: { clientToServer: bytes.length, serverToClient: 0 },
  };
}
