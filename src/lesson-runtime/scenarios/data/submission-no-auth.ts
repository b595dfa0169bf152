import type { Scenario } from '../types.ts';
import { STOCK_SUBMISSION_HEAD, stockMasterCfWith } from './master-cf-edit.ts';

/**
 * Lesson 8: port 587 is on and requires STARTTLS (lesson 7's result), but the submission service has
 * no SASL yet: nobody can log in, so nobody can send through it. The rest of the stock block stays
 * commented, as after a first, partial edit.
 */
export const submissionNoAuth: Scenario = {
  name: 'submission-no-auth',
  version: 1,
  title: 'Submission on 587 with TLS required, no login yet',
  masterCf: stockMasterCfWith(STOCK_SUBMISSION_HEAD, [
    'submission inet n       -       y       -       -       smtpd',
    '  -o syslog_name=postfix/submission',
    '  -o smtpd_tls_security_level=encrypt',
    '#  -o smtpd_sasl_auth_enable=yes',
    '#  -o smtpd_tls_auth_only=yes',
  ]),
};
