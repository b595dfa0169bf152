/*
 * smtp(8)'s own log texts (the TLS engine writes the TLS ones; the delivery status line is
 * queue/log-texts.ts statusLine).
 */

/** more/outbound-tls1only-may-ge12-fallback: `5E6721604D6: Cannot start TLS: handshake failure` before the plaintext retry. */
export const fallbackNotice = (qid: string, reason: string): string => `${qid}: ${reason}`;

/** more/outbound-dane-no-dnssec: `warning: [127.0.0.2]:2526: dane configured with dnssec lookups disabled` */
export const daneWithoutDnssec = (nexthop: string, level: 'dane' | 'dane-only'): string =>
  `warning: ${nexthop}: ${level} configured with dnssec lookups disabled`;

/** more/README.md 8: `warning: TLS policy lookup for [127.0.0.2]:2526/127.0.0.2: client TLS configuration problem` */
export const policyLookupProblem = (nexthop: string, host: string): string =>
  `warning: TLS policy lookup for ${nexthop}/${host}: client TLS configuration problem`;

/** postfix-facts.md §3: an invalid client level is fatal, `Invalid TLS level "<v>"`. */
export const invalidTlsLevel = (level: string): string => `fatal: Invalid TLS level "${level}"`;

/** invalid-loglevel-high (smtpd's twin): `warning: unknown smtpd_tls_loglevel value "high" in "high"` */
export const unknownLoglevel = (param: string, value: string): string => `warning: unknown ${param} value "${value}" in "${value}"`;

/** smtp_tls_note_starttls_offer = yes at level none (Postfix smtp_proto.c; not in the corpus): `Host offered STARTTLS: [mx.example.net]` */
export const hostOfferedStarttls = (host: string): string => `Host offered STARTTLS: [${host}]`;
