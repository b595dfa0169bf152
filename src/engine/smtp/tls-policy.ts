import type { ParameterView } from '../config/parameter-view.ts';
import { lookupMaps } from '../queue/lookup-table.ts';
import { boolParam, listParam, param } from '../queue/params.ts';
import type { SimFs } from '../world/sim-fs.ts';
import type { Nexthop } from './nexthop.ts';
import { daneWithoutDnssec, invalidTlsLevel, policyLookupProblem, unknownLoglevel } from './log-texts.ts';

/** smtp(8)'s TLS security levels (postfix-facts.md §3). */
export const CLIENT_TLS_LEVELS = ['none', 'may', 'encrypt', 'dane', 'dane-only', 'fingerprint', 'verify', 'secure'] as const;
export type ClientTlsLevel = (typeof CLIENT_TLS_LEVELS)[number];
/** The level a session runs at once DANE has fallen back (no DNSSEC in the lab). */
export type SessionTlsLevel = Exclude<ClientTlsLevel, 'dane' | 'dane-only'>;

export interface TlsPolicy {
  readonly level: SessionTlsLevel;
  /** Log texts to write before connecting (DANE warnings). */
  readonly warnings: readonly string[];
  /** The parameters the TLS engine sees: main.cf/master.cf with the policy table's attributes on top. */
  readonly params: ParameterView;
}

export type PolicyResult =
  | { readonly kind: 'ok'; readonly policy: TlsPolicy }
  /** The destination cannot be served: defer without connecting (dane-only without DNSSEC, a bad policy entry). */
  | { readonly kind: 'defer'; readonly warnings: readonly string[] }
  /** smtp(8) dies at start: an invalid smtp_tls_security_level in main.cf or master.cf. */
  | { readonly kind: 'fatal'; readonly log: string };

export function isClientTlsLevel(v: string): v is ClientTlsLevel {
  return (CLIENT_TLS_LEVELS as readonly string[]).includes(v);
}

/** `smtp_tls_security_level`, or the legacy smtp_enforce_tls / smtp_use_tls when it is empty (postfix-facts.md §3). */
function configuredLevel(params: ParameterView): string {
  const v = param(params, 'smtp_tls_security_level').toLowerCase();
  if (v !== '') return v;
  if (boolParam(params, 'smtp_enforce_tls')) return boolParam(params, 'smtp_tls_enforce_peername') ? 'verify' : 'encrypt';
  if (boolParam(params, 'smtp_use_tls')) return 'may';
  return 'none';
}

/** Policy table attributes and the parameters they stand for at a level. */
function overlay(base: ParameterView, level: SessionTlsLevel, attrs: ReadonlyMap<string, string>): ParameterView {
  if (attrs.size === 0) return base;
  const mandatory = level !== 'none' && level !== 'may';
  const values = new Map<string, string>();
  for (const [name, value] of attrs) {
    switch (name) {
      case 'protocols':
        values.set(mandatory ? 'smtp_tls_mandatory_protocols' : 'smtp_tls_protocols', value.replaceAll(':', ', '));
        break;
      case 'ciphers':
        values.set(mandatory ? 'smtp_tls_mandatory_ciphers' : 'smtp_tls_ciphers', value);
        break;
      case 'exclude':
        values.set(mandatory ? 'smtp_tls_mandatory_exclude_ciphers' : 'smtp_tls_exclude_ciphers', value.replaceAll(':', ', '));
        break;
      case 'match':
        if (level === 'fingerprint') values.set('smtp_tls_fingerprint_cert_match', value.replaceAll('|', ', '));
        else if (level === 'secure') values.set('smtp_tls_secure_cert_match', value.replaceAll(':', ', '));
        else values.set('smtp_tls_verify_cert_match', value.replaceAll(':', ', '));
        break;
      case 'tafile':
        values.set('smtp_tls_trust_anchor_file', value);
        break;
      default:
        break;
    }
  }
  return {
    get: (n) => values.get(n) ?? base.get(n),
    raw: (n) => values.get(n) ?? base.raw(n),
    isSet: (n) => values.has(n) || base.isSet(n),
  };
}

/** The policy table entry for a nexthop: the exact destination, then `.parent` domains for a domain. */
function policyEntry(params: ParameterView, fs: SimFs | null, nexthop: Nexthop): string | null {
  const maps = listParam(params, 'smtp_tls_policy_maps');
  if (maps.length === 0) return null;
  const exact = lookupMaps(fs, maps, nexthop.text);
  if (exact !== null || nexthop.bracketed) return exact;
  const labels = nexthop.host.toLowerCase().split('.');
  for (let i = 1; i < labels.length; i++) {
    const v = lookupMaps(fs, maps, `.${labels.slice(i).join('.')}`);
    if (v !== null) return v;
  }
  return null;
}

/**
 * The TLS policy for one nexthop (smtp_tls_policy.c): main.cf level, or the policy table's
 * level and attributes; DANE falls back as it does without DNSSEC (more/outbound-dane-no-dnssec).
 */
export function tlsPolicy(params: ParameterView, fs: SimFs | null, nexthop: Nexthop, hostName: string): PolicyResult {
  const main = configuredLevel(params);
  if (!isClientTlsLevel(main)) return { kind: 'fatal', log: invalidTlsLevel(param(params, 'smtp_tls_security_level')) };

  let level: ClientTlsLevel = main;
  const attrs = new Map<string, string>();
  const entry = policyEntry(params, fs, nexthop);
  if (entry !== null) {
    const [word = '', ...rest] = entry.split(/\s+/).filter((w) => w !== '');
    const lv = word.toLowerCase();
    if (!isClientTlsLevel(lv)) return { kind: 'defer', warnings: [policyLookupProblem(nexthop.text, hostName)] };
    level = lv;
    for (const a of rest) {
      const eq = a.indexOf('=');
      if (eq > 0) attrs.set(a.slice(0, eq).toLowerCase(), a.slice(eq + 1));
    }
  }

  const warnings: string[] = [];
  let session: SessionTlsLevel;
  switch (level) {
    case 'dane':
    case 'dane-only': {
      const dnssec = param(params, 'smtp_dns_support_level').toLowerCase() === 'dnssec';
      if (!dnssec) warnings.push(daneWithoutDnssec(nexthop.text, level));
      // No DNSSEC-validated TLSA records exist in the lab: dane acts as may, dane-only cannot deliver.
      if (level === 'dane-only') return { kind: 'defer', warnings: [...warnings, policyLookupProblem(nexthop.text, hostName)] };
      session = 'may';
      break;
    }
    case 'none':
    case 'may':
    case 'encrypt':
    case 'fingerprint':
    case 'verify':
    case 'secure':
      session = level;
      break;
  }
  return { kind: 'ok', policy: { level: session, warnings, params: overlay(params, session, attrs) } };
}

/** smtp_tls_loglevel as a number 0..4 (postfix-facts.md §5), with the warning for an unknown value. */
export function tlsLoglevel(params: ParameterView): { readonly level: number; readonly warning: string | null } {
  const v = param(params, 'smtp_tls_loglevel').trim();
  if (/^\d+$/.test(v)) return { level: Math.min(Number(v), 4), warning: null };
  const named: Readonly<Record<string, number>> = { routine: 1, debug: 2, 'ssl-expert': 3, 'ssl-developer': 4 };
  const n = named[v.toLowerCase()];
  if (n !== undefined) return { level: n, warning: null };
  return { level: 0, warning: unknownLoglevel('smtp_tls_loglevel', v) };
}
