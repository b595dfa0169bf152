import { mapView } from '../config/parameter-view.ts';
import type { ConfigSnapshot } from '../master/config-snapshot.ts';
import { MailQueue } from '../queue/mail-queue.ts';
import { RemoteWorld } from '../remote/remote-world.ts';
import { corpusSasldb, localRecipientsFrom, startSmtpd } from '../smtpd/index.ts';
import { clientTls } from '../tls/client-tls.ts';
import { serverTls } from '../tls/server-tls.ts';
import type { SimFile } from '../tls/types.ts';
import { steppingClock, type Clock } from './clock.ts';
import { loadConfig } from './config-loader.ts';
import { labFiles } from './data/lab-files.ts';
import { sequentialIds, type IdSource } from './ids.ts';
import { World, type WorldParts } from './world.ts';

export interface LabWorldOptions {
  readonly clock?: Clock;
  readonly ids?: IdSource;
  /** Files to add or replace on top of the lab machine's own (see data/lab-files.ts). */
  readonly files?: Readonly<Record<string, string | SimFile>>;
  /** The remote hosts (default: the corpus's mx.example.net listeners). */
  readonly remote?: RemoteWorld;
  /** Start Postfix at boot, as a freshly booted server does (default true). */
  readonly start?: boolean;
}

/** The time the corpus was recorded: the lab's clock starts there (dates in logs look alike). */
export const LAB_EPOCH = Date.UTC(2026, 11, 1, 7, 8, 10);

/** The lab's World with its real daemons: smtpd, the queue (cleanup, qmgr, local, smtp) and the remote MXes. */
export function createLabWorld(opts: LabWorldOptions = {}): World & { readonly queue: MailQueue } {
  const remote = opts.remote ?? new RemoteWorld();
  const parts: WorldParts = {
    loadConfig: (fs, action) => loadConfig(fs, action),
    spawn: (world, service, command, params, pid) => {
      // Only smtpd is simulated among the inet daemons (postscreen, qmqpd... are not).
      if (command !== 'smtpd') return { ok: false, exitStatus: 1 };
      return startSmtpd({
        params,
        service,
        program: `${params.get('syslog_name')}/smtpd`,
        pid,
        log: world.log.write,
        clock: world.clock,
        ids: world.ids,
        tls: serverTls,
        files: world.fs.lookup,
        sasl: corpusSasldb(),
        isLocalRecipient: localRecipientsFrom(world.fs.lookup),
        enqueue: (msg) => world.queue.submit(msg),
      });
    },
    queue: (world) => {
      return new MailQueue({
        clock: world.clock,
        ids: world.ids,
        log: world.log.write,
        paramsFor: (service) => (world.master.config ?? fallbackSnapshot(world)).paramsFor(service),
        network: world.network,
        clientTls,
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
    ids: opts.ids ?? sequentialIds(),
    files: { ...labFiles(), ...opts.files },
    parts,
  });
  if (opts.start ?? true) world.postfix(['start'], false);
  return world as World & { readonly queue: MailQueue };
}

/** The configuration as the files say now (for tools that work while Postfix is stopped). */
function fallbackSnapshot(world: World): Pick<ConfigSnapshot, 'paramsFor'> {
  const load = loadConfig(world.fs);
  if (load.ok) return load.snapshot;
  return { paramsFor: () => mapView({}) };
}
