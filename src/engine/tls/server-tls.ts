/**
 * smtpd's TLS engine as the lab world and its probes use it. Where the TLS code is here (always in Node:
 * tls-code.ts) it is that code's engine (server-engine.ts), untouched. In the browser the code comes later
 * (tls-code.browser.ts): `telnet localhost 25` and EHLO need no handshake, only what smtpd's start decides,
 * whether STARTTLS is offered. Until the code is here this engine stands in for it where the outcome is known
 * without it: init's first steps (log level, protocol list, which files: server-init.ts, the very code the
 * real engine runs) and, for the lab's own certificate and key never written since boot, their loading, which
 * succeeds and logs nothing; a certificate or key file that does not exist fails with the real engine's lines
 * (missing-cert-file.ts, which cert-files.ts uses too). Such a context is completed by the real engine at its first handshake, from the
 * files' boot text (smtpd read them at its start). Anything else (another certificate, a handshake before
 * the code is here) throws ServerTlsNotLoaded and starts the fetch: whatever can get there waits for
 * `loadTlsCode()` first (telnet before STARTTLS or a connection that needs it, the programs that talk TLS,
 * the goal checks).
 */
import type { ParameterView } from '../config/parameter-view.ts';
import { isPristineLabFile, LAB_CERT_PATH, LAB_KEY_PATH, type LabTlsPath, MX_CERT_PATH } from './data/lab-tls-files.ts';
import { fileIsMissing, missingCertLog, missingKeyLog } from './missing-cert-file.ts';
import { type CertsStep, planServerInit } from './server-init.ts';
import type { TlsCode } from './tls-code-bundle.ts';
import { loadTlsCode, tlsCodeNow } from './tls-code.ts';
import type {
  ClientHello,
  FileLookup,
  ServerHandshake,
  ServerHandshakeOptions,
  ServerTlsContext,
  ServerTlsEngine,
  ServerTlsInit,
  ServerTlsInitOptions,
} from './types.ts';

/** The server TLS code was needed before it was loaded: a missing await (its fetch has started). */
export class ServerTlsNotLoaded extends Error {
  constructor(what: string) {
    super(`the lab's server TLS code is not loaded yet (${what})`);
    this.name = 'ServerTlsNotLoaded';
  }
}

/** The code, or the error that says it is missing (and starts fetching it). */
export function needTlsCode(what: string): TlsCode {
  const code = tlsCodeNow();
  if (code !== null) return code;
  loadTlsCode().catch(() => {
    // tried again by whatever needs it next
  });
  throw new ServerTlsNotLoaded(what);
}

/** What the real engine needs to complete a context the stand-in made. */
interface Deferred {
  readonly params: ParameterView;
  readonly opts: Pick<ServerTlsInitOptions, 'enforce' | 'loglevel'>;
  real?: ServerTlsContext;
}

const DEFERRED = new WeakMap<ServerTlsContext, Deferred>();

/** The lab's certificates: a pristine one is known to load (tls-code.ts has their text, checked by its tests). */
const LAB_CERTS: ReadonlySet<string> = new Set([LAB_CERT_PATH, MX_CERT_PATH]);

/**
 * What reading the certificate files gives without the TLS code: the lab's own pair never written since boot
 * loads without a word (cert-files.ts loadSeparate); a certificate file that does not exist, or a pristine lab
 * certificate whose key file does not exist, fails with the same lines as the real engine (missing-cert-file.ts).
 * Null when only the code can tell (another certificate or key, one written since boot, one file for both, chain
 * files).
 */
type KnownLoad = { readonly ok: true } | { readonly ok: false; readonly log: readonly string[] };

function loadWithout(step: CertsStep, files: FileLookup): KnownLoad | null {
  const { certFile, keyFile } = step;
  if (step.chainFiles.trim() !== '' || certFile === keyFile) return null;
  if (fileIsMissing(files, certFile)) return { ok: false, log: missingCertLog(certFile) };
  if (!LAB_CERTS.has(certFile) || !isPristineLabFile(certFile, files(certFile))) return null;
  if (fileIsMissing(files, keyFile)) return { ok: false, log: missingKeyLog(keyFile) };
  if (certFile === LAB_CERT_PATH && keyFile === LAB_KEY_PATH && isPristineLabFile(keyFile, files(keyFile))) return { ok: true };
  return null;
}

/** What init gives without the TLS code, or null when only the code can tell. */
function initWithout(params: ParameterView, opts: ServerTlsInitOptions): ServerTlsInit | null {
  const step = planServerInit(params, opts);
  if (step.kind === 'done') return step.result;
  const load = loadWithout(step, opts.files);
  if (load === null) return null;
  if (!load.ok) return { context: null, warnings: [...step.warnings, ...load.log] };
  const context: ServerTlsContext = {
    protocols: step.protocols,
    certFile: step.certFile,
    loglevel: step.loglevel,
    tickets: 1,
    implementation: 'postfix',
  };
  DEFERRED.set(context, { params, opts: { enforce: opts.enforce, ...(opts.loglevel === undefined ? {} : { loglevel: opts.loglevel }) } });
  return { context, warnings: step.warnings };
}

/** Whether smtpd can start with these parameters and files before the TLS code is here (always true once it is). */
export function serverTlsInitKnown(params: ParameterView, files: FileLookup, enforce: boolean): boolean {
  if (tlsCodeNow() !== null) return true;
  const step = planServerInit(params, { enforce });
  return step.kind === 'done' || loadWithout(step, files) !== null;
}

/** The lab's files as they were at boot, which is what a stand-in's smtpd read at its start. */
function bootFiles(code: TlsCode): FileLookup {
  return (path) => {
    const content = code.labTexts[path as LabTlsPath] as string | undefined;
    return content === undefined ? undefined : { content, mode: path === LAB_KEY_PATH ? 0o600 : 0o644 };
  };
}

/** The real context of `ctx` (itself unless the stand-in made it). */
function realContext(code: TlsCode, ctx: ServerTlsContext): ServerTlsContext {
  const d = DEFERRED.get(ctx);
  if (d === undefined) return ctx;
  if (d.real === undefined) {
    const init = code.server.init(d.params, { ...d.opts, files: bootFiles(code) });
    // Not reached: the stand-in only makes contexts for the lab's own pair, which loads.
    if (init.context === null) throw new Error('the lab certificate did not load');
    d.real = init.context;
  }
  return d.real;
}

export const serverTls: ServerTlsEngine = {
  init(params, opts) {
    const code = tlsCodeNow();
    if (code !== null) return code.server.init(params, opts);
    const known = initWithout(params, opts);
    if (known !== null) return known;
    return needTlsCode('smtpd TLS init').server.init(params, opts);
  },
  handshake(ctx: ServerTlsContext, hello: ClientHello, opts: ServerHandshakeOptions): ServerHandshake {
    const code = needTlsCode('TLS handshake');
    return code.server.handshake(realContext(code, ctx), hello, opts);
  },
};
