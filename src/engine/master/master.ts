import { checkMainCf } from '../config/check.ts';
import type { ParameterView } from '../config/parameter-view.ts';
import type { LogWriter } from '../log/mail-log.ts';
import { intParam, timeParamMs } from '../queue/params.ts';
import type { ClientHello } from '../tls/types.ts';
import type { Clock } from '../world/clock.ts';
import type { IdSource } from '../world/ids.ts';
import type { ServerEndpoint, ServerOutput } from '../world/network.ts';
import type { ConfigSnapshot, InetListener } from './config-snapshot.ts';
import {
  DAEMON_DIRECTORY,
  masterDaemonStarted,
  masterInterfacesIgnored,
  masterInterfacesRestart,
  masterProcessExit,
  masterReload,
  masterThrottling,
} from './log-texts.ts';
import { closedEndpoint, silentEndpoint } from './silent-endpoint.ts';
import { Anvil, type AnvilSettings, type AnvilState } from './anvil.ts';
import { NetworkList } from '../smtpd/network-list.ts';

/** A daemon process as master(8) sees it: ready to take connections, or dead at start. */
export type DaemonStart =
  | { readonly ok: true; accept(client: ClientAddress): ServerEndpoint }
  | {
      readonly ok: false;
      readonly exitStatus: number;
      /**
       * It had accepted the connection when it died (smtpd's `unexpected command-line argument`
       * comes after accept()): the client sees the connection close. Otherwise the connection
       * waits in the listen queue and the client hears nothing.
       */
      readonly accepted?: boolean;
    };

export interface ClientAddress {
  readonly name: string;
  readonly addr: string;
  /** anvil(8)'s answer to smtpd's `connect` (count and rate of this client), when smtpd asked. */
  readonly anvil?: { readonly count: number; readonly rate: number };
}

export interface SpawnOptions {
  /** The service's command-line words after its options (master.cf prose uncommented by mistake). */
  readonly args: readonly string[];
  /** Rebuilding a process from a saved state: it logs nothing as it starts (it did already). */
  readonly quiet: boolean;
}

/** How master(8) starts a daemon for a service; the world injects the real one. */
export type DaemonSpawner = (listener: InetListener, params: ParameterView, pid: number, opts: SpawnOptions) => DaemonStart;

export interface MasterEnv {
  readonly log: LogWriter;
  readonly ids: IdSource;
  readonly clock: Clock;
  /** main.cf as it is on disk now: what a daemon reads when it starts (undefined: no file). */
  readonly readMainCf: () => string | undefined;
  /** The configuration built from the two files' text (to restore a saved state). */
  readonly snapshotOf: (mainCf: string, masterCf: string, inetInterfaces?: string) => ConfigSnapshot;
  readonly spawn: DaemonSpawner;
}

/** One live daemon process, as `exportState()` gives it. */
export interface ProcessState {
  /** The master.cf service name (e.g. `smtp`, `submission`). */
  readonly service: string;
  readonly pid: number;
  /** The main.cf text the process read when it started. */
  readonly mainCf: string;
  /** When its last connection ended (or when it started), ms on the world's clock. */
  readonly lastUsed: number;
  /** Connections it has finished. */
  readonly useCount: number;
  /** A connection is in progress. */
  readonly busy: boolean;
  /** `postfix reload` came while it was busy: it exits after this connection. */
  readonly retiring: boolean;
}

/** master(8)'s state as plain data (JSON-safe): see `Master.exportState()`. */
export interface MasterState {
  /** master's PID, or null when Postfix is stopped (then the rest is empty). */
  readonly pid: number | null;
  /** main.cf and master.cf as master read them at the last start or reload. */
  readonly mainCf: string | null;
  readonly masterCf: string | null;
  /** inet_interfaces as master read it when it started (a reload cannot change it). */
  readonly inetInterfaces: string | null;
  /** Throttled services and when the throttle ends (ms on the world's clock). */
  readonly throttled: readonly { readonly service: string; readonly until: number }[];
  readonly processes: readonly ProcessState[];
  /** Connections waiting in a listen queue for a process (their service is throttled), oldest first. */
  readonly listenQueue: readonly { readonly service: string; readonly client: ClientAddress }[];
  /** anvil(8), while it runs. */
  readonly anvil: AnvilState | null;
  /** The queue's daemons started on demand (cleanup, local, smtp): the main.cf each read, its last use. */
  readonly unixDaemons: readonly { readonly service: string; readonly mainCf: string; readonly lastUsed: number }[];
}

interface LiveProcess {
  readonly service: string;
  readonly pid: number;
  readonly mainCf: string;
  /** null for a busy process rebuilt from a saved state: its connection is not in this world. */
  readonly daemon: Extract<DaemonStart, { ok: true }> | null;
  /** max_idle and max_use as this process read them (0: no limit). */
  readonly maxIdleMs: number;
  readonly maxUse: number;
  /** smtpd talks to anvil(8) except for these clients (smtpd_client_event_limit_exceptions); null: never. */
  readonly anvilExceptions: NetworkList | null;
  readonly ipcIdleMs: number;
  lastUsed: number;
  useCount: number;
  busy: boolean;
  retiring: boolean;
}

/** A daemon of the queue that master starts on demand (cleanup, local, smtp). */
interface UnixDaemon {
  readonly mainCf: string;
  readonly params: ParameterView;
  readonly maxIdleMs: number;
  lastUsed: number;
}

/** A connection the kernel accepted for a service that has no process to take it yet. */
interface QueuedConnection {
  readonly listener: InetListener;
  readonly client: ClientAddress;
  /** What the client sent while it waited: the daemon reads it once it has accepted. */
  readonly input: string[];
  /** The client has closed its end (the connection still waits in the queue). */
  gone: boolean;
  /** Once a daemon took it: its endpoint. */
  served: ServerEndpoint | null;
  /** What the server sent that the client has not read yet, and whether it then closed. */
  unread: string;
  closed: boolean;
}

/** At most this many throttle periods are caught up at once (a lab left alone for hours). */
const MAX_CATCH_UP = 200;

/** smtpd creates its anvil client when one of these is set (smtpd.c, post_jail_init). */
const ANVIL_LIMITS = [
  'smtpd_client_connection_rate_limit',
  'smtpd_client_connection_count_limit',
  'smtpd_client_message_rate_limit',
  'smtpd_client_recipient_rate_limit',
  'smtpd_client_new_tls_session_rate_limit',
  'smtpd_client_auth_rate_limit',
];

/** service_throttle_time's default (postconf -d), should the value be unreadable. */
const DEFAULT_THROTTLE_MS = 60_000;

/**
 * master(8) as Postfix 3.7 runs it (master/master_spawn.c, master_avail.c, master_conf.c,
 * master_status.c, single_server.c), on the world's clock:
 *
 * - It reads master.cf, and main.cf for its own settings, at `start` and `reload` only: a service
 *   added to master.cf listens only after a reload, and a removed one listens until then.
 * - Each new daemon process reads main.cf from disk when it starts: a main.cf change reaches the
 *   next new process without a reload. A process serves one connection at a time; when it is done
 *   it waits for the next one (master reuses it) with the settings it read, until it has been idle
 *   for `max_idle` (exits; checked lazily when a connection comes) or has served `max_use`
 *   connections (exits after the last). Several connections at once get several processes; an
 *   idle process is picked oldest-waiting first.
 * - On reload, master closes its status pipes: idle processes exit at once, busy ones after their
 *   connection, so the next connection gets a new process with the new master.cf options.
 * - A process that dies before finishing its first connection throttles its service for
 *   `service_throttle_time`: master logs the exit and `bad command startup -- throttling`, and
 *   starts no process for it until then, so clients connect but hear nothing. A reload does not
 *   lift the throttle (master_restart_service leaves it); removing the service does. The
 *   connections wait in the listen queue: when the throttle ends, master starts a process for each
 *   (up to the process limit; they may die again, and the service is throttled again from then). `runDue()` lets that happen on time;
 *   otherwise it happens when a connection comes or a waiting client looks (`poll`).
 *
 * `exportState()` and `restore()` copy this state to another world (a scratch copy for a goal
 * check) without logging and without using PIDs or queue IDs of the original.
 */
export class Master {
  readonly #env: MasterEnv;
  #pid: number | null = null;
  #config: ConfigSnapshot | null = null;
  #inetInterfaces: string | null = null;
  #processes: LiveProcess[] = [];
  readonly #throttled = new Map<string, number>();
  #listenQueue: QueuedConnection[] = [];
  #anvil: Anvil;
  #unixDaemons = new Map<string, UnixDaemon>();

  constructor(env: MasterEnv) {
    this.#env = env;
    this.#anvil = this.#newAnvil(null);
  }

  #newAnvil(state: AnvilState | null): Anvil {
    return new Anvil((program, pid, text) => this.#env.log(program, pid, text), state);
  }

  get running(): boolean {
    return this.#pid !== null;
  }

  get pid(): number | null {
    return this.#pid;
  }

  /** The configuration master read at its last start/reload, or null while stopped. */
  get config(): ConfigSnapshot | null {
    return this.#config;
  }

  /** Starts with the configuration `snapshot` (already checked by the caller); false when master dies at once. */
  start(snapshot: ConfigSnapshot): boolean {
    if (snapshot.masterFatal !== null) return false;
    this.#pid = this.#env.ids.nextPid();
    this.#config = snapshot;
    this.#inetInterfaces = snapshot.main.get('inet_interfaces');
    this.#processes = [];
    this.#throttled.clear();
    this.#listenQueue = [];
    this.#unixDaemons.clear();
    this.#env.log('postfix/master', this.#pid, masterDaemonStarted);
    return true;
  }

  reload(snapshot: ConfigSnapshot): void {
    const pid = this.#pid;
    if (pid === null) return;
    this.#env.log('postfix/master', pid, masterReload);
    let next = snapshot;
    // master_ent.c: inet_interfaces cannot change under a running master; each inet service says so.
    const saved = this.#inetInterfaces;
    if (saved !== null && snapshot.main.get('inet_interfaces') !== saved) {
      for (const name of snapshot.inetServices) {
        this.#env.log('postfix/master', pid, masterInterfacesIgnored(name));
        this.#env.log('postfix/master', pid, masterInterfacesRestart);
      }
      next = this.#env.snapshotOf(snapshot.mainCfText, snapshot.masterCfText, saved);
    }
    this.#config = next;
    // anvil(8) exits with the status pipes closed, and says what it saw.
    this.#anvil.reload(this.#env.clock.now());
    // Idle processes exit now; busy ones finish their connection with the old settings, then exit.
    this.#processes = this.#processes.filter((p) => p.busy);
    for (const p of this.#processes) p.retiring = true;
    this.#unixDaemons.clear();
    // A service gone from master.cf is stopped (master_delete_children lifts its throttle).
    for (const service of [...this.#throttled.keys()])
      if (!next.listeners.some((l) => l.service === service)) this.#throttled.delete(service);
    for (const q of this.#listenQueue) if (!next.listeners.some((l) => l.service === q.listener.service)) q.closed = true;
    this.#listenQueue = this.#listenQueue.filter((q) => !q.closed);
    // A master.cf that master(8) cannot use: it re-reads it on reload and dies.
    if (next.masterFatal !== null) this.stop();
  }

  stop(): void {
    this.#pid = null;
    this.#config = null;
    this.#inetInterfaces = null;
    this.#processes = [];
    this.#throttled.clear();
    for (const q of this.#listenQueue) q.closed = true;
    this.#listenQueue = [];
    this.#anvil.stop();
    this.#unixDaemons.clear();
  }

  /** The listener for `addr:port`, if Postfix listens there now. */
  listenerFor(addr: string, port: number): InetListener | null {
    const cfg = this.#config;
    if (cfg === null) return null;
    return cfg.listeners.find((l) => l.port === port && (l.addresses.includes(addr) || l.addresses.includes('0.0.0.0'))) ?? null;
  }

  /** Accepts a connection for `listener`: an idle process of the service takes it, or a new one. */
  accept(listener: InetListener, client: ClientAddress): ServerEndpoint {
    if (this.#config === null || this.#pid === null) return silentEndpoint();
    const now = this.#env.clock.now();
    this.#advance(now);
    // A throttled service: the kernel completes the TCP handshake, but no daemon answers yet.
    if (this.#throttled.has(listener.service) || this.#listenQueue.some((q) => q.listener.service === listener.service))
      return this.#queue(listener, client);
    // Every process of the service is busy and there are process_limit of them: the client waits in the
    // listen queue for one to finish (corpus-extra limits-process-limit; master logs nothing there).
    if (this.#atProcessLimit(listener)) return this.#queue(listener, client);
    const r = this.#take(listener, client, now);
    if (r.ok) return r.endpoint;
    return r.accepted ? closedEndpoint() : this.#queue(listener, client);
  }

  /**
   * The parameters a daemon of the queue that master starts on demand (cleanup, local, smtp) works
   * with now: a new one reads main.cf from disk as it starts; an idle one is reused, with what it
   * read, until it has waited max_idle or Postfix reloads. Each call counts as a use (max_use is
   * not modelled for these). Null while Postfix is stopped.
   */
  unixDaemonParams(service: string): ParameterView | null {
    const cfg = this.#config;
    if (cfg === null) return null;
    const now = this.#env.clock.now();
    let d = this.#unixDaemons.get(service);
    if (d === undefined || (d.maxIdleMs > 0 && now - d.lastUsed >= d.maxIdleMs)) {
      d = unixDaemon(cfg, service, this.#env.readMainCf() ?? '', now);
      this.#unixDaemons.set(service, d);
    }
    d.lastUsed = now;
    return d.params;
  }

  /** Lets the time pass up to now: processes past max_idle exit, throttles end, waiting connections get a process. */
  runDue(): void {
    if (this.#pid !== null) this.#advance(this.#env.clock.now());
  }

  /** When `runDue()` has work next (a throttle ends with connections waiting), or null. */
  nextDueAt(): number | null {
    let next: number | null = this.#anvil.nextDueAt();
    for (const q of this.#listenQueue) {
      const until = this.#throttled.get(q.listener.service);
      if (until !== undefined && (next === null || until < next)) next = until;
    }
    return next;
  }

  /**
   * A process of the service takes the connection (an idle one, or a new one that reads main.cf);
   * a process that dies at start throttles the service from `at`.
   */
  #take(
    listener: InetListener,
    client: ClientAddress,
    at: number,
  ): { readonly ok: true; readonly endpoint: ServerEndpoint } | { readonly ok: false; readonly accepted: boolean } {
    const cfg = this.#config;
    const masterPid = this.#pid;
    if (cfg === null || masterPid === null) return { ok: false, accepted: false };
    let proc = this.#idleProcess(listener.service);
    if (proc === null) {
      const mainCf = this.#env.readMainCf();
      const pid = this.#env.ids.nextPid();
      const start = this.#startDaemon(cfg, listener, mainCf, pid, false);
      if (!start.ok) {
        const path = `${DAEMON_DIRECTORY}/${listener.command}`;
        this.#env.log('postfix/master', masterPid, masterProcessExit(path, pid, start.exitStatus));
        // master_reap_child throttles (and says so) only when the service is not throttled yet: processes started
        // with this one for other waiting connections have only their exit logged (host-tools/late-close-587/rerun).
        if (!this.#throttled.has(listener.service)) {
          this.#env.log('postfix/master', masterPid, masterThrottling(path));
          this.#throttled.set(listener.service, at + throttleMs(cfg.main));
        }
        return { ok: false, accepted: start.accepted === true };
      }
      proc = newProcess(listener.service, pid, mainCf ?? '', start, at, cfg, listener);
      this.#processes.push(proc);
    }
    const taken = proc;
    taken.busy = true;
    if (taken.daemon === null) return { ok: true, endpoint: silentEndpoint() };
    // smtpd reports each session to anvil(8), which master starts on the first request; smtpd checks
    // anvil's answer against its limits when the session opens (smtpd/connection-limits.ts).
    const anvil = taken.anvilExceptions !== null && !taken.anvilExceptions.matches(client.name, client.addr);
    const answer = anvil
      ? this.#anvil.connect(listener.service, client.addr, taken.pid, at, taken.ipcIdleMs, () => this.#spawnAnvil(cfg))
      : null;
    const endpoint = taken.daemon.accept(answer === null ? client : { ...client, anvil: answer });
    return {
      ok: true,
      endpoint: whenDone(endpoint, () => {
        if (anvil) this.#anvil.disconnect(listener.service, client.addr, taken.pid, this.#env.clock.now(), taken.ipcIdleMs);
        this.#release(taken);
      }),
    };
  }

  /** anvil(8) starts: a new process that reads main.cf. */
  #spawnAnvil(cfg: ConfigSnapshot): { pid: number; settings: AnvilSettings } {
    const params = cfg.daemonParams('anvil', 'unix', this.#env.readMainCf() ?? '');
    return {
      pid: this.#env.ids.nextPid(),
      settings: {
        program: `${params.get('syslog_name')}/anvil`,
        unitMs: timeParamMs(params, 'anvil_rate_time_unit') ?? 60_000,
        maxIdleMs: timeParamMs(params, 'max_idle') ?? 100_000,
        statMs: timeParamMs(params, 'anvil_status_update_time') ?? 600_000,
      },
    };
  }

  /** The connection waits in the service's listen queue; its endpoint shows what happens to it later. */
  #queue(listener: InetListener, client: ClientAddress): ServerEndpoint {
    const q: QueuedConnection = { listener, client, input: [], gone: false, served: null, unread: '', closed: false };
    this.#listenQueue.push(q);
    return queuedEndpoint(q, () => this.runDue());
  }

  /**
   * master's state as plain data: the configuration it read at its last start/reload, the
   * throttled services, and each live process with the main.cf it read. Reads nothing, logs
   * nothing, uses no ID: calling it never changes the world.
   */
  exportState(): MasterState {
    const cfg = this.#config;
    return {
      pid: this.#pid,
      mainCf: cfg?.mainCfText ?? null,
      masterCf: cfg?.masterCfText ?? null,
      inetInterfaces: this.#inetInterfaces,
      throttled: [...this.#throttled].map(([service, until]) => ({ service, until })),
      processes: this.#processes.map((p) => ({
        service: p.service,
        pid: p.pid,
        mainCf: p.mainCf,
        lastUsed: p.lastUsed,
        useCount: p.useCount,
        busy: p.busy,
        retiring: p.retiring,
      })),
      listenQueue: this.#listenQueue.map((q) => ({ service: q.listener.service, client: q.client })),
      anvil: this.#anvil.exportState(),
      unixDaemons: [...this.#unixDaemons].map(([service, d]) => ({ service, mainCf: d.mainCf, lastUsed: d.lastUsed })),
    };
  }

  /**
   * Takes over a state from `exportState()` (of another world), logging nothing: master runs (or
   * not) with that configuration, the same services are throttled, and each idle process is
   * started again from the main.cf it had read, with its PID, so that the next connection is
   * served exactly as in the original world. A busy process stays busy here (its connection
   * belongs to the original world). Files the daemons read at start (certificates) are read from
   * this world's files.
   */
  restore(state: MasterState): void {
    this.stop();
    if (state.pid === null || state.mainCf === null || state.masterCf === null) return;
    const cfg = this.#env.snapshotOf(state.mainCf, state.masterCf, state.inetInterfaces ?? undefined);
    this.#pid = state.pid;
    this.#config = cfg;
    this.#inetInterfaces = state.inetInterfaces;
    this.#anvil = this.#newAnvil(state.anvil ?? null);
    for (const d of state.unixDaemons ?? []) this.#unixDaemons.set(d.service, unixDaemon(cfg, d.service, d.mainCf, d.lastUsed));
    for (const t of state.throttled) this.#throttled.set(t.service, t.until);
    for (const p of state.processes) {
      const listener = cfg.listeners.find((l) => l.service === p.service);
      if (listener === undefined) continue;
      let daemon: Extract<DaemonStart, { ok: true }> | null = null;
      if (!p.busy) {
        const start = this.#startDaemon(cfg, listener, p.mainCf, p.pid, true);
        if (!start.ok) continue;
        daemon = start;
      }
      const proc = newProcess(p.service, p.pid, p.mainCf, daemon, p.lastUsed, cfg, listener);
      proc.useCount = p.useCount;
      proc.busy = p.busy;
      proc.retiring = p.retiring;
      this.#processes.push(proc);
    }
    // Their clients belong to the original world: here they wait unread, but still come first.
    for (const w of state.listenQueue ?? []) {
      const listener = cfg.listeners.find((l) => l.service === w.service);
      if (listener !== undefined)
        this.#listenQueue.push({ listener, client: w.client, input: [], gone: true, served: null, unread: '', closed: false });
    }
  }

  /** A new process of `listener`'s service reads `mainCf` and starts. */
  #startDaemon(cfg: ConfigSnapshot, listener: InetListener, mainCf: string | undefined, pid: number, quiet: boolean): DaemonStart {
    // A main.cf the daemon cannot read kills it in mail_conf_read. Its fatal goes to syslog, not to
    // maillog_file: single_server_main calls maillog_client_init before it has read main.cf.
    if (checkMainCf(mainCf).fatal !== null) return { ok: false, exitStatus: 1 };
    const params = cfg.daemonParams(listener.service, 'inet', mainCf ?? '');
    return this.#env.spawn(listener, params, pid, { args: cfg.daemonArgs(listener.service, 'inet'), quiet });
  }

  #idleProcess(service: string): LiveProcess | null {
    let best: LiveProcess | null = null;
    for (const p of this.#processes) {
      if (p.service !== service || p.busy || p.retiring) continue;
      if (best === null || p.lastUsed < best.lastUsed) best = p;
    }
    return best;
  }

  /** Lets the time pass up to `now`: idle processes past max_idle exit, throttles end, queued connections get a process. */
  #advance(now: number): void {
    this.#processes = this.#processes.filter((p) => {
      const stays = p.busy || p.maxIdleMs === 0 || now - p.lastUsed < p.maxIdleMs;
      if (!stays) this.#anvil.clientGone(p.pid, p.lastUsed + p.maxIdleMs);
      return stays;
    });
    this.#anvil.advance(now);
    const services = new Set([...this.#throttled.keys(), ...this.#listenQueue.map((q) => q.listener.service)]);
    for (const service of services) {
      let until = this.#throttled.get(service) ?? now;
      for (let round = 0; until <= now && round < MAX_CATCH_UP; round++) {
        // The throttle ends at `until`: master listens again. Each process it starts tells master it took a
        // connection, master listens on and starts another while connections wait (master_avail.c,
        // master_status.c): one process per waiting connection, up to the process limit, all before the first of
        // them can die (host-tools/late-close-587/rerun/mail.log: five submission smtpds at the throttle's end).
        this.#throttled.delete(service);
        for (const q of this.#listenQueue.filter((c) => c.listener.service === service)) {
          if (this.#atProcessLimit(q.listener)) break;
          const r = this.#take(q.listener, q.client, until);
          if (r.ok || r.accepted) this.#listenQueue = this.#listenQueue.filter((c) => c !== q);
          if (r.ok) serveQueued(q, r.endpoint);
          else if (r.accepted) q.closed = true;
          else break;
        }
        // Died: throttled again from then. Otherwise what still waits, waits for a process to finish.
        const next = this.#throttled.get(service);
        if (next === undefined) break;
        until = next;
      }
    }
  }

  /** No idle process of the service, and as many busy ones as its process limit allows. */
  #atProcessLimit(listener: InetListener): boolean {
    const limit = listener.processLimit ?? 0;
    if (limit <= 0) return false;
    const mine = this.#processes.filter((p) => p.service === listener.service);
    return !mine.some((p) => !p.busy && !p.retiring) && mine.filter((p) => p.busy).length >= limit;
  }

  /** A process finished its connection: it waits for the next one, or exits. */
  #release(proc: LiveProcess): void {
    if (!this.#processes.includes(proc)) return; // master stopped or restarted meanwhile
    proc.busy = false;
    proc.useCount += 1;
    proc.lastUsed = this.#env.clock.now();
    if (proc.retiring || (proc.maxUse > 0 && proc.useCount >= proc.maxUse)) {
      this.#processes = this.#processes.filter((p) => p !== proc);
      this.#anvil.clientGone(proc.pid, proc.lastUsed);
    }
  }
}

function newProcess(
  service: string,
  pid: number,
  mainCf: string,
  daemon: Extract<DaemonStart, { ok: true }> | null,
  now: number,
  cfg: ConfigSnapshot,
  listener: InetListener,
): LiveProcess {
  const params = cfg.daemonParams(listener.service, 'inet', mainCf);
  return {
    service,
    pid,
    mainCf,
    daemon,
    maxIdleMs: timeParamMs(params, 'max_idle') ?? 100_000,
    maxUse: intParam(params, 'max_use', 100),
    anvilExceptions:
      listener.command === 'smtpd' && ANVIL_LIMITS.some((n) => intParam(params, n, 0) > 0)
        ? new NetworkList(params.get('smtpd_client_event_limit_exceptions'))
        : null,
    ipcIdleMs: timeParamMs(params, 'ipc_idle') ?? 5_000,
    lastUsed: now,
    useCount: 0,
    busy: false,
    retiring: false,
  };
}

/** A process took a connection that waited: it reads what the client sent meanwhile. */
function serveQueued(q: QueuedConnection, ep: ServerEndpoint): void {
  q.served = ep;
  let o = ep.open();
  q.unread += o.data;
  for (const bytes of q.input) {
    if (o.closed) break;
    o = ep.receive(bytes);
    q.unread += o.data;
  }
  q.closed = o.closed;
  if (q.gone && !q.closed) ep.clientClosed();
}

/**
 * The client's end of a connection in a listen queue. Until a process takes it, the server says
 * nothing; what the client sends is kept for the process. `poll()` tells what came meanwhile.
 */
function queuedEndpoint(q: QueuedConnection, runDue: () => void): ServerEndpoint {
  const take = (): ServerOutput => {
    const data = q.unread;
    q.unread = '';
    return { data, closed: q.closed };
  };
  const poll = (): ServerOutput => {
    if (q.served === null && !q.closed) runDue();
    return take();
  };
  return {
    open: poll,
    poll,
    receive(bytes) {
      if (q.closed) return take();
      if (q.served === null) {
        q.input.push(bytes);
        return poll();
      }
      const o = q.served.receive(bytes);
      q.unread += o.data;
      q.closed = o.closed;
      return take();
    },
    handshake(hello) {
      if (q.served === null || q.closed) return { result: { ok: false, log: [] }, output: take() };
      const r = q.served.handshake(hello);
      q.unread += r.output.data;
      q.closed = r.output.closed;
      return { result: r.result, output: take() };
    },
    clientClosed() {
      if (q.served !== null && !q.closed) q.served.clientClosed();
      q.gone = true;
    },
    get tls() {
      return q.served?.tls ?? null;
    },
    get waiting() {
      return q.served === null && !q.closed;
    },
  };
}

function unixDaemon(cfg: ConfigSnapshot, service: string, mainCf: string, now: number): UnixDaemon {
  const params = cfg.daemonParams(service, 'unix', mainCf);
  return { mainCf, params, maxIdleMs: timeParamMs(params, 'max_idle') ?? 100_000, lastUsed: now };
}

function throttleMs(main: ParameterView): number {
  // At least a second: with 0, master would retry without pause (and the lab would loop).
  return Math.max(1000, timeParamMs(main, 'service_throttle_time') ?? DEFAULT_THROTTLE_MS);
}

/** The endpoint, calling `done` once when the connection ends (the server closed it, or the client). */
function whenDone(ep: ServerEndpoint, done: () => void): ServerEndpoint {
  let ended = false;
  const end = (): void => {
    if (ended) return;
    ended = true;
    done();
  };
  const seen = (o: ServerOutput): ServerOutput => {
    if (o.closed) end();
    return o;
  };
  const overrides: Pick<ServerEndpoint, 'open' | 'receive' | 'handshake' | 'clientClosed'> = {
    open: () => seen(ep.open()),
    receive: (bytes: string) => seen(ep.receive(bytes)),
    handshake: (hello: ClientHello) => {
      const r = ep.handshake(hello);
      seen(r.output);
      return r;
    },
    clientClosed: () => {
      ep.clientClosed();
      end();
    },
  };
  // Everything else (tls, a session's own getters) reads through to the endpoint itself; what ends the
  // session there (poll, smtpd's idle timeout) is watched too, so that the process and anvil see the end.
  return new Proxy(ep, {
    get(target, prop) {
      if (prop === 'open' || prop === 'receive' || prop === 'handshake' || prop === 'clientClosed') return overrides[prop];
      const v: unknown = Reflect.get(target, prop, target);
      if ((prop === 'poll' || prop === 'timeout') && typeof v === 'function') return () => seen((v as () => ServerOutput).call(target));
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}
