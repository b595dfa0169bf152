/**
 * The recorder's notes about time and processes (tests/corpus-extra/recorder/record_reload.py): which
 * smtpd process served a connection, how long it waited, a refused connection. The replay answers each
 * from the lab itself (its log, its clock), never by copying the note.
 */
import type { ServerEndpoint, ServerOutput } from '../engine/world/network.ts';

export interface ProcessNotes {
  /** smtpd PIDs in the order they first served a connection (the recorder's `#N`). */
  readonly order: number[];
  /** How many log lines there were when the current connection was opened. */
  logAtConnect: number;
  /** Why the last connect failed in the lab, or null when it succeeded. */
  refused: string | null;
  /** How long the client waited for its server (ms), or null. */
  waited: number | null;
  /** How long the recorder's client would wait for a reply, from the connect header (ms). */
  patience: number;
}

const SERVED = /^# recorder: this connection is served by smtpd process #\d+ \((?:a new process|the same process as before: reused)\)$/;
const WAITED = /^# recorder waited (\d+) s \(/;
const TOOK = /^# recorder: that took about \d+ s after connecting \(rounded to 10 s\)$/;
const REFUSED = /^# connect FAILED: \[Errno 111\] Connection refused$/;
const PATIENCE = /waiting up to (\d+) s\b/;
/** The corpus's Session reads a reply for this long by default (pfrec.py). */
const DEFAULT_PATIENCE_MS = 20_000;

export function processNotes(): ProcessNotes {
  return { order: [], logAtConnect: 0, refused: null, waited: null, patience: DEFAULT_PATIENCE_MS };
}

/** A connect step: remember where the log was, how it went, and how long the client will wait. */
export function noteConnect(n: ProcessNotes, header: string, logLength: number, refused: string | null): void {
  n.logAtConnect = logLength;
  n.refused = refused;
  n.waited = null;
  const p = PATIENCE.exec(header);
  n.patience = p === null ? DEFAULT_PATIENCE_MS : Number(p[1]) * 1000;
}

/** The recorder says the connection was refused next: the lab's own failure line is not needed. */
export function refusalNoteFollows(next: { readonly kind: string; readonly raw?: string } | undefined): boolean {
  return next?.kind === 'event' && REFUSED.test(next.raw ?? '');
}

export function isProcessNote(raw: string): boolean {
  return SERVED.test(raw) || WAITED.test(raw) || TOOK.test(raw) || REFUSED.test(raw);
}

/** The lab's version of one note. `advance` lets simulated time pass. */
export function processNote(
  raw: string,
  n: ProcessNotes,
  logLines: () => readonly string[],
  advance: ((ms: number) => void) | undefined,
): string {
  if (SERVED.test(raw)) {
    const m = logLines()
      .slice(n.logAtConnect)
      .map((l) => /\bsmtpd\[(\d+)\]: connect from /.exec(l))
      .find((x) => x !== null);
    if (m === undefined) return '# lab: no smtpd process took this connection';
    const pid = Number(m[1]);
    const seen = n.order.indexOf(pid);
    if (seen >= 0) return `# recorder: this connection is served by smtpd process #${seen + 1} (the same process as before: reused)`;
    n.order.push(pid);
    return `# recorder: this connection is served by smtpd process #${n.order.length} (a new process)`;
  }
  const w = WAITED.exec(raw);
  if (w !== null) {
    if (advance === undefined) return '# lab: cannot let time pass';
    advance(Number(w[1]) * 1000);
    return raw;
  }
  if (TOOK.test(raw)) {
    if (n.waited === null) return '# lab: the client did not wait for its server';
    return `# recorder: that took about ${Math.round(n.waited / 10_000) * 10} s after connecting (rounded to 10 s)`;
  }
  return n.refused === 'refused' ? raw : `# lab: connect ${n.refused === null ? 'succeeded' : `failed: ${n.refused}`}`;
}

/**
 * The recorder saw the server close a connection the lab still holds open: if the lab's server can
 * still answer later (a connection waiting for a throttled service), let the client wait as the
 * recorder's did, a second at a time, and return what came.
 */
export function waitForServer(ep: ServerEndpoint, n: ProcessNotes, advance: ((ms: number) => void) | undefined): ServerOutput | null {
  if (ep.poll === undefined || advance === undefined) return null;
  let data = '';
  for (let ms = 1000; ms <= n.patience; ms += 1000) {
    advance(1000);
    const o = ep.poll();
    data += o.data;
    if (o.closed || o.data !== '') {
      n.waited = ms;
      return { data, closed: o.closed };
    }
  }
  return { data, closed: false };
}

/**
 * Connections the recorder kept open side by side: a connect header `(connection A, kept open)`
 * (across commands too), then `(connection B, ...)`. The transcript does not say which of them each client line went to;
 * the scenario's notes.txt says it in prose, copied here as the order for the client lines sent
 * while both were open.
 */
const SIDE_BY_SIDE: Readonly<Record<string, readonly string[]>> = {
  // notes.txt: "B sent EHLO first, then A." Then B's QUIT, then A's (recorder/record_reload.py, scn_maincf_no_reload).
  'reload-maincf-no-reload': ['B', 'A', 'B', 'A'],
  // recorder/record_reload.py, scn_reload_open_session: b.cmd(EHLO), b.quit(), a.quit().
  'reload-during-open-session': ['B', 'B', 'A'],
  // recorder/record_limits.py, scn_count: C's EHLO (after its 421), A's EHLO and QUIT, D's EHLO and QUIT, B's QUIT.
  'limits-connection-count': ['C', 'A', 'A', 'D', 'D', 'B'],
  // recorder/record_limits.py, scn_process_limit: B's EHLO, A's QUIT, then C's EHLO and QUIT, then B's QUIT.
  'limits-process-limit': ['B', 'A', 'C', 'C', 'B'],
};

const LABEL = /\(connection ([A-Z])\b/;

export class SideBySide<T> {
  readonly #open = new Map<string, T>();
  readonly #route: string[];
  #keep = false;

  constructor(scenario: string) {
    this.#route = [...(SIDE_BY_SIDE[scenario] ?? [])];
  }

  /** At a connect or command step: the connection before stays open (its header said `kept open`). */
  keepsCurrent(): boolean {
    return this.#keep;
  }

  /** A connection opened (`c`, or null when it failed) under `header`. */
  opened(header: string, c: T | null): void {
    const label = LABEL.exec(header)?.[1];
    this.#keep = /\bkept open\b/.test(header);
    if (label === undefined) this.#open.clear();
    else if (c !== null) this.#open.set(label, c);
  }

  /** The connection the next client line goes to. */
  clientConn(current: T | null): T | null {
    if (this.#open.size < 2) return current;
    const label = this.#route.shift();
    return label === undefined ? current : (this.#open.get(label) ?? current);
  }
}
