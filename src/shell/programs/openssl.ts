/**
 * `openssl x509|verify|rsa|pkey|dgst|md5|sha1|sha256 ...` (finished commands, src/engine/tools/openssl/*-cmd.ts) and
 * `openssl s_client ...` (and `openssl version`, `openssl help`): OpenSSL 3.0.22 as the TLS engineer's
 * SClientSession models it (corpus sclient-*, terminal/term-sclient-587-interactive), as an interactive
 * session: after the handshake each typed line goes to the server over TLS, with s_client's command letters
 * (a line starting with Q, R, k or K) unless -quiet/-ign_eof. Piped input is one read, then end of file
 * (smtpd sees `EHLO ...` and `QUIT` in one packet: corpus tls-protocols-*, `improper command pipelining`).
 */
import { opensslCommand, SClientSession } from '../../engine/tools/openssl/s-client.ts';
import type { ToolEnv, ToolStep } from '../../engine/tools/openssl/tool-io.ts';
import type { Program, ProgramContext } from '../program.ts';
import type { InteractiveSession, SessionIo } from '../session.ts';
import type { LabEnv, LabWorld } from './net/lab-env.ts';
import { runTimeFor } from './net/lab-wait.ts';
import { OPENSSL_HELP } from './net/openssl-texts.ts';
import { resolvePath } from '../path.ts';

interface Streams {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

function show(s: Streams, step: ToolStep): number | null {
  for (const c of step.output) (c.stream === 'stdout' ? s.out : s.err)(c.text);
  return step.exitCode;
}

function call(fn: () => ToolStep): ToolStep {
  try {
    return fn();
  } catch {
    return { output: [{ stream: 'stderr', text: 'openssl: internal simulator error\n' }], exitCode: 1 };
  }
}

class SClientTerminal implements InteractiveSession {
  readonly mode = 'cooked';
  readonly #s: SClientSession;
  /** Standard input was a pipe, read to its end already: what is typed at the terminal does not reach s_client. */
  readonly #piped: boolean;
  readonly #world: LabWorld;
  #io: SessionIo | null = null;
  #ended = false;

  constructor(s: SClientSession, piped: boolean, world: LabWorld) {
    this.#s = s;
    this.#piped = piped;
    this.#world = world;
  }

  #step(step: ToolStep): void {
    const io = this.#io;
    if (io === null || this.#ended) return;
    const code = show({ out: (t) => io.write(t), err: (t) => io.writeErr(t) }, step);
    if (code !== null || !this.#s.running) {
      this.#ended = true;
      io.exit(code ?? 0);
    }
  }

  start(io: SessionIo): void {
    this.#io = io;
  }

  onInput(line: string): void {
    if (!this.#piped) this.#step(call(() => this.#s.input(line)));
  }

  onEof(): void {
    if (!this.#piped) this.#step(call(() => this.#s.eof()));
  }

  /** Time passed: s_client reads what reached its connection meanwhile (a late greeting, the server's close). */
  onTick(): void {
    this.#step(call(() => this.#s.poll()));
    // Piped stdin is at its end: once s_client gets to read it (after a late handshake), it ends the session.
    if (this.#piped && !this.#ended) this.#step(call(() => this.#s.eof()));
  }

  /**
   * LabShell.runLine: nothing more comes from standard input. The world's time runs on at once (the lab's clock
   * moves) while the connection waits in a listen queue, until a process takes it (host-tools/late-close-587:
   * about 60 s on a throttled service) or `limitMs` passes; s_client then reads what the process said. Waiting on
   * a server that is there but silent, s_client would wait forever: no time runs for that.
   */
  onIdle(limitMs?: number): void {
    if (!this.#s.queued) return;
    const stopAt = limitMs === undefined ? Infinity : this.#world.clock.now() + Math.max(0, limitMs);
    runTimeFor(
      this.#world,
      {
        until: Infinity,
        ready: () => {
          if (this.#s.queued) return false;
          this.onTick();
          return true;
        },
      },
      stopAt,
    );
  }

  onInterrupt(): boolean {
    // Killed by SIGINT: the server sees the connection go; the shell reports status 130.
    call(() => this.#s.interrupt());
    return false;
  }

  dispose(): void {
    if (this.#s.running) call(() => this.#s.interrupt());
  }
}

const SUBCOMMANDS = ['dgst', 'help', 'md5', 'pkey', 'rsa', 's_client', 'sha1', 'sha256', 'sha384', 'sha512', 'verify', 'version', 'x509'];

export function opensslProgram(env: LabEnv): Program {
  return {
    name: 'openssl',
    usage: 'openssl s_client|x509|verify|rsa|pkey|dgst|md5|sha256 ...   (s_client -connect HOST:PORT [-starttls smtp])',
    run(ctx: ProgramContext) {
      const streams: Streams = { out: (t) => ctx.stdout.write(t), err: (t) => ctx.stderr.write(t) };
      const sub = ctx.argv[1];
      if (sub === undefined || sub === 'help') {
        ctx.stderr.write(OPENSSL_HELP);
        return 0;
      }
      const toolEnv: ToolEnv = {
        network: env.world.network,
        clock: env.world.clock,
        // Names as typed: relative ones from the shell's directory (`cd /etc/postfix/tls; openssl x509 -in mail.example.org.crt`).
        files: (p) => env.world.fs.lookup(resolvePath(ctx.shell.cwd, p)),
        stdoutIsTty: ctx.stdout.isTty,
        stdinIsTty: ctx.stdin.kind === 'tty',
        ...(ctx.stdin.kind === 'text' ? { stdin: ctx.stdin.text } : {}),
      };
      let r: SClientSession | ToolStep;
      try {
        r = opensslCommand(ctx.argv, toolEnv);
      } catch {
        ctx.stderr.write('openssl: internal simulator error\n');
        return 1;
      }
      if (!(r instanceof SClientSession)) return show(streams, r) ?? 0;
      const s = r;
      const first = show(
        streams,
        call(() => s.start()),
      );
      if (first !== null || !s.running) return first ?? 0;
      if (ctx.stdin.kind === 'text') {
        const text = ctx.stdin.text;
        if (text !== '') {
          const c = show(
            streams,
            call(() => s.feed(text)),
          );
          if (c !== null || !s.running) return c ?? 0;
        }
        const e = show(
          streams,
          call(() => s.eof()),
        );
        if (e !== null || !s.running) return e ?? 0;
        // Still waiting on the server (a banner that never comes, -ign_eof on an open session): it waits
        // until killed (Ctrl-C, or timeout(1)).
        return new SClientTerminal(s, true, env.world);
      }
      return new SClientTerminal(s, false, env.world);
    },
    complete(req) {
      if (req.words.length === 1) return { candidates: SUBCOMMANDS.filter((c) => c.startsWith(req.prefix)) };
      return undefined;
    },
  };
}
