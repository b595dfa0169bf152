/** SimFs's lazyFile(): one of the machine's own files whose text comes later (the lab's /etc/ssl/openssl.cnf). */
import { describe, expect, it } from 'vitest';
import { SimFs, lazyFile } from '../../../src/engine/world/sim-fs.ts';

function setup() {
  let text: string | undefined;
  const fs = new SimFs({ '/etc/a.cnf': lazyFile({ size: 6, mode: 0o644, text: () => text }), '/etc/b': 'b\n' });
  return { fs, arrive: () => void (text = 'hello\n') };
}

describe('lazyFile', () => {
  it('is one of paths(), sized at once, its text empty until it comes and then read as it is', () => {
    const { fs, arrive } = setup();
    expect(fs.paths()).toEqual(['/etc/a.cnf', '/etc/b']);
    expect(fs.stat('/etc/a.cnf')).toMatchObject({ content: '', size: 6, mode: 0o644 });
    arrive();
    expect(fs.read('/etc/a.cnf')).toBe('hello\n');
  });

  it('chmod before the text comes keeps it coming', () => {
    const { fs, arrive } = setup();
    expect(fs.chmod('/etc/a.cnf', 0o600)).toBe(true);
    arrive();
    expect(fs.stat('/etc/a.cnf')).toMatchObject({ content: 'hello\n', size: 6, mode: 0o600 });
  });

  it('a copy of the file (a scratch world) reads the text once it comes; a write replaces it', () => {
    const { fs, arrive } = setup();
    const f = fs.stat('/etc/a.cnf');
    const copy = new SimFs(f === undefined ? {} : { '/etc/a.cnf': f });
    arrive();
    expect(copy.read('/etc/a.cnf')).toBe('hello\n');
    fs.write('/etc/a.cnf', 'mine\n');
    expect(fs.stat('/etc/a.cnf')).toMatchObject({ content: 'mine\n', mode: 0o644 });
    expect(fs.stat('/etc/a.cnf')?.size).toBeUndefined();
  });
});
