/**
 * anvil(8), as smtpd uses it by default (anvil/anvil.c, global/anvil_clnt.c, master/multi_server.c of
 * Postfix 3.7): each smtpd session sends `connect` and `disconnect` for (service, client address), and
 * anvil keeps the peak connection rate and count. It logs them, as `statistics: ...` lines, when it
 * exits: at `postfix reload` (its status pipe closes), after it has had no client for
 * max(max_idle, anvil_rate_time_unit), and every anvil_status_update_time. Recorded: the reload-*
 * scenarios of tests/corpus-extra. Not modelled: the message, recipient, new-TLS and AUTH rates
 * (smtpd asks anvil about them only when their limits are set).
 *
 * The state is plain data (`AnvilState`) so that master's state can be copied.
 */
import { anvilCacheSize, anvilCount, anvilRate } from './log-texts.ts';

/** One (service, client) entry of anvil's table. */
interface RemoteEntry {
  readonly ident: string;
  count: number;
  rate: number;
  /** Start of the current rate interval. */
  start: number;
  /** When the entry is dropped (anvil_rate_time_unit after its count fell to 0), or null. */
  expireAt: number | null;
}

interface Peak {
  value: number;
  ident: string;
  when: number;
}

/** An smtpd process with a connection to anvil. */
interface AnvilClient {
  readonly pid: number;
  /** smtpd closes the connection ipc_idle after its last request (attr_clnt). */
  closesAt: number;
  /** The entry of its session (anvil drops it when this client goes away). */
  linked: string | null;
}

export interface AnvilState {
  readonly pid: number;
  /** Its log name, `<syslog_name>/anvil`. */
  readonly program: string;
  /** anvil_rate_time_unit, anvil's idle limit (max(max_idle, the unit)), anvil_status_update_time. */
  readonly unitMs: number;
  readonly idleLimitMs: number;
  readonly statMs: number;
  nextDumpAt: number;
  /** When anvil's last client left (its idle timer runs from then), or null while it has clients. */
  idleSince: number | null;
  readonly remotes: RemoteEntry[];
  readonly clients: AnvilClient[];
  connRate: Peak;
  connCount: Peak;
  cacheSize: number;
  cacheWhen: number;
}

export interface AnvilSettings {
  readonly program: string;
  readonly unitMs: number;
  readonly maxIdleMs: number;
  readonly statMs: number;
}

type Log = (program: string, pid: number, text: string) => void;

/** anvil's process (started by master on its first request) and its table. */
export class Anvil {
  #state: AnvilState | null = null;
  readonly #log: Log;

  constructor(log: Log, state: AnvilState | null = null) {
    this.#log = log;
    this.#state = state === null ? null : cloneState(state);
  }

  /** A copy of the state, or null when anvil does not run. */
  exportState(): AnvilState | null {
    return this.#state === null ? null : cloneState(this.#state);
  }

  /**
   * smtpd (`pid`) reports a new session of `service` from `addr`; `spawn` starts anvil when it does
   * not run (it reads its settings then). `ipcIdleMs` is smtpd's ipc_idle. Returns the client's count and rate.
   */
  connect(
    service: string,
    addr: string,
    pid: number,
    now: number,
    ipcIdleMs: number,
    spawn: () => { pid: number; settings: AnvilSettings },
  ): { readonly count: number; readonly rate: number } {
    this.advance(now);
    if (this.#state === null) {
      const s = spawn();
      this.#state = {
        pid: s.pid,
        program: s.settings.program,
        unitMs: s.settings.unitMs,
        idleLimitMs: Math.max(s.settings.maxIdleMs, s.settings.unitMs),
        statMs: Math.max(1000, s.settings.statMs), // a zero interval would dump without end
        nextDumpAt: now + Math.max(1000, s.settings.statMs),
        idleSince: null,
        remotes: [],
        clients: [],
        connRate: { value: 0, ident: '', when: 0 },
        connCount: { value: 0, ident: '', when: 0 },
        cacheSize: 0,
        cacheWhen: 0,
      };
    }
    const st = this.#state;
    const client = this.#client(st, pid, now, ipcIdleMs);
    const ident = `${service}:${addr}`;
    let r = st.remotes.find((x) => x.ident === ident);
    if (r === undefined) {
      r = { ident, count: 1, rate: 1, start: now, expireAt: null };
      st.remotes.push(r);
      if (st.cacheSize < st.remotes.length) {
        st.cacheSize = st.remotes.length;
        st.cacheWhen = now;
      }
    } else {
      if (r.start + st.unitMs < now) {
        r.rate = 0;
        r.start = now;
      }
      r.rate += 1;
      r.expireAt = null;
      r.count += 1;
    }
    // ANVIL_LOCAL_ADD_ONE: one session per smtpd connection; a previous link is dropped.
    if (client.linked !== null) dropOne(st, client.linked, now);
    client.linked = ident;
    if (r.rate > st.connRate.value) st.connRate = { value: r.rate, ident, when: now };
    if (r.count > st.connCount.value) st.connCount = { value: r.count, ident, when: now };
    // What anvil answers: smtpd compares it with its limits (corpus-extra limits-connection-*).
    return { count: r.count, rate: r.rate };
  }

  /** smtpd (`pid`) reports the end of its session. */
  disconnect(service: string, addr: string, pid: number, now: number, ipcIdleMs: number): void {
    this.advance(now);
    const st = this.#state;
    if (st === null) return;
    const client = this.#client(st, pid, now, ipcIdleMs);
    const ident = `${service}:${addr}`;
    if (client.linked !== ident) return; // its connection to anvil closed meanwhile: anvil dropped it then
    client.linked = null;
    dropOne(st, ident, now);
  }

  /** smtpd (`pid`) exited at `at`: its connection to anvil closes then, if still open. */
  clientGone(pid: number, at: number): void {
    const c = this.#state?.clients.find((x) => x.pid === pid);
    if (c !== undefined && c.closesAt > at) c.closesAt = at;
  }

  /** `postfix reload`: anvil exits and logs its statistics. */
  reload(now: number): void {
    this.advance(now);
    if (this.#state === null) return;
    this.#dump(this.#state);
    this.#state = null;
  }

  /** `postfix stop`: anvil is killed with the rest (it logs nothing). */
  stop(): void {
    this.#state = null;
  }

  /** When anvil next does something on its own (an idle exit, a periodic dump), or null. */
  nextDueAt(): number | null {
    const st = this.#state;
    if (st === null) return null;
    const idleExit = this.#idleExitAt(st);
    return idleExit === null ? st.nextDumpAt : Math.min(idleExit, st.nextDumpAt);
  }

  /** Lets anvil's timers run up to `now`, in order. */
  advance(now: number): void {
    for (;;) {
      const st = this.#state;
      if (st === null) return;
      const expire = Math.min(...st.remotes.map((r) => r.expireAt ?? Infinity));
      const close = Math.min(...st.clients.map((c) => c.closesAt));
      const idle = this.#idleExitAt(st) ?? Infinity;
      const next = Math.min(expire, close, idle, st.nextDumpAt);
      if (next > now) return;
      if (next === close) {
        const c = st.clients.find((x) => x.closesAt === close);
        if (c === undefined) return;
        st.clients.splice(st.clients.indexOf(c), 1);
        // ANVIL_LOCAL_DROP_ALL: the session of a client that goes away is dropped.
        if (c.linked !== null) dropOne(st, c.linked, close);
        if (st.clients.length === 0) st.idleSince = close;
      } else if (next === expire) {
        const i = st.remotes.findIndex((r) => r.expireAt === expire);
        st.remotes.splice(i, 1);
      } else if (next === idle) {
        this.#dump(st);
        this.#state = null;
      } else {
        this.#dump(st);
        st.nextDumpAt += st.statMs;
      }
    }
  }

  #idleExitAt(st: AnvilState): number | null {
    return st.idleSince === null ? null : st.idleSince + st.idleLimitMs;
  }

  #client(st: AnvilState, pid: number, now: number, ipcIdleMs: number): AnvilClient {
    let c = st.clients.find((x) => x.pid === pid);
    if (c === undefined) {
      c = { pid, closesAt: now + ipcIdleMs, linked: null };
      st.clients.push(c);
    }
    c.closesAt = now + ipcIdleMs;
    st.idleSince = null;
    return c;
  }

  /** anvil_status_dump: the peaks that are set, then reset. */
  #dump(st: AnvilState): void {
    const unit = Math.round(st.unitMs / 1000);
    if (st.connRate.value > 0)
      this.#log(st.program, st.pid, anvilRate('connection', st.connRate.value, unit, st.connRate.ident, st.connRate.when));
    if (st.connCount.value > 0)
      this.#log(st.program, st.pid, anvilCount('connection', st.connCount.value, st.connCount.ident, st.connCount.when));
    if (st.cacheSize > 0) this.#log(st.program, st.pid, anvilCacheSize(st.cacheSize, st.cacheWhen));
    st.connRate.value = 0;
    st.connCount.value = 0;
    st.cacheSize = 0;
  }
}

function dropOne(st: AnvilState, ident: string, now: number): void {
  const r = st.remotes.find((x) => x.ident === ident);
  if (r === undefined || r.count === 0) return;
  r.count -= 1;
  if (r.count === 0) r.expireAt = now + st.unitMs;
}

function cloneState(s: AnvilState): AnvilState {
  return {
    ...s,
    remotes: s.remotes.map((r) => ({ ...r })),
    clients: s.clients.map((c) => ({ ...c })),
    connRate: { ...s.connRate },
    connCount: { ...s.connCount },
  };
}
