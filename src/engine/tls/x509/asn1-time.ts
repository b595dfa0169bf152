const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** ASN1_TIME_print: `Dec  1 07:02:58 2026 GMT` (s_client's chain lines, `x509 -dates`, `x509 -text`). */
export function asn1Time(ms: number): string {
  const d = new Date(ms);
  const two = (n: number): string => n.toString().padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()] ?? 'Jan'} ${d.getUTCDate().toString().padStart(2, ' ')} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} ${d.getUTCFullYear()} GMT`;
}
