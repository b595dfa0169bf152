/*
 * What master(8) and postfix-script write to the mail log and the terminal.
 * Sources: corpus terminal/term-postfix-cli (screen and raw.log), invalid-level-maybe/raw.log,
 * postconf-behaviours (postfix status/start/stop/reload).
 */
import { queueListTime } from '../queue/mail-date.ts';

export const MAIL_VERSION = '3.7.11';
export const CONFIG_DIRECTORY = '/etc/postfix';

export const masterDaemonStarted = `daemon started -- version ${MAIL_VERSION}, configuration ${CONFIG_DIRECTORY}`;
export const masterReload = `reload -- version ${MAIL_VERSION}, configuration ${CONFIG_DIRECTORY}`;
/** invalid-level-maybe: the master's two lines after smtpd died at start. */
export const masterProcessExit = (path: string, pid: number, status: number): string =>
  `warning: process ${path} pid ${pid} exit status ${status}`;
/**
 * `postfix reload` after inet_interfaces changed: master keeps its sockets and says so for each inet
 * service. Derived from the source (master/master_ent.c, get_master_ent), not recorded.
 */
export const masterInterfacesIgnored = (service: string): string => `warning: service ${service}: ignoring inet_interfaces change`;
export const masterInterfacesRestart = 'warning: to change inet_interfaces, stop and start Postfix';
export const masterThrottling = (path: string): string => `warning: ${path}: bad command startup -- throttling`;

/**
 * smtpd with words left on its master.cf command line after the options (prose uncommented into a
 * service): it dies once it has accepted a connection. From the source (smtpd/smtpd.c, smtpd_service).
 */
export const smtpdUnexpectedArgument = (word: string): string => `fatal: unexpected command-line argument: ${word}`;

/**
 * anvil(8)'s statistics when it exits (tests/corpus-extra/reload-maincf-no-reload,
 * reload-mastercf-submission: `statistics: max connection rate 4/60s for (smtp:127.0.0.1) at Dec  7 00:37:36`).
 * The time is ctime()'s without the weekday and year.
 */
const ctime15 = (ms: number): string => queueListTime(ms).slice(4);
export const anvilRate = (what: string, value: number, unitSeconds: number, ident: string, when: number): string =>
  `statistics: max ${what} rate ${value}/${unitSeconds}s for (${ident}) at ${ctime15(when)}`;
export const anvilCount = (what: string, value: number, ident: string, when: number): string =>
  `statistics: max ${what} count ${value} for (${ident}) at ${ctime15(when)}`;
export const anvilCacheSize = (value: number, when: number): string => `statistics: max cache size ${value} at ${ctime15(when)}`;

export const scriptStarting = 'starting the Postfix mail system';
export const scriptStopping = 'stopping the Postfix mail system';
export const scriptRefreshing = 'refreshing the Postfix mail system';
export const scriptRunning = (pid: number): string => `the Postfix mail system is running: PID: ${pid}`;
export const scriptNotRunning = 'the Postfix mail system is not running';
export const scriptFatalNotRunning = 'fatal: the Postfix mail system is not running';
export const scriptFatalAlreadyRunning = 'fatal: the Postfix mail system is already running';
/** tests/corpus-extra/cli-postfix-check-private-y: master(8) died at once. */
export const scriptStartupFailed = 'fatal: mail system startup failed';

export const DAEMON_DIRECTORY = '/usr/lib/postfix/sbin';
