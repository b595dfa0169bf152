/**
 * The configuration as the review sees it: what `postfix start` prints while reading it (the engine's
 * loader, so Postfix's own warnings and fatals), each smtpd service master(8) would run with its
 * EFFECTIVE parameters (master.cf -o, then main.cf, then the default, $name expanded: the engine's
 * serviceParameters), the smtp client's, and what each smtpd logs when it sets up TLS (the engine's TLS
 * model reading the certificate files). Services and settings the lab does not simulate are listed apart.
 */
import { serviceParameters, type EffectiveParameters } from '../engine/config/effective.ts';
import { MainCf } from '../engine/config/main-cf.ts';
import { MasterCf, type MasterService } from '../engine/config/master-cf.ts';
import { inetEndpoint } from '../engine/config/services.ts';
import { serverEngine } from '../engine/tls/server-engine.ts';
import type { FileLookup, SimFile } from '../engine/tls/types.ts';
import { loadConfig, MAIN_CF, MASTER_CF } from '../engine/world/config-loader.ts';
import { SimFs } from '../engine/world/sim-fs.ts';
import { NOT_SIMULATED_TEXT } from './texts.ts';

export type TlsLevel = 'none' | 'may' | 'encrypt' | 'dane' | 'dane-only' | 'fingerprint' | 'verify' | 'secure' | 'other';

export interface SmtpdService {
  /** The master.cf service name (`smtp`, `submission`, `127.0.0.1:2525`). */
  readonly name: string;
  readonly type: string;
  readonly port: number | null;
  /** The host part of the service name (`127.0.0.1:10025`), null when it listens on inet_interfaces. */
  readonly host: string | null;
  /** Bound to a loopback address only: an internal service (e.g. a content filter's reinjection port). */
  readonly loopback: boolean;
  /** True for the smtpd that serves port 25 (directly, or as postscreen's `pass` service). */
  readonly port25: boolean;
  readonly params: EffectiveParameters;
  readonly level: TlsLevel;
  readonly wrapper: boolean;
  /** TLS is offered or required (STARTTLS or wrapper mode). */
  readonly tls: boolean;
  /** What smtpd logs at TLS setup (the engine's tls_server_init), with its program name; [] when fine. */
  readonly tlsInitLog: readonly string[];
  /** True when TLS setup failed (STARTTLS answers 454, wrapper mode drops the connection). */
  readonly tlsBroken: boolean;
  readonly line: number;
}

export interface ReviewModel {
  /** `postfix start`'s output lines (`postfix: warning: ...`, `/usr/sbin/postconf: fatal: ...`). */
  readonly postfixWarnings: readonly string[];
  readonly postfixFatal: string | null;
  readonly main: MainCf;
  readonly master: MasterCf;
  readonly mainView: EffectiveParameters;
  readonly smtpd: readonly SmtpdService[];
  /** The smtp(8) client of the default transport. */
  readonly client: EffectiveParameters;
  readonly notSimulated: readonly string[];
}

function bool(v: string): boolean {
  return /^(yes|true|1)$/i.test(v.trim());
}

/** smtpd.c: the level wins over smtpd_use_tls/smtpd_enforce_tls; smtp.c does the same for smtp_. */
export function effectiveLevel(params: EffectiveParameters, prefix: 'smtpd' | 'smtp'): TlsLevel {
  const level = params.get(`${prefix}_tls_security_level`).trim().toLowerCase();
  if (level === '') {
    if (bool(params.get(`${prefix}_enforce_tls`))) return 'encrypt';
    return bool(params.get(`${prefix}_use_tls`)) ? 'may' : 'none';
  }
  switch (level) {
    case 'none':
    case 'may':
    case 'encrypt':
    case 'dane':
    case 'dane-only':
    case 'fingerprint':
    case 'verify':
    case 'secure':
      return level;
    default:
      return 'other';
  }
}

const basename = (cmd: string): string => cmd.slice(cmd.lastIndexOf('/') + 1);

/** Commands of inet/pass services the lab simulates, or that carry no mail TLS (left out silently). */
const SIMULATED_COMMANDS = new Set(['smtpd']);
const QUIET_COMMANDS = new Set([
  'pickup',
  'cleanup',
  'qmgr',
  'tlsmgr',
  'trivial-rewrite',
  'bounce',
  'verify',
  'flush',
  'proxymap',
  'smtp',
  'showq',
  'error',
  'discard',
  'local',
  'virtual',
  'lmtp',
  'anvil',
  'scache',
  'postlogd',
  'pipe',
  'oqmgr',
  'tlsproxy',
  'dnsblog',
]);

const UNREADABLE_MAPS = /\b(mysql|pgsql|ldap|sqlite|memcache|tcp|socketmap|proxy|nis|nisplus|netinfo|lmdb):/;
const NOT_SIMULATED_PARAMS = ['smtpd_milters', 'non_smtpd_milters', 'milter_default_action', 'content_filter', 'smtpd_proxy_filter'];
const RESTRICTION_LISTS = [
  'smtpd_client_restrictions',
  'smtpd_helo_restrictions',
  'smtpd_sender_restrictions',
  'smtpd_relay_restrictions',
  'smtpd_recipient_restrictions',
  'smtpd_data_restrictions',
  'smtpd_end_of_data_restrictions',
];

function notSimulatedSettings(scope: string, names: Iterable<string>, get: (n: string) => string | undefined, out: string[]): void {
  for (const name of names) {
    const value = get(name);
    if (value === undefined || value.trim() === '') continue;
    if (NOT_SIMULATED_PARAMS.includes(name)) out.push(NOT_SIMULATED_TEXT.parameter(scope, name));
    const map = UNREADABLE_MAPS.exec(value);
    if (map !== null) out.push(NOT_SIMULATED_TEXT.mapType(scope, name, map[1] ?? ''));
    if (RESTRICTION_LISTS.includes(name) && /\bcheck_policy_service\b/.test(value)) out.push(NOT_SIMULATED_TEXT.policy(scope, name));
  }
}

export interface ModelOptions {
  /** The host's files the configuration names (certificates, keys); main.cf and master.cf are the texts given. */
  readonly files: FileLookup;
}

/** The review's model of a configuration. Never throws. */
export function buildModel(mainCf: string, masterCf: string, opts: ModelOptions): ReviewModel {
  const fs = new SimFs({ [MAIN_CF]: mainCf, [MASTER_CF]: masterCf });
  const load = loadConfig(fs, 'start');
  const postfixWarnings = load.warnings;
  const postfixFatal = load.ok ? null : load.fatal;
  const main = MainCf.parse(mainCf, { path: MAIN_CF });
  const master = MasterCf.parse(masterCf, { path: MASTER_CF });
  const mainView = serviceParameters(main, null);
  const services = master.services();
  const known = mainView.get('known_tcp_ports');
  const notSimulated: string[] = [];
  notSimulatedSettings('main.cf', main.names(), (n) => main.get(n), notSimulated);

  const portOf = (s: MasterService): number | null => {
    const ep = inetEndpoint(s.name, known);
    return ep.ok ? ep.port : null;
  };
  const hostOf = (s: MasterService): string | null => {
    const ep = inetEndpoint(s.name, known);
    return ep.ok ? ep.host : null;
  };
  // Only a host in the service name counts: the lab itself (like the corpus) listens on 127.0.0.1 only.
  const loopbackOnly = (host: string): boolean => /^(127\.|::1$|localhost$)/.test(host);
  const postscreen25 = services.some((s) => s.type === 'inet' && basename(s.command) === 'postscreen' && portOf(s) === 25);
  const smtpd: SmtpdService[] = [];
  for (const s of services) {
    const cmd = basename(s.command);
    if (s.type !== 'inet' && s.type !== 'pass') continue;
    if (cmd === 'postscreen') {
      notSimulated.push(NOT_SIMULATED_TEXT.postscreen(s.name));
      continue;
    }
    if (!SIMULATED_COMMANDS.has(cmd)) {
      if (!QUIET_COMMANDS.has(cmd) || s.type === 'inet') notSimulated.push(NOT_SIMULATED_TEXT.service(s.name, s.type, s.command));
      continue;
    }
    notSimulatedSettings(`master.cf ${s.name}/${s.type}`, s.params.keys(), (n) => s.params.get(n), notSimulated);
    const params = serviceParameters(main, s);
    const port = s.type === 'inet' ? portOf(s) : null;
    const port25 = s.type === 'inet' ? port === 25 : postscreen25 && s.name === 'smtpd';
    if (s.type === 'pass' && !port25) {
      notSimulated.push(NOT_SIMULATED_TEXT.service(s.name, s.type, s.command));
      continue;
    }
    const level = effectiveLevel(params, 'smtpd');
    const wrapper = bool(params.get('smtpd_tls_wrappermode'));
    const tls = wrapper || level === 'may' || level === 'encrypt';
    let tlsInitLog: readonly string[] = [];
    let tlsBroken = false;
    if (tls) {
      const init = serverEngine.init(params, { enforce: wrapper || level === 'encrypt', files: opts.files });
      const program = `${params.get('syslog_name')}/smtpd`;
      tlsInitLog = init.warnings.filter((w) => w.startsWith('warning:')).map((w) => `${program}: ${w}`);
      tlsBroken = init.context === null;
    }
    const host = s.type === 'inet' ? hostOf(s) : null;
    smtpd.push({
      name: s.name,
      type: s.type,
      port: port25 && port === null ? 25 : port,
      host,
      loopback: host !== null && loopbackOnly(host),
      port25,
      params,
      level,
      wrapper,
      tls,
      tlsInitLog,
      tlsBroken,
      line: s.entry.firstLine,
    });
  }
  for (const s of services) {
    if ((s.type === 'unix' || s.type === 'fifo') && !QUIET_COMMANDS.has(basename(s.command)) && basename(s.command) === 'spawn') {
      notSimulated.push(NOT_SIMULATED_TEXT.service(s.name, s.type, s.command));
    }
  }
  // The default transport's client: master.cf's `smtp unix ... smtp` with its -o settings.
  const transport = mainView.get('default_transport').split(':')[0] || 'smtp';
  const clientService = services.find((s) => s.name === transport && s.type === 'unix' && basename(s.command) === 'smtp') ?? null;
  const client = serviceParameters(main, clientService);
  return { postfixWarnings, postfixFatal, main, master, mainView, smtpd, client, notSimulated: [...new Set(notSimulated)] };
}

/** A FileLookup over a plain record (the browser: pasted files, plus the lab's when substituting). */
export function recordLookup(files: Readonly<Record<string, SimFile>>): FileLookup {
  return (path: string) => files[path];
}
