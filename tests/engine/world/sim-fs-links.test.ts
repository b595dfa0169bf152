/** SimFs's symbolic links and lazy package files (the lab's /etc/ssl/certs is built from them). */
import { describe, expect, it } from 'vitest';
import { SimFs } from '../../../src/engine/world/sim-fs.ts';

function fs(): SimFs {
  const f = new SimFs({ '/usr/share/data/a.crt': 'A\n', '/etc/x.conf': 'x\n' });
  f.symlink('/usr/share/data/a.crt', '/etc/certs/a.pem', 1000);
  f.symlink('a.pem', '/etc/certs/1234.0');
  f.symlink('/usr/share/data', '/etc/data');
  f.symlink('/nowhere/file', '/etc/dangling');
  f.symlink('loop2', '/etc/loop1');
  f.symlink('loop1', '/etc/loop2');
  return f;
}

describe('SimFs symbolic links', () => {
  it('read, stat and lookup follow absolute and relative links, link after link', () => {
    const f = fs();
    expect(f.read('/etc/certs/1234.0')).toBe('A\n');
    expect(f.stat('/etc/certs/a.pem')?.content).toBe('A\n');
    expect(f.lookup('/etc/certs/1234.0')?.content).toBe('A\n');
    expect(f.resolve('/etc/certs/1234.0')).toBe('/usr/share/data/a.crt');
  });

  it('lstat and readlink see the link itself', () => {
    const f = fs();
    expect(f.readlink('/etc/certs/1234.0')).toBe('a.pem');
    expect(f.lstat('/etc/certs/a.pem')).toEqual({ target: '/usr/share/data/a.crt', mtime: 1000 });
    expect(f.readlink('/etc/x.conf')).toBeUndefined();
  });

  it('a link to a folder is a folder, and paths through it work', () => {
    const f = fs();
    expect(f.isDir('/etc/data')).toBe(true);
    expect(f.list('/etc/data')).toEqual(['a.crt']);
    expect(f.read('/etc/data/a.crt')).toBe('A\n');
    expect(f.list('/etc/certs')).toEqual(['1234.0', 'a.pem']);
  });

  it('dangling links and loops read as missing; a loop resolves to null (ELOOP)', () => {
    const f = fs();
    expect(f.read('/etc/dangling')).toBeUndefined();
    expect(f.lstat('/etc/dangling')).toEqual({ target: '/nowhere/file' });
    expect(f.read('/etc/loop1')).toBeUndefined();
    expect(f.resolve('/etc/loop1')).toBeNull();
    expect(f.resolve('/etc/dangling')).toBe('/nowhere/file');
  });

  it('writes and chmod go to the target; remove takes the link away only', () => {
    const f = fs();
    f.write('/etc/certs/1234.0', 'B\n');
    expect(f.read('/usr/share/data/a.crt')).toBe('B\n');
    f.chmod('/etc/certs/a.pem', 0o600);
    expect(f.stat('/usr/share/data/a.crt')?.mode).toBe(0o600);
    expect(f.remove('/etc/certs/a.pem')).toBe(true);
    expect(f.read('/usr/share/data/a.crt')).toBe('B\n');
    expect(f.read('/etc/certs/1234.0')).toBeUndefined();
  });

  it('links are not among paths() (they are installed at boot, not kept in a lab image)', () => {
    expect(fs().paths()).toEqual(['/etc/x.conf', '/usr/share/data/a.crt']);
  });
});

describe('SimFs lazy files', () => {
  it('are listed and sized before their text is here, read as empty until then, then as the text', () => {
    const f = new SimFs();
    const loaded: { text?: string } = {};
    f.addLazy('/usr/share/pkg/big.crt', { size: 5, mode: 0o644, mtime: 7, text: () => loaded.text });
    expect(f.list('/usr/share/pkg')).toEqual(['big.crt']);
    expect(f.isDir('/usr/share/pkg')).toBe(true);
    expect(f.stat('/usr/share/pkg/big.crt')).toEqual({ content: '', mode: 0o644, size: 5, mtime: 7 });
    loaded.text = 'hello';
    expect(f.read('/usr/share/pkg/big.crt')).toBe('hello');
    expect(f.paths()).toEqual([]);
  });

  it('a write replaces a lazy file with an ordinary one', () => {
    const f = new SimFs();
    f.addLazy('/p/f', { size: 5, mode: 0o644, text: () => 'hello' });
    f.write('/p/f', 'new\n');
    expect(f.stat('/p/f')).toEqual({ content: 'new\n', mode: 0o644 });
    expect(f.paths()).toEqual(['/p/f']);
  });
});
