import { checkMainCf, formatCheck } from '../config/check.ts';
import { effectiveProcessLimit, serviceParameters } from '../config/effective.ts';
import { MainCf } from '../config/main-cf.ts';
import { MasterCf, type MasterService } from '../config/master-cf.ts';
import type { ParameterView } from '../config/parameter-view.ts';
import { ETC_SERVICES, inetEndpoint } from '../config/services.ts';
import type { ConfigLoad, ConfigSnapshot, InetListener } from '../master/config-snapshot.ts';
import { postconfConfigCheck } from '../postconf/read-config.ts';
import type { SimFs } from './sim-fs.ts';

export const MAIN_CF = '/etc/postfix/main.cf';
export const MASTER_CF = '/etc/postfix/master.cf';
export const ETC_SERVICES_PATH = '/etc/services';

function listenerOf(s: MasterService, main: ParameterView, etcServices: string, interfaces: string): InetListener | null {
  const ep = inetEndpoint(s.name, main.get('known_tcp_ports'), etcServices);
  if (!ep.ok) return null;
  const local = (a: string): string => (a === 'loopback-only' || a === 'localhost' ? '127.0.0.1' : a);
  const addresses = ep.host !== null ? [local(ep.host)] : interfaces === 'all' ? ['0.0.0.0'] : interfaces.split(/[\s,]+/).map(local);
  return { service: s.name, addresses, port: ep.port, command: s.command, processLimit: effectiveProcessLimit(s, main) };
}

/** Options of single_server's getopt (`cdDi:lm:n:o:r:s:St:uvVz`) that take a value. */
const OPTIONS_WITH_VALUE = new Set(['i', 'm', 'n', 'o', 'r', 's', 't']);

/**
 * The arguments of a master.cf command left after its options: getopt in `+` mode
 * (util/sys_defs.h GETOPT on Linux) stops at the first word that is not an option, or after `--`
 * (master/single_server.c, single_server_main).
 */
export function argsAfterOptions(args: readonly string[]): readonly string[] {
  let i = 0;
  while (i < args.length) {
    const a = args[i] ?? '';
    if (a === '--') return args.slice(i + 1);
    if (!a.startsWith('-') || a === '-') return args.slice(i);
    for (let j = 1; j < a.length; j++) {
      if (!OPTIONS_WITH_VALUE.has(a[j] ?? '')) continue;
      if (j === a.length - 1) i++; // the value is the next word
      break;
    }
    i++;
  }
  return [];
}

/**
 * The configuration master(8) runs with, built from the two files' text (what `loadConfig` read,
 * or a saved master state being restored). `inetInterfaces` replaces main.cf's value (master
 * keeps the one it started with across reloads). Never throws.
 */
export function configSnapshot(
  mainText: string,
  masterText: string,
  etcServices: string = ETC_SERVICES,
  inetInterfaces?: string,
): ConfigSnapshot {
  const main = MainCf.parse(mainText, { path: MAIN_CF });
  const master = MasterCf.parse(masterText, { path: MASTER_CF });
  const mainView = serviceParameters(main, null);
  const services = master.services();
  const interfaces = inetInterfaces ?? mainView.get('inet_interfaces');
  const listeners = services.filter((s) => s.type === 'inet').flatMap((s) => listenerOf(s, mainView, etcServices, interfaces) ?? []);
  const views = new Map<string, ParameterView>();
  const serviceOf = (service: string, type: string | undefined): MasterService | null => {
    const same = services.filter((x) => x.name === service);
    return same.find((x) => x.type === (type ?? 'unix')) ?? same[0] ?? null;
  };
  return {
    mainCfText: mainText,
    masterCfText: masterText,
    main: mainView,
    listeners,
    inetServices: master.entries.filter((e) => e.type === 'inet').map((e) => e.name),
    masterFatal: master.daemonErrors()[0] ?? null,
    paramsFor(service, type) {
      const key = `${service}/${type ?? ''}`;
      let v = views.get(key);
      if (v === undefined) {
        v = serviceParameters(main, serviceOf(service, type));
        views.set(key, v);
      }
      return v;
    },
    daemonParams(service, type, mainCfText) {
      return serviceParameters(MainCf.parse(mainCfText, { path: MAIN_CF }), serviceOf(service, type));
    },
    daemonArgs(service, type) {
      return argsAfterOptions(serviceOf(service, type)?.entry.argv.slice(8) ?? []);
    },
  };
}

/**
 * How many times postfix-script runs postconf, and where postsuper reads main.cf, during a
 * check (corpus postconf-behaviours: `postfix check` printed a main.cf warning 20 times from
 * /usr/sbin/postconf, once from postsuper after the 19th, and once from postfix(1) itself
 * first; `postfix reload` once from /usr/sbin/postconf). `start` is taken to be like reload.
 */
const POSTCONF_RUNS = { check: 20, reload: 1, start: 1 } as const;
const POSTSUPER_AFTER_RUN = 19;

/**
 * What `postfix check|start|reload` prints while it reads the configuration, and the
 * configuration master(8) then runs with. Never throws.
 */
export function loadConfig(fs: SimFs, action: 'check' | 'start' | 'reload' = 'check'): ConfigLoad {
  const mainText = fs.read(MAIN_CF);
  const masterText = fs.read(MASTER_CF) ?? '';
  const warnings: string[] = [];
  // postfix(1) reads main.cf first.
  const own = checkMainCf(mainText, MAIN_CF);
  if (own.fatal !== null)
    return {
      ok: false,
      fatal: formatCheck('postfix', { warnings: [], fatal: own.fatal }).join('\n'),
      warnings: formatCheck('postfix', { warnings: own.warnings, fatal: null }),
    };
  warnings.push(...formatCheck('postfix', { warnings: own.warnings, fatal: null }));
  for (let run = 1; run <= POSTCONF_RUNS[action]; run++) {
    const r = postconfConfigCheck({ mainCf: mainText, masterCf: masterText }, '/usr/sbin/postconf');
    const lines = r.stderr.split('\n').filter((l) => l !== '');
    if (r.exitCode !== 0) {
      const fatal = lines.pop() ?? '/usr/sbin/postconf: fatal: configuration error';
      return { ok: false, fatal, warnings: [...warnings, ...lines] };
    }
    warnings.push(...lines);
    if (action === 'check' && run === POSTSUPER_AFTER_RUN)
      warnings.push(...formatCheck('postsuper', { warnings: own.warnings, fatal: null }));
  }
  const snapshot = configSnapshot(mainText ?? '', masterText, fs.read(ETC_SERVICES_PATH) ?? ETC_SERVICES);
  // The daemons that read main.cf during a check log its warnings too: postsuper, and postlogd as it
  // starts again to take postsuper's lines (corpus postconf-behaviours raw.log).
  const logged =
    action === 'check'
      ? ['postfix/postsuper', 'postfix/postlogd'].flatMap((program) => own.warnings.map((w) => ({ program, text: `warning: ${w}` })))
      : [];
  return { ok: true, snapshot, warnings, logged };
}
