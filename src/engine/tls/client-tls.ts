import type { ParameterView } from '../config/parameter-view.ts';
import { cipherSetting } from './ciphers.ts';
import { postfixClientHello } from './client-hello.ts';
import { resolveHello } from './resolve-hello.ts';
import { clientHandshakeLog } from './client-log.ts';
import { LOG_CLIENT_ENGINE_INIT, logInvalidGrade, logInvalidProtocolsClient, logInvalidUnary, logSettingUpTo } from './log-texts.ts';
import { negotiate } from './negotiate.ts';
import { parseProtocolList } from './protocol-list.ts';
import type {
  ClientHandshake,
  ClientHandshakeOptions,
  ClientHello,
  ClientTlsEngine,
  HandshakeRecord,
  RemoteTlsServer,
  ServerHandshake,
} from './types.ts';
import type { ServerOutput } from '../world/network.ts';
import { evaluateTrust } from './verify.ts';
import { remoteServerSide, sessionOf } from './remote-engine.ts';

export { remoteServerHandshake, remoteServerSide } from './remote-engine.ts';

/** The levels at which the certificate must match (TLS_MUST_MATCH: above encrypt). */
const MUST_MATCH = new Set(['fingerprint', 'verify', 'secure', 'dane', 'dane-only']);

/** Everything a Postfix TLS client decides before its ClientHello. */
export interface ClientPolicy {
  readonly client: 'postfix-smtp' | 'posttls-finger';
  readonly level: string;
  /** The protocol list that applies at this level (`smtp_tls_protocols` at may, the mandatory one above). */
  readonly protocols: string;
  readonly grade: string;
  readonly exclusions: string;
  /** Grade lists (`tls_medium_cipherlist`...) as configured, null for the default. */
  readonly lookup: (param: string) => string | null;
  readonly loglevel: number;
  readonly peerCert: boolean;
  readonly caFile: string;
  readonly matchNames: readonly string[];
  readonly nexthopIsAddress: boolean;
  readonly fingerprints: readonly string[];
  readonly serverName?: string;
}

export type PreparedClient =
  { readonly ok: true; readonly hello: ClientHello; readonly cipherList: string } | { readonly ok: false; readonly log: readonly string[] };

/** Protocols and ciphers, as tls_client_start() checks them before any byte is sent. */
export function prepareClient(p: ClientPolicy, peer: string): PreparedClient {
  const setup = p.loglevel >= 2 ? [logSettingUpTo(peer)] : [];
  const protocols = parseProtocolList(p.protocols);
  if (!protocols.ok) return { ok: false, log: [...setup, logInvalidProtocolsClient(peer, p.protocols)] };
  const setting = cipherSetting(p.grade, p.exclusions, p.lookup);
  if (!setting.ok) {
    return {
      ok: false,
      log: [...setup, setting.problem === 'grade' ? logInvalidGrade(peer, setting.token) : logInvalidUnary(peer, setting.token)],
    };
  }
  return {
    ok: true,
    hello: postfixClientHello(p.client, protocols.allowed, setting.list, p.serverName),
    cipherList: setting.list,
  };
}

/** The client's view of a handshake record: trust, log lines, and the result smtp(8) acts on. */
export function finishClient(
  p: ClientPolicy,
  prepared: Extract<PreparedClient, { ok: true }>,
  rec: HandshakeRecord,
  peer: string,
  seed: string,
): ClientHandshake {
  const h = prepared.hello.kind === 'tls' ? resolveHello(prepared.hello) : null;
  const session = sessionOf(rec);
  const trust =
    session === null
      ? null
      : evaluateTrust(rec.certificate, {
          level: p.level,
          caFile: p.caFile,
          matchNames: p.matchNames,
          nexthopIsAddress: p.nexthopIsAddress,
          fingerprints: p.fingerprints,
        });
  const log = clientHandshakeLog(rec, trust, {
    loglevel: p.loglevel,
    peerCert: p.peerCert,
    peer,
    cipherList: prepared.cipherList,
    seed,
    helloBytes: h?.helloBytes ?? 517,
  });
  if (session === null || trust === null) return { ok: false, log, record: rec };
  return { ok: true, session, verified: trust.trust === 'verified', trust: trust.trust, log, record: rec };
}

function listValue(params: ParameterView, name: string, fallback: string): string {
  return params.isSet(name) || params.get(name) !== '' ? params.get(name) : fallback;
}

/** smtp(8)'s policy from its parameters (postfix-facts.md §3–§4; corpus outbound-*, log-smtp-tls-*). */
export function smtpClientPolicy(params: ParameterView, opts: ClientHandshakeOptions): ClientPolicy {
  const level = opts.level.toLowerCase();
  const mandatory = level !== 'may' && level !== 'none';
  const exclusions = [
    params.get('smtp_tls_exclude_ciphers'),
    mandatory ? params.get('smtp_tls_mandatory_exclude_ciphers') : '',
    level === 'encrypt' ? 'eNULL' : MUST_MATCH.has(level) ? 'aNULL' : '',
  ]
    .filter((x) => x.trim() !== '')
    .join(' ');
  const caPath = params.get('smtp_tls_CAfile');
  const caFile = caPath === '' || opts.files === undefined ? '' : (opts.files(caPath)?.content ?? '');
  return {
    client: 'postfix-smtp',
    level,
    protocols: listValue(params, mandatory ? 'smtp_tls_mandatory_protocols' : 'smtp_tls_protocols', '>=TLSv1'),
    grade: listValue(params, mandatory ? 'smtp_tls_mandatory_ciphers' : 'smtp_tls_ciphers', 'medium'),
    exclusions,
    lookup: (p) => (params.isSet(p) || params.get(p) !== '' ? params.get(p) : null),
    loglevel: opts.loglevel,
    peerCert: opts.loglevel >= 2,
    caFile,
    matchNames: opts.matchNames ?? [],
    nexthopIsAddress: opts.nexthopIsAddress ?? true,
    fingerprints: params
      .get('smtp_tls_fingerprint_cert_match')
      .split(/[,\s]+/)
      .filter((x) => x !== ''),
    ...(params.get('smtp_tls_servername') === '' ? {} : { serverName: params.get('smtp_tls_servername') }),
  };
}

function handshake(params: ParameterView, server: RemoteTlsServer, opts: ClientHandshakeOptions): ClientHandshake {
  const policy = smtpClientPolicy(params, opts);
  const prepared = prepareClient(policy, opts.peer);
  if (!prepared.ok) return { ok: false, log: prepared.log };
  const hello = prepared.hello;
  if (hello.kind !== 'tls') return { ok: false, log: [] };
  const rec = negotiate(resolveHello(hello), remoteServerSide(server));
  return finishClient(policy, prepared, rec, opts.peer, `${opts.seed ?? 0}:${opts.peer}`);
}

/**
 * What smtp(8) logs once per process when its TLS engine starts (level 2 and up; corpus
 * log-smtp-tls-loglevel-2: `initializing the client-side TLS engine` before the first session).
 */
export function clientTlsInitLog(loglevel: number): readonly string[] {
  return loglevel >= 2 ? [LOG_CLIENT_ENGINE_INIT] : [];
}

export const clientTls: ClientTlsEngine = { handshake, handshakeWith: smtpClientHandshake };

/**
 * smtp(8)'s handshake through an endpoint of the simulated network: the ClientHello goes to the server
 * (which negotiates and logs its side), and the client's log lines and verdict come from the record it
 * returns. Use this instead of `clientTls.handshake` when the remote is a ServerEndpoint, so both ends
 * agree. `after` is what the server sent after the handshake.
 */
export function smtpClientHandshake(
  params: ParameterView,
  opts: ClientHandshakeOptions,
  endpoint: { handshake(hello: ClientHello): { readonly result: ServerHandshake; readonly output: ServerOutput } },
  remote?: RemoteTlsServer,
): { readonly handshake: ClientHandshake; readonly after: ServerOutput | null } {
  const policy = smtpClientPolicy(params, opts);
  const prepared = prepareClient(policy, opts.peer);
  if (!prepared.ok) return { handshake: { ok: false, log: prepared.log }, after: null };
  const r = endpoint.handshake(prepared.hello);
  const hello = prepared.hello;
  const rec =
    r.result.record ??
    (hello.kind === 'tls' && remote !== undefined ? negotiate(resolveHello(hello), remoteServerSide(remote)) : undefined);
  if (rec === undefined) return { handshake: { ok: false, log: [] }, after: r.output };
  return { handshake: finishClient(policy, prepared, rec, opts.peer, `${opts.seed ?? 0}:${opts.peer}`), after: r.output };
}
