import type { Clock } from '../world/clock.ts';

/** One line of the mail log, before formatting. */
export interface LogRecord {
  /** Milliseconds since the epoch. */
  readonly time: number;
  /** The syslog name, e.g. `postfix/smtpd` or `postfix/submission/smtpd`. */
  readonly program: string;
  readonly pid: number;
  /** Everything after `program[pid]: `, e.g. `connect from localhost[127.0.0.1]`. */
  readonly text: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

function two(n: number): string {
  return n.toString().padStart(2, '0');
}

/**
 * Formats a record as postlogd(8) writes it to `maillog_file`:
 * `Dec 01 07:08:10 mail postfix/smtpd[16889]: connect from localhost[127.0.0.1]`
 * (corpus: p25-level-may/raw.log). The host field is the first label of myhostname.
 */
export function formatLogRecord(r: LogRecord, host: string): string {
  const d = new Date(r.time);
  const stamp = `${MONTHS[d.getUTCMonth()] ?? 'Jan'} ${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  return `${stamp} ${host} ${r.program}[${r.pid}]: ${r.text}`;
}

/** A function a daemon uses to write one log line. */
export type LogWriter = (program: string, pid: number, text: string) => void;

/** The mail log: an append-only list of records with listeners (for `tail -f` and the log pane). */
export class MailLog {
  readonly #records: LogRecord[] = [];
  readonly #listeners = new Set<(r: LogRecord) => void>();
  readonly #clock: Clock;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Appends one line, stamped with the clock's time. */
  readonly write: LogWriter = (program, pid, text) => {
    const r: LogRecord = { time: this.#clock.now(), program, pid, text };
    this.#records.push(r);
    for (const l of this.#listeners) l(r);
  };

  get records(): readonly LogRecord[] {
    return this.#records;
  }

  /** Calls `fn` for every new record; returns a function that stops it. */
  subscribe(fn: (r: LogRecord) => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  clear(): void {
    this.#records.length = 0;
  }
}
