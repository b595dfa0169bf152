/**
 * `*_tls_loglevel` as tls_misc.c:tls_log_mask reads it (postfix-facts.md §5): a list of names (comma,
 * space, tab or newline separated, any case), each naming a level or one logging feature. The TLS
 * model takes a single level 0..4, so feature names map to the lowest level that logs them, and 5–9
 * are 4. Unknown words are returned for the daemon to warn about (smtpd: `warning: unknown
 * smtpd_tls_loglevel value "high" in "high"`, corpus invalid-loglevel-high).
 */
const NAMES: ReadonlyMap<string, number> = new Map(
  Object.entries({
    '0': 0,
    none: 0,
    '1': 1,
    routine: 1,
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
    summary: 1,
    untrusted: 1,
    peercert: 1,
    certmatch: 1,
    verbose: 2,
    cache: 2,
    dane: 2,
    'ssl-debug': 2,
    'ssl-handshake-packet-dump': 3,
    'ssl-session-packet-dump': 4,
  }),
);

export interface ParsedTlsLogLevel {
  readonly level: number;
  /** Words that name no level or feature, in order. */
  readonly unknown: readonly string[];
}

export function parseTlsLogLevel(value: string): ParsedTlsLogLevel {
  let level = 0;
  const unknown: string[] = [];
  for (const word of value.split(/[, \t\r\n]+/)) {
    if (word === '') continue;
    const n = NAMES.get(word.toLowerCase());
    if (n === undefined) unknown.push(word);
    else level = Math.max(level, n);
  }
  return { level, unknown };
}

/** The level alone (unknown words ignored). */
export function tlsLogLevel(value: string): number {
  return parseTlsLogLevel(value).level;
}
