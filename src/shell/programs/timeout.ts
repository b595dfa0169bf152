/**
 * `timeout [OPTION] DURATION COMMAND [ARG]...`: GNU coreutils 9.1 (recorded in
 * tests/shell/golden/programs.golden.json; the corpus runs posttls-finger and openssl s_client under it).
 * A command that ends by itself gives its own status. An interactive one still running when the time is up
 * gets the signal: on the terminal after DURATION; in LabShell.runLine as soon as its input is over and
 * nothing else can happen (the session's `onIdle`), which is when a real run would just wait out the time.
 */
import { BIN_DIRS } from '../executor.ts';
import { EACCES, ENOENT } from '../messages.ts';
import { baseName, dirName, resolvePath } from '../path.ts';
import type { Program, ProgramContext } from '../program.ts';
import type { InteractiveSession, SessionIo } from '../session.ts';
import { msgFailedToRun, msgInvalidSignal, msgInvalidTimeInterval, msgSendingSignal, msgTryHelp } from './coreutils-messages.ts';
import type { Pacer } from './net/lab-env.ts';
import { getopt, isOptError, reportOptError } from './util.ts';

const NAME = 'timeout';
/** coreutils' exit statuses. */
const EXIT_TIMEDOUT = 124;
const EXIT_CANCELED = 125;
const EXIT_CANNOT_INVOKE = 126;
const EXIT_ENOENT = 127;

/** bash's own commands: no program file exists for them, so timeout cannot run them. */
const SHELL_ONLY = new Set(['cd', 'exit', 'export', 'history', 'help']);

/** Linux signal numbers by name. */
const SIGNALS: Readonly<Record<string, number>> = {
  HUP: 1,
  INT: 2,
  QUIT: 3,
  ILL: 4,
  TRAP: 5,
  ABRT: 6,
  IOT: 6,
  BUS: 7,
  FPE: 8,
  KILL: 9,
  USR1: 10,
  SEGV: 11,
  USR2: 12,
  PIPE: 13,
  ALRM: 14,
  TERM: 15,
  STKFLT: 16,
  CHLD: 17,
  CLD: 17,
  CONT: 18,
  STOP: 19,
  TSTP: 20,
  TTIN: 21,
  TTOU: 22,
  URG: 23,
  XCPU: 24,
  XFSZ: 25,
  VTALRM: 26,
  PROF: 27,
  WINCH: 28,
  POLL: 29,
  IO: 29,
  PWR: 30,
  SYS: 31,
};
/** Signals whose default action leaves a program running (ignored, or stopped). */
const HARMLESS = new Set([17, 18, 19, 20, 21, 22, 23, 28]);

function signalName(n: number): string {
  const name = Object.entries(SIGNALS).find(([, v]) => v === n)?.[0];
  if (name !== undefined) return name;
  return n >= 34 && n <= 64 ? (n <= 49 ? `RTMIN+${n - 34}` : `RTMAX-${64 - n}`) : String(n);
}

/** coreutils' str2sig: a number 0..64 or a name with or without SIG. */
function parseSignal(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s) <= 64 ? Number(s) : null;
  const name = s.startsWith('SIG') ? s.slice(3) : s;
  if (name === 'EXIT') return 0;
  const known = SIGNALS[name];
  if (known !== undefined) return known;
  const rt = /^RT(MIN|MAX)([+-]\d+)?$/.exec(name);
  if (rt === null) return null;
  const n = (rt[1] === 'MIN' ? 34 : 64) + Number(rt[2] ?? 0);
  return n >= 34 && n <= 64 ? n : null;
}

/** strtod's prefix of `s` (leading blanks, sign, hex, exponent, inf/nan); null when it reads nothing. */
function strtod(s: string): { value: number; rest: string } | null {
  const m =
    /^[ \t\n\v\f\r]*([+-]?)(0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)(?:[pP][+-]?\d+)?|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf(?:inity)?|nan)/i.exec(
      s,
    );
  if (m === null) return null;
  const body = (m[2] ?? '').toLowerCase();
  let v: number;
  if (body.startsWith('inf')) v = Infinity;
  else if (body === 'nan') v = NaN;
  else if (body.startsWith('0x')) {
    const h = /^0x([0-9a-f]*)(?:\.([0-9a-f]*))?(?:p([+-]?\d+))?$/.exec(body);
    const int = h?.[1] ?? '';
    const frac = h?.[2] ?? '';
    v = 0;
    for (const c of int + frac) v = v * 16 + parseInt(c, 16);
    v *= 2 ** (Number(h?.[3] ?? 0) - 4 * frac.length);
  } else v = Number(body);
  return { value: m[1] === '-' ? -v : v, rest: s.slice(m[0].length) };
}

const UNITS: Readonly<Record<string, number>> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

/** DURATION in seconds (0: no time limit), or null when coreutils rejects it. */
export function parseDuration(s: string): number | null {
  const r = strtod(s);
  if (r === null || Number.isNaN(r.value) || r.value < 0) return null;
  const unit = UNITS[r.rest];
  if (unit === undefined) return null;
  return r.value * unit;
}

interface Limits {
  readonly seconds: number;
  readonly signal: number;
  readonly killAfter: boolean;
  readonly preserve: boolean;
  readonly foreground: boolean;
  readonly verbose: boolean;
  readonly command: string;
}

/** The longest delay a platform timer takes (about 24.8 days); beyond it the limit never comes in a lab session. */
const MAX_TIMER_MS = 2 ** 31 - 1;

class TimeoutSession implements InteractiveSession {
  readonly #inner: InteractiveSession;
  readonly #limits: Limits;
  readonly #pacer: Pacer;
  #io: SessionIo | null = null;
  #ended = false;
  #innerGone = false;
  #cancelTimer: (() => void) | null = null;

  constructor(inner: InteractiveSession, limits: Limits, pacer: Pacer) {
    this.#inner = inner;
    this.#limits = limits;
    this.#pacer = pacer;
  }

  get mode() {
    return this.#inner.mode;
  }
  get echo() {
    return this.#inner.echo ?? true;
  }
  get reading() {
    return this.#inner.reading !== false;
  }

  get lineEnders() {
    return this.#inner.lineEnders ?? '';
  }

  start(io: SessionIo): void {
    this.#io = io;
    this.#inner.start({
      write: (t) => io.write(t),
      writeErr: (t) => io.writeErr(t),
      get cols() {
        return io.cols;
      },
      get rows() {
        return io.rows;
      },
      exit: (code) => this.#finish(code),
      resume: () => io.resume(),
    });
    const ms = this.#limits.seconds * 1000;
    if (!this.#ended && !this.#pacer.immediate && ms > 0 && ms <= MAX_TIMER_MS) {
      this.#cancelTimer = this.#pacer.after(ms, () => this.#expire());
    }
  }

  onInput(data: string): void | number {
    return this.#inner.onInput(data);
  }

  onInterrupt(): boolean {
    // Ctrl-C reaches the command (same process group): it dies as it would without timeout.
    return this.#inner.onInterrupt?.() ?? false;
  }

  onEof(): void {
    this.#inner.onEof?.();
  }

  onResize(cols: number, rows: number): void {
    this.#inner.onResize?.(cols, rows);
  }

  onIdle(limitMs?: number): void {
    // The command may wait on the lab's clock (a blocked read) for no longer than the time limit.
    const mine = this.#limits.seconds > 0 ? this.#limits.seconds * 1000 : undefined;
    const limit = mine === undefined ? limitMs : limitMs === undefined ? mine : Math.min(mine, limitMs);
    this.#inner.onIdle?.(limit);
    if (!this.#ended && this.#limits.seconds > 0) this.#expire();
  }

  dispose(): void {
    this.#cancelTimer?.();
    this.#cancelTimer = null;
    this.#disposeInner();
  }

  #disposeInner(): void {
    if (this.#innerGone) return;
    this.#innerGone = true;
    try {
      this.#inner.dispose?.();
    } catch {
      // the command is gone either way
    }
  }

  #finish(code: number): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#cancelTimer?.();
    this.#cancelTimer = null;
    this.#io?.exit(code);
  }

  /** The time is up: the signal goes to the command (and, with KILL, to timeout itself). */
  #expire(): void {
    if (this.#ended) return;
    const l = this.#limits;
    if (l.verbose) this.#io?.writeErr(msgSendingSignal(signalName(l.signal), l.command));
    if (HARMLESS.has(l.signal) && !l.killAfter) return;
    this.#disposeInner();
    const killed = HARMLESS.has(l.signal) ? 9 : l.signal;
    if (l.signal === 9 && !l.foreground) this.#finish(128 + 9);
    else this.#finish(l.preserve ? 128 + killed : EXIT_TIMEDOUT);
  }
}

function tryHelp(ctx: ProgramContext): number {
  ctx.stderr.write(msgTryHelp(NAME));
  return EXIT_CANCELED;
}

export function timeoutProgram(pacer: Pacer): Program {
  return {
    name: NAME,
    usage: 'timeout [-s SIGNAL] [-k DURATION] [-v] DURATION COMMAND [ARG]...',
    run(ctx) {
      const o = getopt(ctx.argv.slice(1), {
        flags: 'v',
        withArg: 'ks',
        stopAtOperand: true,
        long: {
          'preserve-status': { key: 'preserve', arg: false },
          foreground: { key: 'foreground', arg: false },
          'kill-after': { key: 'k', arg: true },
          signal: { key: 's', arg: true },
          verbose: { key: 'v', arg: false },
        },
      });
      if (isOptError(o)) return reportOptError(ctx, NAME, o, EXIT_CANCELED);
      let signal = 15;
      for (const [key, value] of o.list) {
        if (key === 'k' && parseDuration(value) === null) {
          ctx.stderr.write(msgInvalidTimeInterval(value));
          return tryHelp(ctx);
        }
        if (key === 's') {
          const n = parseSignal(value);
          if (n === null) {
            ctx.stderr.write(msgInvalidSignal(value));
            return tryHelp(ctx);
          }
          signal = n;
        }
      }
      const [duration, command, ...rest] = o.operands;
      if (duration === undefined || command === undefined) return tryHelp(ctx);
      const seconds = parseDuration(duration);
      if (seconds === null) {
        ctx.stderr.write(msgInvalidTimeInterval(duration));
        return tryHelp(ctx);
      }
      let program: Program | undefined;
      if (command.includes('/')) {
        const abs = resolvePath(ctx.shell.cwd, command);
        const known = ctx.programs.get(baseName(abs));
        if (known !== undefined && BIN_DIRS.has(dirName(abs))) program = known;
        else if (ctx.host.fs.isDir(abs) || ctx.host.fs.read(abs) !== undefined) {
          ctx.stderr.write(msgFailedToRun(command, EACCES));
          return EXIT_CANNOT_INVOKE;
        }
      } else if (!SHELL_ONLY.has(command)) program = ctx.programs.get(command);
      if (program === undefined) {
        ctx.stderr.write(msgFailedToRun(command, ENOENT));
        return EXIT_ENOENT;
      }
      const inner: ProgramContext = {
        argv: [command, ...rest],
        stdin: ctx.stdin,
        stdout: ctx.stdout,
        stderr: ctx.stderr,
        shell: ctx.shell,
        host: ctx.host,
        get cols() {
          return ctx.cols;
        },
        get rows() {
          return ctx.rows;
        },
        programs: ctx.programs,
        requestExit: () => {},
        clearHistory: () => {},
      };
      const r = program.run(inner);
      if (typeof r === 'number') return r;
      return new TimeoutSession(
        r,
        {
          seconds,
          signal,
          killAfter: o.has('k'),
          preserve: o.has('preserve'),
          foreground: o.has('foreground'),
          verbose: o.has('v'),
          command,
        },
        pacer,
      );
    },
  };
}
