import type { Scenario } from '../types.ts';

/**
 * Lesson 4: smtpd_tls_key_file names a file that does not exist on this machine (a path copied from
 * another guide); the key is really in /etc/postfix/tls. STARTTLS is offered, then answered 454.
 */
export const certKeyMissing: Scenario = {
  name: 'cert-key-missing',
  version: 1,
  title: 'The key file setting points nowhere',
  main: { smtpd_tls_key_file: '/etc/ssl/private/mail.example.org.key' },
};
