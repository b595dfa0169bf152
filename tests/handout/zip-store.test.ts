/**
 * The workshop bundle's zip writer, read back by Python's zipfile (a reader we did not write): names,
 * contents and CRCs come out as written, and the bundle of a folder leaves out an old bundle.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleEntries, WORKSHOP_BUNDLE } from '../../integrations/workshop-bundle.ts';
import { crc32, zipStore } from '../../integrations/zip-store.ts';

const work = mkdtempSync(join(tmpdir(), 'zip-store-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const READ_BACK = `
import json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    assert z.testzip() is None
    print(json.dumps([[i.filename, z.read(i.filename).decode('utf-8')] for i in z.infolist()]))
`;

describe('zipStore', () => {
  it('crc32 of "123456789" is the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('Python reads back every entry, name and content, with valid CRCs', () => {
    const enc = new TextEncoder();
    const entries = [
      { name: 'index.html', data: enc.encode('<!doctype html><p>hi</p>\n') },
      { name: 'lessons/certificates/index.html', data: enc.encode('certificates — ü\n') },
      { name: 'empty.txt', data: new Uint8Array(0) },
    ];
    const path = join(work, 'a.zip');
    writeFileSync(path, zipStore(entries));
    const out = JSON.parse(execFileSync('python3', ['-c', READ_BACK, path], { encoding: 'utf8' })) as [string, string][];
    expect(out).toEqual(entries.map((e) => [e.name, new TextDecoder().decode(e.data)]));
  });

  it('a folder bundles every file but an old bundle', () => {
    const root = join(work, 'dist');
    mkdirSync(join(root, 'a', 'b'), { recursive: true });
    writeFileSync(join(root, 'index.html'), 'x');
    writeFileSync(join(root, 'a', 'b', 'c.js'), 'y');
    writeFileSync(join(root, WORKSHOP_BUNDLE), 'old');
    expect(bundleEntries(root).map((e) => e.name)).toEqual(['a/b/c.js', 'index.html']);
  });
});
