/**
 * The Astro integration for embeds: after the build, bundles src/components/embed/embed-entry.ts (the
 * lab element and everything it imports, xterm and its CSS included) into one classic script
 * dist/embed/lab.js and dist/embed/lab.css with esbuild (Astro's own dependency). A classic script and a
 * plain stylesheet load in a sandboxed frame from a host that sends no CORS headers; Astro's module
 * chunks would not. In `astro dev` the files are built on request under the same URLs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const EMBED_SCRIPT_URL = '/embed/lab.js';
export const EMBED_STYLE_URL = '/embed/lab.css';

/** The bundle: { js, css } texts. */
export async function bundleEmbed(): Promise<{ readonly js: string; readonly css: string }> {
  const out = await build({
    entryPoints: [join(ROOT, 'src', 'components', 'embed', 'embed-entry.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    outdir: join(ROOT, 'dist', 'embed'),
    entryNames: 'lab',
    legalComments: 'none',
    loader: { '.woff2': 'dataurl', '.woff': 'dataurl' },
  });
  const js = out.outputFiles.find((f) => f.path.endsWith('.js'))?.text;
  const css = out.outputFiles.find((f) => f.path.endsWith('.css'))?.text ?? '';
  if (js === undefined) throw new Error('esbuild wrote no script for the embed');
  return { js, css };
}

export function labEmbed(): AstroIntegration {
  return {
    name: 'lab-embed',
    hooks: {
      'astro:server:setup': ({ server }) => {
        server.middlewares.use((req, res, next) => {
          const path = req.url?.split('?')[0];
          if (path !== EMBED_SCRIPT_URL && path !== EMBED_STYLE_URL) return next();
          bundleEmbed()
            .then(({ js, css }) => {
              res.setHeader('content-type', path === EMBED_SCRIPT_URL ? 'text/javascript' : 'text/css');
              res.end(path === EMBED_SCRIPT_URL ? js : css);
            })
            .catch(next);
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const { js, css } = await bundleEmbed();
        const out = join(fileURLToPath(dir), 'embed');
        mkdirSync(out, { recursive: true });
        writeFileSync(join(out, 'lab.js'), js);
        writeFileSync(join(out, 'lab.css'), css);
        logger.info(`wrote ${EMBED_SCRIPT_URL} (${Math.round(js.length / 1024)} KiB) and ${EMBED_STYLE_URL}`);
      },
    },
  };
}
