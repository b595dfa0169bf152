/**
 * Parameter names for tab completion and a one-line description of the parameters the lab
 * uses (for an `explain PARAM` command). Descriptions are our own words; the default shown is
 * Postfix 3.7.11's raw default (postconf -d).
 */
import { builtinDefault, builtinParameterNames, LAB_HOST, serviceParameters } from './defaults.ts';
import type { HostFacts } from './defaults.ts';
import { MasterCf } from './master-cf.ts';

/** Known parameter names, sorted: built-in ones plus those master.cf services define. */
export function knownParameterNames(masterCfText?: string): string[] {
  const names = new Set(builtinParameterNames());
  if (masterCfText !== undefined) {
    for (const e of MasterCf.parse(masterCfText).entries) {
      for (const p of serviceParameters(e.name, e.argv[7] ?? '')) names.add(p.name);
    }
  }
  return [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Completions of a prefix among the known names. */
export function completeParameterName(prefix: string, masterCfText?: string): string[] {
  return knownParameterNames(masterCfText).filter((n) => n.startsWith(prefix));
}

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  myhostname: 'The fully qualified name of this mail host; used in the SMTP banner, HELO/EHLO and Received: headers.',
  mydomain: 'The domain of this host; defaults to myhostname without its first label.',
  myorigin: 'The domain added to locally posted mail that has no domain (user becomes user@$myorigin).',
  mydestination: 'The domains this machine delivers locally (final destination).',
  mynetworks: 'The client networks that are trusted to relay (permit_mynetworks).',
  relay_domains: 'Remote domains this server accepts mail for and forwards (it is not their final destination).',
  relayhost: 'The next-hop host for all remote mail; empty means deliver directly using DNS MX records.',
  inet_interfaces: 'The local addresses the SMTP server listens on (all, loopback-only or a list).',
  inet_protocols: 'Which IP versions Postfix uses: ipv4, ipv6 or all.',
  smtpd_banner: 'The text after "220" in the greeting; must start with $myhostname.',
  mail_name: 'The mail system name shown in the banner and in bounce messages.',
  mail_version: 'The Postfix version (read-only information).',
  compatibility_level: "Which release's defaults apply where defaults changed; old levels keep backwards-compatible settings.",
  message_size_limit: 'The largest message accepted, in bytes (announced as SIZE in EHLO).',
  disable_vrfy_command: 'Turn off the VRFY command, so that addresses cannot be probed.',
  smtpd_discard_ehlo_keywords: 'EHLO keywords the SMTP server hides from clients (for example silent-discard, dsn).',
  smtpd_tls_security_level: 'Server TLS policy: empty/none (no STARTTLS), may (offer STARTTLS) or encrypt (require TLS).',
  smtpd_use_tls: 'Obsolete: "yes" offers STARTTLS; superseded by smtpd_tls_security_level = may.',
  smtpd_enforce_tls: 'Obsolete: "yes" requires TLS; superseded by smtpd_tls_security_level = encrypt.',
  smtpd_tls_cert_file: 'The PEM file with the server certificate (and optionally its chain).',
  smtpd_tls_key_file: 'The PEM file with the private key of the server certificate; defaults to the certificate file.',
  smtpd_tls_protocols: 'TLS versions the server accepts when TLS is optional (level may).',
  smtpd_tls_mandatory_protocols: 'TLS versions the server accepts when TLS is required (level encrypt).',
  smtpd_tls_ciphers: 'Cipher grade the server uses when TLS is optional.',
  smtpd_tls_mandatory_ciphers: 'Cipher grade the server uses when TLS is required.',
  smtpd_tls_loglevel: 'How much the server logs about TLS: 0 nothing, 1 one summary line, 2 and more debugging.',
  smtpd_tls_auth_only: 'Offer and accept SMTP AUTH only after STARTTLS, so passwords never cross in the clear.',
  smtpd_tls_wrappermode: 'Speak TLS from the first byte (implicit TLS, port 465 "submissions") instead of STARTTLS.',
  smtpd_sasl_auth_enable: 'Turn on SMTP AUTH in the server.',
  smtpd_sasl_type: 'The SASL implementation the server uses: cyrus or dovecot.',
  smtpd_sasl_path: 'Where the server finds its SASL configuration or socket (with Cyrus: the application name).',
  smtpd_sasl_security_options: 'Mechanism restrictions for AUTH without TLS (noanonymous, noplaintext, ...).',
  smtpd_sasl_tls_security_options: 'Mechanism restrictions for AUTH after STARTTLS.',
  broken_sasl_auth_clients: 'Also announce AUTH in the old "AUTH=" form for clients such as old Outlook versions.',
  smtpd_relay_restrictions:
    'Checks at RCPT TO that decide whether the server relays; the defaults permit mynetworks and authenticated clients.',
  smtpd_recipient_restrictions: 'Further checks at RCPT TO (spam policy), applied after smtpd_relay_restrictions.',
  smtpd_client_restrictions: 'Checks on the client address and name, by default applied at RCPT TO.',
  smtpd_helo_restrictions: 'Checks on the HELO/EHLO name, by default applied at RCPT TO.',
  smtpd_sender_restrictions: 'Checks on the MAIL FROM address, by default applied at RCPT TO.',
  smtpd_helo_required: 'Require HELO or EHLO before MAIL FROM.',
  smtpd_error_sleep_time: 'Pause before each error reply once the client made smtpd_soft_error_limit errors.',
  smtpd_soft_error_limit: 'Errors after which the server starts slowing down its replies.',
  smtpd_hard_error_limit: 'Errors after which the server hangs up ("421 ... too many errors").',
  line_length_limit: 'Longer input lines are broken up (SMTP commands longer than this are truncated).',
  smtpd_delay_open_until_valid_rcpt: 'Create the queue file only after the first accepted RCPT TO.',
  smtputf8_enable: 'Support SMTPUTF8 (UTF-8 addresses and headers); announced in EHLO.',
  smtpd_forbid_unauth_pipelining: 'Disconnect clients that pipeline commands without being allowed to.',
  smtp_tls_security_level: 'Client TLS policy for outgoing mail: none, may (use STARTTLS if offered), encrypt, verify, secure, dane.',
  smtp_tls_loglevel: 'How much the SMTP client logs about TLS: 0 nothing, 1 one summary line, 2 and more debugging.',
  smtp_tls_protocols: 'TLS versions the client uses when TLS is opportunistic.',
  smtp_tls_mandatory_protocols: 'TLS versions the client uses when TLS is required.',
  smtp_tls_ciphers: 'Cipher grade the client uses for opportunistic TLS.',
  smtp_tls_mandatory_ciphers: 'Cipher grade the client uses when TLS is required.',
  smtp_tls_cert_file: 'Client certificate for outgoing TLS (rarely needed).',
  smtp_tls_key_file: 'Private key of the client certificate; defaults to the certificate file.',
  smtp_tls_CAfile: 'Trusted CA certificates the client uses to verify servers.',
  smtp_use_tls: 'Obsolete: "yes" uses opportunistic TLS; superseded by smtp_tls_security_level = may.',
  smtp_enforce_tls: 'Obsolete: "yes" requires TLS; superseded by smtp_tls_security_level = encrypt.',
  maillog_file: 'Write the mail log to this file through postlogd instead of syslog.',
  syslog_name: 'The name logged before each daemon name (postfix/smtpd); master.cf services often set postfix/$service_name.',
  tls_medium_cipherlist: 'The OpenSSL cipher list behind the "medium" grade.',
  tls_high_cipherlist: 'The OpenSSL cipher list behind the "high" grade.',
  service_name: 'The master.cf name of the running service (read-only, set by master).',
  known_tcp_ports: 'Port numbers for service names, checked before /etc/services.',
  default_process_limit: 'The process limit of master.cf services with "-" in the maxproc column.',
};

export interface ParameterInfo {
  readonly name: string;
  /** Our one-line description, or null when the lab has none for this name. */
  readonly description: string | null;
  /** The raw compiled-in default, or null for unknown names. */
  readonly defaultValue: string | null;
}

/** Description and default of a parameter (for `explain PARAM`). */
export function parameterInfo(name: string, host: HostFacts = LAB_HOST): ParameterInfo {
  return { name, description: DESCRIPTIONS[name] ?? null, defaultValue: builtinDefault(name, host) ?? null };
}

/** The names the lab has descriptions for. */
export function describedParameters(): string[] {
  return Object.keys(DESCRIPTIONS).sort();
}
