/**
 * The `delay=` and `delays=a/b/c/d` fields of a delivery log line. The corpus shows
 * `delay=0.09, delays=0.02/0.02/0/0.04`, `delay=0.1`, `delay=2.2, delays=2.2/0/0/0`,
 * `delay=14, delays=14/0/0/0.04` (raw.log of outbound-* and more/*): two decimals
 * below one second, one below ten, whole seconds above, trailing zeros dropped.
 */
export function formatDelay(ms: number): string {
  const v = Number.isFinite(ms) && ms > 0 ? ms : 0;
  if (v >= 10_000) return Math.floor(v / 1000).toString();
  const text = v >= 1000 ? (Math.floor(v / 100) / 10).toFixed(1) : (Math.floor(v / 10) / 100).toFixed(2);
  return text.replace(/\.?0+$/, '') || '0';
}

/** Where the time of one delivery attempt went, in milliseconds. */
export interface Delays {
  /** Before the queue manager: arrival (or, on a retry, time in the deferred queue). */
  readonly beforeQmgr: number;
  /** In the queue manager. */
  readonly inQmgr: number;
  /** Connection setup, including DNS, HELO and TLS. */
  readonly setup: number;
  /** Message transmission. */
  readonly transmission: number;
}

/** `delay=..., delays=...` */
export function formatDelays(d: Delays): string {
  const total = d.beforeQmgr + d.inQmgr + d.setup + d.transmission;
  return `delay=${formatDelay(total)}, delays=${[d.beforeQmgr, d.inQmgr, d.setup, d.transmission].map(formatDelay).join('/')}`;
}
