/**
 * The workshop bundle: once the build is done, every file in dist/ goes into
 * dist/postfix-tls-lab-workshop.zip (stored, see zip-store.ts), so an instructor can copy the site to
 * laptops and serve it with `python3 -m http.server` in the unpacked folder. Keep this integration last
 * in astro.config.mjs: build:done hooks run in order, and the files other hooks write must be in the zip.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { zipStore, type ZipEntry } from './zip-store.ts';

export const WORKSHOP_BUNDLE = 'postfix-tls-lab-workshop.zip';

/** Every file under `root`, as zip entries named relative to it, in a stable order; the bundle itself left out. */
export function bundleEntries(root: string): ZipEntry[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.isFile()) files.push(path);
    }
  };
  walk(root);
  return files
    .map((path) => ({ path, name: relative(root, path).split(sep).join('/') }))
    .filter((f) => f.name !== WORKSHOP_BUNDLE)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((f) => ({ name: f.name, data: readFileSync(f.path) }));
}

export function workshopBundle(): AstroIntegration {
  return {
    name: 'workshop-bundle',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const entries = bundleEntries(root);
        const zip = zipStore(entries);
        writeFileSync(join(root, WORKSHOP_BUNDLE), zip);
        logger.info(`wrote /${WORKSHOP_BUNDLE} (${entries.length} files, ${Math.round(zip.length / 1024)} KiB)`);
      },
    },
  };
}
