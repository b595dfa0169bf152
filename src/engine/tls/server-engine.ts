import type { ParameterView } from '../config/parameter-view.ts';
import { cipherSetting, policyOfList } from './ciphers.ts';
import { resolveHello } from './resolve-hello.ts';
import { loadCertAndKey, loadChainFiles } from './cert-files.ts';
import { LAB_CERT } from './data/lab-pki.ts';
import { logAcceptLost, logInvalidGrade, logInvalidUnary, logSettingUpFrom } from './log-texts.ts';
import type { ServerSide } from './negotiate.ts';
import { negotiate, plaintextRecord } from './negotiate.ts';
import { serverHandshakeLog } from './server-log.ts';
import { planServerInit, serverParam as param } from './server-init.ts';
import type {
  ClientHello,
  HandshakeRecord,
  ServerHandshake,
  ServerHandshakeOptions,
  ServerTlsContext,
  ServerTlsEngine,
  ServerTlsInit,
  ServerTlsInitOptions,
  TlsSession,
} from './types.ts';

/**
 * The server side of the TLS model: what tls_server_init() does at smtpd start (certificate, key,
 * protocol list) and what one SSL_accept() does (negotiation, log lines at the session's level).
 * The lab world reaches it through server-tls.ts, which in the browser stands in for it until its code is here.
 */

const MEDIUM_DEFAULT = 'aNULL:-aNULL:HIGH:MEDIUM:+RC4:@STRENGTH';

function init(params: ParameterView, opts: ServerTlsInitOptions): ServerTlsInit {
  const step = planServerInit(params, opts);
  if (step.kind === 'done') return step.result;
  const { loglevel, certFile, chainFiles } = step;
  const warnings = [...step.warnings];
  const loaded = chainFiles.trim() !== '' ? loadChainFiles(chainFiles, opts.files) : loadCertAndKey(certFile, step.keyFile, opts.files);
  if (!loaded.ok) return { context: null, warnings: [...warnings, ...loaded.log] };
  warnings.push(...loaded.log);
  const grade = param(params, opts.enforce ? 'smtpd_tls_mandatory_ciphers' : 'smtpd_tls_ciphers', 'medium');
  const exclusions = [
    params.get('smtpd_tls_exclude_ciphers'),
    opts.enforce ? params.get('smtpd_tls_mandatory_exclude_ciphers') : '',
    /^(yes|true)$/i.test(params.get('smtpd_tls_ask_ccert')) ? 'aNULL' : '',
  ]
    .filter((x) => x.trim() !== '')
    .join(' ');
  const setting = cipherSetting(grade, exclusions, (p) => (params.isSet(p) || params.get(p) !== '' ? params.get(p) : null));
  const base = { protocols: step.protocols, certFile, cert: loaded.cert, loglevel, tickets: 1, implementation: 'postfix' as const };
  if (!setting.ok) {
    // tls_set_ciphers fails in every tls_server_start(): TLS is offered but each handshake is refused.
    return { context: { ...base, cipherList: MEDIUM_DEFAULT, sessionProblem: { kind: setting.problem, token: setting.token } }, warnings };
  }
  return { context: { ...base, cipherList: setting.list }, warnings };
}

function sessionOf(rec: HandshakeRecord): TlsSession | null {
  if (rec.failure !== null || rec.version === null || rec.cipher === null) return null;
  return { version: rec.version, cipher: rec.cipher, cipherBits: rec.cipherBits, algBits: rec.cipherBits };
}

/** The server side of a context (also used for servers of the simulated world that run Postfix). */
export function serverSideOf(ctx: ServerTlsContext): ServerSide {
  return {
    accepted: ctx.protocols,
    cipher: policyOfList(ctx.cipherList ?? MEDIUM_DEFAULT),
    cert: ctx.cert ?? LAB_CERT,
    tickets: ctx.tickets ?? 1,
  };
}

function handshake(ctx: ServerTlsContext, hello: ClientHello, opts: ServerHandshakeOptions): ServerHandshake {
  const loglevel = opts.loglevel;
  const cipherList = ctx.cipherList ?? MEDIUM_DEFAULT;
  const problem = ctx.sessionProblem;
  if (problem !== undefined) {
    const warning = problem.kind === 'grade' ? logInvalidGrade(opts.peer, problem.token) : logInvalidUnary(opts.peer, problem.token);
    return { ok: false, log: [...(loglevel >= 2 ? [logSettingUpFrom(opts.peer)] : []), warning] };
  }
  const side = serverSideOf(ctx);
  const seed = `${opts.seed ?? 0}:${opts.peer}:${opts.now ?? 0}`;
  const logOf = (rec: HandshakeRecord, helloBytes: number, plaintext?: string) =>
    serverHandshakeLog(rec, {
      loglevel,
      peer: opts.peer,
      cipherList,
      now: opts.now ?? 0,
      seed,
      helloBytes,
      helloPadded: helloBytes === 517,
      ...(plaintext === undefined ? {} : { plaintext }),
    });
  if (hello.kind === 'plaintext') {
    const rec = plaintextRecord(side.accepted, hello.bytes);
    return { ok: false, log: logOf(rec, 0, hello.bytes), record: rec };
  }
  const h = resolveHello(hello);
  const rec = negotiate(h, side);
  const log = logOf(rec, h.helloBytes);
  const session = sessionOf(rec);
  return session === null ? { ok: false, log, record: rec } : { ok: true, session, log, record: rec };
}

/**
 * What smtpd logs when the client goes away before or during the handshake
 * (corpus submissions-465-wrappermode: `SSL_accept error from localhost[127.0.0.1]: lost connection`).
 */
export function serverHandshakeLost(peer: string): readonly string[] {
  return [logAcceptLost(peer)];
}

export const serverEngine: ServerTlsEngine = { init, handshake };
