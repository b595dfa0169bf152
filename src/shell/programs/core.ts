/**
 * The builtins and small coreutils a lab machine has at once, in Node and in the browser alike
 * (standardPrograms adds the rest; the browser's table, lab-programs.browser.ts, loads the rest on first use).
 */
import type { Program } from '../program.ts';
import { cd, echo, exit, exportBuiltin, falseProgram, history, pwd, trueProgram } from './builtins.ts';
import { cat } from './cat.ts';
import { clear } from './clear.ts';
import { chmod, cp, mv, rm, touch } from './files.ts';
import { grep } from './grep.ts';
import { head } from './head.ts';
import { help } from './help.ts';
import { hostname } from './hostname.ts';
import { ls } from './ls.ts';
import { tail } from './tail.ts';
import { wc } from './wc.ts';
import { which } from './which.ts';

export function corePrograms(): Program[] {
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
  ];
}
