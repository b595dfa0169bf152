import type { ParameterView } from '../config/parameter-view.ts';

/**
 * Compiled-in defaults of Postfix 3.7.11 the queue and smtp daemons read, used only when
 * the view answers '' for a parameter whose default is not empty (the config layer may
 * not know every parameter). Values: `postconf -d` (corpus postconf-defaults-tls-sasl where
 * listed there; otherwise Postfix's mail_params.h).
 */
const FALLBACK: Readonly<Record<string, string>> = {
  myhostname: 'mail.example.org',
  mail_name: 'Postfix',
  line_length_limit: '2048',
  smtp_line_length_limit: '998',
  minimal_backoff_time: '300s',
  maximal_backoff_time: '4000s',
  maximal_queue_lifetime: '5d',
  append_at_myorigin: 'yes',
  smtp_tls_loglevel: '0',
  smtp_tls_protocols: '>=TLSv1',
  smtp_tls_mandatory_protocols: '>=TLSv1',
  smtp_sasl_auth_enable: 'no',
  smtp_use_tls: 'no',
  smtp_enforce_tls: 'no',
  smtp_tls_enforce_peername: 'yes',
  smtp_dns_support_level: '',
  smtp_helo_name: '',
  mail_spool_directory: '/var/mail',
  local_header_rewrite_clients: 'permit_inet_interfaces',
  always_add_missing_headers: 'no',
};

/** The effective value, or Postfix's default when the view has none. */
export function param(view: ParameterView, name: string): string {
  const v = view.get(name).trim();
  if (v !== '' || view.isSet(name)) return v;
  return FALLBACK[name] ?? '';
}

/** `yes`/`no` (case-insensitive, as Postfix's get_mail_conf_bool); anything else counts as the default. */
export function boolParam(view: ParameterView, name: string): boolean {
  const v = param(view, name).toLowerCase();
  if (v === 'yes') return true;
  if (v === 'no') return false;
  return (FALLBACK[name] ?? 'no') === 'yes';
}

/** A Postfix list value: separated by commas and/or whitespace. */
export function listParam(view: ParameterView, name: string): string[] {
  return param(view, name)
    .split(/[\s,]+/)
    .filter((w) => w !== '');
}

const UNIT: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** A time parameter (`300s`, `10s`, `5m`, `1h`; a bare number is in seconds) in milliseconds; null when malformed. */
export function timeParamMs(view: ParameterView, name: string): number | null {
  const m = /^(\d+)([smhdw]?)$/i.exec(param(view, name));
  if (m === null) return null;
  const unit = UNIT[(m[2] ?? '').toLowerCase() || 's'] ?? 1;
  return Number(m[1]) * unit * 1000;
}

/** An integer parameter, or `fallback` when malformed. */
export function intParam(view: ParameterView, name: string, fallback: number): number {
  const v = param(view, name);
  return /^\d+$/.test(v) ? Number(v) : fallback;
}

/** The syslog name prefix of the daemons (`postfix`, or `syslog_name` when set). */
export function syslogName(view: ParameterView): string {
  return view.isSet('syslog_name') && view.get('syslog_name') !== '' ? view.get('syslog_name') : 'postfix';
}
