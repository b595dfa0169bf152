/**
 * Runs parsed command lines: `;`/`&&`/`||` lists, pipelines, redirections, word expansion and the command
 * table. Programs run synchronously; an interactive one suspends the list until it ends (so
 * `telnet localhost 25; echo "rc=$?"` prints the status after the session).
 */
import { expandWord, type ExpandEnv } from './expand.ts';
import type { ShellHost } from './host.ts';
import { EISDIR, ENOENT, SHELL_NAME, msgCommandNotFound, EACCES } from './messages.ts';
import type { ListItem, Pipeline, Redirect, SimpleCommand } from './parse.ts';
import { baseName, dirName, resolvePath } from './path.ts';
import type { Program, ProgramContext, ProgramTable, ShellState, Stdin, StreamFilter } from './program.ts';
import type { InteractiveSession } from './session.ts';
import { FileSink, NullSink, PipeSink, StreamSink, type Sink } from './sinks.ts';

/** The shell's side of the executor. */
export interface ExecEnv {
  readonly state: ShellState;
  readonly host: ShellHost;
  readonly programs: ProgramTable;
  /** The terminal as standard output and standard error. */
  readonly tty: Sink;
  readonly ttyErr: Sink;
  /** Standard input of the command line (default the terminal); a pipe's text for LabShell.runLine without a tty. */
  readonly stdin?: Stdin;
  readonly pid: number;
  cols(): number;
  rows(): number;
  setStatus(status: number): void;
  setVar(name: string, value: string): void;
  requestExit(code: number): void;
  exitRequested(): boolean;
  clearHistory(): void;
  /**
   * Gives the terminal to a session that has started. `onEnd` gets its exit status, and `interrupted` when
   * Ctrl-C killed it (bash then drops the rest of the command line).
   */
  attach(session: InteractiveSession, ended: SessionEnd, onEnd: (status: number, interrupted: boolean) => void): void;
  /** A session that stopped reading (`reading` false) reads again: hand it the keys typed meanwhile. */
  resumeInput(): void;
  /** Told as each program starts (the lesson runtime's observer); it must not throw. */
  readonly onProgram?: (argv: readonly string[]) => void;
}

/** Shared between a session's `io.exit` and the shell. */
export interface SessionEnd {
  ended: boolean;
  status: number;
  /** Set by the shell once the session is attached: called by `io.exit`. */
  notify: (() => void) | null;
}

type Done = (status: number, interrupted: boolean) => void;

/** Directories whose programs run by full path (`/usr/sbin/postconf`). */
export const BIN_DIRS: ReadonlySet<string> = new Set(['/bin', '/sbin', '/usr/bin', '/usr/sbin', '/usr/local/bin', '/usr/local/sbin']);

type Prepared =
  | { readonly kind: 'done'; readonly status: number }
  | { readonly kind: 'ready'; readonly program: Program; readonly ctx: ProgramContext; readonly stdout: Sink };

/** A stage after an interactive program: it takes text as it comes. */
interface LiveStage {
  push(text: string): void;
  end(done: (status: number) => void): void;
}

export class Executor {
  readonly #env: ExecEnv;

  constructor(env: ExecEnv) {
    this.#env = env;
  }

  /** Runs the list; `done` gets the last status (synchronously when nothing was interactive). */
  run(items: readonly ListItem[], done: Done): void {
    let idx = 0;
    let status = this.#env.state.lastStatus;
    const step = (): void => {
      while (idx < items.length) {
        const item = items[idx++];
        if (item === undefined) break;
        if (item.connector === '&&' && status !== 0) continue;
        if (item.connector === '||' && status === 0) continue;
        let sync = true;
        const holder: { result: { status: number; interrupted: boolean } | null } = { result: null };
        this.#runPipeline(item.pipeline, (st, interrupted) => {
          if (sync) {
            holder.result = { status: st, interrupted };
            return;
          }
          status = st;
          this.#env.setStatus(st);
          if (interrupted || this.#env.exitRequested()) done(st, interrupted);
          else step();
        });
        sync = false;
        const r = holder.result;
        if (r === null) return;
        status = r.status;
        this.#env.setStatus(status);
        if (r.interrupted || this.#env.exitRequested()) {
          done(status, r.interrupted);
          return;
        }
      }
      done(status, false);
    };
    step();
  }

  #runPipeline(p: Pipeline, done: Done): void {
    const n = p.commands.length;
    let stdin: Stdin = this.#env.stdin ?? { kind: 'tty' };
    let status = 0;
    const finish = (st: number, interrupted: boolean): void => done(p.negated ? (st === 0 ? 1 : 0) : st, interrupted);
    for (let k = 0; k < n; k++) {
      const cmd = p.commands[k];
      if (cmd === undefined) break;
      const last = k === n - 1;
      const pipe = last ? null : new PipeSink();
      const out: Sink = pipe ?? this.#env.tty;
      const err: Sink = pipe !== null && p.stderrPiped[k] === true ? pipe : this.#env.ttyErr;
      const prep = this.#prepare(cmd, stdin, out, err);
      if (prep.kind === 'done') status = prep.status;
      else {
        const result = this.#invoke(prep);
        if (typeof result === 'number') status = result;
        else {
          // Interactive: what it writes flows on through the stages after it as it comes.
          const rest = p.commands.slice(k + 1);
          const live = last ? null : this.#liveChain(rest, p.stderrPiped.slice(k + 1));
          const already = pipe?.text() ?? '';
          if (live !== null && already !== '') live.push(already);
          const sink = prep.stdout === pipe && live !== null ? new StreamSink((t) => live.push(t)) : prep.stdout;
          this.#startSession(result, prep.ctx, sink, (st, interrupted) => {
            if (live === null || interrupted) finish(st, interrupted);
            else live.end((final) => finish(final, false));
          });
          return;
        }
      }
      stdin = { kind: 'text', text: pipe?.text() ?? '' };
    }
    finish(status, false);
  }

  #invoke(prep: Prepared & { kind: 'ready' }): number | InteractiveSession {
    this.#env.onProgram?.(prep.ctx.argv);
    try {
      const r = prep.program.run(prep.ctx);
      if (typeof r === 'number') return Number.isFinite(r) ? Math.trunc(r) & 0xff : 1;
      return r;
    } catch (e) {
      // A program bug must not take the shell down.
      prep.ctx.stderr.write(`${SHELL_NAME}: ${prep.ctx.argv[0] ?? ''}: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
      return 1;
    }
  }

  #startSession(session: InteractiveSession, ctx: ProgramContext, stdout: Sink, onEnd: Done): void {
    const end: SessionEnd = { ended: false, status: 0, notify: null };
    const env = this.#env;
    try {
      session.start({
        write: (t) => {
          if (!end.ended) stdout.write(t);
        },
        writeErr: (t) => {
          if (!end.ended) ctx.stderr.write(t);
        },
        get cols() {
          return env.cols();
        },
        get rows() {
          return env.rows();
        },
        exit: (code) => {
          if (end.ended) return;
          end.ended = true;
          end.status = Number.isFinite(code) ? Math.trunc(code) & 0xff : 1;
          end.notify?.();
        },
        resume: () => {
          if (!end.ended) env.resumeInput();
        },
      });
    } catch (e) {
      ctx.stderr.write(`${SHELL_NAME}: ${ctx.argv[0] ?? ''}: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
      end.ended = true;
      end.status = 1;
    }
    if (end.ended) {
      try {
        session.dispose?.();
      } catch {
        // ignore: the session is gone either way
      }
      onEnd(end.status, false);
      return;
    }
    env.attach(session, end, onEnd);
  }

  /** The stages after an interactive program, wired so that text flows through them as it is written. */
  #liveChain(cmds: readonly SimpleCommand[], stderrPiped: readonly boolean[]): LiveStage {
    const stages: LiveStage[] = [];
    // Built from the last stage back, so each knows where its output goes.
    let next: LiveStage | null = null;
    for (let j = cmds.length - 1; j >= 0; j--) {
      const cmd = cmds[j];
      if (cmd === undefined) continue;
      const downstream: LiveStage | null = next;
      const out: Sink = downstream === null ? this.#env.tty : new StreamSink((t) => downstream.push(t));
      const err: Sink = downstream !== null && stderrPiped[j] === true ? out : this.#env.ttyErr;
      const stage = this.#liveStage(cmd, out, err, downstream);
      stages.unshift(stage);
      next = stage;
    }
    return stages[0] ?? { push: () => {}, end: (d) => d(0) };
  }

  #liveStage(cmd: SimpleCommand, out: Sink, err: Sink, downstream: LiveStage | null): LiveStage {
    const endDownstream = (status: number, done: (s: number) => void): void => {
      if (downstream === null) done(status);
      else downstream.end(done);
    };
    const prep = this.#prepare(cmd, { kind: 'text', text: '' }, out, err);
    if (prep.kind === 'done') return { push: () => {}, end: (d) => endDownstream(prep.status, d) };
    const program = prep.program;
    if (program.filter !== undefined) {
      this.#env.onProgram?.(prep.ctx.argv);
      let filter: StreamFilter | number;
      try {
        filter = program.filter(prep.ctx);
      } catch {
        filter = 1;
      }
      if (typeof filter === 'number') {
        const st = filter;
        return { push: () => {}, end: (d) => endDownstream(st, d) };
      }
      const f = filter;
      return {
        push: (t) => {
          try {
            f.push(t);
          } catch {
            // a broken filter drops its input
          }
        },
        end: (d) => {
          let st: number;
          try {
            st = f.end();
          } catch {
            st = 1;
          }
          endDownstream(st, d);
        },
      };
    }
    // No streaming mode: collect the text and run the program when the input ends.
    const chunks: string[] = [];
    return {
      push: (t) => {
        chunks.push(t);
      },
      end: (d) => {
        const later = this.#prepare(cmd, { kind: 'text', text: chunks.join('') }, out, err);
        if (later.kind === 'done') {
          endDownstream(later.status, d);
          return;
        }
        const r = this.#invoke(later);
        if (typeof r === 'number') {
          endDownstream(r, d);
          return;
        }
        this.#startSession(r, later.ctx, later.stdout, (st) => endDownstream(st, d));
      },
    };
  }

  #expandEnv(): ExpandEnv {
    const s = this.#env.state;
    return { vars: s.vars, lastStatus: s.lastStatus, home: s.home, cwd: s.cwd, fs: this.#env.host.fs, pid: this.#env.pid };
  }

  /** Expands words, applies redirections and finds the program. Errors are written and give a status. */
  #prepare(cmd: SimpleCommand, stdinIn: Stdin, outIn: Sink, errIn: Sink): Prepared {
    const xenv = this.#expandEnv();
    const fs = this.#env.host.fs;
    let stdin = stdinIn;
    let out = outIn;
    let err = errIn;
    const bashErr = (text: string): void => err.write(`${SHELL_NAME}: ${text}\n`);

    // Assignments before the command name.
    const assignments: [string, string][] = [];
    let w = 0;
    for (; w < cmd.words.length; w++) {
      const word = cmd.words[w];
      const first = word?.parts[0];
      if (word === undefined || first === undefined || first.kind !== 'lit' || first.quoted) break;
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.text);
      if (m === null) break;
      const name = m[1] ?? '';
      const valueWord = {
        raw: word.raw,
        parts: [{ ...first, text: first.text.slice(name.length + 1), quoted: true }, ...word.parts.slice(1)],
      };
      assignments.push([name, expandWord(valueWord, xenv).join(' ')]);
    }
    const argv: string[] = [];
    for (const word of cmd.words.slice(w)) argv.push(...expandWord(word, xenv));

    for (const r of cmd.redirects) {
      const res = this.#redirect(r, xenv, { stdin, out, err });
      if (typeof res === 'string') {
        bashErr(res);
        return { kind: 'done', status: 1 };
      }
      ({ stdin, out, err } = res);
    }

    const name = argv[0];
    if (name === undefined) {
      for (const [k, v] of assignments) this.#env.setVar(k, v);
      return { kind: 'done', status: 0 };
    }
    let program: Program | undefined;
    if (name.includes('/')) {
      const abs = resolvePath(this.#env.state.cwd, name);
      const known = this.#env.programs.get(baseName(abs));
      if (known !== undefined && BIN_DIRS.has(dirName(abs))) program = known;
      else if (fs.isDir(abs)) {
        bashErr(`${name}: ${EISDIR}`);
        return { kind: 'done', status: 126 };
      } else if (fs.read(abs) !== undefined) {
        bashErr(`${name}: ${EACCES}`);
        return { kind: 'done', status: 126 };
      } else {
        bashErr(`${name}: ${ENOENT}`);
        return { kind: 'done', status: 127 };
      }
    } else program = this.#env.programs.get(name);
    if (program === undefined) {
      bashErr(msgCommandNotFound(name));
      return { kind: 'done', status: 127 };
    }
    const env = this.#env;
    const ctx: ProgramContext = {
      argv,
      stdin,
      stdout: out,
      stderr: err,
      shell: env.state,
      host: env.host,
      get cols() {
        return env.cols();
      },
      get rows() {
        return env.rows();
      },
      programs: env.programs,
      requestExit: (code) => env.requestExit(code),
      clearHistory: () => env.clearHistory(),
    };
    return { kind: 'ready', program, ctx, stdout: out };
  }

  #redirect(r: Redirect, xenv: ExpandEnv, io: { stdin: Stdin; out: Sink; err: Sink }): { stdin: Stdin; out: Sink; err: Sink } | string {
    const fs = this.#env.host.fs;
    const targets = expandWord(r.target, xenv);
    if (r.op === '<<<') return { ...io, stdin: { kind: 'text', text: `${targets.join(' ')}\n` } };
    if (r.op === '>&') {
      const to = r.target.raw;
      const src = to === '1' ? io.out : to === '2' ? io.err : null;
      if (src === null) return `${to}: Bad file descriptor`;
      if (r.fd === 1) return { ...io, out: src };
      if (r.fd === 2) return { ...io, err: src };
      return io;
    }
    const target = targets[0];
    if (targets.length !== 1 || target === undefined) return `${r.target.raw}: ambiguous redirect`;
    const abs = resolvePath(this.#env.state.cwd, target);
    if (r.op === '<') {
      if (abs === '/dev/null') return { ...io, stdin: { kind: 'text', text: '' } };
      const text = fs.read(abs);
      if (text === undefined) return fs.isDir(abs) ? { ...io, stdin: { kind: 'text', text: '' } } : `${target}: ${ENOENT}`;
      return { ...io, stdin: { kind: 'text', text } };
    }
    let sink: Sink;
    if (abs === '/dev/null') sink = new NullSink();
    else if (abs === '/dev/stdout') sink = io.out;
    else if (abs === '/dev/stderr') sink = io.err;
    else if (abs === '/dev/tty') sink = this.#env.tty;
    else {
      if (fs.isDir(abs)) return `${target}: ${EISDIR}`;
      const parent = dirName(abs);
      if (parent !== '/' && !fs.isDir(parent)) return `${target}: ${fs.read(parent) !== undefined ? 'Not a directory' : ENOENT}`;
      if (r.op === '>' || r.op === '&>' || fs.read(abs) === undefined) fs.write(abs, '');
      sink = new FileSink(fs, abs);
    }
    if (r.op === '&>' || r.op === '&>>') return { ...io, out: sink, err: sink };
    if (r.fd === 1) return { ...io, out: sink };
    if (r.fd === 2) return { ...io, err: sink };
    return io;
  }
}
