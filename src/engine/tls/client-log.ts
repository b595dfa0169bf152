import {
  logAlert,
  logCipherList,
  logConnectError,
  logLibraryProblem,
  logPeerCert,
  logSettingUpTo,
  logStateError,
  logSummary,
  logVerifyDepth,
} from './log-texts.ts';
import { ERR } from './openssl-errors.ts';
import { ByteStream } from './rng.ts';
import { ST } from './state-names.ts';
import { alertRecord, clientFlight, clientHelloRecord, serverFlights } from './tls-records.ts';
import type { HandshakeRecord } from './types.ts';
import type { TrustResult } from './verify.ts';
import type { Step } from './wire-log.ts';
import { bioAddresses, renderSteps } from './wire-log.ts';
import { commonName, nameSlashed } from './x509/certificate.ts';

export interface ClientLogOptions {
  readonly loglevel: number;
  /** Log the `subject_CN=..., fingerprint=...` line (smtp(8) from level 2; posttls-finger's default `certmatch`). */
  readonly peerCert: boolean;
  readonly peer: string;
  readonly cipherList: string;
  readonly seed: string;
  readonly helloBytes: number;
}

function split(data: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let p = 0; p + 5 <= data.length;) {
    const len = ((data[p + 3] ?? 0) << 8) | (data[p + 4] ?? 0);
    out.push(data.subarray(p, p + 5 + len));
    p += 5 + len;
  }
  return out;
}

/** Lines a Postfix TLS client (smtp(8), posttls-finger) logs for one handshake, in order. */
export function clientHandshakeLog(rec: HandshakeRecord, trust: TrustResult | null, o: ClientLogOptions): string[] {
  const rng = new ByteStream(`client:${o.seed}`);
  const addr = bioAddresses(rng);
  const hello = clientHelloRecord(rng, o.helloBytes, rec.offered[rec.offered.length - 1], o.helloBytes === 517);
  const steps: Step[] = [
    { kind: 'text', level: 2, text: logSettingUpTo(o.peer) },
    { kind: 'text', level: 2, text: logCipherList(o.peer, o.cipherList) },
    { kind: 'state', state: ST.before },
    { kind: 'write', data: hello },
    { kind: 'state', state: ST.writeClientHello },
    { kind: 'wait' },
  ];
  const fail = (e: typeof ERR.alertProtocolVersion): string[] => {
    steps.push(
      { kind: 'text', level: 2, text: logStateError('client', ST.error) },
      { kind: 'text', level: 0, text: logConnectError(o.peer) },
      { kind: 'text', level: 0, text: logLibraryProblem(e) },
    );
    return renderSteps(steps, 'client', o.loglevel, addr);
  };
  if (rec.failure === 'unsupported-protocol' || rec.failure === 'no-shared-cipher') {
    steps.push(
      { kind: 'read', record: alertRecord(0x0301, rec.alert?.code ?? 70) },
      { kind: 'text', level: 2, text: logAlert('read', rec.alert?.description ?? '') },
    );
    return fail(rec.failure === 'unsupported-protocol' ? ERR.alertProtocolVersion : ERR.alertHandshakeFailure);
  }
  if (rec.failure === 'not-tls') return fail(ERR.wrongVersion);
  steps.push({ kind: 'state', state: ST.writeClientHello });
  const v = rec.version ?? 'TLSv1.2';
  const flights = serverFlights(rng, rec);
  const incoming = split(flights.first);
  const next = (): Step => ({ kind: 'read', record: incoming.shift() ?? new Uint8Array(5) });
  const cert = rec.certificate;
  const depth: Step[] =
    cert === null || trust === null
      ? []
      : (trust.chainTrusted && trust.trust === 'verified' ? [true] : [false, true]).map((ok): Step => ({
          kind: 'text',
          level: 2,
          text: logVerifyDepth(o.peer, 0, ok, nameSlashed(cert.subject)),
        }));
  if (v === 'TLSv1.3') {
    steps.push(next(), { kind: 'state', state: ST.readServerHello }, next(), next(), { kind: 'state', state: ST.readEncryptedExtensions });
    steps.push(next(), ...depth, { kind: 'state', state: ST.readServerCertificate });
    steps.push(next(), { kind: 'state', state: ST.readCertVerify }, next(), { kind: 'state', state: ST.readFinished });
    const [ccs, fin] = clientFlight(rng, v);
    steps.push({ kind: 'state', state: ST.writeCcs });
    if (ccs !== undefined && fin !== undefined) steps.push({ kind: 'write', data: new Uint8Array([...ccs, ...fin]) });
    steps.push({ kind: 'state', state: ST.writeFinished });
  } else {
    steps.push(next(), { kind: 'state', state: ST.readServerHello });
    if (cert !== null) steps.push(next(), ...depth, { kind: 'state', state: ST.readServerCertificate });
    steps.push(next(), { kind: 'state', state: ST.readServerKeyExchange }, next(), { kind: 'state', state: ST.readServerDone });
    if (rec.failure === 'legacy-sigalg') {
      steps.push({ kind: 'write', data: alertRecord(0x0301, 80) }, { kind: 'text', level: 2, text: logAlert('write', 'internal error') });
      return fail(ERR.legacySigalg);
    }
    const tail = clientFlight(rng, v);
    steps.push({ kind: 'state', state: ST.writeClientKeyExchange }, { kind: 'state', state: ST.writeCcs });
    steps.push({ kind: 'write', data: new Uint8Array(tail.flatMap((r) => [...r])) });
    steps.push({ kind: 'state', state: ST.writeFinished }, { kind: 'wait' }, { kind: 'state', state: ST.writeFinished });
    const second = split(flights.second ?? new Uint8Array(0));
    const rd = (): Step => ({ kind: 'read', record: second.shift() ?? new Uint8Array(5) });
    steps.push(rd(), { kind: 'state', state: ST.readSessionTicket }, rd(), { kind: 'state', state: ST.readCcs }, rd(), {
      kind: 'state',
      state: ST.readFinished,
    });
  }
  const failure = trust?.failure ?? null;
  if (failure !== null) steps.push({ kind: 'text', level: 0, text: failure(o.peer) });
  if (cert !== null && (o.peerCert || o.loglevel >= 2)) {
    steps.push({
      kind: 'text',
      level: 0,
      text: logPeerCert(o.peer, commonName(cert.subject), commonName(cert.issuer), cert.fingerprint, cert.pkeyFingerprint),
    });
  }
  steps.push({
    kind: 'text',
    level: 1,
    text: logSummary({
      trust: trust?.trust ?? 'anonymous',
      role: 'client',
      peer: o.peer,
      version: v,
      cipher: rec.cipher ?? '',
      cipherBits: rec.cipherBits,
      algBits: rec.cipherBits,
      ...(v === 'TLSv1.3' && cert !== null
        ? { tls13: { kex: 'X25519', sigType: 'RSA-PSS', sigBits: cert.keyBits, digest: 'SHA256' } }
        : {}),
    }),
  });
  for (const t of flights.tickets) {
    steps.push(
      { kind: 'state', state: ST.finished },
      { kind: 'state', state: ST.finished },
      { kind: 'read', record: t },
      { kind: 'state', state: ST.readSessionTicket },
    );
  }
  return renderSteps(steps, 'client', o.loglevel, addr);
}
