/** Helpers shared by the programs: GNU-style option parsing, reading operands, text as lines. */
import { EISDIR, ELOOP, ENOENT } from '../messages.ts';
import { resolvePath } from '../path.ts';
import type { ProgramContext, StreamFilter } from '../program.ts';
import type { InteractiveSession, SessionIo } from '../session.ts';
import {
  GREP_USAGE,
  msgInvalidOption,
  msgLongRequiresArgument,
  msgRequiresArgument,
  msgTryHelp,
  msgUnrecognizedOption,
} from './coreutils-messages.ts';

export interface OptSpec {
  /** Short options without an argument, e.g. `'nivEc'`. */
  readonly flags: string;
  /** Short options taking an argument, e.g. `'ne'`. */
  readonly withArg?: string;
  /** Long options: name to the short letter (or a private key) and whether they take an argument. */
  readonly long?: Readonly<Record<string, { readonly key: string; readonly arg: boolean }>>;
  /** Options end at the first operand (getopt's `+` mode: `timeout 5 grep -c x` leaves `-c` to grep). */
  readonly stopAtOperand?: boolean;
}

export interface Opts {
  /** Every option seen, in order, with its argument ('' for flags). */
  readonly list: readonly (readonly [string, string])[];
  readonly operands: readonly string[];
  has(key: string): boolean;
  /** The last value of an option. */
  value(key: string): string | undefined;
  values(key: string): string[];
}

export type OptError =
  | { readonly kind: 'invalid'; readonly opt: string }
  | { readonly kind: 'missing'; readonly opt: string }
  | { readonly kind: 'missing-long'; readonly opt: string }
  | { readonly kind: 'unrecognized'; readonly opt: string };

/** Parses options as glibc's getopt_long does (options may follow operands; `--` ends them). */
export function getopt(args: readonly string[], spec: OptSpec): Opts | OptError {
  const list: [string, string][] = [];
  const operands: string[] = [];
  const withArg = spec.withArg ?? '';
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq < 0 ? undefined : eq);
      const long = spec.long ?? {};
      let def = long[name];
      if (def === undefined) {
        const matches = Object.keys(long).filter((k) => k.startsWith(name));
        if (matches.length === 1 && matches[0] !== undefined) def = long[matches[0]];
      }
      if (def === undefined || name === '') return { kind: 'unrecognized', opt: a };
      if (def.arg) {
        if (eq >= 0) list.push([def.key, a.slice(eq + 1)]);
        else if (i + 1 < args.length) list.push([def.key, args[++i] ?? '']);
        else return { kind: 'missing-long', opt: a };
      } else list.push([def.key, '']);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j] ?? '';
        if (withArg.includes(c)) {
          const rest = a.slice(j + 1);
          if (rest !== '') list.push([c, rest]);
          else if (i + 1 < args.length) list.push([c, args[++i] ?? '']);
          else return { kind: 'missing', opt: c };
          break;
        }
        if (!spec.flags.includes(c)) return { kind: 'invalid', opt: c };
        list.push([c, '']);
      }
      continue;
    }
    if (spec.stopAtOperand === true) {
      operands.push(...args.slice(i));
      break;
    }
    operands.push(a);
  }
  return {
    list,
    operands,
    has: (k) => list.some(([key]) => key === k),
    value: (k) => {
      let v: string | undefined;
      for (const [key, val] of list) if (key === k) v = val;
      return v;
    },
    values: (k) => list.filter(([key]) => key === k).map(([, v]) => v),
  };
}

export function isOptError(o: Opts | OptError): o is OptError {
  return 'kind' in o;
}

/** Writes getopt's complaint and the "Try --help" line; returns the status. */
export function reportOptError(ctx: ProgramContext, prog: string, e: OptError, status: number): number {
  switch (e.kind) {
    case 'invalid':
      ctx.stderr.write(msgInvalidOption(prog, e.opt));
      break;
    case 'missing':
      ctx.stderr.write(msgRequiresArgument(prog, e.opt));
      break;
    case 'missing-long':
      ctx.stderr.write(msgLongRequiresArgument(prog, e.opt));
      break;
    case 'unrecognized':
      ctx.stderr.write(msgUnrecognizedOption(prog, e.opt));
      break;
  }
  if (prog === 'grep') ctx.stderr.write(GREP_USAGE);
  ctx.stderr.write(msgTryHelp(prog));
  return status;
}

export type ReadResult =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: string; readonly isDir: boolean };

/** Reads an operand relative to the cwd. */
export function readOperand(ctx: ProgramContext, file: string): ReadResult {
  const abs = resolvePath(ctx.shell.cwd, file);
  if (ctx.host.fs.isDir(abs)) return { ok: false, error: EISDIR, isDir: true };
  const text = ctx.host.fs.read(abs);
  if (text === undefined) return { ok: false, error: ctx.host.fs.resolve?.(abs) === null ? ELOOP : ENOENT, isDir: false };
  return { ok: true, text };
}

/** Splits text into lines without their `\n`; a last line without `\n` counts too. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  return lines;
}

/** UTF-8 length in bytes (what `wc -c` and `ls -l` count). */
export function byteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * A filter reading from the terminal (`cat`, `grep x` with no file): each line typed goes through the filter,
 * Ctrl-D ends the input, Ctrl-C kills the program.
 */
export function ttyFilterSession(filter: StreamFilter & { readonly done?: boolean }): InteractiveSession {
  let io: SessionIo | null = null;
  return {
    mode: 'cooked',
    start(i) {
      io = i;
    },
    onInput(data) {
      filter.push(data);
      if (filter.done === true) io?.exit(filter.end());
    },
    onEof() {
      io?.exit(filter.end());
    },
  };
}

/** A line-buffered filter: `onLine` gets each complete line (with its `\n`), `onEnd` the unterminated rest. */
export function lineFilter(onLine: (line: string) => void, onEnd: (rest: string) => number): StreamFilter {
  let buf = '';
  return {
    push(text) {
      buf += text;
      let start = 0;
      for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n', start)) {
        onLine(buf.slice(start, nl + 1));
        start = nl + 1;
      }
      buf = buf.slice(start);
    },
    end() {
      const rest = buf;
      buf = '';
      return onEnd(rest);
    },
  };
}
