/**
 * Scenarios and lab images to worlds: the lab machine (createLabWorld) with a scenario's deltas, then a
 * lab image's files on top, and Postfix started with the configuration the image says it had loaded,
 * which may differ from the files on disk (an edit not yet reloaded stays unapplied after a page reload).
 *
 * A page reload is a reboot: Postfix starts (and logs its start) on the loaded texts, through a view of
 * the files in which main.cf and master.cf are the loaded ones, so the files on disk are never written
 * after boot and keep their boot-time modification times. Its new smtpd processes read main.cf from
 * disk, as real ones do. (Scratch copies for goal checks restore master's exact state instead: scratch.ts.)
 */
import { MainCf } from '../engine/config/main-cf.ts';
import { runPostfixCommand } from '../engine/master/postfix-command.ts';
import { CORPUS_REMOTE_HOSTS, CORPUS_STRIP_PROXY, RemoteWorld, type RemoteHostSpec } from '../engine/remote/remote-world.ts';
import type { SimFile } from '../engine/tls/types.ts';
import type { Clock } from '../engine/world/clock.ts';
import { loadConfig, MAIN_CF, MASTER_CF } from '../engine/world/config-loader.ts';
import { labFiles } from '../engine/world/data/lab-files.ts';
import type { IdSource } from '../engine/world/ids.ts';
import { createLabWorld } from '../engine/world/lab-world.ts';
import { SimFs } from '../engine/world/sim-fs.ts';
import type { LabWorld } from '../shell/programs/net/lab-env.ts';
import type { LabImage } from './lab-image.ts';
import type { Scenario } from './scenarios/types.ts';

/** What Postfix has loaded: the main.cf and master.cf texts it read at its last start or reload. */
export interface LoadedConfig {
  readonly mainCf: string;
  readonly masterCf: string;
}

/** Whether two loaded configurations are the same texts. */
export function sameLoaded(a: LoadedConfig | null, b: LoadedConfig | null): boolean {
  return a === b || (a !== null && b !== null && a.mainCf === b.mainCf && a.masterCf === b.masterCf);
}

/** The remote hosts of lesson worlds when a scenario names none. */
export const DEFAULT_REMOTE_HOSTS: readonly RemoteHostSpec[] = [...CORPUS_REMOTE_HOSTS, CORPUS_STRIP_PROXY];

/** Every file of the scenario's machine as it boots (null: the scenario deletes a lab file). */
export function scenarioFiles(s: Scenario): Record<string, SimFile | null> {
  const files: Record<string, SimFile | null> = { ...labFiles() };
  const main = files[MAIN_CF];
  if (s.main !== undefined && main !== undefined && main !== null) {
    const text = MainCf.parse(main.content, { path: MAIN_CF }).withSettings(Object.entries(s.main));
    files[MAIN_CF] = { content: text, mode: main.mode };
  }
  if (s.masterCf !== undefined) files[MASTER_CF] = { content: s.masterCf, mode: files[MASTER_CF]?.mode ?? 0o644 };
  for (const [path, f] of Object.entries(s.files ?? {})) files[path] = f === null ? null : { content: f.content, mode: f.mode };
  return files;
}

export interface BuildOptions {
  readonly clock?: Clock;
  readonly ids?: IdSource;
}

export interface BuiltWorld {
  readonly world: LabWorld;
  readonly remote: RemoteWorld;
  /** What Postfix loaded at boot (null: stopped). */
  readonly loaded: LoadedConfig | null;
}

/** A lab world (Postfix not started) holding exactly `files` (null: absent, even if the lab machine has it). */
export function worldWithFiles(
  files: Readonly<Record<string, SimFile | null>>,
  remoteSpecs: readonly RemoteHostSpec[],
  opts: BuildOptions,
): { world: LabWorld; remote: RemoteWorld } {
  const remote = new RemoteWorld(remoteSpecs);
  const present: Record<string, SimFile> = {};
  for (const [p, f] of Object.entries(files)) if (f !== null) present[p] = f;
  const world = createLabWorld({
    files: present,
    start: false,
    remote,
    ...(opts.clock === undefined ? {} : { clock: opts.clock }),
    ...(opts.ids === undefined ? {} : { ids: opts.ids }),
  });
  // createLabWorld lays its own files under ours: remove the ones the scenario or image deleted.
  for (const [p, f] of Object.entries(files)) if (f === null) world.fs.remove(p);
  return { world, remote };
}

/** A world from a full file set (null entries absent) with Postfix running on `loaded`, or stopped. */
export function worldFromFiles(
  files: Readonly<Record<string, SimFile | null>>,
  loaded: LoadedConfig | null,
  remoteSpecs: readonly RemoteHostSpec[],
  opts: BuildOptions,
): BuiltWorld {
  const { world, remote } = worldWithFiles(files, remoteSpecs, opts);
  if (loaded === null) return { world, remote, loaded: null };
  const onDisk = world.fs.read(MAIN_CF) === loaded.mainCf && world.fs.read(MASTER_CF) === loaded.masterCf;
  if (onDisk) world.postfix(['start'], false);
  else startOnLoaded(world, loaded);
  return { world, remote, loaded: world.master.running ? loaded : null };
}

/** `postfix start` as if main.cf and master.cf held the loaded texts, leaving the files on disk as they are. */
function startOnLoaded(world: LabWorld, loaded: LoadedConfig): void {
  const view: Record<string, SimFile> = {};
  for (const p of world.fs.paths()) {
    const f = world.fs.stat(p);
    if (f !== undefined) view[p] = f;
  }
  view[MAIN_CF] = { content: loaded.mainCf, mode: view[MAIN_CF]?.mode ?? 0o644 };
  view[MASTER_CF] = { content: loaded.masterCf, mode: view[MASTER_CF]?.mode ?? 0o644 };
  const fs = new SimFs(view);
  runPostfixCommand(['start'], {
    master: world.master,
    check: (action) => loadConfig(fs, action),
    log: world.log.write,
    ids: world.ids,
    tty: false,
  });
  if (world.master.running) world.queue.start();
}

/** The scenario's world as it boots, or as a lab image left it. */
export function buildScenarioWorld(s: Scenario, image: LabImage | null, opts: BuildOptions = {}): BuiltWorld {
  const files = scenarioFiles(s);
  const remote = s.remote ?? DEFAULT_REMOTE_HOSTS;
  if (image === null) {
    const main = files[MAIN_CF]?.content ?? '';
    const master = files[MASTER_CF]?.content ?? '';
    return worldFromFiles(files, (s.running ?? true) ? { mainCf: main, masterCf: master } : null, remote, opts);
  }
  for (const [p, f] of Object.entries(image.files)) files[p] = f === null ? null : { content: f.content, mode: f.mode };
  return worldFromFiles(files, image.loaded, remote, opts);
}

/** Paths whose content changes on their own as the lab runs: never part of an image. */
export function isVolatilePath(path: string): boolean {
  return path.startsWith('/var/log/') || path.startsWith('/var/spool/') || path.startsWith('/var/mail/');
}

/** The files of `fs` that differ from the scenario's (content or mode), and the scenario's files it lacks. */
export function filesDelta(s: Scenario, fs: SimFs): LabImage['files'] {
  const base = scenarioFiles(s);
  const delta: Record<string, { content: string; mode: number } | null> = {};
  for (const p of fs.paths()) {
    if (isVolatilePath(p)) continue;
    const f = fs.stat(p);
    const b = base[p];
    if (f === undefined) continue;
    if (b === undefined || b === null || b.content !== f.content || b.mode !== f.mode) delta[p] = { content: f.content, mode: f.mode };
  }
  for (const [p, b] of Object.entries(base)) if (b !== null && !isVolatilePath(p) && fs.stat(p) === undefined) delta[p] = null;
  return delta;
}
