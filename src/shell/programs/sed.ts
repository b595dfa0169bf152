/**
 * `sed [-n] [-i] [-E] [-e SCRIPT]... [SCRIPT] [FILE]...`: the part of GNU sed 4.9 a lab needs to edit a config
 * file in place — addresses (`N`, `$`, `/re/`, ranges, `!`) and the commands `d`, `p`, `q` and `s///` with the
 * flags g, p, i, N. Texts recorded from GNU sed 4.9 on Debian 12 (tests/shell/golden/tools.golden.json).
 */
import { resolvePath } from '../path.ts';
import type { Program, ProgramContext } from '../program.ts';
import { translate } from './grep-regex.ts';
import { readOperand, ttyFilterSession } from './util.ts';

/** GNU sed's usage, printed to stderr when there is no script. */
export const SED_USAGE = `Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...

  -n, --quiet, --silent
                 suppress automatic printing of pattern space
      --debug
                 annotate program execution
  -e script, --expression=script
                 add the script to the commands to be executed
  -f script-file, --file=script-file
                 add the contents of script-file to the commands to be executed
  --follow-symlinks
                 follow symlinks when processing in place
  -i[SUFFIX], --in-place[=SUFFIX]
                 edit files in place (makes backup if SUFFIX supplied)
  -l N, --line-length=N
                 specify the desired line-wrap length for the \`l' command
  --posix
                 disable all GNU extensions.
  -E, -r, --regexp-extended
                 use extended regular expressions in the script
                 (for portability use POSIX -E).
  -s, --separate
                 consider files as separate rather than as a single,
                 continuous long stream.
      --sandbox
                 operate in sandbox mode (disable e/r/w commands).
  -u, --unbuffered
                 load minimal amounts of data from the input files and flush
                 the output buffers more often
  -z, --null-data
                 separate lines by NUL characters
      --help     display this help and exit
      --version  output version information and exit

If no -e, --expression, -f, or --file option is given, then the first
non-option argument is taken as the sed script to interpret.  All
remaining arguments are names of input files; if no input files are
specified, then the standard input is read.

GNU sed home page: <https://www.gnu.org/software/sed/>.
General help using GNU software: <https://www.gnu.org/gethelp/>.
`;

type Address = { readonly kind: 'line'; readonly n: number } | { readonly kind: 'last' } | { readonly kind: 're'; readonly re: RegExp };

type Command =
  | { readonly kind: 'd' | 'p' | 'q' | '=' }
  | {
      readonly kind: 's';
      readonly re: RegExp;
      readonly replacement: string;
      readonly global: boolean;
      readonly nth: number;
      readonly print: boolean;
    };

interface Instruction {
  readonly from: Address | null;
  readonly to: Address | null;
  readonly negate: boolean;
  readonly cmd: Command;
  /** Range state while running. */
  active: boolean;
}

class SedError {
  constructor(readonly message: string) {}
}

function err(expr: number, char: number, text: string): SedError {
  return new SedError(`sed: -e expression #${expr}, char ${char}: ${text}`);
}

function toRegex(src: string, extended: boolean, flags: string, expr: number, char: number): RegExp {
  const t = translate(src, extended ? 'extended' : 'basic');
  if (!t.ok) throw err(expr, char, t.error);
  try {
    return new RegExp(t.source, flags);
  } catch {
    throw err(expr, char, 'Invalid regular expression');
  }
}

/** Parses one script (one -e). */
function compile(script: string, extended: boolean, expr: number): Instruction[] {
  const out: Instruction[] = [];
  let i = 0;
  const n = script.length;
  const readDelimited = (delim: string): string | null => {
    let s = '';
    while (i < n) {
      const c = script[i] ?? '';
      if (c === '\\' && i + 1 < n) {
        const e = script[i + 1] ?? '';
        s += e === delim ? e : `\\${e}`;
        i += 2;
        continue;
      }
      if (c === delim) {
        i++;
        return s;
      }
      s += c;
      i++;
    }
    return null;
  };
  const readAddress = (): Address | null => {
    const c = script[i];
    if (c === '$') {
      i++;
      return { kind: 'last' };
    }
    if (c !== undefined && c >= '0' && c <= '9') {
      let j = i;
      while (j < n && (script[j] ?? '') >= '0' && (script[j] ?? '') <= '9') j++;
      const num = Number(script.slice(i, j));
      i = j;
      return { kind: 'line', n: num };
    }
    if (c === '/') {
      i++;
      const src = readDelimited('/');
      if (src === null) throw err(expr, n, 'unterminated address regex');
      return { kind: 're', re: toRegex(src, extended, '', expr, i) };
    }
    return null;
  };
  while (i < n) {
    while (i < n && /[\s;]/.test(script[i] ?? '')) i++;
    if (i >= n) break;
    const from = readAddress();
    let to: Address | null = null;
    if (from !== null && script[i] === ',') {
      i++;
      to = readAddress();
      if (to === null) throw err(expr, i + 1, "unexpected `,'");
    }
    while (script[i] === ' ') i++;
    let negate = false;
    if (script[i] === '!') {
      negate = true;
      i++;
      while (script[i] === ' ') i++;
    }
    const c = script[i];
    if (c === undefined) throw err(expr, i, 'missing command');
    i++;
    let cmd: Command;
    if (c === 'd' || c === 'p' || c === 'q' || c === '=') cmd = { kind: c };
    else if (c === 's') {
      const delim = script[i];
      if (delim === undefined || delim === '\n' || delim === '\\') throw err(expr, i, "unterminated `s' command");
      i++;
      const pat = readDelimited(delim);
      const rep = pat === null ? null : readDelimited(delim);
      if (pat === null || rep === null) throw err(expr, n, "unterminated `s' command");
      let global = false;
      let print = false;
      let icase = false;
      let nth = 1;
      while (i < n && !/[\s;}]/.test(script[i] ?? '')) {
        const f = script[i] ?? '';
        if (f === 'g') global = true;
        else if (f === 'p') print = true;
        else if (f === 'i' || f === 'I') icase = true;
        else if (f >= '1' && f <= '9') {
          let j = i;
          while (j < n && (script[j] ?? '') >= '0' && (script[j] ?? '') <= '9') j++;
          nth = Number(script.slice(i, j));
          i = j - 1;
        } else throw err(expr, i + 1, "unknown option to `s'");
        i++;
      }
      cmd = { kind: 's', re: toRegex(pat, extended, icase ? 'gi' : 'g', expr, i), replacement: rep, global, nth, print };
    } else throw err(expr, i, `unknown command: \`${c}'`);
    out.push({ from, to, negate, cmd, active: false });
  }
  return out;
}

function matches(a: Address, lineNo: number, last: boolean, text: string): boolean {
  switch (a.kind) {
    case 'line':
      return lineNo === a.n;
    case 'last':
      return last;
    case 're':
      a.re.lastIndex = 0;
      return a.re.test(text);
  }
}

function selected(ins: Instruction, lineNo: number, last: boolean, text: string): boolean {
  let hit: boolean;
  if (ins.from === null) hit = true;
  else if (ins.to === null) hit = matches(ins.from, lineNo, last, text);
  else if (ins.active) {
    hit = true;
    const to = ins.to;
    if (to.kind === 'line' ? lineNo >= to.n : matches(to, lineNo, last, text)) ins.active = false;
  } else if (matches(ins.from, lineNo, last, text)) {
    hit = true;
    const to = ins.to;
    ins.active = !(to.kind === 'line' ? lineNo >= to.n : false);
  } else hit = false;
  return ins.negate ? !hit : hit;
}

function substitute(text: string, c: Command & { kind: 's' }): { text: string; done: boolean } {
  let count = 0;
  let done = false;
  c.re.lastIndex = 0;
  const result = text.replace(c.re, (...m: (string | number | undefined)[]) => {
    const whole = String(m[0]);
    count++;
    if (count < c.nth || (!c.global && count > c.nth)) return whole;
    done = true;
    const groups = m.slice(1, -2).map((g) => (typeof g === 'string' ? g : ''));
    return c.replacement.replace(/\\(.)|&/g, (r, e: string | undefined) => {
      if (r === '&') return whole;
      if (e !== undefined && e >= '1' && e <= '9') return groups[Number(e) - 1] ?? '';
      if (e === 'n') return '\n';
      if (e === 't') return '\t';
      return e ?? '';
    });
  });
  return { text: result, done };
}

/** Runs the script over the text; returns the output. */
function runScript(prog: readonly Instruction[], text: string, quiet: boolean): string {
  const endsWithNl = text.endsWith('\n');
  const lines = text === '' ? [] : text.split('\n');
  if (endsWithNl) lines.pop();
  const out: string[] = [];
  let quit = false;
  for (let k = 0; k < lines.length && !quit; k++) {
    let pattern = lines[k] ?? '';
    const last = k === lines.length - 1;
    let deleted = false;
    for (const ins of prog) {
      if (!selected(ins, k + 1, last, pattern)) continue;
      const cmd = ins.cmd;
      if (cmd.kind === 'd') {
        deleted = true;
        break;
      }
      if (cmd.kind === 'p') out.push(`${pattern}\n`);
      else if (cmd.kind === '=') out.push(`${k + 1}\n`);
      else if (cmd.kind === 'q') {
        quit = true;
        break;
      } else if (cmd.kind === 's') {
        const r = substitute(pattern, cmd);
        pattern = r.text;
        if (r.done && cmd.print) out.push(`${pattern}\n`);
      }
    }
    if (!deleted && !quiet) out.push(`${pattern}${last && !endsWithNl ? '' : '\n'}`);
  }
  return out.join('');
}

export const sed: Program = {
  name: 'sed',
  usage: "sed [-n] [-i] [-E] SCRIPT [FILE]...   (e.g. sed -i '$d' FILE)",
  run(ctx: ProgramContext) {
    const args = ctx.argv.slice(1);
    const scripts: string[] = [];
    const files: string[] = [];
    let quiet = false;
    let inPlace = false;
    let extended = false;
    for (let k = 0; k < args.length; k++) {
      const a = args[k] ?? '';
      if (a === '--') {
        files.push(...args.slice(k + 1));
        break;
      }
      if (a === '-e' || a === '--expression') {
        scripts.push(args[++k] ?? '');
        continue;
      }
      if (a.startsWith('--expression=')) {
        scripts.push(a.slice('--expression='.length));
        continue;
      }
      if (a === '-n' || a === '--quiet' || a === '--silent') quiet = true;
      else if (a === '-i' || a.startsWith('--in-place')) inPlace = true;
      else if (a === '-E' || a === '-r' || a === '--regexp-extended') extended = true;
      else if (/^-[niEr]+$/.test(a)) {
        if (a.includes('n')) quiet = true;
        if (a.includes('i')) inPlace = true;
        if (a.includes('E') || a.includes('r')) extended = true;
      } else files.push(a);
    }
    if (scripts.length === 0) {
      const first = files.shift();
      if (first === undefined) {
        ctx.stderr.write(SED_USAGE);
        return 1;
      }
      scripts.push(first);
    }
    let prog: Instruction[];
    try {
      prog = scripts.flatMap((s, idx) => compile(s, extended, idx + 1));
    } catch (e) {
      ctx.stderr.write(`${e instanceof SedError ? e.message : 'sed: invalid script'}\n`);
      return 1;
    }
    if (files.length === 0) {
      if (ctx.stdin.kind === 'text') {
        ctx.stdout.write(runScript(prog, ctx.stdin.text, quiet));
        return 0;
      }
      let buf = '';
      return ttyFilterSession({
        push: (t) => {
          buf += t;
          const nl = buf.lastIndexOf('\n');
          if (nl >= 0) {
            ctx.stdout.write(runScript(prog, buf.slice(0, nl + 1), quiet));
            buf = buf.slice(nl + 1);
          }
        },
        end: () => {
          if (buf !== '') ctx.stdout.write(runScript(prog, buf, quiet));
          return 0;
        },
      });
    }
    let status = 0;
    const inputs: string[] = [];
    for (const f of files) {
      const r = readOperand(ctx, f);
      if (!r.ok) {
        ctx.stderr.write(r.isDir ? `sed: couldn't edit ${f}: not a regular file\n` : `sed: can't read ${f}: ${r.error}\n`);
        status = 2;
        continue;
      }
      if (inPlace) {
        for (const ins of prog) ins.active = false;
        ctx.host.fs.write(resolvePath(ctx.shell.cwd, f), runScript(prog, r.text, quiet));
      } else inputs.push(r.text);
    }
    if (!inPlace && inputs.length > 0) ctx.stdout.write(runScript(prog, inputs.join(''), quiet));
    return status;
  },
};
