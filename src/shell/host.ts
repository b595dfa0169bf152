import type { Clock } from '../engine/world/clock.ts';
import type { Network } from '../engine/world/network.ts';
import type { SimFile } from '../engine/tls/types.ts';

/**
 * The machine's files as the shell and its programs use them. `SimFs` (src/engine/world/sim-fs.ts)
 * satisfies this structurally, so the world passes `world.fs` as it is.
 */
export interface ShellFs {
  read(path: string): string | undefined;
  write(path: string, content: string, mode?: number): void;
  /** Names directly inside `dir`, sorted. */
  list(dir: string): string[];
  isDir(path: string): boolean;
  stat(path: string): SimFile | undefined;
  remove(path: string): boolean;
  /** Sets the permission bits; false when there is no such file. */
  chmod(path: string, mode: number): boolean;
  /** A symbolic link itself (its `target`), else what `stat` gives (SimFs.lstat). Absent: the files have no links. */
  lstat?(path: string): SimFile | { readonly target: string; readonly mtime?: number } | undefined;
  /** A folder's size and date for `ls -l`, where known (SimFs.dirInfo). */
  dirInfo?(path: string): { readonly size: number; readonly mtime?: number } | undefined;
  /** `path` with its links replaced by their targets; null for a loop (SimFs.resolve). */
  resolve?(path: string): string | null;
  /** Calls `fn` with the path of every write or removal; returns an unsubscribe function (`tail -f`, `less` do not poll). */
  subscribe(fn: (path: string) => void): () => void;
}

/** The machine the shell runs on. Programs that need more (Postfix control) get it from their own factory. */
export interface ShellHost {
  readonly fs: ShellFs;
  /** The short host name of the prompt (`mail` in `root@mail:~# `). */
  readonly hostname: string;
  /** Time for `ls -l`; without it, file dates show the Unix epoch. */
  readonly clock?: Clock;
  /** The simulated network, for telnet/nc/s_client (written on top of the engine's ServerEndpoint). */
  readonly network?: Network;
}
