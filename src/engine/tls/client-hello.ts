/**
 * The ClientHellos of the modelled clients, as data. Light on purpose: the lab's first chunk (the lesson
 * runtime's probes) builds them; what a hello means for the negotiation is resolve-hello.ts, with the TLS code.
 */
import type { ClientHello, TlsVersion } from './types.ts';
import { LIBRARY_VERSIONS } from './versions.ts';

/** Postfix's `medium` grade list (corpus postconf-defaults-tls-sasl): what smtp(8) and posttls-finger offer by default. */
export const POSTFIX_MEDIUM_LIST = 'aNULL:-aNULL:HIGH:MEDIUM:+RC4:@STRENGTH';

/** A ClientHello proper (not plaintext). */
export type TlsHello = Extract<ClientHello, { kind: 'tls' }>;

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
