import type { LogWriter } from '../log/mail-log.ts';
import type { IdSource } from '../world/ids.ts';
import type { ConfigLoad } from './config-snapshot.ts';
import {
  scriptFatalAlreadyRunning,
  scriptFatalNotRunning,
  scriptNotRunning,
  scriptRefreshing,
  scriptRunning,
  scriptStarting,
  scriptStartupFailed,
  scriptStopping,
} from './log-texts.ts';
import type { Master } from './master.ts';
import { assertNever } from '../util/assert-never.ts';

export interface CommandOutput {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

/** The configuration checks `postfix` runs before an action, as text lines for the terminal. */
export type PostfixCheck = (action: 'check' | 'start' | 'reload') => ConfigLoad;

export interface PostfixCommandEnv {
  readonly master: Master;
  readonly check: PostfixCheck;
  readonly log: LogWriter;
  readonly ids: IdSource;
  /**
   * Whether stderr is a terminal. postfix-script's progress messages go to the log always,
   * and to stderr only on a terminal (corpus MANIFEST fact 15).
   */
  readonly tty: boolean;
}

const PROGRAM = 'postfix/postfix-script';
const ACTIONS = ['start', 'stop', 'reload', 'status', 'check'] as const;
/** What postfix-script has to say about other commands (tests/corpus-extra/cli-postfix-unknown-command). */
const scriptUnknownCommand = (w: string): string =>
  `fatal: unknown command: '${w}'. Usage: postfix start (or stop, reload, abort, flush, check, status, set-permissions, upgrade-configuration, logrotate)`;
/** Real postfix-script commands the lab does not simulate: a plain statement, never a made-up Postfix text. */
const NOT_SIMULATED = new Set(['abort', 'flush', 'set-permissions', 'upgrade-configuration', 'logrotate']);

/** `postfix start|stop|reload|status|check`, as Postfix 3.7's postfix(1) and postfix-script behave. */
export function runPostfixCommand(argv: readonly string[], env: PostfixCommandEnv): CommandOutput {
  const word = argv[0];
  let stderr = '';
  const say = (text: string): void => {
    env.log(PROGRAM, env.ids.nextPid(), text);
    if (env.tty) stderr += `${PROGRAM}: ${text}\n`;
  };
  const done = (exitCode: number): CommandOutput => ({ stdout: '', stderr, exitCode });

  const action = ACTIONS.find((a) => a === word);
  if (action === undefined) {
    if (word !== undefined && NOT_SIMULATED.has(word)) {
      stderr += `postfix: 'postfix ${word}' is not simulated in this lab\n`;
      return done(1);
    }
    say(scriptUnknownCommand(word ?? ''));
    return done(1);
  }
  if (action === 'status') {
    const pid = env.master.pid;
    if (pid === null) {
      say(scriptNotRunning);
      return done(1);
    }
    say(scriptRunning(pid));
    return done(0);
  }
  if (action === 'stop') {
    if (!env.master.running) {
      say(scriptFatalNotRunning);
      return done(1);
    }
    // Logged as well (corpus postconf-behaviours, tests/corpus-extra/cli-postqueue-stopped); in
    // terminal/term-postfix-cli the line lost the race with postlogd's own shutdown.
    say(scriptStopping);
    env.master.stop();
    return done(0);
  }
  const load = env.check(action);
  for (const w of load.warnings) stderr += `${w}\n`;
  for (const l of load.logged ?? []) env.log(l.program, env.ids.nextPid(), l.text);
  if (!load.ok) {
    stderr += `${load.fatal}\n`;
    return done(1);
  }
  switch (action) {
    case 'check':
      return done(0);
    case 'start':
      if (env.master.running) {
        say(scriptFatalAlreadyRunning);
        return done(1);
      }
      say(scriptStarting);
      if (!env.master.start(load.snapshot)) {
        say(scriptStartupFailed);
        return done(1);
      }
      return done(0);
    case 'reload':
      if (!env.master.running) {
        say(scriptFatalNotRunning);
        return done(1);
      }
      say(scriptRefreshing);
      env.master.reload(load.snapshot);
      return done(0);
    default:
      return assertNever(action);
  }
}
