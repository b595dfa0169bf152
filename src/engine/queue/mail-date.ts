/*
 * Date formats of the queue daemons. The simulated machine runs on UTC, as the
 * recording machine did (corpus: `+0000 (UTC)` in every Date: header).
 */

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

function two(n: number): string {
  return n.toString().padStart(2, '0');
}

function parts(ms: number): { wd: string; mon: string; day: number; year: number; hms: string; d: Date } {
  const d = new Date(Number.isFinite(ms) ? ms : 0);
  return {
    wd: DAYS[d.getUTCDay()] ?? 'Sun',
    mon: MONTHS[d.getUTCMonth()] ?? 'Jan',
    day: d.getUTCDate(),
    year: d.getUTCFullYear(),
    hms: `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`,
    d,
  };
}

/** RFC 2822 date as Postfix writes it: `Tue,  1 Dec 2026 07:11:51 +0000 (UTC)` (corpus: outbound-may-starttls). */
export function mailDate(ms: number): string {
  const p = parts(ms);
  return `${p.wd}, ${p.day.toString().padStart(2, ' ')} ${p.mon} ${p.year} ${p.hms} +0000 (UTC)`;
}

/** The time part of a generated Message-Id: `20261201071151` (corpus: outbound-may-starttls). */
export function messageIdStamp(ms: number): string {
  const p = parts(ms);
  return `${p.year}${two(p.d.getUTCMonth() + 1)}${two(p.day)}${p.hms.replaceAll(':', '')}`;
}

/** Arrival time in `postqueue -p`: `Tue Dec  1 07:12:06` (corpus: outbound-encrypt-nostarttls). */
export function queueListTime(ms: number): string {
  const p = parts(ms);
  return `${p.wd} ${p.mon} ${p.day.toString().padStart(2, ' ')} ${p.hms}`;
}

/** The time in an mbox `From ` line: `Tue Dec  1 07:15:01 2026` (corpus: p25-may-cert-missing/postmaster-notice.txt). */
export function mboxTime(ms: number): string {
  return `${queueListTime(ms)} ${parts(ms).year}`;
}
