/** The coreutils-like programs and bash builtins every lab machine has. */
import type { Program } from '../program.ts';
import type { LabEnv } from './net/lab-env.ts';
import { corePrograms } from './core.ts';
import { cat } from './cat.ts';
import { chmod, cp, mv, rm, touch } from './files.ts';
import { grep } from './grep.ts';
import { head } from './head.ts';
import { help } from './help.ts';
import { hostname } from './hostname.ts';
import { ls } from './ls.ts';
import { tail } from './tail.ts';
import { wc } from './wc.ts';
import { which } from './which.ts';
import { less } from './less.ts';
import { readlink, realpath } from './links.ts';
import { nano } from './nano.ts';
import { printfBuiltin } from './printf.ts';
import { getent } from './getent.ts';
import { dpkg, dpkgQuery } from './dpkg.ts';
import { timeoutProgram } from './timeout.ts';
import { sed } from './sed.ts';
import { explain } from './explain.ts';
import { man } from './man.ts';
import { mailProgram } from './mail.ts';
import { mailqProgram } from './mailq.ts';
import { ncProgram } from './nc.ts';
import { opensslProgram } from './openssl.ts';
import { postconfProgram } from './postconf.ts';
import { postfixProgram } from './postfix.ts';
import { postqueueProgram } from './postqueue.ts';
import { posttlsFingerProgram } from './posttls-finger.ts';
import { postsuperProgram } from './postsuper.ts';
import { sendmailProgram } from './sendmail.ts';
import { swaksProgram } from './swaks.ts';
import { telnetProgram } from './telnet.ts';
import { journalctlProgram } from './journalctl.ts';
import { systemctlProgram } from './systemctl.ts';
import { serviceProgram } from './service.ts';
import { ssProgram } from './ss.ts';

export function standardPrograms(): Program[] {
  return [
    ...corePrograms(),
    cat,
    grep,
    head,
    tail,
    wc,
    ls,
    chmod,
    cp,
    mv,
    rm,
    touch,
    hostname,
    which,
    help,
    less,
    nano,
    sed,
    printfBuiltin,
    getent,
    dpkg,
    dpkgQuery,
    readlink,
    realpath,
  ];
}

export type { LabEnv, LabWorld, Pacer } from './net/lab-env.ts';
export { TimerPacer } from './net/lab-env.ts';

/** The programs of the lab machine that talk to the simulated Postfix world (see src/shell/lab-shell.ts). */
export function worldPrograms(env: LabEnv): Program[] {
  return [
    telnetProgram(env),
    ncProgram(env),
    { ...ncProgram(env), name: 'netcat' },
    postconfProgram(env),
    postfixProgram(env),
    sendmailProgram(env),
    mailProgram(env),
    mailqProgram(env),
    postqueueProgram(env),
    postsuperProgram(env),
    opensslProgram(env),
    posttlsFingerProgram(env),
    swaksProgram(env),
    timeoutProgram(env.pacer),
    explain,
    man,
    systemctlProgram(env),
    journalctlProgram(env),
    serviceProgram(env),
    ssProgram(env),
  ];
}
