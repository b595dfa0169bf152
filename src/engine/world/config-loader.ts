import { checkMainCf, formatCheck } from '../config/check.ts';
import { serviceParameters } from '../config/effective.ts';
import { MainCf } from '../config/main-cf.ts';
import { MasterCf, type MasterService } from '../config/master-cf.ts';
import type { ParameterView } from '../config/parameter-view.ts';
import { ETC_SERVICES, inetEndpoint } from '../config/services.ts';
import type { ConfigLoad, ConfigSnapshot, InetListener } from '../master/config-snapshot.ts';
import { runPostconf } from '../postconf/run-postconf.ts';
import type { SimFs } from './sim-fs.ts';

export const MAIN_CF = '/etc/postfix/main.cf';
export const MASTER_CF = '/etc/postfix/master.cf';
export const ETC_SERVICES_PATH = '/etc/services';

function listenerOf(s: MasterService, main: ParameterView, etcServices: string): InetListener | null {
  const ep = inetEndpoint(s.name, main.get('known_tcp_ports'), etcServices);
  if (!ep.ok) return null;
  const interfaces = main.get('inet_interfaces');
  const local = (a: string): string => (a === 'loopback-only' || a === 'localhost' ? '127.0.0.1' : a);
  const addresses = ep.host !== null ? [local(ep.host)] : interfaces === 'all' ? ['0.0.0.0'] : interfaces.split(/[\s,]+/).map(local);
  return { service: s.name, addresses, port: ep.port, command: s.command };
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
    const r = runPostconf(['-h', 'mail_version'], { mainCf: mainText, masterCf: masterText }, { programName: '/usr/sbin/postconf' });
    const lines = r.stderr.split('\n').filter((l) => l !== '');
    if (r.exitCode !== 0) {
      const fatal = lines.pop() ?? '/usr/sbin/postconf: fatal: configuration error';
      return { ok: false, fatal, warnings: [...warnings, ...lines] };
    }
    warnings.push(...lines);
    if (action === 'check' && run === POSTSUPER_AFTER_RUN)
      warnings.push(...formatCheck('postsuper', { warnings: own.warnings, fatal: null }));
  }
  const main = MainCf.parse(mainText ?? '', { path: MAIN_CF });
  const master = MasterCf.parse(masterText, { path: MASTER_CF });
  const mainView = serviceParameters(main, null);
  const services = master.services();
  const etcServices = fs.read(ETC_SERVICES_PATH) ?? ETC_SERVICES;
  const listeners = services.filter((s) => s.type === 'inet').flatMap((s) => listenerOf(s, mainView, etcServices) ?? []);
  const views = new Map<string, ParameterView>();
  const snapshot: ConfigSnapshot = {
    main: mainView,
    listeners,
    masterFatal: master.daemonErrors()[0] ?? null,
    paramsFor(service, type) {
      const key = `${service}/${type ?? ''}`;
      let v = views.get(key);
      if (v === undefined) {
        const same = services.filter((x) => x.name === service);
        v = serviceParameters(main, same.find((x) => x.type === (type ?? 'unix')) ?? same[0] ?? null);
        views.set(key, v);
      }
      return v;
    },
  };
  // The daemons that read main.cf during a check log its warnings too: postsuper, and postlogd as it
  // starts again to take postsuper's lines (corpus postconf-behaviours raw.log).
  const logged =
    action === 'check'
      ? ['postfix/postsuper', 'postfix/postlogd'].flatMap((program) => own.warnings.map((w) => ({ program, text: `warning: ${w}` })))
      : [];
  return { ok: true, snapshot, warnings, logged };
}
