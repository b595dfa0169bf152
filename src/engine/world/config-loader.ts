import { builtinDefault, type HostFacts, LAB_HOST } from '../config/defaults.ts';
import { expandMacros } from '../config/expand.ts';
import { MainCf } from '../config/main-cf.ts';
import { MasterCf, type MasterService } from '../config/master-cf.ts';
import type { ParameterView } from '../config/parameter-view.ts';
import type { ConfigLoad, ConfigSnapshot, InetListener } from '../master/config-snapshot.ts';
import type { SimFs } from './sim-fs.ts';

export const MAIN_CF = '/etc/postfix/main.cf';
export const MASTER_CF = '/etc/postfix/master.cf';

/**
 * A daemon's view of its parameters: the service's `-o` overrides, then main.cf, then the
 * built-in default, `$name`-expanded recursively. Values are computed once per view.
 */
export function parameterView(
  main: MainCf,
  overrides: ReadonlyMap<string, string>,
  serviceName: string,
  host: HostFacts = LAB_HOST,
): ParameterView {
  const rawOf = (name: string): string | undefined => {
    if (name === 'service_name') return serviceName;
    return overrides.get(name) ?? main.get(name) ?? builtinDefault(name, host, (n) => overrides.get(n) ?? main.get(n));
  };
  const cache = new Map<string, string>();
  return {
    get(name) {
      const hit = cache.get(name);
      if (hit !== undefined) return hit;
      const raw = rawOf(name);
      const value = raw === undefined ? '' : expandMacros(raw, (n) => rawOf(n)).value;
      cache.set(name, value);
      return value;
    },
    raw: (name) => rawOf(name) ?? '',
    isSet: (name) => overrides.has(name) || main.has(name),
  };
}

/** The port of an inet service name: a number, or a name from `known_tcp_ports` or /etc/services. */
export function servicePort(name: string, knownTcpPorts: string, etcServices: string): number | null {
  if (/^\d+$/.test(name)) return Number(name);
  for (const item of knownTcpPorts.split(/[\s,]+/)) {
    const parts = item.split('=');
    const port = parts[parts.length - 1] ?? '';
    if (parts.slice(0, -1).includes(name) && /^\d+$/.test(port)) return Number(port);
  }
  for (const raw of etcServices.split('\n')) {
    const [svc, portProto, ...aliases] = raw.replace(/#.*/, '').trim().split(/\s+/);
    const m = /^(\d+)\/tcp$/.exec(portProto ?? '');
    if (m !== null && (svc === name || aliases.includes(name))) return Number(m[1]);
  }
  return null;
}

function listenerOf(s: MasterService, main: ParameterView, etcServices: string): InetListener | null {
  const colon = s.name.lastIndexOf(':');
  const host = colon >= 0 ? s.name.slice(0, colon) : null;
  const portName = colon >= 0 ? s.name.slice(colon + 1) : s.name;
  const port = servicePort(portName, main.get('known_tcp_ports'), etcServices);
  if (port === null) return null;
  const interfaces = main.get('inet_interfaces');
  const addresses =
    host !== null
      ? [host === 'localhost' ? '127.0.0.1' : host]
      : interfaces === 'all'
        ? ['0.0.0.0']
        : interfaces.split(/[\s,]+/).map((a) => (a === 'loopback-only' || a === 'localhost' ? '127.0.0.1' : a));
  return { service: s.name, addresses, port, command: s.command };
}

/** Reads main.cf and master.cf from the machine's files, as master(8) does at start or reload. */
export function loadConfig(fs: SimFs): ConfigLoad {
  const main = MainCf.parse(fs.read(MAIN_CF) ?? '');
  const master = MasterCf.parse(fs.read(MASTER_CF) ?? '', { path: MASTER_CF });
  if (main.fatal !== null) return { ok: false, fatal: main.fatal, warnings: [] };
  const daemonErrors = master.fatal !== null ? [master.fatal] : master.daemonErrors();
  const first = daemonErrors[0];
  if (first !== undefined) return { ok: false, fatal: first, warnings: [] };
  const mainView = parameterView(main, new Map(), '');
  const services = master.services();
  const etcServices = fs.read('/etc/services') ?? '';
  const listeners = services.filter((s) => s.type === 'inet').flatMap((s) => listenerOf(s, mainView, etcServices) ?? []);
  const views = new Map<string, ParameterView>();
  const snapshot: ConfigSnapshot = {
    main: mainView,
    listeners,
    paramsFor(service, type) {
      const key = `${service}/${type ?? ''}`;
      let v = views.get(key);
      if (v === undefined) {
        const same = services.filter((x) => x.name === service);
        const s = same.find((x) => x.type === (type ?? 'unix')) ?? same[0];
        v = parameterView(main, s?.params ?? new Map(), service);
        views.set(key, v);
      }
      return v;
    },
  };
  return { ok: true, snapshot, warnings: [] };
}
