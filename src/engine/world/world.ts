import type { ParameterView } from '../config/parameter-view.ts';
import { formatLogRecord, MailLog, type LogRecord } from '../log/mail-log.ts';
import type { ConfigLoad, ConfigSnapshot } from '../master/config-snapshot.ts';
import { Master, type DaemonStart, type DaemonSpawner, type MasterState, type SpawnOptions } from '../master/master.ts';
import { runPostfixCommand, type CommandOutput } from '../master/postfix-command.ts';
import type { QueuedMessage } from '../queue/queued-message.ts';
import type { Clock } from './clock.ts';
import type { IdSource } from './ids.ts';
import type { ServerEndpoint } from './network.ts';
import type { SimFile } from '../tls/types.ts';
import { SimFs } from './sim-fs.ts';
import { SimNetwork } from './sim-network.ts';

const MAIN_CF = '/etc/postfix/main.cf';

/** The mail queue as the world drives it (cleanup, qmgr, local and smtp delivery behind it). */
export interface QueueService {
  /** A message smtpd handed to cleanup; delivery is attempted at once. */
  submit(msg: QueuedMessage): unknown;
  /** Postfix started or stopped: the queue's daemons follow. */
  start(): void;
  stop(): void;
  /** Runs the queue manager's work that has come due on the clock (deferred-queue scans). */
  runDue?(): void;
  /** When runDue() has work next, or null for none. */
  nextDueAt?(): number | null;
}

/** What the world is made of, beyond files, clock and IDs: the daemons, wired in by the lab. */
export interface WorldParts {
  /** Reads and checks main.cf/master.cf as `postfix check` does. */
  readonly loadConfig: (fs: SimFs, action: 'check' | 'start' | 'reload') => ConfigLoad;
  /** The configuration master(8) builds from the two files' text (see config-loader's configSnapshot). */
  readonly snapshotOf: (fs: SimFs, mainCf: string, masterCf: string, inetInterfaces?: string) => ConfigSnapshot;
  /** Starts the daemon of an inet service (smtpd). */
  readonly spawn: (world: World, service: string, command: string, params: ParameterView, pid: number, opts: SpawnOptions) => DaemonStart;
  /** Builds the queue once the world exists. */
  readonly queue: (world: World) => QueueService;
  /** The simulated remote hosts. */
  readonly remote: (addr: string, port: number) => ServerEndpoint | null;
  readonly remoteAddresses: ReadonlySet<string>;
}

export interface WorldOptions {
  readonly clock: Clock;
  readonly ids: IdSource;
  /** Initial files by absolute path (main.cf, master.cf, /etc/hosts, certificates...). */
  readonly files: Readonly<Record<string, string | SimFile>>;
  readonly parts: WorldParts;
  /** The host field of log lines (first label of myhostname). */
  readonly logHost?: string;
  /** Start from master(8)'s state exported by another world (`master.exportState()`), logging nothing. */
  readonly restore?: MasterState;
}

function earliest(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.min(a, b);
}

/** A clock that simulated time can move forward (steppingClock), as World.advance needs it. */
type MovableClock = Clock & { advance(ms: number): void };

function movable(c: Clock): MovableClock | null {
  return typeof (c as Partial<MovableClock>).advance === 'function' ? (c as MovableClock) : null;
}

/**
 * The simulated machine `mail.example.org`: files, the mail log, master(8) and its daemons,
 * the queue and the network. Everything is synchronous and deterministic.
 */
export class World {
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly fs: SimFs;
  readonly log: MailLog;
  readonly master: Master;
  readonly network: SimNetwork;
  readonly queue: QueueService;
  readonly #parts: WorldParts;
  readonly #logHost: string;

  constructor(opts: WorldOptions) {
    this.clock = opts.clock;
    this.ids = opts.ids;
    this.#parts = opts.parts;
    this.#logHost = opts.logHost ?? 'mail';
    this.fs = new SimFs(opts.files, opts.clock);
    this.log = new MailLog(opts.clock);
    const spawn: DaemonSpawner = (listener, params, pid, o) => opts.parts.spawn(this, listener.service, listener.command, params, pid, o);
    this.master = new Master({
      log: this.log.write,
      ids: opts.ids,
      clock: opts.clock,
      readMainCf: () => this.fs.read(MAIN_CF),
      snapshotOf: (main, master, interfaces) => opts.parts.snapshotOf(this.fs, main, master, interfaces),
      spawn,
    });
    this.network = new SimNetwork({
      fs: this.fs,
      master: this.master,
      remote: opts.parts.remote,
      knownAddresses: opts.parts.remoteAddresses,
    });
    this.queue = opts.parts.queue(this);
    if (opts.restore !== undefined) {
      this.master.restore(opts.restore);
      if (this.master.running) this.queue.start();
    }
    this.log.subscribe((r) => this.#appendToLogFile(this.formatLogRecord(r)));
  }

  /** The file the log is written to: `maillog_file` of the running configuration (main.cf when stopped). */
  get logFile(): string {
    const cfg = this.master.config;
    if (cfg !== null) return cfg.main.get('maillog_file');
    const load = this.#parts.loadConfig(this.fs, 'check');
    return load.ok ? load.snapshot.main.get('maillog_file') : '';
  }

  /** Formatted log lines, as in the log file. */
  logLines(): string[] {
    return this.log.records.map((r) => this.formatLogRecord(r));
  }

  /** One record as the log file shows it (with this machine's host field). */
  formatLogRecord(r: LogRecord): string {
    return formatLogRecord(r, this.#logHost);
  }

  /**
   * Runs whatever has come due on the clock (master(8)'s throttled services trying again for the
   * connections that wait, qmgr's deferred-queue scans and the retries they start). The lab page calls it periodically with its real-time clock.
   */
  runDue(): void {
    this.master.runDue();
    this.queue.runDue?.();
  }

  /**
   * Lets `ms` of simulated time pass (a clock with `advance`): every due event runs at its own
   * time, in order. On a real-time clock it only runs what is due now.
   */
  advance(ms: number): void {
    const clock = movable(this.clock);
    if (clock === null) {
      this.runDue();
      return;
    }
    let left = Math.max(0, ms);
    for (;;) {
      const next = earliest(this.queue.nextDueAt?.() ?? null, this.master.nextDueAt());
      const step = next === null ? null : Math.max(0, next - clock.now());
      if (step === null || step > left) break;
      clock.advance(step);
      left -= step;
      this.runDue();
    }
    clock.advance(left);
    this.runDue();
  }

  /** `postfix start|stop|reload|status|check`. */
  postfix(argv: readonly string[], tty: boolean): CommandOutput {
    const wasRunning = this.master.running;
    const out = runPostfixCommand(argv, {
      master: this.master,
      check: (action) => this.#parts.loadConfig(this.fs, action),
      log: this.log.write,
      ids: this.ids,
      tty,
    });
    if (!wasRunning && this.master.running) this.queue.start();
    if (wasRunning && !this.master.running) this.queue.stop();
    return out;
  }

  #appendToLogFile(line: string): void {
    const path = this.logFile;
    if (path === '') return; // syslog: the lab keeps lines in the MailLog only
    this.fs.write(path, `${this.fs.read(path) ?? ''}${line}\n`, 0o640);
  }
}
