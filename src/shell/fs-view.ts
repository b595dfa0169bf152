/**
 * The simulated files as the shell shows them. SimFs only knows directories that hold files; a Debian system
 * also has empty ones (/root, /tmp...), so those always exist here.
 */
import type { ShellFs } from './host.ts';

/** Directories of a Debian 12 system that exist even when empty. */
export const STANDARD_DIRS: readonly string[] = [
  '/',
  '/dev',
  '/etc',
  '/etc/postfix',
  '/etc/ssl',
  '/etc/ssl/certs',
  '/etc/ssl/private',
  '/home',
  '/root',
  '/run',
  '/tmp',
  '/usr',
  '/usr/bin',
  '/usr/sbin',
  '/usr/share',
  '/var',
  '/var/log',
  '/var/spool',
  '/var/spool/postfix',
];

/** Unix permission bits of directories, for `ls -l` (/root is 0700 and /tmp 1777 on Debian). */
export function dirMode(path: string): number {
  if (path === '/root') return 0o700;
  if (path === '/tmp') return 0o1777;
  return 0o755;
}

const DEVICES = new Set(['/dev/null', '/dev/tty', '/dev/stdout', '/dev/stderr']);

export function withStandardDirs(fs: ShellFs): ShellFs {
  const dirs = new Set(STANDARD_DIRS);
  const isDir = (path: string): boolean => {
    const p = path.length > 1 ? path.replace(/\/+$/, '') : path;
    return dirs.has(p) || fs.isDir(p);
  };
  return {
    read: (p) => (p === '/dev/null' ? '' : fs.read(p)),
    write: (p, c, m) => {
      if (!DEVICES.has(p)) fs.write(p, c, m);
    },
    list: (dir) => {
      const d = dir.length > 1 ? dir.replace(/\/+$/, '') : dir;
      const names = new Set(fs.list(d));
      const prefix = d === '/' ? '/' : `${d}/`;
      for (const s of dirs) {
        if (s === d || !s.startsWith(prefix)) continue;
        const rest = s.slice(prefix.length);
        if (rest !== '' && !rest.includes('/')) names.add(rest);
      }
      if (d === '/dev') names.add('null');
      return [...names].sort();
    },
    isDir,
    stat: (p) => (p === '/dev/null' ? { content: '', mode: 0o666 } : fs.stat(p)),
    lstat: (p) => (fs.lstat === undefined ? fs.stat(p) : fs.lstat(p)),
    resolve: (p) => (fs.resolve === undefined ? p : fs.resolve(p)),
    dirInfo: (p) => fs.dirInfo?.(p),
    remove: (p) => fs.remove(p),
    chmod: (p, m) => fs.chmod(p, m),
    subscribe: (fn) => fs.subscribe(fn),
  };
}
