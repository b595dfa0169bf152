/**
 * The Astro integration for the Node sandbox:
 * - at build time, bundles the lab server (scripts/serve.ts: src/server plus the engine) into one ESM file
 *   for Node, dist/sandbox/lab-server.mjs, with esbuild (Astro's own dependency, through Vite);
 * - in `astro dev`, serves that bundle (built on request) and sends the cross-origin isolation headers on
 *   /lab/sandbox/ only. Static hosts get the same headers from public/_headers. `astro preview` cannot
 *   scope headers to a path (its server takes no plugins), so there the sandbox page is not isolated and says so.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { build } from 'esbuild';
import { configFolder, initConfigFolder } from '../../server/config-folder.ts';
import { CERT_URL, KEY_URL, SERVER_BUNDLE_URL } from '../example-client.ts';

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

/**
 * The lab's self-signed certificate and key for mail.example.org, made here as `npm run serve` makes them
 * (with the system openssl): the sandbox has no openssl program. Undefined when openssl is missing.
 * The key is published with the site; it is a throwaway key for a name nobody owns.
 */
export function makeLabCertificate(): { readonly cert: string; readonly key: string } | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'lab-sandbox-cert-'));
  try {
    const folder = configFolder(dir);
    if (!initConfigFolder(folder).ok) return undefined;
    return { cert: readFileSync(folder.certFile, 'utf8'), key: readFileSync(folder.keyFile, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What the site serves under /sandbox/: the server bundle, and the certificate when openssl could make it. */
async function sandboxAssets(): Promise<Map<string, string>> {
  const assets = new Map([[SERVER_BUNDLE_URL, await bundleLabServer()]]);
  const pair = makeLabCertificate();
  if (pair !== undefined) {
    assets.set(CERT_URL, pair.cert);
    assets.set(KEY_URL, pair.key);
  }
  return assets;
}

export function labSandbox(): AstroIntegration {
  return {
    name: 'lab-sandbox',
    hooks: {
      'astro:server:setup': ({ server }) => {
        server.middlewares.use((req, res, next) => {
          const path = (req.url ?? '').split('?')[0] ?? '';
          if (path.startsWith(SANDBOX_PAGE_PREFIX)) for (const [k, v] of Object.entries(ISOLATION_HEADERS)) res.setHeader(k, v);
          if (path === SERVER_BUNDLE_URL || path === CERT_URL || path === KEY_URL) {
            sandboxAssets().then(
              (assets) => {
                const text = assets.get(path);
                if (text === undefined) {
                  res.statusCode = 404;
                  res.end();
                  return;
                }
                res.setHeader('Content-Type', path.endsWith('.mjs') ? 'text/javascript' : 'text/plain');
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
        const assets = await sandboxAssets();
        for (const [url, text] of assets) {
          const target = join(fileURLToPath(dir), url);
          mkdirSync(dirname(target), { recursive: true });
          writeFileSync(target, text);
          logger.info(`wrote ${target}`);
        }
        if (!assets.has(CERT_URL)) logger.warn('openssl is missing: the Node sandbox gets no certificate, so its server cannot start');
      },
    },
  };
}
