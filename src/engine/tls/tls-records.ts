import type { ByteStream } from './rng.ts';
import type { HandshakeRecord, TlsVersion } from './types.ts';
import { VERSION_CODE } from './versions.ts';

/**
 * Invented but well-formed TLS records for the level-3 hex dumps: real record headers and sizes
 * (corpus log-smtpd-tls-loglevel-3: 5 + 512 bytes of ClientHello, a 1380-byte TLSv1.3 server flight,
 * 5 + 1 and 5 + 69 bytes of client CCS and Finished, a 255-byte session ticket), random-looking contents.
 */

const HANDSHAKE = 0x16;
const CCS = 0x14;
const ALERT = 0x15;
const APPDATA = 0x17;

function u16(n: number): [number, number] {
  return [(n >> 8) & 0xff, n & 0xff];
}

/** A record: 5-byte header (type, version, length) and a body. */
export function record(type: number, version: number, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(5 + body.length);
  out.set([type, ...u16(version), ...u16(body.length)]);
  out.set(body, 5);
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** A handshake message body: type, 24-bit length, then `len` bytes starting with `lead`. */
function handshakeBody(rng: ByteStream, msgType: number, len: number, lead: readonly number[] = []): Uint8Array {
  const body = new Uint8Array(4 + len);
  body.set([msgType, (len >> 16) & 0xff, (len >> 8) & 0xff, len & 0xff, ...lead]);
  body.set(rng.opaque(Math.max(0, len - lead.length)), 4 + lead.length);
  return body;
}

/** A TLSv1.2-and-older Certificate message carries the DER in the clear. */
function certificateBody(der: Uint8Array): Uint8Array {
  const len3 = (n: number): number[] => [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
  const body = new Uint8Array(4 + 6 + der.length);
  body.set([11, ...len3(der.length + 6), ...len3(der.length + 3), ...len3(der.length)]);
  body.set(der, 10);
  return body;
}

function encrypted(rng: ByteStream, total: number): Uint8Array {
  return record(APPDATA, 0x0303, rng.opaque(total - 5));
}

/** The ClientHello record. Padded hellos (Python, Postfix) end in NUL padding, as in the corpus dump. */
export function clientHelloRecord(rng: ByteStream, total: number, maxVersion: TlsVersion | undefined, padded: boolean): Uint8Array {
  const legacy = Math.min(VERSION_CODE[maxVersion ?? 'TLSv1.2'], 0x0303);
  const bodyLen = total - 5;
  if (padded && bodyLen === 512) {
    // corpus: 0x123 bytes of hello, then the padding extension's zeros up to 512.
    const body = new Uint8Array(512);
    body.set(handshakeBody(rng, 1, 508, [...u16(legacy)]).subarray(0, 0x123));
    return record(HANDSHAKE, 0x0301, body);
  }
  return record(HANDSHAKE, 0x0301, handshakeBody(rng, 1, bodyLen - 4, [...u16(legacy)]));
}

export interface ServerFlights {
  /** What the server writes in answer to the ClientHello. */
  readonly first: Uint8Array;
  /** TLSv1.2 and older: NewSessionTicket + CCS + Finished after the client's Finished. */
  readonly second: Uint8Array | null;
  /** TLSv1.3: each post-handshake ticket record. */
  readonly tickets: readonly Uint8Array[];
}

/** The server's records for a successful handshake, sized as `negotiate` counts them. */
export function serverFlights(rng: ByteStream, rec: HandshakeRecord): ServerFlights {
  const v = rec.version ?? 'TLSv1.2';
  const der = rec.certificate?.der.length ?? 0;
  const kb = rec.certificate === null ? 0 : Math.ceil(rec.certificate.keyBits / 8);
  if (v === 'TLSv1.3') {
    const parts = [
      record(HANDSHAKE, 0x0303, handshakeBody(rng, 2, 118, [0x03, 0x03])),
      record(CCS, 0x0303, new Uint8Array([1])),
      encrypted(rng, 28),
      encrypted(rng, der + 35),
      encrypted(rng, kb + 30),
      encrypted(rng, 74),
    ];
    const tickets: Uint8Array[] = [];
    for (let i = 0; i < rec.postHandshakeTickets; i++) tickets.push(encrypted(rng, 255));
    return { first: concat(parts), second: null, tickets };
  }
  const total = rec.bytes.serverToClient;
  const finished = v === 'TLSv1.2' ? 45 : v === 'TLSv1.1' ? 69 : 53;
  const second = concat([
    record(HANDSHAKE, VERSION_CODE[v], handshakeBody(rng, 4, 182, [0, 0, 0x1c, 0x20])),
    record(CCS, VERSION_CODE[v], new Uint8Array([1])),
    record(HANDSHAKE, VERSION_CODE[v], rng.opaque(finished - 5)),
  ]);
  const shd = record(HANDSHAKE, VERSION_CODE[v], new Uint8Array([0x0e, 0, 0, 0]));
  const cert = rec.certificate === null ? [] : [record(HANDSHAKE, VERSION_CODE[v], certificateBody(rec.certificate.der))];
  const certLen = cert.reduce((n, c) => n + c.length, 0);
  const rest = total - second.length - shd.length - certLen;
  const shLen = v === 'TLSv1.2' ? 70 : 78;
  const ske = record(HANDSHAKE, VERSION_CODE[v], handshakeBody(rng, 12, Math.max(0, rest - shLen - 9), [3, 0, 0x1d, 0x20]));
  const sh = record(HANDSHAKE, VERSION_CODE[v], handshakeBody(rng, 2, Math.max(0, rest - ske.length - 9), [...u16(VERSION_CODE[v])]));
  return { first: concat([sh, ...cert, ske, shd]), second, tickets: [] };
}

/** The client's closing flight, as records the server reads one at a time. */
export function clientFlight(rng: ByteStream, v: TlsVersion): Uint8Array[] {
  if (v === 'TLSv1.3') return [record(CCS, 0x0303, new Uint8Array([1])), encrypted(rng, 74)];
  const finished = v === 'TLSv1.2' ? 45 : v === 'TLSv1.1' ? 73 : 57;
  return [
    record(HANDSHAKE, VERSION_CODE[v], handshakeBody(rng, 16, 33, [0x20])),
    record(CCS, VERSION_CODE[v], new Uint8Array([1])),
    record(HANDSHAKE, VERSION_CODE[v], rng.opaque(finished - 5)),
  ];
}

/** A fatal alert record. */
export function alertRecord(version: number, code: number): Uint8Array {
  return record(ALERT, version, new Uint8Array([2, code]));
}

export function textBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}
