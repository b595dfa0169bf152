import { MainCf } from '../../src/engine/config/main-cf.ts';
import { MAIN_CF, MASTER_CF } from '../../src/engine/world/config-loader.ts';
import { labFiles } from '../../src/engine/world/data/lab-files.ts';
import type { FindingId } from '../../src/review/findings.ts';
import { reviewConfig, type Review, type ReviewOptions } from '../../src/review/review.ts';

export const LAB_MAIN = labFiles()[MAIN_CF]?.content ?? '';
export const STOCK_MASTER = labFiles()[MASTER_CF]?.content ?? '';

/** The lab's main.cf with `settings` set as postconf -e would, and Debian's master.cf plus `extra` lines. */
export function config(settings: Record<string, string> = {}, extra: readonly string[] = []): { mainCf: string; masterCf: string } {
  const mainCf = MainCf.parse(LAB_MAIN).withSettings(Object.entries(settings));
  const masterCf = extra.length === 0 ? STOCK_MASTER : `${STOCK_MASTER.replace(/\n*$/, '\n')}${extra.join('\n')}\n`;
  return { mainCf, masterCf };
}

export function ok(r: Review): Extract<Review, { ok: true }> {
  if (!r.ok) throw new Error(`review refused the input: ${r.problems.join('; ')}`);
  return r;
}

export function review(
  settings: Record<string, string> = {},
  extra: readonly string[] = [],
  opts: ReviewOptions = {},
): Extract<Review, { ok: true }> {
  return ok(reviewConfig(config(settings, extra), opts));
}

export function ids(r: Extract<Review, { ok: true }>): FindingId[] {
  return r.findings.map((f) => f.id);
}

export const SUBMISSION_OK = [
  'submission inet n       -       y       -       -       smtpd',
  '  -o syslog_name=postfix/submission',
  '  -o smtpd_tls_security_level=encrypt',
  '  -o smtpd_sasl_auth_enable=yes',
  '  -o smtpd_tls_auth_only=yes',
];

export const SUBMISSIONS_OK = [
  'submissions inet n       -       y       -       -       smtpd',
  '  -o syslog_name=postfix/submissions',
  '  -o smtpd_tls_wrappermode=yes',
  '  -o smtpd_sasl_auth_enable=yes',
];
