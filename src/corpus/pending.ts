/**
 * Scenarios that need a part of the lab that a later issue builds. Such a scenario is
 * reported as pending (with the reason) while it fails, and as passed once it passes.
 * Remove an entry when its issue lands.
 */
export const LATER: Readonly<Record<string, string>> = {
  'tls-protocols-default': 'needs the TLS model and openssl s_client (issue 4)',
  'tls-protocols-restricted-may': 'needs the TLS model and openssl s_client (issue 4)',
  'tls-mandatory-ignored-at-may': 'needs the TLS model and openssl s_client (issue 4)',
  'tls-protocols-ge-syntax-may': 'needs the TLS model and openssl s_client (issue 4)',
  'log-smtpd-tls-loglevel-0': 'needs the TLS log lines (issue 4)',
  'log-smtpd-tls-loglevel-2': 'needs the TLS log lines (issue 4)',
  'log-smtpd-tls-loglevel-3': 'needs the TLS log lines (issue 4)',
  'log-smtp-tls-loglevel-0': 'needs the outbound smtp client (issue 4)',
  'log-smtp-tls-loglevel-2': 'needs the outbound smtp client and TLS log lines (issue 4)',
  'outbound-none-starttls': 'needs the outbound smtp client (issue 4)',
  'outbound-none-nostarttls': 'needs the outbound smtp client (issue 4)',
  'outbound-may-starttls': 'needs the outbound smtp client (issue 4)',
  'outbound-may-nostarttls': 'needs the outbound smtp client (issue 4)',
  'outbound-encrypt-nostarttls': 'needs the outbound smtp client (issue 4)',
  'outbound-verify-starttls': 'needs the outbound smtp client (issue 4)',
  'submissions-465-wrappermode': 'its log includes two openssl s_client runs kept only in sclient-*.txt (issue 4)',
  'submission-587-openssl-sclient': 'needs openssl s_client (issue 4)',
  'posttls-finger': 'needs posttls-finger (issue 4)',
  'postconf-behaviours': 'needs the shell (issue 5)',
  'postconf-defaults-tls-sasl': 'needs the shell (issue 5)',
};
