import { mapView, type ParameterView } from '../../../../src/engine/config/parameter-view.ts';
import type { ConfigDelta } from './scenario.ts';
import { corpusText } from './scenario.ts';

/**
 * The compiled-in defaults smtpd needs, for a test-only parameter view. `postconf -d` values recorded in
 * the corpus (postconf-defaults-tls-sasl) are read from there; the rest are Postfix 3.7 defaults
 * (postconf(5)) with `${stress?...}` and `${{$compatibility_level} ...}` already evaluated for
 * compatibility_level = 3.6, not under stress.
 */
const EVALUATED_DEFAULTS: Readonly<Record<string, string>> = {
  mail_name: 'Postfix',
  syslog_name: 'postfix',
  smtpd_relay_restrictions: 'permit_mynetworks, permit_sasl_authenticated, defer_unauth_destination',
  smtpd_hard_error_limit: '20',
  smtpd_junk_command_limit: '100',
  smtpd_error_sleep_time: '1s',
  smtpd_recipient_limit: '1000',
  smtpd_recipient_overshoot_limit: '1000',
  smtpd_history_flush_threshold: '100',
  smtputf8_enable: 'yes',
  soft_bounce: 'no',
  smtpd_helo_required: 'no',
  smtpd_delay_reject: 'yes',
  strict_rfc821_envelopes: 'no',
  disable_vrfy_command: 'no',
  smtpd_reject_unlisted_recipient: 'yes',
  smtpd_delay_open_until_valid_rcpt: 'yes',
  smtpd_forbid_unauth_pipelining: 'no',
  smtpd_noop_commands: '',
  smtpd_client_restrictions: '',
  smtpd_helo_restrictions: '',
  smtpd_sender_restrictions: '',
  relay_domains: '',
  fast_flush_domains: '$relay_domains',
  local_recipient_maps: 'proxy:unix:passwd.byname $alias_maps',
  recipient_delimiter: '',
  notify_classes: 'resource, software',
  error_notice_recipient: 'postmaster',
  double_bounce_sender: 'double-bounce',
  virtual_alias_domains: '$virtual_alias_maps',
  virtual_alias_maps: '',
  virtual_mailbox_domains: '$virtual_mailbox_maps',
  virtual_mailbox_maps: '',
  smtpd_starttls_timeout: '300s',
  smtpd_tls_fingerprint_digest: 'sha256',
};

let recorded: Map<string, string> | null = null;

/** `S: name = value` lines of the corpus `postconf -d` dumps. */
function recordedDefaults(): Map<string, string> {
  if (recorded !== null) return recorded;
  recorded = new Map();
  for (const line of corpusText('postconf-defaults-tls-sasl', 'transcript.normalized.txt').split('\n')) {
    const m = /^S: ([a-z0-9_]+) =(?: (.*))?$/.exec(line);
    if (m !== null && !recorded.has(m[1] ?? '')) recorded.set(m[1] ?? '', m[2] ?? '');
  }
  return recorded;
}

/** main.cf text → name/value pairs (comments, continuation lines). */
export function parseMainCf(text: string): [string, string][] {
  const logical: string[] = [];
  for (const raw of text.split('\n')) {
    if (/^\s*#/.test(raw) || raw.trim() === '') continue;
    if (/^\s/.test(raw) && logical.length > 0) logical[logical.length - 1] += ` ${raw.trim()}`;
    else logical.push(raw);
  }
  return logical.flatMap((l) => {
    const eq = l.indexOf('=');
    return eq < 0 ? [] : [[l.slice(0, eq).trim(), l.slice(eq + 1).trim()] as [string, string]];
  });
}

/** `$name` and `${name}` expansion (enough for the corpus configuration). */
function expand(raw: Map<string, string>, value: string, depth = 0): string {
  if (depth > 20) return value;
  return value.replace(/\$(?:\{([a-z0-9_]+)\}|([a-z0-9_]+))/gi, (_m, a: string | undefined, b: string | undefined) =>
    expand(raw, raw.get(a ?? b ?? '') ?? '', depth + 1),
  );
}

export interface ServiceParams {
  readonly view: ParameterView;
  readonly values: ReadonlyMap<string, string>;
}

/** The effective parameters of `service`: defaults, base/main.cf, the scenario's postconf -e lines, then its -o overrides. */
export function serviceParams(delta: ConfigDelta, service: string, extra: Readonly<Record<string, string>> = {}): ServiceParams {
  const raw = new Map<string, string>(recordedDefaults());
  for (const [k, v] of Object.entries(EVALUATED_DEFAULTS)) raw.set(k, v);
  for (const [k, v] of parseMainCf(corpusText('base', 'main.cf'))) raw.set(k, v);
  for (const [k, v] of delta.main) raw.set(k, v);
  for (const entry of delta.master) if (entry.service === service) for (const [k, v] of entry.overrides) raw.set(k, v);
  for (const [k, v] of Object.entries(extra)) raw.set(k, v);
  const values = new Map<string, string>();
  for (const k of raw.keys()) values.set(k, expand(raw, raw.get(k) ?? ''));
  return { view: mapView(Object.fromEntries(values)), values };
}

/** Port → master.cf service of the corpus (stock Debian master.cf plus the scenario's entries). */
export const SERVICE_FOR_PORT: Readonly<Record<number, string>> = { 25: 'smtp', 587: 'submission', 465: 'submissions' };
