import { LAB_MASTER_CF } from '../../../engine/world/data/lab-master-cf.ts';

/**
 * The lab's stock master.cf with one run of its lines replaced, for scenarios whose service table
 * differs. `stock` must match consecutive whole lines of the stock file exactly once: a stock file
 * that changed under a scenario is an error at load time (and in tests/lessons), never a silently
 * different world.
 */
export function stockMasterCfWith(stock: readonly string[], replacement: readonly string[]): string {
  const lines = LAB_MASTER_CF.split('\n');
  const starts = lines.flatMap((_, i) => (stock.every((s, k) => lines[i + k] === s) ? [i] : []));
  if (starts.length !== 1 || stock.length === 0) throw new Error(`stock master.cf lines not found exactly once: ${stock.join(' / ')}`);
  lines.splice(starts[0] ?? 0, stock.length, ...replacement);
  return lines.join('\n');
}

/** The head of the stock submission block, commented out as Debian ships it. */
export const STOCK_SUBMISSION_HEAD: readonly string[] = [
  '#submission inet n       -       y       -       -       smtpd',
  '#  -o syslog_name=postfix/submission',
  '#  -o smtpd_tls_security_level=encrypt',
  '#  -o smtpd_sasl_auth_enable=yes',
  '#  -o smtpd_tls_auth_only=yes',
];
