import type { Scenario } from '../types.ts';
import { STOCK_SUBMISSION_HEAD, stockMasterCfWith } from './master-cf-edit.ts';

/**
 * Lessons 9 and 10: the server as the article leaves it. main.cf: opportunistic TLS both ways,
 * TLS 1.0 and 1.1 refused on port 25, TLS logging at 2. master.cf: the submission service with the
 * article's five -o lines (as corpus submission-587-auth-only appends them), where the stock block is.
 */
export const articleFinal: Scenario = {
  name: 'article-final',
  version: 1,
  title: 'The article’s finished configuration',
  main: {
    smtpd_tls_protocols: '!TLSv1, !TLSv1.1',
    smtpd_tls_loglevel: '2',
    smtp_tls_loglevel: '2',
  },
  masterCf: stockMasterCfWith(STOCK_SUBMISSION_HEAD, [
    'submission inet n       -       y       -       -       smtpd',
    '  -o syslog_name=postfix/submission',
    '  -o smtpd_tls_security_level=encrypt',
    '  -o smtpd_sasl_auth_enable=yes',
    '  -o smtpd_tls_auth_only=yes',
    '  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject',
  ]),
};
