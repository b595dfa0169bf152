/**
 * Tab completion as bash without bash-completion does it: command names in command position, file names
 * elsewhere; plus a program's own `complete()` (e.g. Postfix parameter names after `postconf`) and an optional
 * completer the lab injects.
 */
import type { ShellHost } from './host.ts';
import type { Completer, CompletionCandidate, CompletionResult } from './line-editor.ts';
import type { Completion, CompletionRequest, ProgramTable, ShellState } from './program.ts';
import { resolvePath } from './path.ts';

export interface CompletionSources {
  readonly programs: ProgramTable;
  /** Names the shell runs itself (cd, exit...). */
  readonly builtins: readonly string[];
  readonly host: ShellHost;
  readonly shell: () => ShellState;
  /** Tried before file names for arguments, after the program's own `complete`. */
  readonly extra?: (req: CompletionRequest) => Completion | undefined;
}

interface WordAt {
  readonly start: number;
  /** The partial word with quotes and backslashes removed. */
  readonly prefix: string;
  /** Earlier words of the same simple command (unquoted). */
  readonly words: readonly string[];
}

const BREAKS = ' \t\n;&|()<>';

/** Finds the word that ends at `cursor` and the words of its command before it. */
export function wordAt(line: string, cursor: number): WordAt {
  let words: string[] = [];
  let cur = '';
  let curStart = 0;
  let inWord = false;
  let quote: '' | "'" | '"' = '';
  for (let i = 0; i < cursor; i++) {
    const c = line[i] ?? '';
    if (quote !== '') {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"' && i + 1 < cursor) cur += line[++i] ?? '';
      else cur += c;
      continue;
    }
    if (BREAKS.includes(c)) {
      if (inWord) words.push(cur);
      inWord = false;
      cur = '';
      if (';&|()'.includes(c)) words = [];
      continue;
    }
    if (!inWord) {
      inWord = true;
      curStart = i;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '\\' && i + 1 < cursor) cur += line[++i] ?? '';
    else cur += c;
  }
  return { start: inWord ? curStart : cursor, prefix: cur, words };
}

/** Backslash-escapes what the shell would otherwise split or expand. */
export function escapeWord(s: string): string {
  return s.replace(/[\s"'\\$&;|()<>*?[\]!#{}`]/g, (m) => `\\${m}`);
}

function fileCandidates(prefix: string, host: ShellHost, shell: ShellState): CompletionCandidate[] {
  const slash = prefix.lastIndexOf('/');
  const dirPart = slash < 0 ? '' : prefix.slice(0, slash + 1);
  const base = slash < 0 ? prefix : prefix.slice(slash + 1);
  let dirAbs: string;
  if (dirPart === '') dirAbs = shell.cwd;
  else if (dirPart.startsWith('~/')) dirAbs = resolvePath(shell.home, dirPart.slice(2));
  else dirAbs = resolvePath(shell.cwd, dirPart);
  if (!host.fs.isDir(dirAbs)) return [];
  const out: CompletionCandidate[] = [];
  for (const name of host.fs.list(dirAbs)) {
    if (!name.startsWith(base)) continue;
    if (name.startsWith('.') && !base.startsWith('.')) continue;
    const isDir = host.fs.isDir(resolvePath(dirAbs, name));
    out.push({ word: escapeWord(dirPart) + escapeWord(name), display: isDir ? `${name}/` : name, suffix: isDir ? '/' : ' ' });
  }
  return out;
}

function fromCompletion(c: Completion): CompletionCandidate[] {
  const suffix = c.addSpace === false ? '' : ' ';
  return c.candidates.map((w) => ({ word: escapeWord(w), display: w, suffix }));
}

/**
 * What to wait for before completing at `cursor`: the code of the program whose arguments are being completed,
 * while it is still being fetched (the browser's lazy table), so that its own `complete()` answers the first
 * Tab as it answers every later one; and the lazy listing of the folder of the word being completed (the CA
 * certificates in /etc/ssl/certs/), so that the first Tab lists what every later one lists. Null when nothing
 * is pending (a loaded program, a folder whose names are all here).
 */
export function completionWait(programs: ProgramTable, line: string, cursor: number, cwd = '/'): Promise<void> | null {
  const at = wordAt(line, cursor);
  const name = at.words[0];
  // The folder part of the word (`/etc/ssl/certs/`, or '' for the current one): never a program's name.
  const folder = at.prefix.slice(0, at.prefix.lastIndexOf('/') + 1);
  const words = name === undefined ? [folder] : [name, folder];
  return programs.ensure?.(words, { cwd, line: line.slice(0, cursor), tab: true }) ?? null;
}

/** Builds the shell's completer. */
export function createCompleter(src: CompletionSources): Completer {
  return (line: string, cursor: number): CompletionResult => {
    const at = wordAt(line, cursor);
    const shell = src.shell();
    if (at.words.length === 0 && !at.prefix.includes('/')) {
      const names = new Set([...src.programs.list().map((p) => p.name), ...src.builtins]);
      const candidates = [...names].filter((n) => n.startsWith(at.prefix)).map((n) => ({ word: n, display: n, suffix: ' ' }));
      return { start: at.start, candidates };
    }
    const req: CompletionRequest = { words: at.words, prefix: at.prefix, shell, host: src.host };
    const program = at.words[0] === undefined ? undefined : src.programs.get(at.words[0]);
    const own = program?.complete?.(req);
    if (own !== undefined && own.candidates.length > 0) return { start: at.start, candidates: fromCompletion(own) };
    const extra = src.extra?.(req);
    if (extra !== undefined && extra.candidates.length > 0) return { start: at.start, candidates: fromCompletion(extra) };
    return { start: at.start, candidates: fileCandidates(at.prefix, src.host, shell) };
  };
}
