// @ts-check
/**
 * The offline cache: once the build is done, writes /sw.js, a classic service worker script made of two
 * constants (BUILD: an id derived from the contents of every file; FILES: the URL of every file the site
 * needs) and the worker itself, integrations/sw-runtime.js (how it caches, serves and updates is described
 * there). src/scripts/register-sw.js registers it on the site's pages once they are loaded and idle.
 *
 * Left out of FILES: the workshop zip (3 MB, a download nobody needs offline in the browser: it is the site
 * itself), _headers (the host's configuration) and sw.js. Plain JavaScript (not TypeScript) so that the
 * browser tests, which run in Node without a TypeScript loader, can regenerate sw.js for a simulated deploy.
 * Keep this integration after every one that writes files at build:done, and before the workshop bundle.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SERVICE_WORKER = 'sw.js';
const LEFT_OUT = new Set([SERVICE_WORKER, '_headers']);
const RUNTIME = fileURLToPath(new URL('./sw-runtime.js', import.meta.url));

/** Every file under `root`, as a path relative to it with forward slashes, sorted. */
function filesUnder(root) {
  /** @type {string[]} */
  const out = [];
  /** @param {string} dir */
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.isFile()) out.push(relative(root, path).split(sep).join('/'));
    }
  };
  walk(root);
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The URL a file is fetched by: a page's index.html by its folder (/lessons/x/), anything else by its path. */
function urlOf(name) {
  if (name === 'index.html') return '/';
  if (name.endsWith('/index.html')) return `/${name.slice(0, -'index.html'.length)}`;
  return `/${name}`;
}

/**
 * What the worker of the build in `root` caches: { buildId, files } with `files` the URLs, sorted; the build
 * id is the first 16 hex digits of a SHA-256 over every file's URL and contents.
 * @param {string} root
 */
export function offlineManifest(root) {
  const names = filesUnder(root).filter((name) => !LEFT_OUT.has(name) && !name.endsWith('.zip'));
  const hash = createHash('sha256');
  for (const name of names) {
    hash.update(`${urlOf(name)}\0`);
    hash.update(
      createHash('sha256')
        .update(readFileSync(join(root, name)))
        .digest(),
    );
  }
  const files = names.map(urlOf).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { buildId: hash.digest('hex').slice(0, 16), files };
}

/**
 * The text of sw.js for a manifest.
 * @param {{ buildId: string, files: readonly string[] }} manifest
 */
export function serviceWorkerSource({ buildId, files }) {
  const list = files.map((f) => `  ${JSON.stringify(f)},`).join('\n');
  return (
    `// Generated at build time by integrations/service-worker.mjs: do not edit.\n` +
    `const BUILD = ${JSON.stringify(buildId)};\n` +
    `const FILES = [\n${list}\n];\n\n` +
    readFileSync(RUNTIME, 'utf8')
  );
}

/**
 * Writes `root`/sw.js for the build in `root`; returns its manifest and the script's size in bytes.
 * @param {string} root
 */
export function writeServiceWorker(root) {
  const manifest = offlineManifest(root);
  const source = serviceWorkerSource(manifest);
  writeFileSync(join(root, SERVICE_WORKER), source);
  return { ...manifest, bytes: Buffer.byteLength(source) };
}

/** @returns {import('astro').AstroIntegration} */
export function offlineCache() {
  return {
    name: 'offline-cache',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const { buildId, files, bytes } = writeServiceWorker(fileURLToPath(dir));
        logger.info(`wrote /${SERVICE_WORKER} (build ${buildId}, ${files.length} files to cache, ${Math.round(bytes / 1024)} KiB)`);
      },
    },
  };
}
