import type { Scenario } from '../types.ts';

/** Lesson 6: both TLS log levels at 0, Postfix's default: TLS works and leaves no line in the log. */
export const tlsLoglevel0: Scenario = {
  name: 'tls-loglevel-0',
  version: 1,
  title: 'TLS works, the log says nothing about it',
  main: { smtpd_tls_loglevel: '0', smtp_tls_loglevel: '0' },
};
