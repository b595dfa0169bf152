/** Path arithmetic for the simulated machine (absolute POSIX paths, no symlinks). */

/** Resolves `p` against `cwd` and removes `.`, `..` and repeated slashes. `..` at the root stays at the root. */
export function resolvePath(cwd: string, p: string): string {
  const joined = p.startsWith('/') ? p : `${cwd}/${p}`;
  const out: string[] = [];
  for (const part of joined.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

/** The last component (`/etc/postfix/` gives `postfix`; `/` gives `/`). */
export function baseName(p: string): string {
  const trimmed = p.replace(/\/+$/, '');
  if (trimmed === '') return p.startsWith('/') ? '/' : '';
  const i = trimmed.lastIndexOf('/');
  return i < 0 ? trimmed : trimmed.slice(i + 1);
}

/** The directory part (`/etc/postfix/main.cf` gives `/etc/postfix`; `main.cf` gives `.`). */
export function dirName(p: string): string {
  const trimmed = p.replace(/\/+$/, '');
  const i = trimmed.lastIndexOf('/');
  if (i < 0) return '.';
  if (i === 0) return '/';
  return trimmed.slice(0, i);
}

/** The prompt's `\w`: the home directory shows as `~`. */
export function promptPath(cwd: string, home: string): string {
  if (cwd === home) return '~';
  if (cwd.startsWith(`${home}/`)) return `~${cwd.slice(home.length)}`;
  return cwd;
}
