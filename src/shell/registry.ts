import type { LazyData, LineWhere } from './lazy-data.ts';
import type { Program, ProgramTable } from './program.ts';

/**
 * A program known by name and usage before its code is fetched: the browser's lab loads a program's
 * module (and its data: help texts, templates, man pages) the first time a command line names it.
 */
export interface LazyProgram {
  readonly name: string;
  /**
   * The program's own `usage` (tests/shell/lazy-programs.test.ts checks it against the loaded one); absent, the
   * stand-in's is '' and `help` finds it in lazy-usages.ts (the lab's table: so its chunk carries no usages).
   */
  readonly usage?: string;
  readonly load: () => Promise<Program>;
}

interface LazyEntry {
  readonly spec: LazyProgram;
  readonly stub: Program;
  loading: Promise<void> | null;
}

/**
 * The command table. The lab builds one with the coreutils-like programs of `programs/` plus its own
 * (postfix, postconf, telnet...), e.g. `new Registry([...standardPrograms(), postconfProgram(world)])`.
 * A later program with the same name replaces an earlier one.
 *
 * Programs may also be added lazily (`addLazy`): until loaded, `get` and `list` give a stand-in with the
 * name and usage (for `help`, `which`, completion), and the shell awaits `ensure` for the names of a
 * command line before it runs it. Nothing synchronous (runLine, the corpus harness) uses lazy entries.
 */
export class Registry implements ProgramTable {
  readonly #byName = new Map<string, Program>();
  readonly #lazy = new Map<string, LazyEntry>();
  readonly #data: { readonly spec: LazyData; loading: Promise<void> | null; done: boolean }[] = [];

  constructor(programs: Iterable<Program> = []) {
    for (const p of programs) this.add(p);
  }

  add(program: Program): this {
    this.#lazy.delete(program.name);
    this.#byName.set(program.name, program);
    return this;
  }

  addLazy(spec: LazyProgram): this {
    this.#byName.delete(spec.name);
    this.#lazy.set(spec.name, { spec, stub: notLoaded(spec), loading: null });
    return this;
  }

  remove(name: string): boolean {
    const lazy = this.#lazy.delete(name);
    return this.#byName.delete(name) || lazy;
  }

  get(name: string): Program | undefined {
    return this.#byName.get(name) ?? this.#lazy.get(name)?.stub;
  }

  has(name: string): boolean {
    return this.#byName.has(name) || this.#lazy.has(name);
  }

  /** Whether `name` is a lazy program whose code is not here yet. */
  pending(name: string): boolean {
    return this.#lazy.has(name);
  }

  list(): readonly Program[] {
    const all = [...this.#byName.values(), ...[...this.#lazy.values()].map((e) => e.stub)];
    return all.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  names(): string[] {
    return this.list().map((p) => p.name);
  }

  /**
   * Loads the lazy programs among `names`, and the lazy data their words want (`where`: the line's folder and
   * text, for `.`, `..`, globs and recursion; with `tab`, only data holding file names); `null` when nothing is
   * pending (the caller runs at once, in the same turn). The promise never rejects: a program that fails to
   * load stays a stand-in that says so.
   */
  ensure(names: Iterable<string>, where?: LineWhere): Promise<void> | null {
    const waits: Promise<void>[] = [];
    const words = [...names];
    for (const n of words) {
      const e = this.#lazy.get(n);
      if (e !== undefined) waits.push(this.#load(e));
    }
    for (const d of this.#data) {
      if (d.done || (where?.tab === true && d.spec.names !== true) || !words.some((w) => d.spec.wanted(w, where))) continue;
      d.loading ??= d.spec.load().then(
        () => {
          d.done = true;
        },
        () => {
          d.loading = null; // a later line tries again; meanwhile the files read as empty
        },
      );
      waits.push(d.loading);
    }
    return waits.length === 0 ? null : Promise.all(waits).then(() => undefined);
  }

  /** Data that `ensure` fetches when a line's words want it (not preloaded: only who reads it pays for it). */
  addLazyData(spec: LazyData): this {
    this.#data.push({ spec, loading: null, done: false });
    return this;
  }

  /** Loads every lazy program (when the page is idle). */
  preloadAll(): Promise<void> {
    return this.ensure([...this.#lazy.keys()]) ?? Promise.resolve();
  }

  #load(e: LazyEntry): Promise<void> {
    e.loading ??= e.spec.load().then(
      (program) => {
        // Replaced or removed meanwhile: keep what the table holds now.
        if (this.#lazy.get(e.spec.name) !== e) return;
        this.#lazy.delete(e.spec.name);
        this.#byName.set(e.spec.name, program.name === e.spec.name ? program : { ...program, name: e.spec.name });
      },
      () => {
        e.loading = null; // a later line tries again
      },
    );
    return e.loading;
  }
}

/** The stand-in of a program not loaded: runs only if loading failed (no network), and says so. */
function notLoaded(spec: LazyProgram): Program {
  return {
    name: spec.name,
    usage: spec.usage ?? '',
    run(ctx) {
      // Not a bash message: the lab's own, for a page that lost its network before this program came.
      ctx.stderr.write(`bash: ${spec.name}: this program of the lab could not be loaded; check the network and try again\n`);
      return 126;
    },
  };
}

/**
 * The command names a line may run: every word, and the base name of a path (`/usr/sbin/postconf`); the value
 * of an assignment (`P=grep`), and with `vars` the words of a variable's value (`$P file`).
 */
export function wordsOfLine(line: string, vars?: ReadonlyMap<string, string>): string[] {
  const out = new Set<string>();
  const text =
    vars === undefined ? line : line.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g, (ref, name: string) => `${ref} ${vars.get(name) ?? ''} `);
  for (const raw of text.split(/[\s|;&()<>`=]+/)) {
    const w = raw.replace(/["'\\]/g, '');
    if (w === '') continue;
    out.add(w);
    const slash = w.lastIndexOf('/');
    if (slash >= 0 && slash < w.length - 1) out.add(w.slice(slash + 1));
  }
  return [...out];
}
