/**
 * The offline cache's generator (integrations/service-worker.mjs): which files of a build the worker
 * caches and under which URL, a build id that follows the contents, and a sw.js that runs as a classic script.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { offlineManifest, writeServiceWorker } from '../../integrations/service-worker.mjs';
import { WORKSHOP_BUNDLE } from '../../integrations/workshop-bundle.ts';

const work = mkdtempSync(join(tmpdir(), 'offline-cache-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function build(name: string, files: Record<string, string>): string {
  const root = join(work, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const SITE = {
  'index.html': '<!doctype html><title>home</title>',
  '404.html': '<!doctype html><title>not found</title>',
  'lessons/certificates/index.html': '<!doctype html><title>lesson</title>',
  '_astro/nano.Drj23IX_.js': 'export const nano = 1;',
  'embed.js': '/* element */',
  _headers: '/*\n  X-Frame-Options: DENY\n',
  [WORKSHOP_BUNDLE]: 'PK',
};

describe('offlineManifest', () => {
  it('lists pages by their folder URL and every other file by its path, without the zip, _headers and sw.js', () => {
    const root = build('a', { ...SITE, 'sw.js': '// an older worker' });
    expect(offlineManifest(root).files).toEqual(['/', '/404.html', '/_astro/nano.Drj23IX_.js', '/embed.js', '/lessons/certificates/']);
  });

  it('gives a new build id when a file changes, and the same one for the same files', () => {
    const id = offlineManifest(build('b', SITE)).buildId;
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(offlineManifest(build('c', { ...SITE, 'sw.js': 'other' })).buildId).toBe(id);
    expect(offlineManifest(build('d', { ...SITE, '_astro/nano.Drj23IX_.js': 'export const nano = 2;' })).buildId).not.toBe(id);
    expect(offlineManifest(build('e', { ...SITE, [WORKSHOP_BUNDLE]: 'PK2' })).buildId).toBe(id);
  });
});

describe('writeServiceWorker', () => {
  it('writes a classic script that declares the build and its files and listens for install, activate and fetch', () => {
    const root = build('f', SITE);
    const written = writeServiceWorker(root);
    const source = readFileSync(join(root, 'sw.js'), 'utf8');
    expect(written.bytes).toBe(Buffer.byteLength(source));
    const events: string[] = [];
    const self = { addEventListener: (type: string) => events.push(type), location: { origin: 'http://x' } };
    const declared = runInNewContext(`${source}\n({ BUILD, FILES, CACHE })`, { self, caches: {} }) as Record<string, unknown>;
    expect(declared).toEqual({ BUILD: written.buildId, FILES: written.files, CACHE: `postfix-tls-lab-${written.buildId}` });
    expect(events.sort()).toEqual(['activate', 'fetch', 'install']);
  });
});
