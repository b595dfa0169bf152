import type { TlsVersion } from './types.ts';
import { TLS_VERSIONS } from './types.ts';

/** Wire codes of the versions (`>=0x0303` in a protocol list means `>=TLSv1.2`). */
export const VERSION_CODE: Readonly<Record<TlsVersion, number>> = {
  SSLv3: 0x300,
  TLSv1: 0x301,
  'TLSv1.1': 0x302,
  'TLSv1.2': 0x303,
  'TLSv1.3': 0x304,
};

/**
 * What Debian 12's OpenSSL 3.0 can speak at all: it is built without SSLv3, so no client
 * offers it and no server accepts it, whatever the Postfix protocol list says.
 */
export const LIBRARY_VERSIONS: readonly TlsVersion[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

export function versionIndex(v: TlsVersion): number {
  return TLS_VERSIONS.indexOf(v);
}

/** Versions from `min` to `max` inclusive, oldest first. */
export function versionRange(min: TlsVersion, max: TlsVersion): TlsVersion[] {
  const lo = versionIndex(min);
  const hi = versionIndex(max);
  return TLS_VERSIONS.filter((_, i) => i >= lo && i <= hi);
}

export function isTls13(v: TlsVersion): boolean {
  return v === 'TLSv1.3';
}
