/** SimFs's LazyTree: a package whose folders exist at once and whose listing comes later (ca-certificates in the browser). */
import { describe, expect, it } from 'vitest';
import { SimFs } from '../../../src/engine/world/sim-fs.ts';

function setup() {
  let ready = false;
  let installs = 0;
  const fs = new SimFs({ '/etc/hostname': 'mail\n' });
  fs.addLazyTree({
    dirs: ['/usr/share/pkg/sub', '/etc/pkg'],
    install: (into) => {
      if (!ready) return false;
      installs++;
      into.write('/usr/share/pkg/sub/a.crt', 'A\n');
      into.symlink('/usr/share/pkg/sub/a.crt', '/etc/pkg/a.pem');
      return true;
    },
  });
  return { fs, arrive: () => void (ready = true), installs: () => installs };
}

describe('LazyTree', () => {
  it('its folders exist and list (empty) before the listing comes', () => {
    const { fs } = setup();
    expect(fs.isDir('/usr/share/pkg')).toBe(true);
    expect(fs.isDir('/usr/share/pkg/sub')).toBe(true);
    expect(fs.isDir('/etc/pkg')).toBe(true);
    expect(fs.isDir('/etc/pk')).toBe(false);
    expect(fs.list('/etc')).toEqual(['hostname', 'pkg']);
    expect(fs.list('/usr/share')).toEqual(['pkg']);
    expect(fs.list('/etc/pkg')).toEqual([]);
    expect(fs.readlink('/etc/pkg/a.pem')).toBeUndefined();
  });

  it('installs once, at the first read after the listing comes: links, files and folders as if installed at boot', () => {
    const { fs, arrive, installs } = setup();
    expect(fs.read('/etc/pkg/a.pem')).toBeUndefined();
    arrive();
    expect(installs()).toBe(0);
    expect(fs.readlink('/etc/pkg/a.pem')).toBe('/usr/share/pkg/sub/a.crt');
    expect(fs.read('/etc/pkg/a.pem')).toBe('A\n');
    expect(fs.list('/etc/pkg')).toEqual(['a.pem']);
    expect(fs.isDir('/usr/share/pkg/sub')).toBe(true);
    expect(installs()).toBe(1);
  });

  it('a removal right after the listing comes sees the installed link', () => {
    const { fs, arrive } = setup();
    arrive();
    expect(fs.remove('/etc/pkg/a.pem')).toBe(true);
    expect(fs.list('/etc/pkg')).toEqual([]);
    expect(fs.isDir('/etc/pkg')).toBe(false);
  });
});
