import type { LogWriter } from '../log/mail-log.ts';
import type { IdSource } from '../world/ids.ts';
import type { ServerEndpoint } from '../world/network.ts';
import type { ConfigLoad, ConfigSnapshot, InetListener } from './config-snapshot.ts';
import { DAEMON_DIRECTORY, masterDaemonStarted, masterProcessExit, masterReload, masterThrottling } from './log-texts.ts';
import type { ParameterView } from '../config/parameter-view.ts';
import { silentEndpoint } from './silent-endpoint.ts';

/** A daemon process as master(8) sees it: either ready to take connections or dead at start. */
export type DaemonStart =
  { readonly ok: true; accept(client: ClientAddress): ServerEndpoint } | { readonly ok: false; readonly exitStatus: number };

export interface ClientAddress {
  readonly name: string;
  readonly addr: string;
}

/** How master(8) starts a daemon for a service; the world injects the real one. */
export type DaemonSpawner = (listener: InetListener, params: ParameterView, pid: number) => DaemonStart;

export interface MasterEnv {
  readonly log: LogWriter;
  readonly ids: IdSource;
  readonly loadConfig: () => ConfigLoad;
  readonly spawn: DaemonSpawner;
}

/**
 * master(8): holds the configuration read at start/reload, listens on the inet services
 * of master.cf, and hands each connection to a daemon process. An idle process is reused
 * for the next connection (as Postfix does), until the next reload or stop.
 */
export class Master {
  readonly #env: MasterEnv;
  #pid: number | null = null;
  #config: ConfigSnapshot | null = null;
  readonly #processes = new Map<string, DaemonStart>();

  constructor(env: MasterEnv) {
    this.#env = env;
  }

  get running(): boolean {
    return this.#pid !== null;
  }

  get pid(): number | null {
    return this.#pid;
  }

  /** The configuration in force (what the daemons use), or null while stopped. */
  get config(): ConfigSnapshot | null {
    return this.#config;
  }

  /** Starts with the configuration `snapshot` (already checked by the caller); false when master dies at once. */
  start(snapshot: ConfigSnapshot): boolean {
    if (snapshot.masterFatal !== null) return false;
    this.#pid = this.#env.ids.nextPid();
    this.#config = snapshot;
    this.#processes.clear();
    this.#env.log('postfix/master', this.#pid, masterDaemonStarted);
    return true;
  }

  reload(snapshot: ConfigSnapshot): void {
    if (this.#pid === null) return;
    this.#config = snapshot;
    this.#processes.clear();
    this.#env.log('postfix/master', this.#pid, masterReload);
    // A master.cf that master(8) cannot use: it re-reads it on reload and dies.
    if (snapshot.masterFatal !== null) this.stop();
  }

  stop(): void {
    this.#pid = null;
    this.#config = null;
    this.#processes.clear();
  }

  /** The listener for `addr:port`, if Postfix listens there now. */
  listenerFor(addr: string, port: number): InetListener | null {
    const cfg = this.#config;
    if (cfg === null) return null;
    return cfg.listeners.find((l) => l.port === port && (l.addresses.includes(addr) || l.addresses.includes('0.0.0.0'))) ?? null;
  }

  /** Accepts a connection for `listener`: reuses the service's process or spawns one. */
  accept(listener: InetListener, client: ClientAddress): ServerEndpoint {
    const cfg = this.#config;
    if (cfg === null || this.#pid === null) return silentEndpoint();
    let proc = this.#processes.get(listener.service);
    if (proc === undefined) {
      const pid = this.#env.ids.nextPid();
      proc = this.#env.spawn(listener, cfg.paramsFor(listener.service, 'inet'), pid);
      if (!proc.ok) {
        const path = `${DAEMON_DIRECTORY}/${listener.command}`;
        this.#env.log('postfix/master', this.#pid, masterProcessExit(path, pid, proc.exitStatus));
        this.#env.log('postfix/master', this.#pid, masterThrottling(path));
      }
      this.#processes.set(listener.service, proc);
    }
    // A throttled service: the kernel still completes the TCP handshake, but no daemon ever answers.
    return proc.ok ? proc.accept(client) : silentEndpoint();
  }
}
