import type { CipherPolicy } from './ciphers.ts';
import { policyOfList } from './ciphers.ts';
import type { ClientHello, TlsClientKind, TlsVersion } from './types.ts';
import { LIBRARY_VERSIONS, versionRange } from './versions.ts';

/** Postfix's `medium` grade list (corpus postconf-defaults-tls-sasl): what smtp(8) and posttls-finger offer by default. */
export const POSTFIX_MEDIUM_LIST = 'aNULL:-aNULL:HIGH:MEDIUM:+RC4:@STRENGTH';

/** A ClientHello proper (not plaintext). */
export type TlsHello = Extract<ClientHello, { kind: 'tls' }>;

/** What a TLS ClientHello offers, resolved for the negotiation. */
export interface ResolvedHello {
  readonly client: TlsClientKind;
  /** Versions offered that the OpenSSL 3.0 library can speak, oldest first. */
  readonly offered: readonly TlsVersion[];
  readonly secLevel0: boolean;
  readonly cipher: CipherPolicy;
  readonly serverName: string | null;
  readonly helloBytes: number;
}

/**
 * CPython 3.11's default cipher string for ssl contexts (`PY_SSL_DEFAULT_CIPHER_STRING`): no SHA-1
 * suites, so a Python client cannot use TLSv1.1 or older unless it sets its own list, as the
 * recorder does with `DEFAULT@SECLEVEL=0` for TLSv1/TLSv1.1 (tests/corpus-extra/README.md).
 */
const PYTHON_DEFAULT_LIST = '@SECLEVEL=2:ECDH+AESGCM:ECDH+CHACHA20:ECDH+AES:DHE+AES:!aNULL:!eNULL:!aDSS:!SHA1:!AESCCM';

const DEFAULT_LISTS: Readonly<Record<TlsClientKind, string>> = {
  'openssl-s_client': 'DEFAULT',
  'python-ssl': PYTHON_DEFAULT_LIST,
  swaks: 'DEFAULT',
  'postfix-smtp': POSTFIX_MEDIUM_LIST,
  'posttls-finger': POSTFIX_MEDIUM_LIST,
};

/**
 * ClientHello sizes (record header included). s_client's are measured: written bytes in the corpus
 * (tls-protocols-default: 410, 338, 314, 258, 242 less the 33 bytes of `EHLO mail.example.com` and
 * `STARTTLS`, less the client's closing flight) and against a local s_server (297 bytes with a failed
 * handshake). Python pads its hello to 512 bytes (corpus log-smtpd-tls-loglevel-3: `read ... (512 bytes`).
 * Postfix's own client is assumed to pad the same way (both set SSL_OP_ALL).
 */
function defaultHelloBytes(client: TlsClientKind, offered: readonly TlsVersion[], serverName: string | null): number {
  const sni = serverName === null ? 0 : 9 + serverName.length;
  switch (client) {
    case 'python-ssl':
    case 'postfix-smtp':
    case 'posttls-finger':
      return 517;
    case 'openssl-s_client':
    case 'swaks': {
      const max = offered[offered.length - 1];
      const min = offered[0];
      if (max === 'TLSv1.3') return (min === 'TLSv1.3' ? 225 : 297) + sni;
      if (max === 'TLSv1.2') return 188 + sni;
      return 104 + sni;
    }
  }
}

export function resolveHello(hello: TlsHello): ResolvedHello {
  const offered = versionRange(hello.minVersion, hello.maxVersion).filter((v) => LIBRARY_VERSIONS.includes(v));
  const serverName = hello.serverName ?? null;
  return {
    client: hello.client,
    offered,
    secLevel0: hello.secLevel0,
    cipher: policyOfList(hello.cipherList ?? (hello.client === 'python-ssl' && hello.secLevel0 ? 'DEFAULT' : DEFAULT_LISTS[hello.client])),
    serverName,
    helloBytes: hello.helloBytes ?? defaultHelloBytes(hello.client, offered, serverName),
  };
}

/** s_client's version flags: `-tls1`, `-tls1_1`, `-tls1_2`, `-tls1_3`. */
export type SClientVersionFlag = 'tls1' | 'tls1_1' | 'tls1_2' | 'tls1_3';

const FLAG_VERSION: Readonly<Record<SClientVersionFlag, TlsVersion>> = {
  tls1: 'TLSv1',
  tls1_1: 'TLSv1.1',
  tls1_2: 'TLSv1.2',
  tls1_3: 'TLSv1.3',
};

export interface SClientHelloOptions {
  readonly only?: SClientVersionFlag;
  /** `-no_tls1_3` and friends. */
  readonly without?: readonly SClientVersionFlag[];
  /** `-cipher ...`; `DEFAULT@SECLEVEL=0` lets OpenSSL 3 finish a TLSv1/TLSv1.1 handshake. */
  readonly cipher?: string;
  readonly serverName?: string;
}

/**
 * OpenSSL 3.0's s_client: by default it offers TLSv1 to TLSv1.3, but at its default security level it
 * refuses the server's TLSv1/TLSv1.1 signature afterwards (checked against a local s_server).
 */
export function sClientHello(o: SClientHelloOptions = {}): TlsHello {
  let versions: TlsVersion[] = o.only === undefined ? [...LIBRARY_VERSIONS] : [FLAG_VERSION[o.only]];
  for (const w of o.without ?? []) versions = versions.filter((v) => v !== FLAG_VERSION[w]);
  const min = versions[0] ?? 'TLSv1.3';
  const max = versions[versions.length - 1] ?? 'TLSv1';
  const cipher = o.cipher ?? 'DEFAULT';
  return {
    kind: 'tls',
    client: 'openssl-s_client',
    minVersion: min,
    maxVersion: max,
    secLevel0: /@SECLEVEL=0\b/i.test(cipher),
    cipherList: cipher,
    ...(o.serverName === undefined ? {} : { serverName: o.serverName }),
  };
}

/** Python's default `ssl` context, the corpus recorder: TLSv1.2 and TLSv1.3, SNI when given. */
export function pythonClientHello(serverName?: string): TlsHello {
  return {
    kind: 'tls',
    client: 'python-ssl',
    minVersion: 'TLSv1.2',
    maxVersion: 'TLSv1.3',
    secLevel0: false,
    ...(serverName === undefined ? {} : { serverName }),
  };
}

/** Postfix's TLS client (smtp(8) or posttls-finger) with the versions and cipher list of its policy. */
export function postfixClientHello(
  client: 'postfix-smtp' | 'posttls-finger',
  versions: readonly TlsVersion[],
  cipherList: string,
  serverName?: string,
): TlsHello {
  const usable = versions.filter((v) => LIBRARY_VERSIONS.includes(v));
  return {
    kind: 'tls',
    client,
    // An empty range (everything excluded) is modelled as a hello nothing accepts.
    minVersion: usable[0] ?? 'SSLv3',
    maxVersion: usable[usable.length - 1] ?? 'SSLv3',
    // Postfix's TLSv1 sessions work with OpenSSL 3 (corpus more/outbound-tls1only-may).
    secLevel0: true,
    cipherList,
    ...(serverName === undefined ? {} : { serverName }),
  };
}

/** swaks (Net::SSLeay with OpenSSL defaults). */
export function swaksClientHello(): TlsHello {
  return { kind: 'tls', client: 'swaks', minVersion: 'TLSv1', maxVersion: 'TLSv1.3', secLevel0: false };
}

/** What a plaintext client (telnet, nc) sends where a ClientHello belongs. */
export function plaintextHello(bytes: string): ClientHello {
  return { kind: 'plaintext', bytes };
}
