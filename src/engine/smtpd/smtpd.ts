import type { ServerTlsContext } from '../tls/types.ts';
import { readSettings, type SmtpdSettings } from './settings.ts';
import { SmtpdSession } from './session.ts';
import type { SmtpdClient, SmtpdEnv } from './smtpd-env.ts';

/** One running smtpd(8) process: it serves its service's connections one after the other. */
export interface SmtpdProcess {
  readonly pid: number;
  readonly program: string;
  readonly settings: SmtpdSettings;
  /** null when TLS is off or the TLS engine could not load the certificate/key. */
  readonly tlsContext: ServerTlsContext | null;
  /** A session is in progress. */
  readonly busy: boolean;
  /** Connections accepted so far (Postfix retires a process after max_use = 100). */
  readonly served: number;
  accept(client: SmtpdClient): SmtpdSession;
}

/** What master(8) sees when it spawns smtpd: compatible with master's DaemonStart. */
export type SmtpdStart =
  | { readonly ok: true; readonly process: SmtpdProcess; accept(client: SmtpdClient): SmtpdSession }
  /** smtpd died at start after logging `fatal`; master logs the exit and throttles the service. */
  | { readonly ok: false; readonly exitStatus: number; readonly fatal: string };

/**
 * master(8) spawns smtpd for a service: read and check the parameters (a bad value is fatal, some only
 * warn), initialise the server TLS engine when TLS is in use, and log every warning once, before the
 * first `connect from` (corpus p25-may-cert-missing, invalid-loglevel-high, invalid-level-maybe).
 */
export function startSmtpd(env: SmtpdEnv): SmtpdStart {
  const log = (text: string): void => env.log(env.program, env.pid, text);
  const read = readSettings(env.params);
  for (const w of read.warnings) log(w);
  if (!read.ok) {
    log(read.fatal);
    return { ok: false, exitStatus: 1, fatal: read.fatal };
  }
  const settings = read.settings;
  let tlsContext: ServerTlsContext | null = null;
  if (settings.tls.use) {
    const init = env.tls.init(env.params, { enforce: settings.tls.enforce, files: env.files });
    for (const w of init.warnings) log(w);
    tlsContext = init.context;
  }
  let busy = false;
  let served = 0;
  const process: SmtpdProcess = {
    pid: env.pid,
    program: env.program,
    settings,
    tlsContext,
    get busy() {
      return busy;
    },
    get served() {
      return served;
    },
    accept(client) {
      served++;
      busy = true;
      return new SmtpdSession(env, settings, tlsContext, client, () => {
        busy = false;
      });
    },
  };
  return { ok: true, process, accept: (client) => process.accept(client) };
}
