/**
 * A small module loader for the embed's chunks, in the `System.register` format that Rollup writes
 * (output.format 'system'). The embed runs in frames sandboxed without allow-same-origin: its origin is
 * opaque, so module scripts and import() are CORS requests, which a plain static host refuses. Classic
 * `<script src>` elements are not: this loader fetches every chunk, the first one and those a command
 * needs later (telnet, swaks, nano...), as a classic script, and links them as modules.
 *
 * What it supports is what Rollup emits for our code: dependencies by relative URL, live bindings through
 * setters, `exports(name, value)` and `exports({...})`, `module.import()` for dynamic imports,
 * `module.meta.url`, asynchronous `execute` (top-level await), and cycles between chunks.
 *
 * The core (`createSystem`) takes how to run a script, so that tests can drive it without a DOM;
 * `browserSystem()` runs scripts with `<script>` elements.
 */

type Namespace = Record<string, unknown>;
type Setter = ((ns: Namespace) => void) | null | undefined;
type ExportFn = (name: string | Namespace, value?: unknown) => unknown;
interface Context {
  readonly import: (specifier: string) => Promise<Namespace>;
  readonly meta: { readonly url: string };
}
interface Declared {
  readonly setters?: readonly Setter[];
  readonly execute?: () => unknown;
}
type Declare = (exportFn: ExportFn, context: Context) => Declared;

interface Registration {
  readonly deps: readonly string[];
  readonly declare: Declare;
}

interface ModuleRecord {
  readonly url: string;
  readonly ns: Namespace;
  /** Called with `ns` whenever an export changes (the importers' setters). */
  readonly importers: ((ns: Namespace) => void)[];
  /** Resolves when this module is registered and linked to its dependencies (whose loads it has started). */
  loaded: Promise<void> | null;
  deps: ModuleRecord[];
  execute: (() => unknown) | undefined;
  /** Resolves when the module has run (null: not started). */
  executed: Promise<void> | null;
}

export interface SystemLoader {
  /** What a chunk calls as it runs: `System.register(deps, declare)`. */
  register(deps: readonly string[], declare: Declare): void;
  /** Loads, links and runs the module at `url` (absolute) and what it imports; resolves to its exports. */
  import(url: string): Promise<Namespace>;
}

export interface ScriptRunner {
  /** Runs the script at `url`; it calls `register` once as it runs. Rejects when it cannot be loaded. */
  run(url: string): Promise<void>;
  /** The URL of the script running now (the one whose `register` call this is). */
  current(): string | undefined;
}

export function createSystem(runner: ScriptRunner): SystemLoader {
  const records = new Map<string, ModuleRecord>();
  const registrations = new Map<string, Registration>();

  const record = (url: string): ModuleRecord => {
    let r = records.get(url);
    if (r === undefined) {
      r = {
        url,
        ns: Object.create(null) as Namespace,
        importers: [],
        loaded: null,
        deps: [],
        execute: undefined,
        executed: null,
      };
      records.set(url, r);
    }
    return r;
  };

  const instantiate = (r: ModuleRecord, reg: Registration): Declared => {
    const exportFn: ExportFn = (name, value) => {
      if (typeof name === 'string') r.ns[name] = value;
      else Object.assign(r.ns, name);
      for (const notify of r.importers) notify(r.ns);
      return value;
    };
    const context: Context = {
      import: (specifier) => loader.import(new URL(specifier, r.url).href),
      meta: { url: r.url },
    };
    return reg.declare(exportFn, context);
  };

  /** Registers `r` and links each dependency to its setter; starts loading the dependencies (waitLinked waits). */
  const load = (r: ModuleRecord): Promise<void> => {
    r.loaded ??= (async () => {
      await runner.run(r.url);
      const reg = registrations.get(r.url);
      registrations.delete(r.url);
      if (reg === undefined) throw new Error(`${r.url} did not register a module`);
      const declared = instantiate(r, reg);
      r.execute = declared.execute;
      r.deps = reg.deps.map((d) => record(new URL(d, r.url).href));
      r.deps.forEach((dep, i) => {
        const setter = declared.setters?.[i];
        if (typeof setter !== 'function') return; // Rollup writes null for an import that binds nothing
        dep.importers.push(setter);
        setter(dep.ns);
      });
      // waitLinked awaits these (and reports their errors); a cycle must not wait for itself here.
      for (const dep of r.deps) load(dep).catch(() => {});
    })();
    return r.loaded;
  };

  /** Runs the dependencies first, then the module. A dependency on the path to here (a cycle) is not waited for. */
  const run = (r: ModuleRecord, path: ReadonlySet<ModuleRecord>): Promise<void> => {
    r.executed ??= (async () => {
      const inner = new Set(path).add(r);
      for (const dep of r.deps) if (!inner.has(dep)) await run(dep, inner);
      await r.execute?.();
    })();
    return r.executed;
  };

  const loader: SystemLoader = {
    register(deps, declare) {
      const url = runner.current();
      if (url === undefined) throw new Error('System.register called outside a loading script');
      registrations.set(url, { deps, declare });
    },
    async import(url) {
      const r = record(url);
      await load(r);
      await waitLinked(r, new Set());
      await run(r, new Set());
      return r.ns;
    },
  };

  /** Every module of the graph has been registered (cycles make `load` return before their deps do). */
  const waitLinked = async (r: ModuleRecord, seen: Set<ModuleRecord>): Promise<void> => {
    if (seen.has(r)) return;
    seen.add(r);
    await r.loaded;
    for (const dep of r.deps) await waitLinked(dep, seen);
  };

  return loader;
}

/** The loader for a page: chunks run as classic `<script>` elements (no crossorigin attribute: no CORS). */
export function browserSystem(doc: Document): SystemLoader {
  return createSystem({
    run: (url) =>
      new Promise<void>((resolve, reject) => {
        const script = doc.createElement('script');
        script.src = url;
        script.async = true;
        script.addEventListener('load', () => resolve());
        script.addEventListener('error', () => reject(new Error(`could not load ${url}`)));
        doc.head.append(script);
      }),
    current: () => {
      const script = doc.currentScript;
      return script instanceof HTMLScriptElement ? script.src : undefined;
    },
  });
}
