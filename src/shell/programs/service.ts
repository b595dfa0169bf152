/**
 * `service postfix start|stop|restart|reload|force-reload|try-restart|status|check|flush` on the lab
 * machine, which boots systemd like every Debian 12 server: /usr/sbin/service (init-system-helpers 1.65.2)
 * then hands the standard actions to `systemctl ACTION postfix.service` (so it prints what systemctl prints,
 * systemctl.ts), and runs /etc/init.d/postfix for the others (`check`, `flush`, `abort` run `postfix
 * ACTION`; anything else gets the script's usage line through LSB's log_action_msg, which adds a period).
 *
 * Recorded for comparison (tests/corpus-extra/host-tools/service-postfix-*.txt): a machine WITHOUT systemd,
 * where `service` runs the sysvinit script and prints `.` lines and `postfix is running.`. The mail.log
 * lines each action writes are the same either way; tests/shell/host/service-systemctl.test.ts checks them.
 */
import type { Program, ProgramContext } from '../program.ts';
import type { LabEnv } from './net/lab-env.ts';
import { guarded, writeResult } from './net/tool-output.ts';
import { systemctlProgram } from './systemctl.ts';

/** /usr/sbin/service's usage (stderr, exit 1) and unknown-script message. */
const USAGE = 'Usage: service < option > | --status-all | [ service_name [ command | --full-restart ] ]\n';
/** /etc/init.d/postfix's usage line, printed by log_action_msg (`echo "$@."`). */
const INIT_USAGE = 'Usage: /etc/init.d/postfix {start|stop|restart|reload|flush|check|abort|force-reload|status}.\n';
const SYSTEMCTL_ACTIONS = new Set(['start', 'stop', 'restart', 'reload', 'status', 'try-restart']);

export function serviceProgram(env: LabEnv): Program {
  const systemctl = systemctlProgram(env);
  return {
    name: 'service',
    usage: 'service postfix start|stop|restart|reload|status|check',
    run(ctx: ProgramContext) {
      const args = ctx.argv.slice(1);
      const name = args[0];
      if (name === undefined) {
        ctx.stderr.write(USAGE);
        return 1;
      }
      const action = args[1] ?? '';
      const unit = `${name.replace(/\.sh$/, '')}.service`;
      const fullRestart = action === '--full-restart';
      if (fullRestart || SYSTEMCTL_ACTIONS.has(action) || action === 'force-reload') {
        // force-reload: postfix.service can reload (CanReload=yes), so systemctl reload.
        const verb = fullRestart ? 'restart' : action === 'force-reload' ? 'reload' : action;
        return systemctl.run({ ...ctx, argv: ['systemctl', verb, unit] });
      }
      if (name !== 'postfix') {
        ctx.stderr.write(`${name}: unrecognized service\n`);
        return 1;
      }
      if (action === 'check' || action === 'flush' || action === 'abort') {
        return writeResult(
          ctx,
          guarded('postfix', () => env.world.postfix([action], ctx.stderr.isTty)),
        );
      }
      ctx.stdout.write(INIT_USAGE);
      return 1;
    },
    complete(req) {
      if (req.words.length === 1) return { candidates: ['postfix'].filter((c) => c.startsWith(req.prefix)) };
      return { candidates: ['start', 'stop', 'restart', 'reload', 'status', 'check'].filter((c) => c.startsWith(req.prefix)) };
    },
  };
}
