import type { Scenario } from '../types.ts';

/** Lesson 3: the certificate is in place, but neither role uses TLS (both levels none). */
export const tlsOff: Scenario = {
  name: 'tls-off',
  version: 1,
  title: 'TLS switched off in both directions',
  main: { smtpd_tls_security_level: 'none', smtp_tls_security_level: 'none' },
};
