/**
 * Fewer, bigger chunks for the lab's machine (issue 12, page weight). Rollup gives each set of importers its
 * own chunk, and the shell's programs and the goal checks (fetched later, by the machine) import parts of the
 * machine: so the configuration, the world, smtpd's settings, the queue… each came as a file of their own,
 * some twenty files fetched at the same moment, the first time a command line needs the machine. gzip
 * compresses one file better than twenty.
 *
 * The modules that src/components/lab/lab-machine.ts reaches through static imports are grouped by which of
 * the "roots" also reach them, where a root is what a page can load without its machine: a page's own
 * scripts (static entries) and what they, or code they import, fetch with import() — except the machine,
 * the machine's own modules (whoever fetches one early fetches the machine's chunk), engine code and code
 * that needs the lab's world (they run with the machine anyway). Modules no root reaches go
 * into the `lab-machine` chunk; the others into one chunk per set of roots (the configuration code the
 * review tool shares, say), so no page fetches more than before. What the programs import is theirs, as
 * Rollup decides, except for telnet, which the first `telnet localhost 25` fetches with the machine: what it
 * imports that neither the machine nor a page has comes in its chunk (its texts, the name and port lookups,
 * which nc, openssl or getent then fetch from there), in one request rather than five; engine code among it
 * that needs only the machine (world/lab-server-tls.ts) goes into the machine's chunk.
 */
import type { AstroIntegration } from 'astro';
import type { ManualChunkMeta } from 'rollup';

const MACHINE = '/src/components/lab/lab-machine.ts';
/** The lab's world: a module that reaches it is machine code, whoever imports it. */
const WORLD = '/src/lesson-runtime/scenario-world.ts';
/** The engine runs in a page only with its machine: an import() of engine code is machine code too. */
const ENGINE = '/src/engine/';
export const MACHINE_CHUNK = 'lab-machine';
/** The programs whose whole static closure (beyond the machine and the pages) travels as one chunk. */
const WHOLE_PROGRAMS = ['/src/shell/programs/telnet.ts'];

/** Every module `roots` reach through static imports, the roots included. */
function staticClosure(roots: Iterable<string>, meta: ManualChunkMeta): Set<string> {
  const seen = new Set<string>();
  const todo = [...roots];
  for (let id = todo.pop(); id !== undefined; id = todo.pop()) {
    if (seen.has(id)) continue;
    seen.add(id);
    todo.push(...(meta.getModuleInfo(id)?.importedIds ?? []));
  }
  return seen;
}

/**
 * What a page loads without its machine, as roots (see above): the static entries, then every import()
 * made by a module they reach that is not the machine's own, unless it fetches the machine or the world.
 */
function rootsWithoutMachine(meta: ManualChunkMeta, machine: string, ofMachine: ReadonlySet<string>): Map<string, Set<string>> {
  const roots = new Map<string, Set<string>>();
  const todo = [...meta.getModuleIds()].filter((m) => meta.getModuleInfo(m)?.isEntry === true);
  for (let root = todo.pop(); root !== undefined; root = todo.pop()) {
    if (roots.has(root)) continue;
    const closure = staticClosure([root], meta);
    if (closure.has(machine) || root.includes(ENGINE) || [...closure].some((m) => m.endsWith(WORLD))) continue;
    roots.set(root, closure);
    for (const id of closure)
      if (!ofMachine.has(id)) todo.push(...(meta.getModuleInfo(id)?.dynamicallyImportedIds ?? []).filter((d) => !ofMachine.has(d)));
  }
  return roots;
}

/** A shared group's chunk is named after its first module, as Rollup names its own chunks (`shell`, `config-loader`). */
function chunkName(first: string, taken: ReadonlySet<string>): string {
  const base =
    (first.split('?')[0] ?? first)
      .replace(/^.*\//, '')
      .replace(/\.[^.]*$/, '')
      .replace(/[^\w-]/g, '-') || 'lab-shared';
  let name = base;
  for (let n = 2; taken.has(name) || name === MACHINE_CHUNK; n++) name = `${base}-${n}`;
  return name;
}

/** Rollup's manualChunks: chunk names for the machine's modules (computed once per build), nothing for the rest. */
export function machineChunks(): (id: string, meta: ManualChunkMeta) => string | undefined {
  let chunkOf: ReadonlyMap<string, string> | null = null;
  return (id, meta) => {
    if (chunkOf === null) {
      const names = new Map<string, string>();
      chunkOf = names;
      const machine = [...meta.getModuleIds()].find((m) => m.endsWith(MACHINE));
      if (machine === undefined) return undefined;
      const ofMachine = staticClosure([machine], meta);
      const roots = [...rootsWithoutMachine(meta, machine, ofMachine)];
      const groups = new Map<string, string>();
      for (const m of ofMachine) {
        const signature = roots
          .filter(([, closure]) => closure.has(m))
          .map(([root]) => root)
          .sort()
          .join('\n');
        if (!groups.has(signature)) groups.set(signature, signature === '' ? MACHINE_CHUNK : chunkName(m, new Set(groups.values())));
        names.set(m, groups.get(signature) ?? MACHINE_CHUNK);
      }
      const rooted = new Set(roots.flatMap(([, closure]) => [...closure]));
      const placed = (m: string) => ofMachine.has(m) || rooted.has(m);
      for (const suffix of WHOLE_PROGRAMS) {
        const program = [...meta.getModuleIds()].find((m) => m.endsWith(suffix));
        if (program === undefined || placed(program)) continue;
        const name = chunkName(program, new Set(groups.values()));
        for (const m of staticClosure([program], meta)) {
          // Only the project's modules (never Vite's helpers, which every page imports).
          if (placed(m) || names.has(m) || !m.includes('/src/')) continue;
          const machineOnly = m.includes(ENGINE) && (meta.getModuleInfo(m)?.importedIds ?? []).every(placed);
          names.set(m, machineOnly ? MACHINE_CHUNK : name);
        }
      }
    }
    return chunkOf.get(id);
  };
}

export function labMachineChunk(): AstroIntegration {
  return {
    name: 'lab-machine-chunk',
    hooks: {
      'astro:build:setup': ({ target, updateConfig }) => {
        if (target !== 'client') return;
        // Only the modules named: without this, Rollup would pull every static dependency of a named chunk
        // (the shell, Vite's preload helper) into it, and the page's first script would import the machine.
        updateConfig({ build: { rollupOptions: { output: { manualChunks: machineChunks(), onlyExplicitManualChunks: true } } } });
      },
    },
  };
}
