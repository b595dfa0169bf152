/**
 * The compiled-in defaults of Postfix 3.7.11 (Debian 12), raw (unexpanded), and the facts
 * about parameter names that postconf needs: which names are built in, which values are never
 * `$name`-expanded, which are read-only, and which names master.cf services add.
 *
 * The table is `postconf -d` of the real program (data/postconf-defaults.ts). A few defaults
 * depend on the host or on other settings, as Postfix computes them at run time:
 * - myhostname: the host name when it has a dot, else `<hostname>.<mydomain>` (mydomain from
 *   main.cf, else `localdomain`) [real: checked with the real postconf on a host named `vm`];
 * - mydomain: the (effective) myhostname minus its first label, `localdomain` without a dot;
 * - process_id / process_name: of the program asking (postconf: its pid, `postconf`);
 * - mynetworks: from the interfaces; the lab shows what the corpus machine had
 *   (postconf-defaults-tls-sasl: `127.0.0.0/8 192.0.2.0/24 [::1]/128 [fd00::]/64 [fe80::]/64`).
 */
import { BUILTIN_DEFAULTS } from './data/postconf-defaults.ts';

/** Facts about the simulated host and the program reading the configuration. */
export interface HostFacts {
  /** gethostname(): `mail.example.org` in the lab. */
  readonly hostname: string;
  /** The pid shown as process_id (postconf -d prints its own). */
  readonly processId?: number;
  /** process_name: `postconf`, `smtpd`, ... */
  readonly processName?: string;
}

export const LAB_HOST: HostFacts = { hostname: 'mail.example.org' };

const TABLE: ReadonlyMap<string, string> = new Map(BUILTIN_DEFAULTS);

/** Built-in parameter names, sorted (as `postconf -d` lists them). */
export function builtinParameterNames(): readonly string[] {
  return SORTED_NAMES;
}
const SORTED_NAMES: readonly string[] = BUILTIN_DEFAULTS.map(([n]) => n);

export function isBuiltinParameter(name: string): boolean {
  return TABLE.has(name);
}

/**
 * Parameters whose value postconf never expands (`postconf -x` prints them raw), found by
 * setting every built-in parameter to `x$biff` and running `postconf -nx` [real].
 */
export const RAW_PARAMETERS: ReadonlySet<string> = new Set([
  'command_execution_directory',
  'default_rbl_reply',
  'forward_path',
  'luser_relay',
  'mailbox_command',
  'postscreen_expansion_filter',
  'postscreen_reject_footer',
  'smtpd_expansion_filter',
  'smtpd_reject_footer',
]);

/**
 * Obsolete names that some defaults still refer to for backwards compatibility
 * (`virtual_alias_maps = $virtual_maps`, ...). postconf knows them (empty default) but lists
 * them only when main.cf sets them [real: checked with `postconf virtual_maps` and -n].
 * The list is every `$name` in a default that is not a built-in name (defaults.test.ts
 * checks that).
 */
export const LEGACY_PARAMETERS: ReadonlySet<string> = new Set([
  'authorized_verp_clients',
  'fallback_relay',
  'lmtp_per_record_deadline',
  'postscreen_blacklist_action',
  'postscreen_dnsbl_ttl',
  'postscreen_dnsbl_whitelist_threshold',
  'postscreen_whitelist_interfaces',
  'smtp_per_record_deadline',
  'smtpd_client_connection_limit_exceptions',
  'smtpd_per_record_deadline',
  'tlsproxy_client_level',
  'tlsproxy_client_policy',
  'virtual_maps',
]);

/** Parameters that main.cf cannot set: postconf warns "read-only parameter assignment" [real]. */
export const READ_ONLY_PARAMETERS: ReadonlySet<string> = new Set(['process_id', 'process_name', 'service_name']);

/** Reads another setting (main.cf or -o) when a default depends on it. */
export type SettingLookup = (name: string) => string | undefined;

function defaultHostname(host: HostFacts, setting: SettingLookup): string {
  if (host.hostname.includes('.')) return host.hostname;
  return `${host.hostname}.${setting('mydomain') ?? 'localdomain'}`;
}

/**
 * The compiled-in default of a built-in parameter, raw; undefined for names that are not
 * built in. `setting` gives the values main.cf sets (for the defaults computed from them).
 */
export function builtinDefault(name: string, host: HostFacts = LAB_HOST, setting: SettingLookup = () => undefined): string | undefined {
  switch (name) {
    case 'myhostname':
      return defaultHostname(host, setting);
    case 'mydomain': {
      const h = setting('myhostname') ?? defaultHostname(host, setting);
      const dot = h.indexOf('.');
      return dot >= 0 && dot < h.length - 1 ? h.slice(dot + 1) : 'localdomain';
    }
    case 'process_id':
      return String(host.processId ?? 0);
    case 'process_name':
      return host.processName ?? 'postconf';
    default:
      return TABLE.get(name) ?? (LEGACY_PARAMETERS.has(name) ? '' : undefined);
  }
}

/**
 * Names that master.cf services add (postconf_service.c): `<service><suffix>` for every
 * entry whose command is one of these programs, defaulting to `$<parameter>`, unless the name
 * is already built in.
 */
const DELIVERY_SUFFIXES: readonly (readonly [string, string])[] = [
  ['_recipient_limit', 'default_recipient_limit'],
  ['_extra_recipient_limit', 'default_extra_recipient_limit'],
  ['_recipient_refill_limit', 'default_recipient_refill_limit'],
  ['_recipient_refill_delay', 'default_recipient_refill_delay'],
  ['_delivery_slot_cost', 'default_delivery_slot_cost'],
  ['_delivery_slot_loan', 'default_delivery_slot_loan'],
  ['_delivery_slot_discount', 'default_delivery_slot_discount'],
  ['_minimum_delivery_slots', 'default_minimum_delivery_slots'],
  ['_initial_destination_concurrency', 'initial_destination_concurrency'],
  ['_destination_concurrency_limit', 'default_destination_concurrency_limit'],
  ['_destination_recipient_limit', 'default_destination_recipient_limit'],
  ['_destination_concurrency_positive_feedback', 'default_destination_concurrency_positive_feedback'],
  ['_destination_concurrency_negative_feedback', 'default_destination_concurrency_negative_feedback'],
  ['_destination_concurrency_failed_cohort_limit', 'default_destination_concurrency_failed_cohort_limit'],
  ['_destination_rate_delay', 'default_destination_rate_delay'],
  ['_transport_rate_delay', 'default_transport_rate_delay'],
];
const TIME_LIMIT: readonly [string, string] = ['_time_limit', 'command_time_limit'];

const PROGRAM_SUFFIXES: ReadonlyMap<string, readonly (readonly [string, string])[]> = new Map([
  ['local', DELIVERY_SUFFIXES],
  ['error', DELIVERY_SUFFIXES],
  ['virtual', DELIVERY_SUFFIXES],
  ['smtp', DELIVERY_SUFFIXES],
  ['lmtp', DELIVERY_SUFFIXES],
  ['pipe', [TIME_LIMIT, ...DELIVERY_SUFFIXES]],
  ['spawn', [TIME_LIMIT]],
]);

export interface ServiceParameter {
  readonly name: string;
  /** `$<parameter>`, or the built-in default when the name is also built in. */
  readonly defaultValue: string;
  /** The name is also built in (local_destination_concurrency_limit, ...). */
  readonly builtin: boolean;
}

/** The service-defined parameters of one master.cf entry (`command` is its 8th field). */
export function serviceParameters(serviceName: string, command: string): readonly ServiceParameter[] {
  const suffixes = PROGRAM_SUFFIXES.get(command);
  if (suffixes === undefined) return [];
  return suffixes.map(([suffix, param]) => {
    const name = serviceName + suffix;
    const builtin = TABLE.get(name);
    return builtin === undefined ? { name, defaultValue: `$${param}`, builtin: false } : { name, defaultValue: builtin, builtin: true };
  });
}
