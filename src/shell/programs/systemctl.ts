/**
 * `systemctl start|stop|restart|reload|try-restart|reload-or-restart|status|is-active|is-enabled|is-failed`
 * for Postfix's units on the lab machine, as systemd 252 on Debian 12 answers (texts DERIVED from Debian's
 * unit files and systemd's source: systemctl-texts.ts; the units: systemctl-units.ts). A successful job
 * prints nothing. `systemctl status` shows the unit's last journal lines, as systemctl does (no pager).
 */
import type { Program, ProgramContext } from '../program.ts';
import type { LabEnv } from './net/lab-env.ts';
import type { UnitKey, UnitState } from './systemctl-units.ts';
import { postfixUnits, unitId, unitKey } from './systemctl-units.ts';
import type { UnitNames } from './systemctl-texts.ts';
import { cgroupBlock, durationLine, GLYPH, mainPidExited, processLine, statusHead, SYSTEMCTL, UNITS } from './systemctl-texts.ts';
import { journalLines } from './journalctl.ts';

const JOB_VERBS = ['start', 'stop', 'restart', 'reload', 'try-restart', 'reload-or-restart'] as const;
type JobVerb = (typeof JOB_VERBS)[number];
const QUERY_VERBS = ['status', 'is-active', 'is-enabled', 'is-failed'] as const;
/** Verbs systemctl has that the lab does not simulate. */
const OTHER_VERBS = new Set(['enable', 'disable', 'mask', 'unmask', 'daemon-reload', 'cat', 'show', 'list-units', 'edit', 'kill']);

function statusText(key: UnitKey, u: UnitState, now: number, journal: readonly string[]): string {
  const unit = key === 'wrapper' ? UNITS.wrapper : UNITS.instance;
  const running = u.active === 'active';
  const glyph = u.active === 'failed' ? GLYPH.failed : running ? GLYPH.active : GLYPH.inactive;
  const sub = u.active === 'failed' ? 'failed' : running ? (key === 'wrapper' ? 'exited' : 'running') : 'dead';
  // postfix@- is enabled by Debian's generator at boot (a /run link): systemd calls that enabled-runtime.
  let s = statusHead({
    glyph,
    unit,
    active: u.active,
    sub,
    result: u.active === 'failed' ? 'exit-code' : null,
    since: u.since,
    now,
    docs: true,
  });
  if (key === 'instance') s = s.replace('; enabled; preset:', '; enabled-runtime; preset:');
  if (!running && u.activeEnter !== null && u.activeExit !== null) {
    s = s.replace(/(\n {7}Docs:)/, `\n${durationLine(u.activeExit - u.activeEnter).trimEnd()}$1`);
  }
  for (const p of u.processes) s += processLine(p);
  if (key === 'wrapper' && running && u.mainPid !== null) s += mainPidExited(u.mainPid);
  if (key === 'instance' && running && u.mainPid !== null) s += cgroupBlock(u.mainPid);
  if (journal.length > 0) s += `\n${journal.join('\n')}\n`;
  return s;
}

function names(key: UnitKey): UnitNames {
  return key === 'wrapper' ? UNITS.wrapper : UNITS.instance;
}

export function systemctlProgram(env: LabEnv): Program {
  // The units come up with the machine: what systemd started at boot is known before anyone looks.
  postfixUnits(env.world);
  return {
    name: 'systemctl',
    usage: 'systemctl start|stop|restart|reload|status|is-active postfix',
    run(ctx: ProgramContext) {
      const args = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
      const verb = args[0] ?? 'list-units';
      const targets = args.slice(1);
      const units = postfixUnits(env.world);
      if ((JOB_VERBS as readonly string[]).includes(verb)) {
        if (targets.length === 0) {
          ctx.stderr.write(SYSTEMCTL.tooFewArguments);
          return 1;
        }
        let status = 0;
        for (const t of targets) {
          const key = unitKey(t);
          if (key === null) {
            ctx.stderr.write(SYSTEMCTL.failedToJob(verb === 'reload-or-restart' ? 'reload-or-restart' : verb, unitId(t)));
            status = 5;
            continue;
          }
          status = Math.max(status, runJob(ctx, verb as JobVerb, key, units));
        }
        return status;
      }
      if ((QUERY_VERBS as readonly string[]).includes(verb)) {
        const list = targets.length === 0 && verb === 'status' ? null : targets;
        if (list === null) {
          ctx.stderr.write("systemctl: 'status' without a unit is not simulated in this lab (try: systemctl status postfix)\n");
          return 1;
        }
        if (list.length === 0) {
          ctx.stderr.write(SYSTEMCTL.tooFewArguments);
          return 1;
        }
        let status = 0;
        for (const [i, t] of list.entries()) {
          const key = unitKey(t);
          if (verb === 'status') {
            if (key === null) {
              ctx.stderr.write(SYSTEMCTL.unitNotFound(unitId(t)));
              status = 4;
              continue;
            }
            const u = units.state(key);
            const now = env.world.clock.now();
            ctx.stdout.write((i > 0 ? '\n' : '') + statusText(key, u, now, journalLines(env.world, [key], 10)));
            if (u.active !== 'active') status = Math.max(status, 3);
            continue;
          }
          const u = key === null ? null : units.state(key);
          if (verb === 'is-enabled') {
            if (u === null) {
              ctx.stderr.write(`Failed to get unit file state for ${unitId(t)}: No such file or directory\n`);
              status = 1;
            } else ctx.stdout.write(key === 'instance' ? 'enabled-runtime\n' : 'enabled\n');
            continue;
          }
          const state = u?.active ?? 'inactive';
          ctx.stdout.write(`${state}\n`);
          const good = verb === 'is-active' ? state === 'active' : state === 'failed';
          if (!good) status = Math.max(status, verb === 'is-active' ? 3 : 1);
        }
        return status;
      }
      if (OTHER_VERBS.has(verb) || verb === 'list-units') {
        ctx.stderr.write(`systemctl: '${verb}' is not simulated in this lab\n`);
        return 1;
      }
      ctx.stderr.write(SYSTEMCTL.unknownCommand(verb));
      return 1;
    },
    complete(req) {
      if (req.words.length === 1) return { candidates: [...JOB_VERBS, ...QUERY_VERBS].filter((v) => v.startsWith(req.prefix)) };
      return { candidates: ['postfix', 'postfix.service', 'postfix@-.service'].filter((v) => v.startsWith(req.prefix)) };
    },
  };
}

function runJob(ctx: ProgramContext, verb: JobVerb, key: UnitKey, units: ReturnType<typeof postfixUnits>): number {
  switch (verb) {
    case 'start':
    case 'restart':
    case 'try-restart':
    case 'reload-or-restart': {
      if (verb === 'try-restart' && units.state(key).active !== 'active') return 0;
      if (verb === 'reload-or-restart' && units.state(key).active === 'active') {
        units.reload(key);
        return 0;
      }
      const r = verb === 'start' ? units.start(key) : units.restart(key);
      // A failed postfix@- started for postfix.service (Wants=) fails quietly; asked for by name, its job fails.
      if (!r.ok && key === 'instance') {
        ctx.stderr.write(SYSTEMCTL.jobFailed(names(key).id));
        return 1;
      }
      return 0;
    }
    case 'stop':
      units.stop(key);
      return 0;
    case 'reload':
      if (!units.reload(key).ok) {
        ctx.stderr.write(SYSTEMCTL.notActiveCannotReload(names(key).id));
        return 1;
      }
      return 0;
  }
}
