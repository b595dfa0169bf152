/**
 * `*_tls_loglevel` as a number 0..4 (postfix-facts.md §5): digits, the names routine/debug/ssl-expert/
 * ssl-developer, 5–9 as 4. Unknown words are ignored here; smtpd(8) and smtp(8) log the warning
 * themselves (`warning: unknown smtpd_tls_loglevel value "high" in "high"`, corpus invalid-loglevel-high).
 */
const LEVELS: Readonly<Record<string, number>> = {
  '0': 0,
  none: 0,
  '1': 1,
  routine: 1,
  summary: 1,
  '2': 2,
  debug: 2,
  '3': 3,
  'ssl-expert': 3,
  '4': 4,
  'ssl-developer': 4,
  '5': 4,
  '6': 4,
  '7': 4,
  '8': 4,
  '9': 4,
};

export function tlsLogLevel(value: string): number {
  let level = 0;
  for (const w of value.split(/[,\s]+/)) {
    const n = LEVELS[w.toLowerCase()];
    if (n !== undefined) level = Math.max(level, n);
  }
  return level;
}
