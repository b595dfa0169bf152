/**
 * `posttls-finger [-c] [-l LEVEL] [-L LOGOPTS] [-o NAME=VALUE] HOST[:PORT]`: Postfix 3.7's TLS probe as the
 * TLS engineer's posttlsFinger models it (corpus posttls-finger, more/strip-inbound-sclient). It runs to its
 * end without reading the terminal; it reads main.cf as it is now (Postfix need not run).
 */
import type { ParameterView } from '../../engine/config/parameter-view.ts';
import { posttlsFinger } from '../../engine/tools/posttls-finger/posttls-finger.ts';
import type { ToolStep } from '../../engine/tools/openssl/tool-io.ts';
import { loadConfig } from '../../engine/world/config-loader.ts';
import type { Program } from '../program.ts';
import type { LabEnv } from './net/lab-env.ts';

export function posttlsFingerProgram(env: LabEnv): Program {
  return {
    name: 'posttls-finger',
    usage: 'posttls-finger [-c] [-l LEVEL] [-L LOGOPTS] HOST[:PORT]',
    run(ctx) {
      const w = env.world;
      let step: ToolStep;
      try {
        let params: ParameterView | undefined = w.master.config?.main;
        if (params === undefined) {
          const load = loadConfig(w.fs);
          if (load.ok) params = load.snapshot.main;
        }
        step = posttlsFinger(ctx.argv, {
          network: w.network,
          clock: w.clock,
          files: w.fs.lookup,
          stdoutIsTty: ctx.stdout.isTty,
          stdinIsTty: ctx.stdin.kind === 'tty',
          ...(params === undefined ? {} : { params }),
        });
      } catch {
        ctx.stderr.write('posttls-finger: fatal: internal simulator error\n');
        return 1;
      }
      for (const c of step.output) (c.stream === 'stdout' ? ctx.stdout : ctx.stderr).write(c.text);
      return step.exitCode ?? 0;
    },
  };
}
