/**
 * What a ClientHello offers, resolved for the negotiation (versions the library speaks, cipher policy, size).
 * Part of the TLS code the browser fetches apart (tls-code.browser.ts); the hellos themselves are client-hello.ts.
 */
import type { CipherPolicy } from './ciphers.ts';
import { policyOfList } from './ciphers.ts';
import { POSTFIX_MEDIUM_LIST, type TlsHello } from './client-hello.ts';
import type { TlsClientKind, TlsVersion } from './types.ts';
import { LIBRARY_VERSIONS, versionRange } from './versions.ts';

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
