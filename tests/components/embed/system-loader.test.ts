// The embed's chunk loader (src/components/embed/system-loader.ts) against what Rollup really writes in
// the System.register format: a small module graph built by Vite (as embed-build.ts does) with a live
// binding, a dynamic import, a cycle between chunks and top-level await, then run through the loader.
import { describe, expect, it } from 'vitest';
import { runInNewContext } from 'node:vm';
import { build, type Plugin } from 'vite';
import { createSystem, type SystemLoader } from '../../../src/components/embed/system-loader.ts';

const SOURCES: Record<string, string> = {
  'entry.js': `
    import { count, bump } from './counter.js';
    import { ping } from './c.js';
    export const before = count;
    bump();
    export const after = count;
    export const cycle = ping(3);
    export const lazy = () => import('./lazy.js').then((m) => m.answer);
    export const waited = () => import('./waits.js').then((m) => m.value);
  `,
  'counter.js': `export let count = 0; export function bump() { count += 1; }`,
  'c.js': `import { pong } from './d.js'; export function ping(n) { return n === 0 ? 'c' : pong(n - 1); }`,
  'd.js': `import { ping } from './c.js'; export function pong(n) { return n === 0 ? 'd' : ping(n - 1); }`,
  'lazy.js': `import { count } from './counter.js'; export const answer = 'lazy saw ' + count;`,
  'waits.js': `export const value = await Promise.resolve('after await');`,
};

const virtual: Plugin = {
  name: 'virtual-graph',
  resolveId: (id) => (id.replace('./', '') in SOURCES ? `\0${id.replace('./', '')}` : null),
  load: (id) => (id.startsWith('\0') ? SOURCES[id.slice(1)] : null),
};

async function chunks(): Promise<Map<string, string>> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    plugins: [virtual],
    build: {
      write: false,
      modulePreload: false,
      target: 'es2022',
      minify: false,
      rollupOptions: {
        input: './entry.js',
        // Vite drops an app entry's exports; the test reads them.
        preserveEntrySignatures: 'strict',
        // c.js and d.js in chunks of their own, so the cycle crosses chunk files.
        output: {
          format: 'system',
          entryFileNames: 'entry.js',
          chunkFileNames: '[name].js',
          manualChunks: (id) => (id.endsWith('c.js') ? 'c' : id.endsWith('d.js') ? 'd' : undefined),
        },
      },
    },
  });
  const outputs = Array.isArray(result) ? result.flatMap((r) => r.output) : 'output' in result ? result.output : [];
  return new Map(outputs.flatMap((o) => (o.type === 'chunk' ? [[o.fileName, o.code] as const] : [])));
}

function loaderFor(files: Map<string, string>, fetched: string[]): SystemLoader {
  let current: string | undefined;
  const system: SystemLoader = createSystem({
    current: () => current,
    run: (url) => {
      fetched.push(url);
      const name = new URL(url).pathname.slice('/embed/'.length);
      const code = files.get(name);
      if (code === undefined) return Promise.reject(new Error(`could not load ${url}`));
      current = url;
      try {
        // As a classic script: the chunk sees the loader as the global System.
        runInNewContext(code, { System: system, Promise });
      } finally {
        current = undefined;
      }
      return Promise.resolve();
    },
  });
  return system;
}

describe('the embed chunk loader', () => {
  it('links and runs Rollup System.register chunks: live bindings, cycles, import() and top-level await', async () => {
    const files = await chunks();
    expect([...files.keys()]).toEqual(expect.arrayContaining(['entry.js', 'c.js', 'd.js']));
    expect(files.size).toBeGreaterThanOrEqual(5);
    const fetched: string[] = [];
    const system = loaderFor(files, fetched);
    const ns = await system.import('https://host.example/embed/entry.js');
    expect(ns['before']).toBe(0);
    expect(ns['after']).toBe(1);
    expect(ns['cycle']).toBe('d');
    const lazyUrl = [...files.keys()].find((f) => f.startsWith('lazy'));
    expect(fetched.some((u) => lazyUrl !== undefined && u.endsWith(lazyUrl))).toBe(false);
    expect(await (ns['lazy'] as () => Promise<string>)()).toBe('lazy saw 1');
    expect(await (ns['waited'] as () => Promise<string>)()).toBe('after await');
    // Every file fetched once, from next to the entry.
    expect(new Set(fetched).size).toBe(fetched.length);
    expect(fetched.every((u) => u.startsWith('https://host.example/embed/'))).toBe(true);
  });

  it('rejects with the URL when a chunk cannot be loaded or does not register', async () => {
    const files = new Map([
      ['entry.js', `System.register(['./missing.js'], function () { return { setters: [null], execute: function () {} }; });`],
      ['silent.js', '/* no register */'],
    ]);
    const system = loaderFor(files, []);
    await expect(system.import('https://host.example/embed/entry.js')).rejects.toThrow(
      'could not load https://host.example/embed/missing.js',
    );
    await expect(system.import('https://host.example/embed/silent.js')).rejects.toThrow('did not register');
  });
});
