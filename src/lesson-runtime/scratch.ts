/**
 * A scratch copy of the learner's world for goal checks: the same files (modes and modification times
 * too), the same configuration loaded by Postfix (not the files on disk), the same remote hosts and the
 * same time, but its own clock, IdSource, log and queue. Whatever a probe does there (connections, log
 * lines, PIDs, queue IDs) stays there.
 */
import type { SimFile } from '../engine/tls/types.ts';
import { steppingClock } from '../engine/world/clock.ts';
import { labFiles } from '../engine/world/data/lab-files.ts';
import { sequentialIds } from '../engine/world/ids.ts';
import type { LabWorld } from '../shell/programs/net/lab-env.ts';
import type { RemoteHostSpec } from '../engine/remote/remote-world.ts';
import { worldFromFiles, type LoadedConfig } from './scenario-world.ts';

/** What a scratch copy is made from: read without side effects from the learner's lab. */
export interface LabState {
  readonly world: LabWorld;
  readonly remote: readonly RemoteHostSpec[];
  /** What Postfix has loaded (null: stopped). */
  loaded(): LoadedConfig | null;
  /** The learner's clock as last read (reading it again would move a stepping clock on). */
  time(): number;
}

/** A fresh scratch copy; `loaded` overrides the configuration it runs (the EHLO diff's "before"). */
export function scratchCopy(state: LabState, loaded: LoadedConfig | null = state.loaded()): LabWorld {
  const files: Record<string, SimFile | null> = {};
  const fs = state.world.fs;
  // The lab's own files the learner deleted stay deleted.
  for (const p of Object.keys(labFiles())) files[p] = null;
  for (const p of fs.paths()) {
    const f = fs.stat(p);
    if (f !== undefined) files[p] = f;
  }
  return worldFromFiles(files, loaded, state.remote, { clock: steppingClock(state.time(), 10), ids: sequentialIds() }).world;
}
