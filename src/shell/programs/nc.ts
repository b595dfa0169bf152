/**
 * `nc [-CvzN] HOST PORT`: netcat-openbsd 1.219 (corpus terminal/term-nc-25) on the simulated network.
 * Lines go out with a bare LF (`-C`: CRLF). When the server closes, nc notices only at its next write:
 * it exits after the next Enter. Ctrl-D stops reading the terminal; nc then exits when the server closes.
 * `-v` reports the connection on stderr, `-z` only connects.
 */
import type { ServerEndpoint, ServerOutput } from '../../engine/world/network.ts';
import type { Program, ProgramContext } from '../program.ts';
import type { InteractiveSession, SessionIo } from '../session.ts';
import { connectAddress } from './net/connect.ts';
import { lookupHost } from './net/hosts.ts';
import type { LabEnv } from './net/lab-env.ts';
import * as T from './net/nc-texts.ts';
import { ServerStream } from './net/server-stream.ts';
import { serviceName, servicePort } from './net/services.ts';
import { ECONNREFUSED, ENETUNREACH } from './net/telnet-texts.ts';

const FLAGS = '46bCDdFhklNnrStUuvZz';
const WITH_VALUE = 'IiMmOPpqsTVWwXx';

interface NcOptions {
  readonly crlf: boolean;
  readonly verbose: boolean;
  readonly zero: boolean;
  readonly shutdownOnEof: boolean;
  readonly quitAfterEof: boolean;
  readonly numeric: boolean;
}

function safe(fn: () => ServerOutput): ServerOutput {
  try {
    return fn();
  } catch {
    return { data: '', closed: true };
  }
}

/** A port operand: a number, a range `lo-hi` (with -z), or a service name. */
function parsePorts(ctx: ProgramContext, text: string): number[] | string {
  const range = /^(\d+)-(\d+)$/.exec(text);
  if (range !== null) {
    const lo = Number(range[1]);
    const hi = Number(range[2]);
    if (lo > 65535) return T.portTooLarge(range[1] ?? '');
    if (hi > 65535) return T.portTooLarge(range[2] ?? '');
    const out: number[] = [];
    for (let p = Math.min(lo, hi); p <= Math.max(lo, hi) && out.length < 1024; p++) out.push(p);
    return out;
  }
  if (/^\d+$/.test(text)) {
    if (Number(text) > 65535) return T.portTooLarge(text);
    if (Number(text) === 0) return T.portInvalid(text);
    return [Number(text)];
  }
  const p = servicePort(ctx.host.fs, text);
  return p === null ? T.portInvalid(text) : [p];
}

class NcSession implements InteractiveSession {
  readonly mode = 'cooked';
  readonly #env: LabEnv;
  readonly #ep: ServerEndpoint;
  readonly #o: NcOptions;
  #io: SessionIo | null = null;
  #stream: ServerStream | null = null;
  #serverClosed = false;
  #stdinClosed = false;
  #ended = false;

  constructor(env: LabEnv, ep: ServerEndpoint, o: NcOptions) {
    this.#env = env;
    this.#ep = ep;
    this.#o = o;
  }

  start(io: SessionIo): void {
    this.#io = io;
    this.#stream = new ServerStream(
      this.#env.pacer,
      (t) => io.write(t),
      () => {
        this.#serverClosed = true;
        if (this.#stdinClosed) this.#finish(0);
      },
    );
    this.#stream.push(safe(() => this.#ep.open()));
  }

  #finish(code: number): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#stream?.dispose();
    if (!this.#serverClosed) this.#ep.clientClosed();
    this.#io?.exit(code);
  }

  onInput(data: string): void {
    if (this.#ended || this.#stdinClosed) return;
    if (this.#serverClosed) {
      // The write that finds the connection gone ends nc.
      this.#finish(0);
      return;
    }
    const bytes = this.#o.crlf ? data.replace(/\n$/, '\r\n') : data;
    this.#stream?.push(safe(() => this.#ep.receive(bytes)));
  }

  onEof(): void {
    if (this.#ended) return;
    this.#stdinClosed = true;
    if (this.#serverClosed || this.#o.quitAfterEof) this.#finish(0);
    else if (this.#o.shutdownOnEof) {
      this.#ep.clientClosed();
      this.#serverClosed = true;
      this.#finish(0);
    }
  }

  /**
   * Time passed: what the server wrote meanwhile shows now (a late banner). Its close prints nothing: nc
   * notices it as it does any close, at its next write, or at once once standard input has ended.
   */
  onTick(): void {
    const stream = this.#stream;
    if (this.#ended || stream === null || stream.closed) return;
    if (this.#ep.poll === undefined) return;
    stream.push(safe(() => this.#ep.poll?.() ?? { data: '', closed: false }));
  }

  dispose(): void {
    if (!this.#ended) {
      this.#ended = true;
      this.#stream?.dispose();
      if (!this.#serverClosed) this.#ep.clientClosed();
    }
  }
}

export function ncProgram(env: LabEnv): Program {
  return {
    name: 'nc',
    usage: 'nc [-C] [-v] [-z] HOST PORT',
    run(ctx) {
      const argv = ctx.argv.slice(1);
      const flags = new Set<string>();
      const operands: string[] = [];
      for (let i = 0; i < argv.length; i++) {
        const a = argv[i] ?? '';
        if (a === '--') {
          operands.push(...argv.slice(i + 1));
          break;
        }
        if (a.startsWith('-') && a.length > 1) {
          for (let j = 1; j < a.length; j++) {
            const c = a[j] ?? '';
            if (WITH_VALUE.includes(c)) {
              if (j === a.length - 1) {
                if (i + 1 >= argv.length) {
                  ctx.stderr.write(T.requiresArgument(c) + T.USAGE);
                  return 1;
                }
                i++;
              }
              flags.add(c);
              break;
            }
            if (!FLAGS.includes(c)) {
              ctx.stderr.write(T.invalidOption(c) + T.USAGE);
              return 1;
            }
            flags.add(c);
          }
          continue;
        }
        operands.push(a);
      }
      if (flags.has('h')) {
        ctx.stderr.write(T.HELP);
        return 0;
      }
      if (flags.has('l')) {
        ctx.stderr.write(T.notSimulated('listening'));
        return 1;
      }
      if (flags.has('u') || flags.has('U')) {
        ctx.stderr.write(T.notSimulated(flags.has('u') ? 'UDP' : 'a UNIX domain socket'));
        return 1;
      }
      const host = operands[0];
      if (host === undefined) {
        ctx.stderr.write(T.USAGE);
        return 1;
      }
      const portText = operands[1];
      if (portText === undefined) {
        ctx.stderr.write(T.MISSING_PORT);
        return 1;
      }
      const o: NcOptions = {
        crlf: flags.has('C'),
        verbose: flags.has('v'),
        zero: flags.has('z'),
        shutdownOnEof: flags.has('N'),
        quitAfterEof: flags.has('q'),
        numeric: flags.has('n'),
      };
      const ports = parsePorts(ctx, portText);
      if (typeof ports === 'string') {
        ctx.stderr.write(ports);
        return 1;
      }
      const found = lookupHost(ctx.host.fs, env.world.network, host);
      if (found === null) {
        ctx.stderr.write(T.getaddrinfoFailed(host, portText));
        return 1;
      }
      let status = 1;
      for (const port of ports) {
        for (const addr of found.addresses) {
          const r = connectAddress(env.world.network, addr, port);
          if (!r.ok) {
            if (o.verbose) ctx.stderr.write(T.connectFailed(host, addr, port, r.error === 'refused' ? ECONNREFUSED : ENETUNREACH));
            continue;
          }
          if (o.verbose) ctx.stderr.write(T.succeeded(host, addr, port, o.numeric ? null : serviceName(ctx.host.fs, port)));
          if (o.zero) {
            r.endpoint.clientClosed();
            status = 0;
            break;
          }
          if (ctx.stdin.kind === 'text') return piped(ctx, r.endpoint, o, ctx.stdin.text);
          return new NcSession(env, r.endpoint, o);
        }
      }
      return status;
    },
  };
}

/**
 * Piped input: nc sends what it reads as it reads it (a whole pipe is one write: the server sees the
 * commands pipelined), then reads the server until it closes. A server that does not close (no QUIT)
 * would keep real nc waiting for smtpd's timeout; here nc stops when the input is used up.
 */
function piped(ctx: ProgramContext, ep: ServerEndpoint, o: NcOptions, text: string): number {
  let closed = false;
  const write = (out: ServerOutput): void => {
    ctx.stdout.write(out.data);
    if (out.closed) closed = true;
  };
  write(safe(() => ep.open()));
  const bytes = o.crlf ? text.replace(/\r?\n/g, '\r\n') : text;
  if (!closed && bytes !== '') write(safe(() => ep.receive(bytes)));
  if (!closed) ep.clientClosed();
  return 0;
}
