/**
 * The Astro integration for the Node sandbox:
 * - at build time, bundles the lab server (scripts/serve.ts: src/server plus the engine) into one ESM file
 *   for Node, dist/sandbox/lab-server.mjs, with esbuild (Astro's own dependency, through Vite);
 * - in `astro dev`, serves that bundle (built on request) and sends the cross-origin isolation headers on
 *   /lab/sandbox/ only. Static hosts get the same headers from public/_headers. `astro preview` cannot
 *   scope headers to a path (its server takes no plugins), so there the sandbox page is not isolated and says so.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const SANDBOX_PAGE_PREFIX = '/lab/sandbox/';
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** The server bundle's text: scripts/serve.ts and everything it imports, for Node 18+ (WebContainer's). */
export async function bundleLabServer(): Promise<string> {
  const out = await build({
    entryPoints: [join(ROOT, 'scripts', 'serve.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node18',
    write: false,
    legalComments: 'none',
    banner: { js: '// Postfix TLS Lab server (npm run serve), bundled for the Node sandbox.' },
  });
  const file = out.outputFiles[0];
  if (file === undefined) throw new Error('esbuild wrote no output for the lab server');
  return file.text;
}

export function labSandbox(): AstroIntegration {
  return {
    name: 'lab-sandbox',
    hooks: {
      'astro:server:setup': ({ server }) => {
        server.middlewares.use((req, res, next) => {
          const path = (req.url ?? '').split('?')[0] ?? '';
          if (path.startsWith(SANDBOX_PAGE_PREFIX)) for (const [k, v] of Object.entries(ISOLATION_HEADERS)) res.setHeader(k, v);
          if (path === '/sandbox/lab-server.mjs') {
            bundleLabServer().then(
              (text) => {
                res.setHeader('Content-Type', 'text/javascript');
                res.end(text);
              },
              (err: unknown) => next(err),
            );
            return;
          }
          next();
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const target = join(fileURLToPath(dir), 'sandbox', 'lab-server.mjs');
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, await bundleLabServer());
        logger.info(`wrote ${target}`);
      },
    },
  };
}
