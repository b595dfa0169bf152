import {
  logAcceptError,
  logAlert,
  logCipherList,
  logIssuingTicket,
  logLibraryProblem,
  logSettingUpFrom,
  logStateError,
  logSummary,
} from './log-texts.ts';
import type { OpenSslError } from './openssl-errors.ts';
import { ERR } from './openssl-errors.ts';
import { ByteStream } from './rng.ts';
import { ST } from './state-names.ts';
import { alertRecord, clientFlight, clientHelloRecord, record, serverFlights, textBytes } from './tls-records.ts';
import type { HandshakeRecord, TlsVersion } from './types.ts';
import { VERSION_CODE } from './versions.ts';
import type { Step } from './wire-log.ts';
import { bioAddresses, renderSteps } from './wire-log.ts';

export interface ServerLogOptions {
  readonly loglevel: number;
  readonly peer: string;
  readonly cipherList: string;
  /** ms since the epoch, for the ticket key expiration (now + 1799 s, corpus log-smtpd-tls-loglevel-2). */
  readonly now: number;
  readonly seed: string;
  /** The ClientHello's size and padding (for the level-3 dump). */
  readonly helloBytes: number;
  readonly helloPadded: boolean;
  /** The plaintext that came instead of a ClientHello. */
  readonly plaintext?: string;
}

/** The ticket key's expiration, as the corpus shows it: 1799 seconds after the handshake. */
function ticketExpiration(now: number): number {
  return Math.floor(now / 1000) + 1799;
}

/** Lines smtpd logs for one server-side handshake, in order, for its loglevel. */
export function serverHandshakeLog(rec: HandshakeRecord, o: ServerLogOptions): string[] {
  const rng = new ByteStream(`server:${o.seed}`);
  const addr = bioAddresses(rng);
  const steps: Step[] = [
    { kind: 'text', level: 2, text: logSettingUpFrom(o.peer) },
    { kind: 'text', level: 2, text: logCipherList(o.peer, o.cipherList) },
    { kind: 'state', state: ST.before },
    { kind: 'wait' },
  ];
  const hello =
    rec.failure === 'not-tls'
      ? textBytes((o.plaintext ?? '').slice(0, 5).padEnd(5, '\0'))
      : clientHelloRecord(rng, o.helloBytes, rec.offered[rec.offered.length - 1], o.helloPadded);
  if (rec.failure === 'not-tls') {
    // Only the 5-byte header is read before the record layer gives up (corpus submissions-465-wrappermode).
    steps.push({ kind: 'read', record: hello.subarray(0, 5) });
    return render(steps, o, ERR.wrongVersion, addr);
  }
  steps.push({ kind: 'read', record: hello }, { kind: 'state', state: ST.before });
  if (rec.failure === 'unsupported-protocol' || rec.failure === 'no-shared-cipher') {
    const a = rec.alert;
    steps.push(
      { kind: 'write', data: alertRecord(0x0301, a?.code ?? 70) },
      { kind: 'text', level: 2, text: logAlert('write', a?.description ?? '') },
    );
    return render(steps, o, rec.failure === 'unsupported-protocol' ? ERR.unsupportedProtocol : ERR.noSharedCipher, addr);
  }
  const v = rec.version ?? 'TLSv1.2';
  const flights = serverFlights(rng, rec);
  steps.push({ kind: 'state', state: ST.readClientHello }, { kind: 'state', state: ST.writeServerHello });
  if (v === 'TLSv1.3') {
    steps.push(
      { kind: 'state', state: ST.writeCcs },
      { kind: 'state', state: ST.writeEncryptedExtensions },
      { kind: 'state', state: ST.writeCertificate },
      { kind: 'state', state: ST.writeCertVerify },
      { kind: 'write', data: flights.first },
      { kind: 'state', state: ST.writeFinished },
      { kind: 'state', state: ST.earlyData },
      ...clientFlight(rng, v).map((r): Step => ({ kind: 'read', record: r })),
      { kind: 'state', state: ST.earlyData },
      { kind: 'state', state: ST.readFinished },
    );
    for (const t of flights.tickets) {
      steps.push(
        { kind: 'text', level: 2, text: logIssuingTicket(o.peer, ticketExpiration(o.now)) },
        { kind: 'write', data: t },
        { kind: 'state', state: ST.writeSessionTicket },
      );
    }
  } else {
    if (rec.certificate !== null) steps.push({ kind: 'state', state: ST.writeCertificate });
    steps.push(
      { kind: 'state', state: ST.writeKeyExchange },
      { kind: 'write', data: flights.first },
      { kind: 'state', state: ST.writeServerDone },
      { kind: 'wait' },
      { kind: 'state', state: ST.writeServerDone },
    );
    if (rec.failure === 'legacy-sigalg') {
      steps.push(
        { kind: 'read', record: alertRecord(VERSION_CODE[v], 80) },
        { kind: 'text', level: 2, text: logAlert('read', 'internal error') },
      );
      return render(steps, o, ERR.alertInternalError, addr);
    }
    const [cke, ccs, fin] = clientFlight(rng, v);
    if (cke !== undefined) steps.push({ kind: 'read', record: cke }, { kind: 'state', state: ST.readClientKeyExchange });
    if (ccs !== undefined) steps.push({ kind: 'read', record: ccs }, { kind: 'state', state: ST.readCcs });
    if (fin !== undefined) steps.push({ kind: 'read', record: fin }, { kind: 'state', state: ST.readFinished });
    steps.push(
      { kind: 'text', level: 2, text: logIssuingTicket(o.peer, ticketExpiration(o.now)) },
      { kind: 'state', state: ST.writeSessionTicket },
      { kind: 'state', state: ST.writeCcs },
      ...(flights.second === null ? [] : [{ kind: 'write', data: flights.second } as const]),
      { kind: 'state', state: ST.writeFinished },
    );
  }
  steps.push({ kind: 'text', level: 1, text: summaryLine(rec, o.peer) });
  return renderSteps(steps, 'server', o.loglevel, addr);
}

function render(steps: Step[], o: ServerLogOptions, e: OpenSslError, addr: ReturnType<typeof bioAddresses>): string[] {
  steps.push(
    { kind: 'text', level: 2, text: logStateError('server', ST.error) },
    { kind: 'text', level: 0, text: logAcceptError(o.peer) },
    { kind: 'text', level: 0, text: logLibraryProblem(e) },
  );
  return renderSteps(steps, 'server', o.loglevel, addr);
}

/** The summary line of a successful handshake; the server side is always Anonymous (no client certificate). */
export function summaryLine(rec: HandshakeRecord, peer: string): string {
  const cert = rec.certificate;
  return logSummary({
    trust: 'anonymous',
    role: 'server',
    peer,
    version: rec.version ?? 'TLSv1.2',
    cipher: rec.cipher ?? '',
    cipherBits: rec.cipherBits,
    algBits: rec.cipherBits,
    ...(rec.version === 'TLSv1.3' && cert !== null
      ? { tls13: { kex: 'X25519', sigType: 'RSA-PSS', sigBits: cert.keyBits, digest: 'SHA256' } }
      : {}),
  });
}

/**
 * Level 4 (`ssl-developer`, postfix-facts.md §5): after the handshake every TLS record of the session is
 * dumped too. smtpd (or smtp) calls this for each reply it writes and each command it reads, when the
 * session's loglevel is 4. The record sizes follow the negotiated protection (TLSv1.3: 5 + data + 17;
 * TLSv1.2 AES-GCM: 5 + 8 + data + 16); the bytes are invented, deterministic per seed.
 */
export function sessionPacketLog(op: 'read' | 'write', plaintext: string, version: TlsVersion, seed: string): string[] {
  const rng = new ByteStream(`data:${seed}:${op}:${plaintext.length}`);
  const addr = bioAddresses(new ByteStream(`server:${seed}`));
  const n = plaintext.length;
  const body =
    version === 'TLSv1.3' ? n + 17 : version === 'TLSv1.2' ? n + 24 : Math.ceil((n + 21) / 16) * 16 + (version === 'TLSv1.1' ? 16 : 0);
  const rec = record(0x17, version === 'TLSv1.3' ? 0x0303 : VERSION_CODE[version], rng.opaque(body));
  const step: Step = op === 'read' ? { kind: 'read', record: rec } : { kind: 'write', data: rec };
  return renderSteps([step], 'server', 4, addr);
}
