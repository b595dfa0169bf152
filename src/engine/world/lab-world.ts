import { mapView } from '../config/parameter-view.ts';
import type { ConfigSnapshot } from '../master/config-snapshot.ts';
import { RemoteWorld } from '../remote/remote-world.ts';
import { corpusSasldb, localRecipientsFrom, startSmtpd } from '../smtpd/index.ts';
import { serverTls } from '../tls/server-tls.ts';
import type { SimFile } from '../tls/types.ts';
import { steppingClock, type Clock } from './clock.ts';
import { configSnapshot, ETC_SERVICES_PATH, loadConfig, MAIN_CF, MASTER_CF } from './config-loader.ts';
import { checkMainCf } from '../config/check.ts';
import type { ParameterView } from '../config/parameter-view.ts';
import { labFiles } from './data/lab-files.ts';
import { installCaCertificates } from './data/ca-certificates.ts';
import { sequentialIds, type IdSource } from './ids.ts';
import { World, type WorldParts } from './world.ts';
import { labQueue, type LabQueue } from './lab-queue.ts';
import type { MasterState } from '../master/master.ts';
import { ETC_SERVICES } from '../config/services.ts';
import { smtpdUnexpectedArgument } from '../master/log-texts.ts';

export interface LabWorldOptions {
  readonly clock?: Clock;
  readonly ids?: IdSource;
  /** Files to add or replace on top of the lab machine's own (see data/lab-files.ts). */
  readonly files?: Readonly<Record<string, string | SimFile>>;
  /** The remote hosts (default: the corpus's mx.example.net listeners). */
  readonly remote?: RemoteWorld;
  /** Start Postfix at boot, as a freshly booted server does (default true). */
  readonly start?: boolean;
  /**
   * A copy of another lab world: master(8)'s state from its `master.exportState()`. The new world
   * starts from it (running or not, the same throttled services, the same idle smtpd processes with
   * the main.cf each one read) without logging a start, so a probe on the copy is served exactly as
   * the original would serve it. Pass the original's files too, and its clock's time; `ids` defaults
   * to PIDs after the highest in the state. `start` is ignored.
   */
  readonly restore?: MasterState;
}

/** The time the corpus was recorded: the lab's clock starts there (dates in logs look alike). */
export const LAB_EPOCH = Date.UTC(2026, 11, 1, 7, 8, 10);

/**
 * The lab's World with its real daemons: smtpd, the queue (cleanup, qmgr, local, smtp) and the remote MXes.
 * In the browser the queue's code may come later (lab-queue.ts): call `loadOutbound()` before mail can flow.
 */
export function createLabWorld(opts: LabWorldOptions = {}): World & { readonly queue: LabQueue } {
  const remote = opts.remote ?? new RemoteWorld();
  const parts: WorldParts = {
    loadConfig: (fs, action) => loadConfig(fs, action),
    snapshotOf: (fs, main, master, interfaces) => configSnapshot(main, master, fs.read(ETC_SERVICES_PATH) ?? ETC_SERVICES, interfaces),
    spawn: (world, service, command, params, pid, spawnOpts) => {
      // Only smtpd is simulated among the inet daemons (postscreen, qmqpd... are not).
      if (command !== 'smtpd') return { ok: false, exitStatus: 1 };
      const program = `${params.get('syslog_name')}/smtpd`;
      // A process rebuilt from a saved state logged its start already.
      let quiet = spawnOpts.quiet;
      const start = startSmtpd({
        params,
        service,
        program,
        pid,
        log: (p, id, text) => {
          if (!quiet) world.log.write(p, id, text);
        },
        clock: world.clock,
        ids: world.ids,
        tls: serverTls,
        files: world.fs.lookup,
        sasl: corpusSasldb(),
        isLocalRecipient: localRecipientsFrom(world.fs.lookup),
        enqueue: (msg) => world.queue.submit(msg),
      });
      quiet = false;
      // smtpd takes no arguments: with words left after its options it dies once it has accepted
      // the connection (smtpd.c, smtpd_service).
      const extra = spawnOpts.args[0];
      if (start.ok && extra !== undefined) {
        world.log.write(program, pid, smtpdUnexpectedArgument(extra));
        return { ok: false, exitStatus: 1, accepted: true };
      }
      return start;
    },
    queue: (world) => {
      return labQueue({
        clock: world.clock,
        ids: world.ids,
        log: world.log.write,
        paramsFor: (service) => queueParams(world, service),
        // Postfix's own smtp client: the lesson runtime tells its deliveries from the learner's connections.
        network: world.network.clientView('postfix'),
        fs: world.fs,
        running: () => world.master.running,
        remoteTls: (a, p) => remote.tlsOf(a, p),
      });
    },
    remote: (addr, port) => remote.remoteEndpoint(addr, port),
    remoteAddresses: remote.addresses(),
  };
  const world = new World({
    clock: opts.clock ?? steppingClock(LAB_EPOCH, 10),
    ids: opts.ids ?? sequentialIds(opts.restore === undefined ? undefined : highestPid(opts.restore)),
    files: { ...labFiles(), ...opts.files },
    parts,
    ...(opts.restore === undefined ? {} : { restore: opts.restore }),
  });
  installCaCertificates(world.fs);
  // A proxy of the remote world may stand in front of the lab's own smtpd (more/strip-inbound-sclient).
  remote.connectLocalWith((address, port) => {
    const r = world.network.connect(address, port);
    return r.ok ? r.endpoint : null;
  });
  if (opts.restore === undefined && (opts.start ?? true)) world.postfix(['start'], false);
  return world as World & { readonly queue: LabQueue };
}

function highestPid(state: MasterState): number {
  return Math.max(state.pid ?? 0, ...state.processes.map((p) => p.pid));
}

/** Queue daemons that run from Postfix's start or reload, and commands that read the files at each run. */
const LONG_RUNNING = new Set(['qmgr', 'pickup']);
const COMMANDS = new Set(['sendmail', 'postsuper', 'postqueue', 'postdrop']);

/**
 * The parameters a daemon of the queue works with (each Postfix program reads main.cf when it
 * starts): qmgr and pickup run from Postfix's start or reload; the commands read the files at each
 * run; cleanup, local, smtp... are started by master(8) on demand and reused while idle.
 */
function queueParams(world: World, service: string): ParameterView {
  if (LONG_RUNNING.has(service)) return (world.master.config ?? filesNow(world)).paramsFor(service);
  if (COMMANDS.has(service)) return filesNow(world).paramsFor(service);
  return world.master.unixDaemonParams(service) ?? filesNow(world).paramsFor(service);
}

/** The configuration as the files say now (a program that starts now, or Postfix stopped). */
function filesNow(world: World): Pick<ConfigSnapshot, 'paramsFor'> {
  const main = world.fs.read(MAIN_CF);
  if (checkMainCf(main).fatal !== null) return { paramsFor: () => mapView({}) };
  return configSnapshot(main ?? '', world.fs.read(MASTER_CF) ?? '', world.fs.read(ETC_SERVICES_PATH) ?? ETC_SERVICES);
}
