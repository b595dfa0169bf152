/**
 * The per-session command counters of the `disconnect from` line (facts §5, corpus p25-level-may):
 * table order, lower-case names, only commands that were used, `ok/total` when some failed, and
 * `commands=ok/total` (always `/total` for a session without commands: `commands=0/0`).
 */
export const STAT_NAMES = [
  'helo',
  'ehlo',
  'xclient',
  'xforward',
  'starttls',
  'auth',
  'mail',
  'rcpt',
  'data',
  'bdat',
  'rset',
  'noop',
  'vrfy',
  'etrn',
  'quit',
  'unknown',
] as const;
export type StatName = (typeof STAT_NAMES)[number];

export class CommandStats {
  readonly #total = new Map<StatName, number>();
  readonly #ok = new Map<StatName, number>();

  /** A command was received (counted before any check, so 530-gated commands count as failures). */
  attempt(name: StatName): void {
    this.#total.set(name, (this.#total.get(name) ?? 0) + 1);
  }

  succeed(name: StatName): void {
    this.#ok.set(name, (this.#ok.get(name) ?? 0) + 1);
  }

  /** The text after `disconnect from <namaddr>`, with its leading space. */
  format(): string {
    let out = '';
    let allOk = 0;
    let allTotal = 0;
    for (const name of STAT_NAMES) {
      const total = this.#total.get(name) ?? 0;
      if (total === 0) continue;
      const ok = this.#ok.get(name) ?? 0;
      out += ok === total ? ` ${name}=${ok}` : ` ${name}=${ok}/${total}`;
      allOk += ok;
      allTotal += total;
    }
    out += allOk === allTotal && allTotal > 0 ? ` commands=${allOk}` : ` commands=${allOk}/${allTotal}`;
    return out;
  }
}
