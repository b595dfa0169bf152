/**
 * Word expansion in bash's order, for the parts the lab supports: tilde, parameters (`$?`, `$NAME`),
 * word splitting of unquoted parameters, pathname expansion (`*`, `?`, `[...]`) and quote removal.
 */
import type { ShellFs } from './host.ts';
import type { Word } from './parse.ts';
import { resolvePath } from './path.ts';

export interface ExpandEnv {
  readonly vars: ReadonlyMap<string, string>;
  readonly lastStatus: number;
  readonly home: string;
  readonly cwd: string;
  readonly fs: ShellFs;
  /** `$$`. */
  readonly pid: number;
}

/** One character of an expanded word and whether it may act as a glob character. */
interface Field {
  text: string;
  /** Per character: true when it came from unquoted text (so `*` globs). */
  active: boolean[];
  /** Whether anything quoted contributed (keeps `""` as an empty argument). */
  quoted: boolean;
}

function special(name: string, env: ExpandEnv): string {
  switch (name) {
    case '?':
      return String(env.lastStatus);
    case '$':
      return String(env.pid);
    case '0':
      return 'bash';
    case '#':
      return '0';
    case '-':
      return 'himBHs';
    default:
      if (/^[1-9@*!]$/.test(name)) return '';
      return env.vars.get(name) ?? '';
  }
}

function expandTilde(text: string, env: ExpandEnv): string {
  // Only `~`, `~/...`, `~root` and `~root/...`; other users do not exist here.
  const m = /^~([^/]*)(\/.*)?$/s.exec(text);
  if (m === null) return text;
  const user = m[1] ?? '';
  const rest = m[2] ?? '';
  if (user === '') return env.home + rest;
  if (user === 'root') return `/root${rest}`;
  // Debian's nobody has /nonexistent as its home.
  if (user === 'nobody') return `/nonexistent${rest}`;
  return text;
}

/** Expands one word into zero or more arguments. */
export function expandWord(word: Word, env: ExpandEnv): string[] {
  const fields: Field[] = [];
  let cur: Field | null = null;
  const ensure = (): Field => {
    if (cur === null) {
      cur = { text: '', active: [], quoted: false };
      fields.push(cur);
    }
    return cur;
  };
  word.parts.forEach((part, idx) => {
    if (part.kind === 'lit') {
      let text = part.text;
      if (!part.quoted && idx === 0) text = expandTilde(text, env);
      const f = ensure();
      f.text += text;
      for (let k = 0; k < text.length; k++) f.active.push(!part.quoted);
      if (part.quoted) f.quoted = true;
      return;
    }
    const value = special(part.name, env);
    if (part.quoted) {
      const f = ensure();
      f.text += value;
      for (let k = 0; k < value.length; k++) f.active.push(false);
      f.quoted = true;
      return;
    }
    // Unquoted: split on IFS whitespace; the pieces glob.
    if (value === '') return;
    const pieces = value.split(/[ \t\n]+/).filter((p) => p !== '');
    if (/^[ \t\n]/.test(value)) cur = null;
    pieces.forEach((piece, k) => {
      if (k > 0) cur = null;
      const f = ensure();
      f.text += piece;
      for (let m = 0; m < piece.length; m++) f.active.push(true);
    });
    if (/[ \t\n]$/.test(value)) cur = null;
  });
  const out: string[] = [];
  for (const f of fields) {
    if (f.text === '' && !f.quoted) continue;
    const matches = glob(f, env);
    if (matches === null) out.push(f.text);
    else out.push(...matches);
  }
  return out;
}

function hasGlob(f: Field): boolean {
  for (let i = 0; i < f.text.length; i++) {
    const c = f.text[i];
    if (f.active[i] === true && (c === '*' || c === '?' || c === '[')) return true;
  }
  return false;
}

/** A regular expression for one path component of a glob pattern. */
function componentRegex(text: string, active: readonly boolean[]): RegExp | null {
  let src = '';
  let i = 0;
  let any = false;
  while (i < text.length) {
    const c = text[i] ?? '';
    const act = active[i] === true;
    if (act && c === '*') {
      src += '[^/]*';
      any = true;
      i++;
      continue;
    }
    if (act && c === '?') {
      src += '[^/]';
      any = true;
      i++;
      continue;
    }
    if (act && c === '[') {
      const close = text.indexOf(']', i + 2);
      if (close > 0) {
        let body = text.slice(i + 1, close);
        let neg = false;
        if (body.startsWith('!') || body.startsWith('^')) {
          neg = true;
          body = body.slice(1);
        }
        src += `[${neg ? '^' : ''}${body.replace(/[\\\]^]/g, (m) => `\\${m}`)}]`;
        any = true;
        i = close + 1;
        continue;
      }
    }
    src += c.replace(/[.*+?^${}()|[\]\\/]/g, (m) => `\\${m}`);
    i++;
  }
  if (!any) return null;
  try {
    return new RegExp(`^${src}$`, 's');
  } catch {
    return null;
  }
}

/** Pathname expansion against the simulated files; `null` when the word has no glob or nothing matches. */
function glob(f: Field, env: ExpandEnv): string[] | null {
  if (!hasGlob(f)) return null;
  const absolute = f.text.startsWith('/');
  const comps: { text: string; active: boolean[] }[] = [];
  let start = 0;
  for (let i = 0; i <= f.text.length; i++) {
    if (i === f.text.length || f.text[i] === '/') {
      if (i > start) comps.push({ text: f.text.slice(start, i), active: f.active.slice(start, i) });
      start = i + 1;
    }
  }
  const trailingSlash = f.text.endsWith('/');
  // Each candidate is [shown path, absolute path].
  let cands: [string, string][] = [[absolute ? '/' : '', absolute ? '/' : env.cwd]];
  for (const comp of comps) {
    const re = componentRegex(comp.text, comp.active);
    const next: [string, string][] = [];
    for (const [shown, abs] of cands) {
      const join = (name: string): [string, string] => [
        shown === '' ? name : shown.endsWith('/') ? shown + name : `${shown}/${name}`,
        resolvePath(abs, name),
      ];
      if (re === null) {
        next.push(join(comp.text));
        continue;
      }
      if (!env.fs.isDir(abs)) continue;
      for (const name of env.fs.list(abs)) {
        if (name.startsWith('.') && !comp.text.startsWith('.')) continue;
        if (re.test(name)) next.push(join(name));
      }
    }
    cands = next;
  }
  const found = cands
    .filter(([, abs]) => env.fs.read(abs) !== undefined || env.fs.isDir(abs))
    .filter(([, abs]) => !trailingSlash || env.fs.isDir(abs))
    .map(([shown]) => (trailingSlash ? `${shown}/` : shown));
  if (found.length === 0) return null;
  return found.sort();
}
