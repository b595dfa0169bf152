/**
 * A scratch copy of the learner's world for goal checks: the same files (modes and modification times
 * too), master(8)'s exact state (the configuration it loaded, throttled services, the idle smtpd
 * processes with the main.cf each one read: `master.exportState()`), the same remote hosts and the same
 * time, but its own clock, IdSource, log and queue. Whatever a probe does there (connections, log lines,
 * PIDs, queue IDs) stays there.
 */
import type { MasterState } from '../engine/master/master.ts';
import type { RemoteHostSpec } from '../engine/remote/remote-world.ts';
import type { SimFile } from '../engine/tls/types.ts';
import { steppingClock } from '../engine/world/clock.ts';
import { MAIN_CF, MASTER_CF } from '../engine/world/config-loader.ts';
import { labFiles } from '../engine/world/data/lab-files.ts';
import { sequentialIds } from '../engine/world/ids.ts';
import type { LabWorld } from '../shell/programs/net/lab-env.ts';
import { worldWithFiles, type LoadedConfig } from './scenario-world.ts';

/** What a scratch copy is made from: read without side effects from the learner's lab. */
export interface LabState {
  readonly world: LabWorld;
  readonly remote: readonly RemoteHostSpec[];
  /** The learner's clock as last read (reading it again would move a stepping clock on). */
  time(): number;
}

/**
 * A fresh scratch copy. With `before`, the copy is the lab as it was before the last change took
 * effect (the EHLO diff's "before"): master runs that configuration, main.cf and master.cf hold it,
 * and no process is idle yet.
 */
export function scratchCopy(state: LabState, before?: LoadedConfig): LabWorld {
  const files: Record<string, SimFile | null> = {};
  const fs = state.world.fs;
  // The lab's own files the learner deleted stay deleted.
  for (const p of Object.keys(labFiles())) files[p] = null;
  for (const p of fs.paths()) {
    const f = fs.stat(p);
    if (f !== undefined) files[p] = f;
  }
  let master: MasterState = state.world.master.exportState();
  if (before !== undefined) {
    files[MAIN_CF] = { content: before.mainCf, mode: files[MAIN_CF]?.mode ?? 0o644 };
    files[MASTER_CF] = { content: before.masterCf, mode: files[MASTER_CF]?.mode ?? 0o644 };
    master = {
      ...master,
      pid: master.pid ?? 1,
      mainCf: before.mainCf,
      masterCf: before.masterCf,
      throttled: [],
      processes: [],
      listenQueue: [],
    };
  }
  const highest = Math.max(master.pid ?? 0, ...master.processes.map((p) => p.pid));
  const { world } = worldWithFiles(files, state.remote, { clock: steppingClock(state.time(), 10), ids: sequentialIds(highest + 1000) });
  world.master.restore(master);
  if (world.master.running) world.queue.start();
  return world;
}
