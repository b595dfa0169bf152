import type { ParameterView } from '../config/parameter-view.ts';

/**
 * The compiled-in defaults of the parameters smtpd reads, expanded as Postfix 3.7.11 expands them at
 * `compatibility_level = 3.6` (the lab's main.cf). The config layer normally supplies these through the
 * ParameterView; this table only fills in a parameter the view does not know (empty and not set), so that
 * smtpd behaves like Postfix even with a partial view (e.g. `mapView()` in tests).
 *
 * Sources: corpus postconf-defaults-tls-sasl (`postconf -d`), else postconf(5) of 3.7 (marked `postconf(5)`).
 */
const FALLBACK: Readonly<Record<string, string | ((v: ParameterView) => string)>> = {
  mail_name: 'Postfix', // postconf(5)
  smtpd_banner: (v) => `${setting(v, 'myhostname')} ESMTP ${setting(v, 'mail_name')}`, // corpus: $myhostname ESMTP $mail_name
  myhostname: 'localhost', // postconf(5): the machine's FQDN; the lab always sets it
  myorigin: (v) => setting(v, 'myhostname'), // postconf(5): $myhostname
  mydestination: (v) => `${setting(v, 'myhostname')}, localhost.${setting(v, 'mydomain')}, localhost`, // postconf(5)
  mydomain: 'localdomain', // postconf(5)
  syslog_name: 'postfix', // postconf(5)
  message_size_limit: '10240000', // corpus postconf-defaults-tls-sasl
  line_length_limit: '2048', // corpus postconf-defaults-tls-sasl
  smtpd_soft_error_limit: '10', // corpus postconf-defaults-tls-sasl
  smtpd_hard_error_limit: '20', // corpus: ${stress?{1}:{20}}, not under stress
  smtpd_error_sleep_time: '1s', // postconf(5)
  smtpd_junk_command_limit: '100', // postconf(5): ${stress?{1}:{100}}
  smtpd_recipient_limit: '1000', // postconf(5)
  smtpd_recipient_overshoot_limit: '1000', // postconf(5)
  smtpd_history_flush_threshold: '100', // postconf(5)
  smtpd_tls_security_level: '', // corpus
  smtpd_use_tls: 'no', // corpus
  smtpd_enforce_tls: 'no', // corpus
  smtpd_tls_wrappermode: 'no', // corpus
  smtpd_tls_auth_only: 'no', // corpus
  smtpd_tls_loglevel: '0', // corpus
  smtpd_sasl_auth_enable: 'no', // corpus
  smtpd_sasl_security_options: 'noanonymous', // corpus
  smtpd_sasl_tls_security_options: (v) => setting(v, 'smtpd_sasl_security_options'), // corpus: $smtpd_sasl_security_options
  smtpd_sasl_exceptions_networks: '', // corpus
  smtpd_sasl_local_domain: '', // corpus
  broken_sasl_auth_clients: 'no', // corpus
  smtpd_discard_ehlo_keywords: '', // corpus
  smtpd_forbidden_commands: 'CONNECT GET POST regexp:{{/^[^A-Z]/ Bogus}}', // corpus
  smtpd_noop_commands: '', // postconf(5)
  smtpd_forbid_unauth_pipelining: 'no', // facts §2: default no until 3.8
  disable_vrfy_command: 'no', // postconf(5)
  smtputf8_enable: 'yes', // postconf(5): yes at compatibility_level >= 1
  smtpd_helo_required: 'no', // postconf(5); corpus smtp-edge-cases (MAIL before HELO works)
  smtpd_delay_reject: 'yes', // postconf(5)
  smtpd_delay_open_until_valid_rcpt: 'yes', // postconf(5); corpus p25-level-may (client= at the first accepted RCPT)
  smtpd_reject_unlisted_recipient: 'yes', // postconf(5); corpus smtp-edge-cases
  strict_rfc821_envelopes: 'no', // postconf(5)
  smtpd_client_restrictions: '', // postconf(5)
  smtpd_helo_restrictions: '', // postconf(5)
  smtpd_sender_restrictions: '', // postconf(5)
  smtpd_relay_restrictions: 'permit_mynetworks, permit_sasl_authenticated, defer_unauth_destination', // corpus, at compatibility_level >= 1
  smtpd_recipient_restrictions: '', // corpus
  smtpd_data_restrictions: '', // postconf(5)
  mynetworks: '', // computed by Postfix from mynetworks_style; the lab always sets it
  relay_domains: '', // postconf(5): empty at compatibility_level >= 2
  virtual_alias_domains: '', // postconf(5): $virtual_alias_maps, empty
  virtual_mailbox_domains: '', // postconf(5): $virtual_mailbox_maps, empty
  fast_flush_domains: (v) => setting(v, 'relay_domains'), // postconf(5): $relay_domains
  local_recipient_maps: 'proxy:unix:passwd.byname $alias_maps', // postconf(5)
  recipient_delimiter: '', // postconf(5)
  notify_classes: 'resource, software', // corpus p25-may-cert-missing/postmaster-notice.txt
  error_notice_recipient: 'postmaster', // postconf(5)
  double_bounce_sender: 'double-bounce', // postconf(5)
  inet_interfaces: 'all', // postconf(5)
  soft_bounce: 'no', // postconf(5)
};

/** The effective value of `name`: the view's, or the compiled-in default when the view does not know it. */
export function setting(v: ParameterView, name: string): string {
  const value = v.get(name);
  if (value !== '' || v.isSet(name)) return value;
  const fb = FALLBACK[name];
  if (fb === undefined) return '';
  return typeof fb === 'string' ? fb : fb(v);
}
