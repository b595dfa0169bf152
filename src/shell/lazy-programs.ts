/**
 * The lab machine's programs as a lazy table: each one's name and usage up front, its module (with its
 * texts and data) fetched the first time a command line names it (Registry.addLazy, Shell waits on
 * `ensure`). Only the shell's builtins (programs/core.ts) stay in the caller's bundle: even the coreutils
 * come on first use, as the first `telnet localhost 25` needs none of them.
 * Usages are the programs' own: tests/shell/lazy-programs.test.ts checks each against the loaded program.
 */
import { loadOutbound } from '../engine/world/lab-outbound.ts';
import type { Program } from './program.ts';
import type { LabEnv } from './programs/net/lab-env.ts';
import type { LazyProgram } from './registry.ts';

type Spec = readonly [name: string, usage: string, load: (env: LabEnv) => Promise<Program>];

/**
 * A program that can put mail in the queue or read it (or hand smtpd lines that can: nc with piped input,
 * s_client, swaks) loads with the world's outbound code (engine/world/lab-queue.ts), which the browser
 * fetches apart.
 */
function withOutbound(program: Promise<Program>): Promise<Program> {
  return Promise.all([program, loadOutbound()]).then(([p]) => p);
}

const SPECS: readonly Spec[] = [
  ['cat', 'cat [-n] [FILE]...', () => import('./programs/cat.ts').then((m) => m.cat)],
  ['grep', 'grep [-n] [-i] [-v] [-E] [-c] PATTERN [FILE]...', () => import('./programs/grep.ts').then((m) => m.grep)],
  ['head', 'head [-n N] [FILE]...', () => import('./programs/head.ts').then((m) => m.head)],
  ['tail', 'tail [-n N] [-f] [FILE]...', () => import('./programs/tail.ts').then((m) => m.tail)],
  ['wc', 'wc [-l] [-w] [-c] [FILE]...', () => import('./programs/wc.ts').then((m) => m.wc)],
  ['ls', 'ls [-l] [-a] [FILE]...', () => import('./programs/ls.ts').then((m) => m.ls)],
  ['chmod', 'chmod MODE FILE...', () => import('./programs/files.ts').then((m) => m.chmod)],
  ['cp', 'cp SOURCE... DEST', () => import('./programs/files.ts').then((m) => m.cp)],
  ['mv', 'mv SOURCE... DEST', () => import('./programs/files.ts').then((m) => m.mv)],
  ['rm', 'rm [-f] [-r] FILE...', () => import('./programs/files.ts').then((m) => m.rm)],
  ['touch', 'touch FILE...', () => import('./programs/files.ts').then((m) => m.touch)],
  ['hostname', 'hostname [-s|-f|-d|-i]', () => import('./programs/hostname.ts').then((m) => m.hostname)],
  ['which', 'which [-a] COMMAND...', () => import('./programs/which.ts').then((m) => m.which)],
  ['help', 'help', () => import('./programs/help.ts').then((m) => m.help)],
  ['less', 'less [FILE]   (Space/b page, /pattern search, q quit)', () => import('./programs/less.ts').then((m) => m.less)],
  ['nano', 'nano FILE   (^O write, ^X exit, ^K cut, ^U paste)', () => import('./programs/nano.ts').then((m) => m.nano)],
  ['sed', "sed [-n] [-i] [-E] SCRIPT [FILE]...   (e.g. sed -i '$d' FILE)", () => import('./programs/sed.ts').then((m) => m.sed)],
  ['printf', 'printf [-v VAR] FORMAT [ARGUMENT]...', () => import('./programs/printf.ts').then((m) => m.printfBuiltin)],
  ['getent', 'getent hosts|ahosts|ahostsv4|ahostsv6 [KEY]...', () => import('./programs/getent.ts').then((m) => m.getent)],
  ['readlink', 'readlink [-f|-e] FILE...', () => import('./programs/links.ts').then((m) => m.readlink)],
  ['realpath', 'realpath [-e] FILE...', () => import('./programs/links.ts').then((m) => m.realpath)],
  ['dpkg', 'dpkg -l [PATTERN...]', () => import('./programs/dpkg.ts').then((m) => m.dpkg)],
  ['dpkg-query', 'dpkg-query -l [PATTERN...]', () => import('./programs/dpkg.ts').then((m) => m.dpkgQuery)],
  ['telnet', 'telnet [HOST [PORT]]', (env) => import('./programs/telnet.ts').then((m) => m.telnetProgram(env))],
  ['nc', 'nc [-C] [-v] [-z] HOST PORT', (env) => withOutbound(import('./programs/nc.ts').then((m) => m.ncProgram(env)))],
  [
    'netcat',
    'nc [-C] [-v] [-z] HOST PORT',
    (env) => withOutbound(import('./programs/nc.ts').then((m) => ({ ...m.ncProgram(env), name: 'netcat' }))),
  ],
  [
    'postconf',
    'postconf [-n|-d|-h|-x|-M|-P] [-e NAME=VALUE...] [NAME...]',
    (env) => import('./programs/postconf.ts').then((m) => m.postconfProgram(env)),
  ],
  ['postfix', 'postfix start|stop|reload|status|check', (env) => import('./programs/postfix.ts').then((m) => m.postfixProgram(env))],
  [
    'sendmail',
    'sendmail [-f SENDER] [-t] [-i] RECIPIENT...',
    (env) => withOutbound(import('./programs/sendmail.ts').then((m) => m.sendmailProgram(env))),
  ],
  ['mail', 'mail [-s SUBJECT] [-c CC] RECIPIENT...', (env) => withOutbound(import('./programs/mail.ts').then((m) => m.mailProgram(env)))],
  ['mailq', 'mailq', (env) => withOutbound(import('./programs/mailq.ts').then((m) => m.mailqProgram(env)))],
  [
    'postqueue',
    'postqueue -p|-j|-f|-i QUEUE_ID|-s SITE',
    (env) => withOutbound(import('./programs/postqueue.ts').then((m) => m.postqueueProgram(env))),
  ],
  ['postsuper', 'postsuper -d QUEUE_ID|ALL', (env) => withOutbound(import('./programs/postsuper.ts').then((m) => m.postsuperProgram(env)))],
  [
    'openssl',
    'openssl s_client|x509|verify|rsa|pkey|dgst|md5|sha256 ...   (s_client -connect HOST:PORT [-starttls smtp])',
    (env) => withOutbound(import('./programs/openssl.ts').then((m) => m.opensslProgram(env))),
  ],
  [
    'posttls-finger',
    'posttls-finger [-c] [-l LEVEL] [-L LOGOPTS] HOST[:PORT]',
    (env) => withOutbound(import('./programs/posttls-finger.ts').then((m) => m.posttlsFingerProgram(env))),
  ],
  [
    'swaks',
    'swaks --to ADDR [--server HOST[:PORT]] [--port N] [--tls|--tls-on-connect] [--auth TYPE --auth-user U --auth-password P]',
    (env) => withOutbound(import('./programs/swaks.ts').then((m) => m.swaksProgram(env))),
  ],
  [
    'timeout',
    'timeout [-s SIGNAL] [-k DURATION] [-v] DURATION COMMAND [ARG]...',
    (env) => import('./programs/timeout.ts').then((m) => m.timeoutProgram(env.pacer)),
  ],
  [
    'explain',
    'explain PARAMETER...   (what a Postfix parameter does, its default and its value here)',
    () => import('./programs/explain.ts').then((m) => m.explain),
  ],
  [
    'man',
    'man [SECTION] NAME   (postfix, postconf, 5 postconf, master, smtpd, smtp, postqueue... or a parameter)',
    () => import('./programs/man.ts').then((m) => m.man),
  ],
  [
    'systemctl',
    'systemctl start|stop|restart|reload|status|is-active postfix',
    (env) => import('./programs/systemctl.ts').then((m) => m.systemctlProgram(env)),
  ],
  [
    'journalctl',
    'journalctl [-u postfix|postfix@-] [-n N] [-f]',
    (env) => import('./programs/journalctl.ts').then((m) => m.journalctlProgram(env)),
  ],
  [
    'service',
    'service postfix start|stop|restart|reload|status|check',
    (env) => import('./programs/service.ts').then((m) => m.serviceProgram(env)),
  ],
  ['ss', 'ss -ltn[p]', (env) => import('./programs/ss.ts').then((m) => m.ssProgram(env))],
];

/** The lazily loaded programs of the lab machine, bound to `env`. */
export function lazyLabPrograms(env: LabEnv): LazyProgram[] {
  return SPECS.map(([name, usage, load]) => ({ name, usage, load: () => load(env) }));
}
