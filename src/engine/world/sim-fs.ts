import type { FileLookup, SimFile } from '../tls/types.ts';
import type { Clock } from './clock.ts';

/** A symbolic link: `target` as `ln -s` wrote it (absolute, or relative to the link's folder). */
export interface SimLink {
  readonly target: string;
  readonly mtime?: number;
}

/** A package's file whose text comes later (large host data the browser fetches on demand); `text()` is undefined until then. */
export interface LazyFile {
  readonly size: number;
  readonly mode: number;
  readonly mtime?: number;
  readonly text: () => string | undefined;
}

/** The text sources of lazyFile()'s files, so that chmod keeps such a file lazy. */
const LAZY_SOURCES = new WeakMap<SimFile, LazyFile>();

/**
 * One of the machine's own files (given to SimFs like any other, so it is among `paths()`: lab images and
 * scratch copies treat it as before) whose text comes later: `content` reads the text once it is here ('' until
 * then), `size` is right at once.
 */
export function lazyFile(spec: LazyFile): SimFile {
  const file: SimFile = {
    get content(): string {
      return spec.text() ?? '';
    },
    mode: spec.mode,
    size: spec.size,
    ...(spec.mtime === undefined ? {} : { mtime: spec.mtime }),
  };
  LAZY_SOURCES.set(file, spec);
  return file;
}

/** The text source of a lazyFile() (through chmods too); undefined for any other file, e.g. one written since. */
export function lazySourceOf(file: SimFile): LazyFile | undefined {
  return LAZY_SOURCES.get(file);
}

/** What `ls -l` shows of a package's folder: its size on disk (ext4 grows a folder of many names) and date. */
export interface DirInfo {
  readonly size: number;
  readonly mtime?: number;
}

/**
 * A package whose listing comes later (ca-certificates in the browser): its folders exist at once, and
 * `install` adds its links and lazy files the first time the fs is read after `install` can (it returns false
 * until its listing is here).
 */
export interface LazyTree {
  readonly dirs: readonly string[];
  readonly install: (fs: SimFs) => boolean;
}

/** Linux gives up after 40 links in one lookup (ELOOP). */
const MAX_LINKS = 40;

/**
 * The simulated machine's files: a flat map from absolute path to content and mode.
 * Directories exist implicitly as prefixes of file paths. Symbolic links (`symlink`) are followed by `read`,
 * `stat` and `lookup` as open(2) does; `lstat`/`readlink` see the link itself. Lazy files (`addLazy`) are
 * package data: listed and sized at once, their text supplied later. Links and lazy files are installed at
 * boot and are not among `paths()` (a lab image keeps only what the learner's files hold).
 */
export class SimFs {
  readonly #files = new Map<string, SimFile>();
  readonly #listeners = new Set<(path: string) => void>();
  readonly #links = new Map<string, SimLink>();
  readonly #lazy = new Map<string, LazyFile>();
  readonly #dirInfo = new Map<string, DirInfo>();
  #trees: LazyTree[] = [];

  readonly #now: () => number | undefined;

  /** `clock` stamps each write with a modification time (Postfix re-reads a main.cf written a moment ago). */
  constructor(initial: Readonly<Record<string, string | SimFile>> = {}, clock?: Clock) {
    this.#now = () => clock?.now();
    for (const [p, c] of Object.entries(initial)) this.#files.set(p, typeof c === 'string' ? { content: c, mode: 0o644 } : c);
  }

  read(path: string): string | undefined {
    return this.stat(path)?.content;
  }

  /** The file at `path`, links followed; undefined when missing, a dangling link or a loop. */
  stat(path: string): SimFile | undefined {
    const p = this.resolve(path);
    if (p === null) return undefined;
    const f = this.#files.get(p);
    if (f !== undefined) return f;
    const l = this.#lazy.get(p);
    if (l === undefined) return undefined;
    const file: SimFile = { content: l.text() ?? '', mode: l.mode, size: l.size };
    return l.mtime === undefined ? file : { ...file, mtime: l.mtime };
  }

  /** The link at `path` itself, else what `stat` gives. */
  lstat(path: string): SimFile | SimLink | undefined {
    this.#settle();
    return this.#links.get(path) ?? this.stat(path);
  }

  /** The target of the link at `path` as written; undefined when `path` is no link. */
  readlink(path: string): string | undefined {
    this.#settle();
    return this.#links.get(path)?.target;
  }

  /**
   * `path` with every symbolic link in it replaced by its target (realpath(3) without the existence check
   * of the last part); null after more than 40 links (a loop). `path` is absolute.
   */
  resolve(path: string): string | null {
    this.#settle();
    if (this.#links.size === 0) return path;
    const todo = path.split('/').filter((s) => s !== '' && s !== '.');
    let out = '';
    let hops = 0;
    while (todo.length > 0) {
      const name = todo.shift() ?? '';
      if (name === '' || name === '.') continue;
      if (name === '..') {
        out = out.slice(0, Math.max(0, out.lastIndexOf('/')));
        continue;
      }
      const next = `${out}/${name}`;
      const link = this.#links.get(next);
      if (link === undefined) {
        out = next;
        continue;
      }
      if (++hops > MAX_LINKS) return null;
      if (link.target.startsWith('/')) out = '';
      todo.unshift(...link.target.split('/'));
    }
    return out === '' ? '/' : out;
  }

  /** Makes `path` a symbolic link to `target` (`ln -sf`). */
  symlink(target: string, path: string, mtime?: number): void {
    this.#links.set(path, mtime === undefined ? { target } : { target, mtime });
  }

  /** Sets what `ls -l` shows of a folder (DirInfo); folders without it are 4096 bytes, of now. */
  setDirInfo(path: string, info: DirInfo): void {
    this.#dirInfo.set(path, info);
  }

  dirInfo(path: string): DirInfo | undefined {
    const r = this.resolve(path);
    return r === null ? undefined : this.#dirInfo.get(r);
  }

  /** Adds a package whose listing arrives later (see LazyTree). */
  addLazyTree(tree: LazyTree): void {
    this.#trees.push(tree);
    this.#settle();
  }

  /** Installs the lazy trees whose listing has come. */
  #settle(): void {
    if (this.#trees.length === 0) return;
    const waiting = this.#trees;
    this.#trees = [];
    const still = waiting.filter((t) => !t.install(this));
    this.#trees.push(...still);
  }

  /** Adds a package file whose text arrives later (see LazyFile). */
  addLazy(path: string, file: LazyFile): void {
    this.#lazy.set(path, file);
  }

  /** Bound, so it can be passed as a `FileLookup` (which also tells directories apart). */
  readonly lookup: FileLookup = Object.assign((path: string): SimFile | undefined => this.stat(path), {
    isDirectory: (path: string): boolean => this.isDir(path),
  });

  write(at: string, content: string, mode?: number): void {
    const path = this.resolve(at) ?? at;
    this.#lazy.delete(path);
    const prev = this.#files.get(path);
    const mtime = this.#now();
    const file: SimFile = { content, mode: mode ?? prev?.mode ?? 0o644 };
    this.#files.set(path, mtime === undefined ? file : { ...file, mtime });
    for (const l of this.#listeners) l(path);
  }

  chmod(at: string, mode: number): boolean {
    const path = this.resolve(at) ?? at;
    const l = this.#lazy.get(path);
    if (l !== undefined) this.#lazy.set(path, { ...l, mode });
    const f = this.#files.get(path);
    if (f === undefined) return l !== undefined;
    const source = LAZY_SOURCES.get(f);
    this.#files.set(path, source === undefined ? { ...f, mode } : lazyFile({ ...source, mode }));
    return true;
  }

  /** Removes the file, or the link itself (as unlink(2)). */
  remove(path: string): boolean {
    this.#settle();
    const had = this.#links.delete(path) || this.#lazy.delete(path) || this.#files.delete(path);
    if (had) for (const l of this.#listeners) l(path);
    return had;
  }

  isDir(path: string): boolean {
    const r = this.resolve(path);
    if (r === null) return false;
    const p = r.endsWith('/') ? r : `${r}/`;
    if (p === '/') return true;
    for (const k of this.#keys()) if (k.startsWith(p)) return true;
    return this.#trees.some((t) => t.dirs.some((d) => `${d}/`.startsWith(p)));
  }

  *#keys(): Iterable<string> {
    this.#settle();
    yield* this.#files.keys();
    yield* this.#links.keys();
    yield* this.#lazy.keys();
  }

  /** Names directly inside `dir` (files and subdirectories), sorted. */
  list(dir: string): string[] {
    const r = this.resolve(dir) ?? dir;
    const p = r.endsWith('/') ? r : `${r}/`;
    const names = new Set<string>();
    for (const k of this.#keys()) {
      if (!k.startsWith(p)) continue;
      const rest = k.slice(p.length);
      const name = rest.split('/')[0];
      if (name !== undefined && name !== '') names.add(name);
    }
    for (const t of this.#trees)
      for (const d of t.dirs) {
        const name = d.startsWith(p) ? d.slice(p.length).split('/')[0] : undefined;
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
