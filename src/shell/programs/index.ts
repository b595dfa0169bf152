/** The coreutils-like programs and bash builtins every lab machine has. */
import type { Program } from '../program.ts';
import { cd, echo, exit, exportBuiltin, falseProgram, history, pwd, trueProgram } from './builtins.ts';
import { cat } from './cat.ts';
import { clear } from './clear.ts';
import { chmod, cp, hostname, mv, rm, touch } from './files.ts';
import { grep } from './grep.ts';
import { head } from './head.ts';
import { help } from './help.ts';
import { less } from './less.ts';
import { ls } from './ls.ts';
import { nano } from './nano.ts';
import { sed } from './sed.ts';
import { tail } from './tail.ts';
import { wc } from './wc.ts';

export function standardPrograms(): Program[] {
  return [
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
    less,
    ls,
    nano,
    tail,
    wc,
    chmod,
    cp,
    mv,
    rm,
    touch,
    hostname,
    sed,
  ];
}
