import type { TlsVersion } from '../engine/tls/types.ts';

/** What a real ClientHello offered, read from its bytes before the TLS library takes the socket. */
export interface WireHello {
  /** Versions offered, oldest first (supported_versions, or up to the legacy version without it). */
  readonly offered: readonly TlsVersion[];
  readonly serverName: string | null;
  /** Size of the first record, header included. */
  readonly bytes: number;
}

const CODES: Readonly<Record<number, TlsVersion>> = {
  0x0300: 'SSLv3',
  0x0301: 'TLSv1',
  0x0302: 'TLSv1.1',
  0x0303: 'TLSv1.2',
  0x0304: 'TLSv1.3',
};
const ORDER: readonly TlsVersion[] = ['SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

const HANDSHAKE_RECORD = 0x16;
const CLIENT_HELLO = 0x01;
const EXT_SERVER_NAME = 0x0000;
const EXT_SUPPORTED_VERSIONS = 0x002b;

/** A TLS handshake record starts here (else it is plaintext where a ClientHello belongs). */
export function looksLikeTls(buf: Buffer): boolean {
  return buf.length > 0 && buf[0] === HANDSHAKE_RECORD;
}

/** The length of the first record once its header is there, else null. */
export function firstRecordLength(buf: Buffer): number | null {
  return buf.length < 5 ? null : 5 + buf.readUInt16BE(3);
}

/** Parses the ClientHello in the first record; null when it is not one (the TLS library will say so). */
export function parseClientHello(buf: Buffer): WireHello | null {
  const total = firstRecordLength(buf);
  if (total === null || buf.length < total || buf[0] !== HANDSHAKE_RECORD || buf[5] !== CLIENT_HELLO) return null;
  try {
    let p = 9; // record header (5) + handshake header (4)
    const legacy = buf.readUInt16BE(p);
    p += 2 + 32; // version, random
    p += 1 + (buf[p] ?? 0); // session id
    p += 2 + buf.readUInt16BE(p); // cipher suites
    p += 1 + (buf[p] ?? 0); // compression methods
    let supported: TlsVersion[] | null = null;
    let serverName: string | null = null;
    if (p + 2 <= total) {
      const end = Math.min(total, p + 2 + buf.readUInt16BE(p));
      p += 2;
      while (p + 4 <= end) {
        const type = buf.readUInt16BE(p);
        const len = buf.readUInt16BE(p + 2);
        const body = buf.subarray(p + 4, p + 4 + len);
        if (type === EXT_SUPPORTED_VERSIONS) {
          supported = [];
          for (let i = 1; i + 1 < body.length && i < 1 + (body[0] ?? 0); i += 2) {
            const v = CODES[body.readUInt16BE(i)];
            if (v !== undefined) supported.push(v);
          }
        } else if (type === EXT_SERVER_NAME && body.length > 5) {
          const nameLen = body.readUInt16BE(3);
          serverName = body.subarray(5, 5 + nameLen).toString('latin1');
        }
        p += 4 + len;
      }
    }
    const top = CODES[legacy] ?? 'TLSv1.2';
    const offered =
      supported !== null && supported.length > 0
        ? ORDER.filter((v) => supported.includes(v))
        : ORDER.filter((v) => v !== 'SSLv3' && ORDER.indexOf(v) <= ORDER.indexOf(top));
    return { offered, serverName, bytes: total };
  } catch {
    return null;
  }
}
