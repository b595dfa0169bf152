/**
 * The lab machine's command table in the browser: the builtins and small coreutils a first command
 * needs are here at once; every other program (the Postfix tools, telnet, openssl, nano, less, sed...)
 * is fetched with its texts the first time a command line names it (lazy-programs.ts). Same names,
 * same programs as lab-programs.ts, which astro.config.mjs replaces with this module in the client build.
 */
import { cd, echo, exit, exportBuiltin, falseProgram, history, pwd, trueProgram } from './programs/builtins.ts';
import { cat } from './programs/cat.ts';
import { clear } from './programs/clear.ts';
import { chmod, cp, mv, rm, touch } from './programs/files.ts';
import { grep } from './programs/grep.ts';
import { head } from './programs/head.ts';
import { help } from './programs/help.ts';
import { hostname } from './programs/hostname.ts';
import { ls } from './programs/ls.ts';
import type { LabEnv } from './programs/net/lab-env.ts';
import { tail } from './programs/tail.ts';
import { wc } from './programs/wc.ts';
import { which } from './programs/which.ts';
import { caCertificatesData } from './lazy-data.ts';
import { lazyLabPrograms } from './lazy-programs.ts';
import { Registry } from './registry.ts';

export function labPrograms(env: LabEnv): Registry {
  const table = new Registry([
    cd,
    pwd,
    echo,
    exit,
    history,
    exportBuiltin,
    trueProgram,
    falseProgram,
    cat,
    clear,
    grep,
    head,
    help,
    ls,
    tail,
    wc,
    chmod,
    cp,
    mv,
    rm,
    touch,
    hostname,
    which,
  ]);
  for (const p of lazyLabPrograms(env)) table.addLazy(p);
  table.addLazyData(caCertificatesData());
  return table;
}
