/**
 * The lab machine's programs as a lazy table: each one's name up front (its usage, for `help`, comes with
 * `help`: lazy-usages.ts), its module (with its texts and data) fetched the first time a command line names
 * it (Registry.addLazy, Shell waits on `ensure`). Only the shell's builtins (programs/core.ts) stay in the
 * caller's bundle: even the coreutils come on first use, as the first `telnet localhost 25` needs none of them.
 */
import { loadOutbound } from '../engine/world/lab-outbound.ts';
import type { Program } from './program.ts';
import type { LabEnv } from './programs/net/lab-env.ts';
import type { LazyProgram } from './registry.ts';

type Spec = readonly [name: string, load: (env: LabEnv) => Promise<Program>];

/**
 * A program that can put mail in the queue or read it (or hand smtpd lines that can: nc with piped input,
 * s_client, swaks) loads with the world's outbound code (engine/world/lab-queue.ts), which the browser
 * fetches apart.
 */
function withOutbound(program: Promise<Program>): Promise<Program> {
  return Promise.all([program, loadOutbound()]).then(([p]) => p);
}

const SPECS: readonly Spec[] = [
  ['cat', () => import('./programs/cat.ts').then((m) => m.cat)],
  ['grep', () => import('./programs/grep.ts').then((m) => m.grep)],
  ['head', () => import('./programs/head.ts').then((m) => m.head)],
  ['tail', () => import('./programs/tail.ts').then((m) => m.tail)],
  ['wc', () => import('./programs/wc.ts').then((m) => m.wc)],
  ['ls', () => import('./programs/ls.ts').then((m) => m.ls)],
  ['chmod', () => import('./programs/files.ts').then((m) => m.chmod)],
  ['cp', () => import('./programs/files.ts').then((m) => m.cp)],
  ['mv', () => import('./programs/files.ts').then((m) => m.mv)],
  ['rm', () => import('./programs/files.ts').then((m) => m.rm)],
  ['touch', () => import('./programs/files.ts').then((m) => m.touch)],
  ['hostname', () => import('./programs/hostname.ts').then((m) => m.hostname)],
  ['which', () => import('./programs/which.ts').then((m) => m.which)],
  ['help', () => import('./programs/help.ts').then((m) => m.help)],
  ['less', () => import('./programs/less.ts').then((m) => m.less)],
  ['nano', () => import('./programs/nano.ts').then((m) => m.nano)],
  ['sed', () => import('./programs/sed.ts').then((m) => m.sed)],
  ['printf', () => import('./programs/printf.ts').then((m) => m.printfBuiltin)],
  ['getent', () => import('./programs/getent.ts').then((m) => m.getent)],
  ['readlink', () => import('./programs/links.ts').then((m) => m.readlink)],
  ['realpath', () => import('./programs/links.ts').then((m) => m.realpath)],
  ['dpkg', () => import('./programs/dpkg.ts').then((m) => m.dpkg)],
  ['dpkg-query', () => import('./programs/dpkg.ts').then((m) => m.dpkgQuery)],
  ['telnet', (env) => import('./programs/telnet.ts').then((m) => m.telnetProgram(env))],
  ['nc', (env) => withOutbound(import('./programs/nc.ts').then((m) => m.ncProgram(env)))],
  ['netcat', (env) => withOutbound(import('./programs/nc.ts').then((m) => ({ ...m.ncProgram(env), name: 'netcat' })))],
  ['postconf', (env) => import('./programs/postconf.ts').then((m) => m.postconfProgram(env))],
  ['postfix', (env) => import('./programs/postfix.ts').then((m) => m.postfixProgram(env))],
  ['sendmail', (env) => withOutbound(import('./programs/sendmail.ts').then((m) => m.sendmailProgram(env)))],
  ['mail', (env) => withOutbound(import('./programs/mail.ts').then((m) => m.mailProgram(env)))],
  ['mailq', (env) => withOutbound(import('./programs/mailq.ts').then((m) => m.mailqProgram(env)))],
  ['postqueue', (env) => withOutbound(import('./programs/postqueue.ts').then((m) => m.postqueueProgram(env)))],
  ['postsuper', (env) => withOutbound(import('./programs/postsuper.ts').then((m) => m.postsuperProgram(env)))],
  ['openssl', (env) => withOutbound(import('./programs/openssl.ts').then((m) => m.opensslProgram(env)))],
  ['posttls-finger', (env) => withOutbound(import('./programs/posttls-finger.ts').then((m) => m.posttlsFingerProgram(env)))],
  ['swaks', (env) => withOutbound(import('./programs/swaks.ts').then((m) => m.swaksProgram(env)))],
  ['timeout', (env) => import('./programs/timeout.ts').then((m) => m.timeoutProgram(env.pacer))],
  ['explain', () => import('./programs/explain.ts').then((m) => m.explain)],
  ['man', () => import('./programs/man.ts').then((m) => m.man)],
  ['systemctl', (env) => import('./programs/systemctl.ts').then((m) => m.systemctlProgram(env))],
  ['journalctl', (env) => import('./programs/journalctl.ts').then((m) => m.journalctlProgram(env))],
  ['service', (env) => import('./programs/service.ts').then((m) => m.serviceProgram(env))],
  ['ss', (env) => import('./programs/ss.ts').then((m) => m.ssProgram(env))],
];

/** The lazily loaded programs of the lab machine, bound to `env`. */
export function lazyLabPrograms(env: LabEnv): LazyProgram[] {
  return SPECS.map(([name, load]) => ({ name, load: () => load(env) }));
}
