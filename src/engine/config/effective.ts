/**
 * The parameters one daemon sees: its master.cf `-o name=value` settings, then main.cf, then
 * the compiled-in default, with `$name` expanded recursively (unknown names expand to '').
 * `$service_name` is the master.cf service name (so `syslog_name = postfix/$service_name`
 * works); syslog_name defaults to `${multi_instance_name?{$multi_instance_name}:{postfix}}`,
 * i.e. `postfix`. Values are computed once per view.
 */
import { builtinDefault, LAB_HOST } from './defaults.ts';
import type { HostFacts } from './defaults.ts';
import { expandMacros } from './expand.ts';
import type { MainCf } from './main-cf.ts';
import type { MasterService } from './master-cf.ts';
import type { ParameterView } from './parameter-view.ts';

/** CONFIG_DICT is called mail_dict; daemons die with this when a value cannot be expanded [real: see postconf myhostname case]. */
export const EXPANSION_FATAL = 'dictionary mail_dict: macro processing error';

/** A ParameterView that also tells what went wrong while expanding a value. */
export interface EffectiveParameters extends ParameterView {
  /** Warnings printed while expanding `name` (Postfix logs them as `warning: ...`). */
  warnings(name: string): readonly string[];
  /** The fatal error a daemon would die with when it reads `name`, or null. */
  fatal(name: string): string | null;
  /** The service this view belongs to ('' for main.cf only). */
  readonly serviceName: string;
}

interface Computed {
  readonly value: string;
  readonly warnings: readonly string[];
  readonly error: boolean;
}

/**
 * serviceParameters(main, service): the view of `service` (null: main.cf alone, as the
 * `postfix` command and postconf see it). Never throws.
 */
export function serviceParameters(main: MainCf, service: MasterService | null, host: HostFacts = LAB_HOST): EffectiveParameters {
  const overrides: ReadonlyMap<string, string> = service?.params ?? new Map<string, string>();
  const serviceName = service?.name ?? '';
  const setting = (n: string): string | undefined => overrides.get(n) ?? main.get(n);
  const rawOf = (name: string): string | undefined => {
    // Read-only in main.cf and -o: the daemon sets them itself.
    if (name === 'service_name') return serviceName;
    if (name === 'process_name' && service !== null) return service.command.slice(service.command.lastIndexOf('/') + 1);
    if (name === 'process_id' || name === 'process_name') return builtinDefault(name, host, setting);
    return setting(name) ?? builtinDefault(name, host, setting);
  };
  const cache = new Map<string, Computed>();
  const compute = (name: string): Computed => {
    const hit = cache.get(name);
    if (hit !== undefined) return hit;
    const raw = rawOf(name);
    let result: Computed;
    if (raw === undefined || !raw.includes('$')) {
      result = { value: raw ?? '', warnings: [], error: false };
    } else {
      const warnings: string[] = [];
      const r = expandMacros(raw, (n) => rawOf(n), { warn: (t) => warnings.push(t) });
      result = { value: r.value, warnings, error: r.error };
    }
    cache.set(name, result);
    return result;
  };
  return {
    serviceName,
    get: (name) => compute(name).value,
    raw: (name) => rawOf(name) ?? '',
    isSet: (name) => overrides.has(name) || main.has(name),
    warnings: (name) => compute(name).warnings,
    fatal: (name) => (compute(name).error ? EXPANSION_FATAL : null),
  };
}

/** The process limit master(8) applies: the maxproc column, or $default_process_limit for `-`. */
export function effectiveProcessLimit(service: MasterService, main: ParameterView): number {
  if (service.processLimit !== null && Number.isFinite(service.processLimit)) return service.processLimit;
  const n = Number.parseInt(main.get('default_process_limit'), 10);
  return Number.isFinite(n) ? n : 100;
}
