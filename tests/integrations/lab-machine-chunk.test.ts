import type { ManualChunkMeta, ModuleInfo } from 'rollup';
import { describe, expect, it } from 'vitest';
import { MACHINE_CHUNK, machineChunks } from '../../integrations/lab-machine-chunk.ts';

/** A module graph as Rollup describes it to manualChunks: id -> [static imports, dynamic imports, entry?]. */
type Graph = Record<string, readonly [readonly string[], readonly string[], boolean?]>;

function meta(graph: Graph): ManualChunkMeta {
  return {
    getModuleIds: () => Object.keys(graph)[Symbol.iterator](),
    getModuleInfo: (id: string) => {
      const node = graph[id];
      if (node === undefined) return null;
      // Only the fields machineChunks reads; the rest of ModuleInfo is Rollup's business.
      return { id, importedIds: node[0], dynamicallyImportedIds: node[1], isEntry: node[2] === true } as unknown as ModuleInfo;
    },
  };
}

const M = '/p/src/components/lab/lab-machine.ts';
const WORLD = '/p/src/lesson-runtime/scenario-world.ts';

/** Chunk name per module, as the function assigns them. */
function assign(graph: Graph): Record<string, string | undefined> {
  const chunks = machineChunks();
  const m = meta(graph);
  return Object.fromEntries(Object.keys(graph).map((id) => [id, chunks(id, m)]));
}

describe('the lab machine chunk (manualChunks)', () => {
  it('puts what only the machine reaches in one chunk, even when its programs import parts of it', () => {
    const out = assign({
      '/p/page.ts': [['/p/src/components/lab/lab-console.ts'], [], true],
      '/p/src/components/lab/lab-console.ts': [[], [M]],
      [M]: [[WORLD, '/p/src/engine/config/loader.ts', '/p/src/engine/smtpd/settings.ts'], ['/p/src/shell/programs/postconf.ts']],
      [WORLD]: [['/p/src/engine/smtpd/settings.ts'], []],
      '/p/src/engine/config/loader.ts': [[], []],
      '/p/src/engine/smtpd/settings.ts': [[], []],
      '/p/src/shell/programs/postconf.ts': [['/p/src/engine/config/loader.ts', '/p/src/shell/programs/postconf-texts.ts'], []],
      '/p/src/shell/programs/postconf-texts.ts': [[], []],
    });
    expect(out[M]).toBe(MACHINE_CHUNK);
    expect(out[WORLD]).toBe(MACHINE_CHUNK);
    expect(out['/p/src/engine/config/loader.ts']).toBe(MACHINE_CHUNK);
    expect(out['/p/src/engine/smtpd/settings.ts']).toBe(MACHINE_CHUNK);
    // Not the machine's: left to Rollup.
    expect(out['/p/page.ts']).toBeUndefined();
    expect(out['/p/src/components/lab/lab-console.ts']).toBeUndefined();
    expect(out['/p/src/shell/programs/postconf.ts']).toBeUndefined();
    expect(out['/p/src/shell/programs/postconf-texts.ts']).toBeUndefined();
  });

  it('keeps what a page without the machine needs out of the machine chunk, one chunk per set of such pages', () => {
    const shell = '/p/src/shell/shell.ts';
    const config = '/p/src/engine/config/loader.ts';
    const defaults = '/p/src/engine/config/defaults.ts';
    const out = assign({
      '/p/lab-page.ts': [['/p/src/components/lab/lab-console.ts'], [], true],
      '/p/review-page.ts': [[config], [], true],
      '/p/src/components/lab/lab-console.ts': [[], [M, '/p/src/components/lab/kit.ts']],
      '/p/src/components/lab/kit.ts': [[shell], []],
      [M]: [[shell, config, WORLD], []],
      [shell]: [[], []],
      [config]: [[defaults], []],
      [defaults]: [[], []],
      [WORLD]: [[], []],
    });
    expect(out[WORLD]).toBe(MACHINE_CHUNK);
    // The terminal kit, fetched before the machine, keeps the shell; the review page keeps the configuration.
    expect(out[shell]).not.toBe(MACHINE_CHUNK);
    expect(out[config]).not.toBe(MACHINE_CHUNK);
    expect(out[config]).toBe(out[defaults]);
    expect(out[config]).not.toBe(out[shell]);
    // Named after their first module, as Rollup names its chunks.
    expect(out[shell]).toBe('shell');
    expect(out[config]).toBe('loader');
  });

  it('counts an import() of engine code or of code that needs the world as the machine’s own', () => {
    const settings = '/p/src/engine/smtpd/settings.ts';
    const checks = '/p/src/lesson-runtime/goal-checks.ts';
    const events = '/p/src/lesson-runtime/events.ts';
    const out = assign({
      '/p/lesson-page.ts': [['/p/src/components/course/exercise-checks.ts'], [], true],
      '/p/src/components/course/exercise-checks.ts': [[], ['/p/src/engine/world/lab-server-tls.ts', checks, M]],
      '/p/src/engine/world/lab-server-tls.ts': [[settings], []],
      [checks]: [[WORLD, events], []],
      [M]: [[WORLD, settings, events], []],
      [WORLD]: [[], []],
      [settings]: [[], []],
      [events]: [[], []],
    });
    expect(out[settings]).toBe(MACHINE_CHUNK);
    expect(out[events]).toBe(MACHINE_CHUNK);
  });

  it('sends telnet with what it imports that neither the machine nor a page has; engine code of the machine’s only goes with the machine', () => {
    const telnet = '/p/src/shell/programs/telnet.ts';
    const texts = '/p/src/shell/programs/net/telnet-texts.ts';
    const hosts = '/p/src/shell/programs/net/hosts.ts';
    const serverTls = '/p/src/engine/world/lab-server-tls.ts';
    const settings = '/p/src/engine/smtpd/settings.ts';
    const shell = '/p/src/shell/shell.ts';
    const nc = '/p/src/shell/programs/nc.ts';
    const out = assign({
      '/p/page.ts': [['/p/src/components/lab/lab-console.ts'], [], true],
      '/p/src/components/lab/lab-console.ts': [[shell, '\0vite/preload-helper.js'], [M]],
      [shell]: [[], []],
      '\0vite/preload-helper.js': [[], []],
      [M]: [
        [WORLD, settings, shell],
        [telnet, nc],
      ],
      [WORLD]: [[], []],
      [settings]: [[], []],
      [telnet]: [[texts, hosts, serverTls, shell, '\0vite/preload-helper.js'], []],
      [nc]: [[texts, hosts], []],
      [texts]: [[], []],
      [hosts]: [[], []],
      [serverTls]: [[settings], []],
    });
    expect(out[telnet]).toBe('telnet');
    expect(out[texts]).toBe('telnet');
    expect(out[hosts]).toBe('telnet');
    expect(out[serverTls]).toBe(MACHINE_CHUNK);
    // What the page has stays where it is; other programs stay Rollup's.
    expect(out[shell]).toBe('shell');
    expect(out['\0vite/preload-helper.js']).toBeUndefined();
    expect(out[nc]).toBeUndefined();
  });

  it('names nothing when the build has no lab machine', () => {
    expect(assign({ '/p/page.ts': [['/p/a.ts'], [], true], '/p/a.ts': [[], []] })).toEqual({
      '/p/page.ts': undefined,
      '/p/a.ts': undefined,
    });
  });
});
