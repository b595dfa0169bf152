/**
 * `grep [OPTION]... PATTERNS [FILE]...` (GNU grep 3.8): -E -F -G -i -v -c -n -l -h -H -q -s -w -x -o -r -e.
 * Exit status 0 when a line is selected, 1 when none, 2 on an error (unless -q found a match).
 */
import { resolvePath } from '../path.ts';
import type { Program, ProgramContext, StreamFilter } from '../program.ts';
import { GREP_STDIN_LABEL, msgFileError } from './coreutils-messages.ts';
import { translate, type Syntax } from './grep-regex.ts';
import { getopt, isOptError, lineFilter, readOperand, reportOptError, splitLines, ttyFilterSession, type Opts } from './util.ts';

const SPEC = {
  flags: 'EFGivcnlLhHqswxorRyI',
  withArg: 'efABCm',
  long: {
    'extended-regexp': { key: 'E', arg: false },
    'fixed-strings': { key: 'F', arg: false },
    'basic-regexp': { key: 'G', arg: false },
    'ignore-case': { key: 'i', arg: false },
    'invert-match': { key: 'v', arg: false },
    count: { key: 'c', arg: false },
    'line-number': { key: 'n', arg: false },
    'files-with-matches': { key: 'l', arg: false },
    'no-filename': { key: 'h', arg: false },
    'with-filename': { key: 'H', arg: false },
    quiet: { key: 'q', arg: false },
    silent: { key: 'q', arg: false },
    'no-messages': { key: 's', arg: false },
    'word-regexp': { key: 'w', arg: false },
    'line-regexp': { key: 'x', arg: false },
    'only-matching': { key: 'o', arg: false },
    recursive: { key: 'r', arg: false },
    regexp: { key: 'e', arg: true },
    color: { key: 'color', arg: false },
  },
};

interface Matcher {
  /** The matches in a line ([] when it does not match). With -v, a non-matching line gives one empty match. */
  matches(line: string): string[];
  readonly invert: boolean;
}

function buildMatcher(ctx: ProgramContext, o: Opts, patterns: readonly string[]): Matcher | number {
  const syntax: Syntax = o.has('F') ? 'fixed' : o.has('E') ? 'extended' : 'basic';
  const sources: string[] = [];
  for (const p of patterns) {
    const t = translate(p, syntax);
    if (!t.ok) {
      ctx.stderr.write(`grep: ${t.error}\n`);
      return 2;
    }
    let src = t.source;
    if (o.has('x')) src = `^(?:${src})$`;
    else if (o.has('w')) src = `(?<![A-Za-z0-9_])(?:${src})(?![A-Za-z0-9_])`;
    sources.push(src);
  }
  let re: RegExp;
  try {
    re = new RegExp(sources.map((s) => `(?:${s})`).join('|'), o.has('i') || o.has('y') ? 'gi' : 'g');
  } catch {
    ctx.stderr.write('grep: Invalid regular expression\n');
    return 2;
  }
  const invert = o.has('v');
  return {
    invert,
    matches(line) {
      re.lastIndex = 0;
      const found: string[] = [];
      for (let m = re.exec(line); m !== null; m = re.exec(line)) {
        found.push(m[0]);
        if (m[0] === '') re.lastIndex++;
        if (re.lastIndex > line.length) break;
      }
      if (invert) return found.length === 0 ? [''] : [];
      return found;
    },
  };
}

interface Run {
  readonly o: Opts;
  readonly m: Matcher;
  readonly withNames: boolean;
  selected: boolean;
  error: boolean;
}

/** Greps one input's lines; returns how many were selected. */
function grepLines(ctx: ProgramContext, run: Run, name: string, lines: Iterable<string>, startLine = 1): number {
  const o = run.o;
  const prefix = run.withNames ? `${name}:` : '';
  let count = 0;
  let n = startLine - 1;
  const out: string[] = [];
  for (const line of lines) {
    n++;
    const ms = run.m.matches(line);
    if (ms.length === 0) continue;
    count++;
    run.selected = true;
    if (o.has('q') || o.has('l') || o.has('c')) continue;
    const num = o.has('n') ? `${n}:` : '';
    if (o.has('o') && !run.m.invert) {
      for (const s of ms) if (s !== '') out.push(`${prefix}${num}${s}\n`);
    } else out.push(`${prefix}${num}${line}\n`);
  }
  if (out.length > 0) ctx.stdout.write(out.join(''));
  return count;
}

function setup(ctx: ProgramContext): { run: Run; files: string[] } | number {
  const o = getopt(ctx.argv.slice(1), SPEC);
  if (isOptError(o)) return reportOptError(ctx, 'grep', o, 2);
  const operands = [...o.operands];
  let patterns: string[];
  if (o.has('e')) patterns = o.values('e').flatMap((p) => p.split('\n'));
  else {
    const first = operands.shift();
    if (first === undefined) {
      ctx.stderr.write("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
      return 2;
    }
    patterns = first.split('\n');
  }
  const m = buildMatcher(ctx, o, patterns);
  if (typeof m === 'number') return m;
  let files = operands;
  if (o.has('r') || o.has('R')) files = files.length === 0 ? ['.'] : files;
  const many = files.length > 1 || ((o.has('r') || o.has('R')) && files.some((f) => ctx.host.fs.isDir(resolvePath(ctx.shell.cwd, f))));
  const withNames = o.has('H') || (many && !o.has('h'));
  return { run: { o, m, withNames, selected: false, error: false }, files };
}

function status(run: Run): number {
  if (run.error && !(run.o.has('q') && run.selected)) return 2;
  return run.selected ? 0 : 1;
}

function report(ctx: ProgramContext, run: Run, name: string, count: number): void {
  if (run.o.has('q')) return;
  if (run.o.has('l')) {
    if (count > 0) ctx.stdout.write(`${name}\n`);
    return;
  }
  if (run.o.has('c')) ctx.stdout.write(`${run.withNames ? `${name}:` : ''}${count}\n`);
}

/** Every file under a directory of the simulated machine, in sorted order. */
function walk(ctx: ProgramContext, shown: string, abs: string): [string, string][] {
  const out: [string, string][] = [];
  for (const name of ctx.host.fs.list(abs)) {
    const childAbs = resolvePath(abs, name);
    const childShown = shown.endsWith('/') ? `${shown}${name}` : `${shown}/${name}`;
    if (ctx.host.fs.isDir(childAbs)) out.push(...walk(ctx, childShown, childAbs));
    else out.push([childShown, childAbs]);
  }
  return out;
}

function makeFilter(ctx: ProgramContext, run: Run): StreamFilter {
  let n = 0;
  let count = 0;
  return lineFilter(
    (line) => {
      n++;
      count += grepLines(ctx, run, GREP_STDIN_LABEL, [line.slice(0, -1)], n);
    },
    (rest) => {
      if (rest !== '') count += grepLines(ctx, run, GREP_STDIN_LABEL, [rest], n + 1);
      report(ctx, run, GREP_STDIN_LABEL, count);
      return status(run);
    },
  );
}

export const grep: Program = {
  name: 'grep',
  usage: 'grep [-n] [-i] [-v] [-E] [-c] PATTERN [FILE]...',
  run(ctx) {
    const s = setup(ctx);
    if (typeof s === 'number') return s;
    const { run, files } = s;
    if (files.length === 0) {
      if (ctx.stdin.kind === 'tty') return ttyFilterSession(makeFilter(ctx, run));
      const count = grepLines(ctx, run, GREP_STDIN_LABEL, splitLines(ctx.stdin.text));
      report(ctx, run, GREP_STDIN_LABEL, count);
      return status(run);
    }
    const recursive = run.o.has('r') || run.o.has('R');
    for (const f of files) {
      if (f === '-') {
        const text = ctx.stdin.kind === 'text' ? ctx.stdin.text : '';
        report(ctx, run, GREP_STDIN_LABEL, grepLines(ctx, run, GREP_STDIN_LABEL, splitLines(text)));
        continue;
      }
      const abs = resolvePath(ctx.shell.cwd, f);
      if (recursive && ctx.host.fs.isDir(abs)) {
        for (const [shown, fileAbs] of walk(ctx, f, abs)) {
          const text = ctx.host.fs.read(fileAbs) ?? '';
          report(ctx, run, shown, grepLines(ctx, run, shown, splitLines(text)));
        }
        continue;
      }
      const r = readOperand(ctx, f);
      if (!r.ok) {
        if (!run.o.has('s')) ctx.stderr.write(msgFileError('grep', f, r.error));
        run.error = true;
        continue;
      }
      report(ctx, run, f, grepLines(ctx, run, f, splitLines(r.text)));
      if (run.o.has('q') && run.selected) return 0;
    }
    return status(run);
  },
  filter(ctx) {
    const s = setup(ctx);
    if (typeof s === 'number') return s;
    return makeFilter(ctx, s.run);
  },
};
