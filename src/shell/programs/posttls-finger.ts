/**
 * `posttls-finger [-c] [-l LEVEL] [-L LOGOPTS] [-o NAME=VALUE] HOST[:PORT]`: Postfix 3.7's TLS probe as the
 * TLS engineer's posttlsFinger models it (corpus posttls-finger, more/strip-inbound-sclient). It does not read the
 * terminal; it reads main.cf as it is now (Postfix need not run). On a connection that waits in a throttled
 * service's listen queue, its greeting read blocks on the lab's clock (net/lab-wait.ts) until the greeting or the
 * server's close comes, or its 30 s timeout passes (host-tools/late-close-587: `timeout while reading server
 * greeting` after 30 s).
 */
import type { ParameterView } from '../../engine/config/parameter-view.ts';
import { posttlsFingerSteps } from '../../engine/tools/posttls-finger/posttls-finger.ts';
import type { ToolStep } from '../../engine/tools/openssl/tool-io.ts';
import type { ServerOutput } from '../../engine/world/network.ts';
import { loadConfig } from '../../engine/world/config-loader.ts';
import type { Program, ProgramContext } from '../program.ts';
import type { SessionIo } from '../session.ts';
import type { LabEnv } from './net/lab-env.ts';
import { runBlocking, type Blocking } from './net/lab-wait.ts';

const INTERNAL_ERROR = 'posttls-finger: fatal: internal simulator error\n';

type Write = (stream: 'stdout' | 'stderr', text: string) => void;

/** The connection a blocked run waits on: closed if the program is killed meanwhile. */
interface Blocked {
  endpoint: { clientClosed(): void } | null;
}

function* finger(env: LabEnv, ctx: ProgramContext, out: { write: Write }, blocked: Blocked): Blocking {
  const w = env.world;
  const show = (step: ToolStep): void => {
    for (const c of step.output) out.write(c.stream, c.text);
  };
  let params: ParameterView | undefined = w.master.config?.main;
  if (params === undefined) {
    const load = loadConfig(w.fs);
    if (load.ok) params = load.snapshot.main;
  }
  const steps = posttlsFingerSteps(ctx.argv, {
    network: w.network,
    clock: w.clock,
    files: w.fs.lookup,
    stdoutIsTty: ctx.stdout.isTty,
    stdinIsTty: ctx.stdin.kind === 'tty',
    ...(params === undefined ? {} : { params }),
  });
  let r = steps.next();
  while (r.done !== true) {
    show(r.value.output);
    const ep = r.value.endpoint;
    blocked.endpoint = ep;
    let got: ServerOutput = { data: '', closed: false };
    yield {
      until: w.clock.now() + r.value.timeoutMs,
      ready: () => {
        const o = ep.poll?.() ?? { data: '', closed: false };
        got = { data: got.data + o.data, closed: got.closed || o.closed };
        return got.closed || got.data.includes('\n');
      },
    };
    blocked.endpoint = null;
    r = steps.next(got);
  }
  show(r.value);
  return r.value.exitCode ?? 0;
}

/** Runs the steps, an engine bug becoming a message and status 1 instead of taking the shell down. */
function* guarded(steps: Blocking, out: { write: Write }): Blocking {
  try {
    return yield* steps;
  } catch {
    out.write('stderr', INTERNAL_ERROR);
    return 1;
  }
}

export function posttlsFingerProgram(env: LabEnv): Program {
  return {
    name: 'posttls-finger',
    usage: 'posttls-finger [-c] [-l LEVEL] [-L LOGOPTS] HOST[:PORT]',
    run(ctx) {
      const out: { write: Write } = { write: (s, t) => (s === 'stdout' ? ctx.stdout : ctx.stderr).write(t) };
      const blocked: Blocked = { endpoint: null };
      return runBlocking(env.world, guarded(finger(env, ctx, out, blocked), out), {
        attach(io: SessionIo) {
          out.write = (s, t) => (s === 'stdout' ? io.write(t) : io.writeErr(t));
        },
        kill() {
          blocked.endpoint?.clientClosed();
          blocked.endpoint = null;
        },
      });
    },
  };
}
