/**
 * `postconf`: Postfix 3.7.11's postconf(1) over the config module's runPostconf (corpus postconf-behaviours,
 * postconf-defaults-tls-sasl, terminal/term-postfix-cli). Reads /etc/postfix/main.cf and master.cf of the
 * machine and writes back what `-e`, `-X`, `-#`, `-M`, `-F`, `-P` edited. Tab completes parameter names.
 */
import { hotReadCount, MAIN_CF_PATH } from '../../engine/config/main-cf.ts';
import { MASTER_CF_PATH } from '../../engine/config/master-cf.ts';
import { completeParameterName } from '../../engine/config/parameter-info.ts';
import { runPostconf } from '../../engine/postconf/run-postconf.ts';
import type { Program } from '../program.ts';
import type { LabEnv } from './net/lab-env.ts';

/** bash's report of a foreground command killed by SIGSEGV (recorded: `sh -c 'kill -SEGV $$'`). */
const SEGFAULT = 'Segmentation fault\n';

export function postconfProgram(env: LabEnv): Program {
  return {
    name: 'postconf',
    usage: 'postconf [-n|-d|-h|-x|-M|-P] [-e NAME=VALUE...] [NAME...]',
    run(ctx) {
      const fs = ctx.host.fs;
      const argv0 = ctx.argv[0] ?? 'postconf';
      // A main.cf written within the last second or two is read again until it cools down (corpus
      // postconf-behaviours: `printf ... >> main.cf` then postconf repeats its warnings).
      const mtime = fs.stat(MAIN_CF_PATH)?.mtime;
      const mainCfReads = mtime === undefined ? 1 : hotReadCount(mtime, env.world.clock.now());
      let r;
      try {
        r = runPostconf(
          ctx.argv.slice(1),
          { mainCf: fs.read(MAIN_CF_PATH), masterCf: fs.read(MASTER_CF_PATH) },
          { programName: argv0, pid: env.world.ids.nextPid(), mainCfReads },
        );
      } catch {
        ctx.stderr.write(`${argv0}: fatal: internal simulator error\n`);
        return 1;
      }
      for (const c of r.output) (c.stream === 'stdout' ? ctx.stdout : ctx.stderr).write(c.text);
      if (r.mainCf !== undefined) fs.write(MAIN_CF_PATH, r.mainCf);
      if (r.masterCf !== undefined) fs.write(MASTER_CF_PATH, r.masterCf);
      if (r.signal === 'SIGSEGV' && ctx.stderr.isTty) ctx.stderr.write(SEGFAULT);
      return r.exitCode;
    },
    complete(req) {
      if (req.prefix.startsWith('-')) return undefined;
      const eq = req.prefix.indexOf('=');
      if (eq >= 0) return undefined;
      const slash = req.prefix.lastIndexOf('/');
      // service/type/parameter (postconf -P) completes the parameter part.
      const head = slash >= 0 ? req.prefix.slice(0, slash + 1) : '';
      const names = completeParameterName(req.prefix.slice(head.length), req.host.fs.read(MASTER_CF_PATH));
      const editing = req.words.some((w) => w === '-e' || /^-[a-zA-Z]*e/.test(w));
      return { candidates: names.map((n) => head + n + (editing ? '=' : '')), addSpace: !editing };
    },
  };
}
