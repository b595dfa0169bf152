/**
 * No script the browser loads ships Zod (issue 12: it was about 13 KB gzip of the lab page, only to
 * check stored progress, lab images, share links and predicate args; src/lesson-runtime/validate.ts
 * does that now). Every processed `<script>` of every .astro file, and the embed's entry, is bundled
 * with esbuild as the site's build resolves it (the shell's browser program table, lazily loaded
 * programs inlined), and no module of Zod may be among its inputs. Lesson frontmatter keeps Zod: it is
 * checked at build time only, and the browser imports its types alone.
 */
import { build, type Metafile, type Plugin } from 'esbuild';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SRC = join(ROOT, 'src');
const ZOD = /(^|\/)zod(\/|\.|$)/;

function astroFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? astroFiles(join(dir, e.name)) : e.name.endsWith('.astro') ? [join(dir, e.name)] : [],
  );
}

/** The `<script>` blocks Astro bundles: those without attributes (any attribute makes a script inline). */
function processedScripts(): Map<string, { readonly code: string; readonly dir: string }> {
  const out = new Map<string, { code: string; dir: string }>();
  for (const file of astroFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    const body = text.startsWith('---') ? text.slice(text.indexOf('\n---', 3) + 4) : text;
    let n = 0;
    for (const m of body.matchAll(/<script>([\s\S]*?)<\/script>/g)) {
      out.set(`${relative(ROOT, file)}#${n++}`, { code: m[1] ?? '', dir: dirname(file) });
    }
  }
  return out;
}

/** Resolves as the browser build does; what only Vite can load (xterm, `?url`, CSS) stays out. */
function browserResolution(scripts: ReturnType<typeof processedScripts>): Plugin {
  return {
    name: 'browser-resolution',
    setup(b) {
      b.onResolve({ filter: /^astro-script:/ }, (a) => ({ path: a.path.slice('astro-script:'.length), namespace: 'astro-script' }));
      b.onLoad({ filter: /.*/, namespace: 'astro-script' }, (a) => {
        const s = scripts.get(a.path);
        return s === undefined ? null : { contents: s.code, loader: 'ts', resolveDir: s.dir };
      });
      // integrations/lab-programs-browser.ts does this for the site's and the embed's builds
      b.onResolve({ filter: /^\.\/lab-programs\.ts$/ }, (a) =>
        a.importer.endsWith(join('src', 'shell', 'lab-shell.ts')) ? { path: join(SRC, 'shell', 'lab-programs.browser.ts') } : null,
      );
      b.onResolve({ filter: /^@xterm\/|\?url$|^astro:/ }, (a) => ({ path: a.path, external: true }));
    },
  };
}

async function inputsPerEntry(entryPoints: string[], plugin: Plugin): Promise<Map<string, string[]>> {
  const r = await build({
    entryPoints,
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    outdir: '/tmp/no-zod-in-browser',
    loader: { '.css': 'empty' },
    logLevel: 'silent',
    plugins: [plugin],
  });
  const meta: Metafile = r.metafile;
  return new Map(
    Object.values(meta.outputs)
      .filter((o) => o.entryPoint !== undefined)
      .map((o) => [o.entryPoint ?? '', Object.keys(o.inputs)]),
  );
}

describe('the browser gets no Zod', () => {
  it('no processed page script, nor the embed, bundles a module of Zod', async () => {
    const scripts = processedScripts();
    const entries = [...[...scripts.keys()].map((k) => `astro-script:${k}`), join(SRC, 'components', 'embed', 'embed-entry.ts')];
    const inputs = await inputsPerEntry(entries, browserResolution(scripts));
    expect(inputs.size).toBe(entries.length);
    const withZod = [...inputs].filter(([, files]) => files.some((f) => ZOD.test(f))).map(([entry]) => entry);
    expect(withZod).toEqual([]);

    // Not vacuous: the scripts of the lab, the share bar and the home page reach the modules that used Zod.
    const reach = (script: string, module: string) =>
      [...inputs].some(([entry, files]) => entry.includes(script) && files.some((f) => f.endsWith(module)));
    expect(reach('LabConsole.astro', 'src/lesson-runtime/lab-image.ts')).toBe(true);
    expect(reach('LabConsole.astro', 'src/lesson-runtime/progress.ts')).toBe(true);
    expect(reach('LabConsole.astro', 'src/lesson-runtime/predicates/args.ts')).toBe(true);
    expect(reach('LessonLab.astro', 'src/lesson-runtime/predicates/args.ts')).toBe(true);
    expect(reach('ShareBar.astro', 'src/lesson-runtime/share-link.ts')).toBe(true);
    expect(reach('ProgressTransfer.astro', 'src/lesson-runtime/progress.ts')).toBe(true);
    expect(reach('pages/index.astro', 'src/components/course/home-progress.ts')).toBe(true);
    expect(reach('embed-entry.ts', 'src/lesson-runtime/share-link.ts')).toBe(true);
  }, 120_000);

  it('the check sees Zod where it is (the build-time frontmatter schema)', async () => {
    const frontmatter = join(SRC, 'lesson-runtime', 'frontmatter.ts');
    const inputs = await inputsPerEntry([frontmatter], browserResolution(new Map()));
    expect([...inputs.values()].flat().some((f) => ZOD.test(f))).toBe(true);
  }, 60_000);
});
