import type { FileLookup, SimFile } from '../tls/types.ts';
import type { Clock } from './clock.ts';

/**
 * The simulated machine's files: a flat map from absolute path to content and mode.
 * Directories exist implicitly as prefixes of file paths.
 */
export class SimFs {
  readonly #files = new Map<string, SimFile>();
  readonly #listeners = new Set<(path: string) => void>();

  readonly #now: () => number | undefined;

  /** `clock` stamps each write with a modification time (Postfix re-reads a main.cf written a moment ago). */
  constructor(initial: Readonly<Record<string, string | SimFile>> = {}, clock?: Clock) {
    this.#now = () => clock?.now();
    for (const [p, c] of Object.entries(initial)) this.#files.set(p, typeof c === 'string' ? { content: c, mode: 0o644 } : c);
  }

  read(path: string): string | undefined {
    return this.#files.get(path)?.content;
  }

  stat(path: string): SimFile | undefined {
    return this.#files.get(path);
  }

  /** Bound, so it can be passed as a `FileLookup` (which also tells directories apart). */
  readonly lookup: FileLookup = Object.assign((path: string): SimFile | undefined => this.#files.get(path), {
    isDirectory: (path: string): boolean => this.isDir(path),
  });

  write(path: string, content: string, mode?: number): void {
    const prev = this.#files.get(path);
    const mtime = this.#now();
    const file: SimFile = { content, mode: mode ?? prev?.mode ?? 0o644 };
    this.#files.set(path, mtime === undefined ? file : { ...file, mtime });
    for (const l of this.#listeners) l(path);
  }

  chmod(path: string, mode: number): boolean {
    const f = this.#files.get(path);
    if (f === undefined) return false;
    this.#files.set(path, { ...f, mode });
    return true;
  }

  remove(path: string): boolean {
    const had = this.#files.delete(path);
    if (had) for (const l of this.#listeners) l(path);
    return had;
  }

  isDir(path: string): boolean {
    const p = path.endsWith('/') ? path : `${path}/`;
    if (p === '/') return true;
    for (const k of this.#files.keys()) if (k.startsWith(p)) return true;
    return false;
  }

  /** Names directly inside `dir` (files and subdirectories), sorted. */
  list(dir: string): string[] {
    const p = dir.endsWith('/') ? dir : `${dir}/`;
    const names = new Set<string>();
    for (const k of this.#files.keys()) {
      if (!k.startsWith(p)) continue;
      const rest = k.slice(p.length);
      const name = rest.split('/')[0];
      if (name !== undefined && name !== '') names.add(name);
    }
    return [...names].sort();
  }

  paths(): string[] {
    return [...this.#files.keys()].sort();
  }

  /** Calls `fn` with the path of every write or removal; returns an unsubscribe function. */
  subscribe(fn: (path: string) => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }
}
