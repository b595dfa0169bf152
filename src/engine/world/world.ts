import type { ParameterView } from '../config/parameter-view.ts';
import { formatLogRecord, MailLog, type LogRecord } from '../log/mail-log.ts';
import type { ConfigLoad } from '../master/config-snapshot.ts';
import { Master, type DaemonStart, type DaemonSpawner } from '../master/master.ts';
import { runPostfixCommand, type CommandOutput } from '../master/postfix-command.ts';
import type { QueuedMessage } from '../queue/queued-message.ts';
import type { Clock } from './clock.ts';
import type { IdSource } from './ids.ts';
import type { ServerEndpoint } from './network.ts';
import type { SimFile } from '../tls/types.ts';
import { SimFs } from './sim-fs.ts';
import { SimNetwork } from './sim-network.ts';

/** The mail queue as the world drives it (cleanup, qmgr, local and smtp delivery behind it). */
export interface QueueService {
  /** A message smtpd handed to cleanup; delivery is attempted at once. */
  submit(msg: QueuedMessage): unknown;
  /** Postfix started or stopped: the queue's daemons follow. */
  start(): void;
  stop(): void;
}

/** What the world is made of, beyond files, clock and IDs: the daemons, wired in by the lab. */
export interface WorldParts {
  /** Reads and checks main.cf/master.cf as `postfix check` does. */
  readonly loadConfig: (fs: SimFs, action: 'check' | 'start' | 'reload') => ConfigLoad;
  /** Starts the daemon of an inet service (smtpd). */
  readonly spawn: (world: World, service: string, command: string, params: ParameterView, pid: number) => DaemonStart;
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
    const spawn: DaemonSpawner = (listener, params, pid) => opts.parts.spawn(this, listener.service, listener.command, params, pid);
    this.master = new Master({ log: this.log.write, ids: opts.ids, loadConfig: () => opts.parts.loadConfig(this.fs, 'start'), spawn });
    this.network = new SimNetwork({
      fs: this.fs,
      master: this.master,
      remote: opts.parts.remote,
      knownAddresses: opts.parts.remoteAddresses,
    });
    this.queue = opts.parts.queue(this);
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
