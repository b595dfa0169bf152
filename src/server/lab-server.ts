import { appendFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { timeParamMs } from '../engine/queue/params.ts';
import type { QueuedMessage } from '../engine/queue/queued-message.ts';
import { readSettings } from '../engine/smtpd/index.ts';
import { createLabWorld } from '../engine/world/lab-world.ts';
import type { World } from '../engine/world/world.ts';
import type { MasterState } from '../engine/master/master.ts';
import { readPostfixFiles, SIM_POSTFIX_DIR, type ConfigFolder } from './config-folder.ts';
import type { ServiceName } from './options.ts';
import { SERVICES } from './options.ts';
import { realClock, realIds } from './real-time.ts';
import { portInUse } from './texts.ts';
import { SocketBridge } from './socket-bridge.ts';
import { nodeTlsSettings } from './tls-options.ts';

const SIM_MAIN_CF = `${SIM_POSTFIX_DIR}/main.cf`;
const SIM_MASTER_CF = `${SIM_POSTFIX_DIR}/master.cf`;

export interface LabServerOptions {
  readonly folder: ConfigFolder;
  readonly ports: Readonly<Record<ServiceName, number>>;
  readonly listen: string;
  /** Operator messages (not the mail log). */
  readonly warn?: (text: string) => void;
}

export interface BoundService {
  readonly service: ServiceName;
  readonly address: string;
  readonly port: number;
}

/**
 * The lab's engine behind real sockets: one listener per service, each connection handed to the
 * simulated master(8) as a connection to that service's port, the mail log appended to a file,
 * every message smtpd accepts kept as a file. Nothing is ever delivered outside the simulated world.
 */
export class LabServer {
  readonly world: World;
  readonly folder: ConfigFolder;
  readonly #servers = new Map<ServiceName, Server>();
  readonly #bridges = new Set<SocketBridge>();
  readonly #warn: (text: string) => void;
  readonly #timer: ReturnType<typeof setInterval>;
  /** What `postfix start` printed (errors in main.cf or master.cf). */
  readonly startOutput: string;

  private constructor(opts: LabServerOptions) {
    this.folder = opts.folder;
    this.#warn = opts.warn ?? ((t) => process.stderr.write(`serve: ${t}\n`));
    const files = Object.fromEntries(readPostfixFiles(opts.folder));
    const clock = realClock;
    this.world = createLabWorld({ clock, ids: realIds(clock), files, start: false });
    const logFile = opts.folder.logFile;
    this.world.log.subscribe((r) => appendFileSync(logFile, `${this.world.formatLogRecord(r)}\n`));
    this.#keepMessages();
    const out = this.world.postfix(['start'], false);
    this.startOutput = out.stdout + out.stderr;
    this.#timer = setInterval(() => this.world.runDue(), 1000);
    this.#timer.unref();
  }

  /** Starts the listeners; resolves once all are bound. */
  static async start(opts: LabServerOptions): Promise<LabServer> {
    const s = new LabServer(opts);
    try {
      for (const service of SERVICES) await s.#listen(service, opts.listen, opts.ports[service]);
    } catch (e) {
      await s.stop();
      throw e;
    }
    writeFileSync(opts.folder.pidFile, `${process.pid}\n`);
    return s;
  }

  /** Where each service listens. */
  bound(): BoundService[] {
    return [...this.#servers].map(([service, srv]) => {
      const a = srv.address() as AddressInfo;
      return { service, address: a.address, port: a.port };
    });
  }

  /** `postfix reload`: master.cf and main.cf are read again from the folder. */
  reload(): string {
    this.#sync(true);
    const out = this.world.postfix(['reload'], false);
    return out.stdout + out.stderr;
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    for (const b of this.#bridges) b.destroy();
    await Promise.all([...this.#servers.values()].map((srv) => new Promise<void>((r) => srv.close(() => r()))));
    this.#servers.clear();
  }

  #listen(service: ServiceName, address: string, port: number): Promise<void> {
    const srv = createServer((socket) => this.#accept(service, socket));
    return new Promise((resolve, reject) => {
      srv.once('error', (e: NodeJS.ErrnoException) => {
        reject(e.code === 'EADDRINUSE' ? new Error(portInUse(service, address, port)) : e);
      });
      srv.listen({ host: address, port }, () => {
        srv.removeAllListeners('error');
        this.#servers.set(service, srv);
        resolve();
      });
    });
  }

  /** Copies the folder's files into the simulated /etc/postfix: what a new smtpd reads. master.cf only on reload. */
  #sync(withMasterCf: boolean): void {
    const fs = this.world.fs;
    for (const [path, f] of readPostfixFiles(this.folder)) {
      if (path === SIM_MASTER_CF && !withMasterCf) continue;
      const old = fs.stat(path);
      if (old?.content !== f.content || old.mode !== f.mode) fs.write(path, f.content, f.mode);
    }
  }

  #accept(service: ServiceName, socket: Socket): void {
    const world = this.world;
    this.#sync(false);
    const cfg = world.master.config;
    const listener = cfg?.listeners.find((l) => l.service === service || l.service.endsWith(`:${service}`));
    if (cfg === null || cfg === undefined || listener === undefined) {
      socket.destroy(); // Postfix does not listen there (stopped, or the service is not in master.cf)
      return;
    }
    const from = (socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
    const before = world.master.exportState();
    const r = world.network.connect('127.0.0.1', listener.port, from);
    if (!r.ok) {
      socket.destroy();
      return;
    }
    // The main.cf the smtpd process taking this connection read (a reused idle one read it earlier).
    const mainCf = takenProcessMainCf(before, world.master.exportState(), listener.service) ?? world.fs.read(SIM_MAIN_CF) ?? '';
    const params = cfg.daemonParams(listener.service, 'inet', mainCf);
    const settings = readSettings(params);
    const bridge = new SocketBridge(socket, {
      endpoint: r.endpoint,
      wrapper: settings.ok && settings.settings.tls.wrapper,
      tlsSettings: () => nodeTlsSettings(params, world.fs.lookup),
      idleMs: timeParamMs(params, 'smtpd_timeout') ?? 300_000,
      warn: this.#warn,
    });
    this.#bridges.add(bridge);
    void bridge.done.then(() => this.#bridges.delete(bridge));
  }

  /** Every message smtpd hands to cleanup is also written to messages/<queue ID>.eml (with its envelope beside it). */
  #keepMessages(): void {
    const queue = this.world.queue;
    const submit = queue.submit.bind(queue);
    const dir = this.folder.messagesDir;
    queue.submit = (msg: QueuedMessage) => {
      try {
        writeFileSync(join(dir, `${msg.queueId}.eml`), msg.content.replace(/\n/g, '\r\n'), 'latin1');
        writeFileSync(
          join(dir, `${msg.queueId}.envelope.json`),
          `${JSON.stringify({ queueId: msg.queueId, sender: msg.sender, recipients: msg.recipients, arrivedAt: new Date(msg.arrivedAt).toISOString(), origin: msg.origin }, null, 2)}\n`,
        );
      } catch (e) {
        this.#warn(`could not keep message ${msg.queueId}: ${e instanceof Error ? e.message : String(e)}`);
      }
      return submit(msg);
    };
  }
}

/** The process of `service` that became busy between two states (the one that took the connection). */
function takenProcessMainCf(before: MasterState, after: MasterState, service: string): string | null {
  const wasBusy = new Set(before.processes.filter((p) => p.busy).map((p) => p.pid));
  const taken = after.processes.find((p) => p.service === service && p.busy && !wasBusy.has(p.pid));
  return taken?.mainCf ?? null;
}
