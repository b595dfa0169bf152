/**
 * The Astro integration for embeds. An /embed/ page is framed with sandbox="allow-scripts": its origin is
 * opaque, so module scripts and import() would be CORS requests, which a host that sends no CORS headers
 * refuses. So the embed gets its own build of src/components/embed/embed-entry.ts with Vite (Astro's own
 * dependency) in Rollup's `System.register` format, split as the site's own scripts are (xterm, the
 * machine and each shell program in their own chunks, fetched when needed), and one small classic script,
 * /embed/lab.js (embed-boot.ts with system-loader.ts), that loads the chunks as classic `<script>`
 * elements and links them. All CSS goes into /embed/lab.css. In `astro dev` the same files are built on
 * request under the same URLs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import { labProgramsInBrowser } from '../../../integrations/lab-programs-browser.ts';
import { TERSER_OPTIONS } from '../../../integrations/minify.ts';
import { xtermMangle } from '../../../integrations/xterm-mangle.ts';
import { EMBED_DIR_URL, EMBED_SCRIPT_URL, EMBED_STYLE_URL } from './embed-urls.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The embed's files: name (inside /embed/) to text. */
export type EmbedFiles = ReadonlyMap<string, string>;

/** The chunks in System.register format (Vite + Rollup), and the file name of the entry chunk. */
async function bundleChunks(): Promise<{ readonly files: Map<string, string>; readonly entry: string }> {
  const result = await viteBuild({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    plugins: [labProgramsInBrowser(), xtermMangle()],
    build: {
      write: false,
      modulePreload: false,
      target: 'es2022',
      // Minified as the site's chunks are, xterm's private members renamed (integrations/minify.ts).
      minify: 'terser',
      terserOptions: TERSER_OPTIONS,
      cssCodeSplit: false,
      // Fonts and images go into the CSS (the embed has no other asset URLs to keep right).
      assetsInlineLimit: 100_000_000,
      rollupOptions: {
        input: join(ROOT, 'src', 'components', 'embed', 'embed-entry.ts'),
        output: {
          format: 'system',
          entryFileNames: 'lab-entry-[hash].js',
          chunkFileNames: 'lab-[hash].js',
          assetFileNames: 'lab[extname]',
        },
      },
    },
  });
  const outputs = Array.isArray(result) ? result.flatMap((r) => r.output) : 'output' in result ? result.output : [];
  const files = new Map<string, string>();
  let entry: string | undefined;
  for (const o of outputs) {
    if (o.type === 'chunk') {
      files.set(o.fileName, o.code);
      if (o.isEntry) entry = o.fileName;
    } else files.set(o.fileName, typeof o.source === 'string' ? o.source : new TextDecoder().decode(o.source));
  }
  if (entry === undefined) throw new Error('Vite wrote no entry chunk for the embed');
  if (!files.has('lab.css')) files.set('lab.css', '');
  return { files, entry };
}

/** All the embed's files: the chunks, lab.css, and lab.js (the classic loader that starts the entry chunk). */
export async function bundleEmbed(): Promise<EmbedFiles> {
  const { files, entry } = await bundleChunks();
  const boot = await build({
    entryPoints: [join(ROOT, 'src', 'components', 'embed', 'embed-boot.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    outfile: 'lab.js',
    legalComments: 'none',
    define: { __EMBED_ENTRY__: JSON.stringify(entry) },
  });
  const js = boot.outputFiles.find((f) => f.path.endsWith('.js'))?.text;
  if (js === undefined) throw new Error('esbuild wrote no loader for the embed');
  files.set('lab.js', js);
  return files;
}

export function labEmbed(): AstroIntegration {
  return {
    name: 'lab-embed',
    hooks: {
      'astro:server:setup': ({ server }) => {
        let last: EmbedFiles | null = null;
        server.middlewares.use((req, res, next) => {
          const path = req.url?.split('?')[0] ?? '';
          if (!path.startsWith(EMBED_DIR_URL) || !/\.(js|css)$/.test(path)) return next();
          const name = path.slice(EMBED_DIR_URL.length);
          // lab.js starts a fresh build; the chunks it then asks for come from that build.
          const files = name === 'lab.js' || last === null ? bundleEmbed() : Promise.resolve(last);
          files
            .then((built) => {
              last = built;
              const text = built.get(name);
              if (text === undefined) return next();
              res.setHeader('content-type', name.endsWith('.css') ? 'text/css' : 'text/javascript');
              res.end(text);
            })
            .catch(next);
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const files = await bundleEmbed();
        const out = join(fileURLToPath(dir), 'embed');
        mkdirSync(out, { recursive: true });
        for (const [name, text] of files) writeFileSync(join(out, name), text);
        const kib = (name: string) => Math.round((files.get(name)?.length ?? 0) / 1024);
        logger.info(`wrote ${EMBED_SCRIPT_URL} (${kib('lab.js')} KiB), ${files.size - 2} chunks and ${EMBED_STYLE_URL}`);
      },
    },
  };
}
