/**
 * The lab machine's root shell: `root@mail:~# ` on the simulated `mail.example.org` (createLabWorld), with
 * the coreutils-like programs of `standardPrograms()` and the programs that talk to the Postfix world
 * (`worldPrograms`). Tab completes commands, paths and what each program completes itself (Postfix parameter
 * names after postconf, explain and man; in the browser a first Tab there waits for that program's code).
 *
 * `runLine` runs one command line without a terminal, synchronously, on the same machine and shell state
 * (files, cwd, variables, `$?`), with stdout and stderr apart: for the conformance harness and tests.
 */
import { Executor, type ExecEnv } from './executor.ts';
import { withStandardDirs } from './fs-view.ts';
import type { ShellHost } from './host.ts';
import { parse } from './parse.ts';
import type { Program, ShellState } from './program.ts';
import { labPrograms } from './lab-programs.ts';
import { recordSystemdBoot } from './programs/systemd-boot.ts';
import { TimerPacer, type LabEnv, type LabWorld, type Pacer } from './programs/net/lab-env.ts';
import { Registry } from './registry.ts';
import type { InteractiveSession } from './session.ts';
import { Shell, type ShellObserver } from './shell.ts';
import type { Sink } from './sinks.ts';

export interface LabShellOptions {
  /** The short host name of the prompt (default `mail`). */
  readonly hostname?: string;
  /** The machine's fully qualified name (default `mail.example.org`, the lab's myhostname). */
  readonly fqdn?: string;
  /** Timers for the server's pauses on the terminal (default: the platform's setTimeout). */
  readonly pacer?: Pacer;
  /** More programs, or replacements (a later program with the same name wins). */
  readonly programs?: readonly Program[];
  readonly cols?: number;
  readonly rows?: number;
  readonly onExit?: (code: number) => void;
  /** Told what runs and what it prints (the lesson runtime's event recorder). */
  readonly observer?: ShellObserver;
}

export interface RunLineOptions {
  /** What standard input holds; interactive programs read it as typed lines, then end of file. */
  readonly stdin?: string;
  /** Whether stdout and stderr are a terminal (postfix-script prints its progress only then; ls makes columns). */
  readonly tty: boolean;
  /**
   * Whether standard input is the terminal (default: as `tty`). On a terminal, interactive programs read
   * `stdin` as typed lines; otherwise it is a pipe: every program reads all of it at once, then end of file
   * (`openssl s_client` then sends it to the server in one write, as the real one does).
   */
  readonly stdinTty?: boolean;
}

export interface RunLineResult {
  readonly stdout: string;
  readonly stderr: string;
  /** stdout and stderr in the order they were written, as a terminal shows them. */
  readonly output: string;
  readonly exitCode: number;
}

/** A pacer that runLine can switch to immediate while it runs, whatever the base pacer is. */
class SwitchPacer implements Pacer {
  readonly #base: Pacer;
  depth = 0;
  constructor(base: Pacer) {
    this.#base = base;
  }
  get immediate(): boolean {
    return this.depth > 0 || this.#base.immediate;
  }
  after(ms: number, fn: () => void): () => void {
    if (this.depth > 0) {
      fn();
      return () => {};
    }
    return this.#base.after(ms, fn);
  }
}

class CaptureSink implements Sink {
  readonly kind: 'tty' | 'pipe';
  readonly isTty: boolean;
  readonly #own: string[] = [];
  readonly #all: string[];
  readonly #seen: (text: string) => void;
  constructor(isTty: boolean, all: string[], seen: (text: string) => void) {
    this.isTty = isTty;
    this.kind = isTty ? 'tty' : 'pipe';
    this.#all = all;
    this.#seen = seen;
  }
  write(text: string): void {
    if (text === '') return;
    this.#seen(text);
    this.#own.push(text);
    this.#all.push(text);
  }
  text(): string {
    return this.#own.join('');
  }
}

export class LabShell extends Shell {
  readonly world: LabWorld;
  readonly programs: Registry;
  /** The machine this shell runs on (the world's files, clock and network), for another shell to move onto (Shell.useMachine). */
  readonly host: ShellHost;
  readonly #pacer: SwitchPacer;
  readonly #host: ShellHost;
  readonly #pid = 4242;
  readonly #observer: ShellObserver | undefined;

  constructor(world: LabWorld, opts: LabShellOptions, programs: Registry, pacer: SwitchPacer, host: ShellHost) {
    super({
      host,
      programs,
      ...(opts.cols === undefined ? {} : { cols: opts.cols }),
      ...(opts.rows === undefined ? {} : { rows: opts.rows }),
      ...(opts.onExit === undefined ? {} : { onExit: opts.onExit }),
      ...(opts.observer === undefined ? {} : { observer: opts.observer }),
    });
    this.world = world;
    this.programs = programs;
    this.host = host;
    this.#pacer = pacer;
    this.#host = { ...host, fs: withStandardDirs(host.fs) };
    this.#observer = opts.observer;
  }

  /**
   * Runs one command line to its end, synchronously. Pauses of the server show at once. With `stdinTty`,
   * an interactive program reads `stdin` line by line as if typed (without echo), then gets end of file;
   * without, `stdin` is a pipe the program has read already. Then time runs on (`onIdle`: timeout(1)
   * fires); a program still running after that is ended as Ctrl-C would (status 130).
   */
  runLine(line: string, opts: RunLineOptions = { tty: false }): RunLineResult {
    const all: string[] = [];
    const obs = this.#observer;
    const tell = (fn: (o: ShellObserver) => void): void => {
      if (obs === undefined) return;
      try {
        fn(obs);
      } catch {
        // observing never changes what runs
      }
    };
    const out = new CaptureSink(opts.tty === true, all, (t) => tell((o) => o.output?.(t)));
    const err = new CaptureSink(opts.tty === true, all, (t) => tell((o) => o.output?.(t)));
    const state = this.state;
    const stdin = typeof opts.stdin === 'string' ? opts.stdin : '';
    const stdinTty = opts.stdinTty ?? opts.tty === true;
    const env: ExecEnv = {
      state,
      host: this.#host,
      programs: this.programs,
      tty: out,
      ttyErr: err,
      ...(stdinTty ? {} : { stdin: { kind: 'text', text: stdin } as const }),
      ...(obs === undefined ? {} : { onProgram: (argv: readonly string[]) => tell((o) => o.programStart?.(argv)) }),
      pid: this.#pid,
      cols: () => this.cols,
      rows: () => this.rows,
      setStatus: (s) => setLastStatus(state, s),
      setVar: (k, v) => {
        state.vars.set(k, v);
      },
      requestExit: () => {},
      exitRequested: () => false,
      clearHistory: () => {},
      // runLine hands a session its whole standard input at once, and in Node no session ever stops reading.
      resumeInput: () => {},
      attach: (session, end, onEnd) => {
        if (stdinTty)
          feedSession(
            session,
            () => end.ended,
            stdin,
            (line) => tell((o) => o.sessionInput?.(line)),
          );
        if (!end.ended) {
          try {
            session.onIdle?.();
          } catch {
            // a program bug ends the program (below)
          }
        }
        if (!end.ended) {
          end.ended = true;
          end.status = 130;
        }
        try {
          session.dispose?.();
        } catch {
          // the session is gone either way
        }
        onEnd(end.status, false);
      },
    };
    const text = typeof line === 'string' ? line : '';
    const r = parse(text);
    if (r.kind === 'error') {
      err.write(`bash: ${r.message}\n`);
      setLastStatus(state, r.status);
      return { stdout: out.text(), stderr: err.text(), output: all.join(''), exitCode: r.status };
    }
    if (r.kind === 'incomplete') {
      err.write(`bash: ${r.eofMessage}\n`);
      setLastStatus(state, 2);
      return { stdout: out.text(), stderr: err.text(), output: all.join(''), exitCode: 2 };
    }
    let status = 0;
    this.#pacer.depth++;
    tell((o) => o.commandStart?.(text));
    try {
      new Executor(env).run(r.items, (s) => {
        status = s;
      });
    } finally {
      this.#pacer.depth--;
      tell((o) => o.commandEnd?.(status));
    }
    setLastStatus(state, status);
    return { stdout: out.text(), stderr: err.text(), output: all.join(''), exitCode: status };
  }
}

/** `$?` after a runLine: the shell's state object is the shell's own, whose lastStatus is writable. */
function setLastStatus(state: ShellState, status: number): void {
  (state as { lastStatus: number }).lastStatus = status;
}

/** Gives a session its input as a terminal would deliver it: cooked lines with `\n`, or raw bytes; then EOF. */
function feedSession(session: InteractiveSession, ended: () => boolean, stdin: string, typed: (line: string) => void): void {
  const guard = (fn: () => void): void => {
    try {
      fn();
    } catch {
      // a program bug ends the program (below)
    }
  };
  if (session.mode === 'raw') {
    if (stdin !== '') guard(() => void session.onInput(stdin));
  } else {
    let rest = stdin;
    let steps = 0;
    while (rest !== '' && !ended() && steps++ < 100_000) {
      const enders = session.mode === 'cooked' ? (session.lineEnders ?? '') : '';
      let cut = rest.indexOf('\n');
      for (const ch of enders) {
        const k = rest.indexOf(ch);
        if (k >= 0 && (cut < 0 || k < cut)) cut = k;
      }
      const piece = cut < 0 ? rest : rest.slice(0, cut + 1);
      rest = cut < 0 ? '' : rest.slice(cut + 1);
      typed(piece);
      guard(() => void session.onInput(piece));
    }
  }
  if (!ended()) guard(() => session.onEof?.());
}

/** The lab's shell on `world` (createLabWorld()). */
export function createLabShell(world: LabWorld, opts: LabShellOptions = {}): LabShell {
  const pacer = new SwitchPacer(opts.pacer ?? new TimerPacer());
  const env: LabEnv = { world, pacer, fqdn: opts.fqdn ?? 'mail.example.org' };
  // What systemd did at boot (and the PIDs of its processes) is recorded before any program is made, whether
  // systemctl's code is here yet or not.
  recordSystemdBoot(world);
  const programs = labPrograms(env);
  for (const p of opts.programs ?? []) programs.add(p);
  const host: ShellHost = { fs: world.fs, hostname: opts.hostname ?? 'mail', clock: world.clock, network: world.network };
  return new LabShell(world, opts, programs, pacer, host);
}
