/**
 * The bash builtins the lab needs: cd, pwd, echo, exit, history, export, true, false. Their texts are bash
 * 5.2's (tests/shell/golden/tools.golden.json).
 */
import {
  ENOENT,
  ENOTDIR,
  MSG_EXIT,
  MSG_HOME_NOT_SET,
  MSG_NUMERIC_ARGUMENT_REQUIRED,
  MSG_OLDPWD_NOT_SET,
  MSG_TOO_MANY_ARGUMENTS,
  SHELL_NAME,
  msgBuiltin,
} from '../messages.ts';
import { resolvePath } from '../path.ts';
import type { Program, ProgramContext } from '../program.ts';

function bashError(ctx: ProgramContext, builtin: string, text: string): void {
  ctx.stderr.write(`${SHELL_NAME}: ${msgBuiltin(builtin, text)}\n`);
}

export const cd: Program = {
  name: 'cd',
  usage: 'cd [DIR]',
  run(ctx) {
    const args = ctx.argv.slice(1).filter((a, i) => !(i === 0 && a === '--'));
    if (args.length > 1) {
      bashError(ctx, 'cd', MSG_TOO_MANY_ARGUMENTS);
      return 1;
    }
    const vars = ctx.shell.vars;
    let target = args[0];
    let print = false;
    if (target === undefined) {
      target = vars.get('HOME');
      if (target === undefined) {
        bashError(ctx, 'cd', MSG_HOME_NOT_SET);
        return 1;
      }
    } else if (target === '-') {
      target = vars.get('OLDPWD');
      if (target === undefined) {
        bashError(ctx, 'cd', MSG_OLDPWD_NOT_SET);
        return 1;
      }
      print = true;
    }
    if (target === '') return 0;
    const abs = resolvePath(ctx.shell.cwd, target);
    if (!ctx.host.fs.isDir(abs)) {
      bashError(ctx, 'cd', `${target}: ${ctx.host.fs.read(abs) !== undefined ? ENOTDIR : ENOENT}`);
      return 1;
    }
    vars.set('OLDPWD', ctx.shell.cwd);
    ctx.shell.cwd = abs;
    vars.set('PWD', abs);
    if (print) ctx.stdout.write(`${abs}\n`);
    return 0;
  },
  complete(req) {
    // Only directories, as `complete -d` would offer.
    const prefix = req.prefix;
    const slash = prefix.lastIndexOf('/');
    const dirPart = slash < 0 ? '' : prefix.slice(0, slash + 1);
    const base = prefix.slice(slash + 1);
    const dirAbs = resolvePath(req.shell.cwd, dirPart === '' ? '.' : dirPart);
    const names = req.host.fs.isDir(dirAbs) ? req.host.fs.list(dirAbs) : [];
    const dirs = names.filter(
      (n) => n.startsWith(base) && (!n.startsWith('.') || base.startsWith('.')) && req.host.fs.isDir(resolvePath(dirAbs, n)),
    );
    return { candidates: dirs.map((d) => `${dirPart}${d}/`), addSpace: false };
  },
};

export const pwd: Program = {
  name: 'pwd',
  usage: 'pwd',
  run(ctx) {
    const bad = ctx.argv.slice(1).find((a) => a.startsWith('-') && a !== '-' && !/^-[LP]+$/.test(a) && a !== '--');
    if (bad !== undefined) {
      // bash 5.2: "bash: pwd: -x: invalid option" then "pwd: usage: pwd [-LP]".
      bashError(ctx, 'pwd', `${bad.slice(0, 2)}: invalid option`);
      ctx.stderr.write('pwd: usage: pwd [-LP]\n');
      return 2;
    }
    ctx.stdout.write(`${ctx.shell.cwd}\n`);
    return 0;
  },
};

const ECHO_ESCAPES: Readonly<Record<string, string>> = {
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
};

/** Interprets `echo -e` escapes; returns the text and whether `\c` stopped the output. */
function echoEscapes(s: string): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i] ?? '';
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const e = s[i + 1] ?? '';
    if (e === 'c') return { text: out, stop: true };
    const simple = ECHO_ESCAPES[e];
    if (simple !== undefined) {
      out += simple;
      i++;
      continue;
    }
    if (e === '0') {
      const m = /^[0-7]{0,3}/.exec(s.slice(i + 2));
      const digits = m?.[0] ?? '';
      out += String.fromCharCode(parseInt(digits === '' ? '0' : digits, 8) & 0xff);
      i += 1 + digits.length;
      continue;
    }
    if (e === 'x') {
      const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 2));
      if (m !== null) {
        out += String.fromCharCode(parseInt(m[0], 16));
        i += 1 + m[0].length;
        continue;
      }
    }
    out += c;
  }
  return { text: out, stop: false };
}

export const echo: Program = {
  name: 'echo',
  usage: 'echo [-n] [-e] [TEXT]...',
  run(ctx) {
    let args = ctx.argv.slice(1);
    let newline = true;
    let escapes = false;
    while (args.length > 0 && /^-[neE]+$/.test(args[0] ?? '')) {
      const flags = args[0] ?? '';
      for (const f of flags.slice(1)) {
        if (f === 'n') newline = false;
        else if (f === 'e') escapes = true;
        else escapes = false;
      }
      args = args.slice(1);
    }
    let text = args.join(' ');
    if (escapes) {
      const r = echoEscapes(text);
      text = r.text;
      if (r.stop) newline = false;
    }
    ctx.stdout.write(newline ? `${text}\n` : text);
    return 0;
  },
};

function parseExitCode(s: string): number | null {
  if (!/^\s*[+-]?\d+\s*$/.test(s)) return null;
  return Number(s.trim()) & 0xff;
}

export const exit: Program = {
  name: 'exit',
  usage: 'exit [N]',
  run(ctx) {
    const args = ctx.argv.slice(1);
    ctx.stderr.write(`${MSG_EXIT}\n`);
    const first = args[0];
    if (first === undefined) {
      ctx.requestExit(ctx.shell.lastStatus);
      return ctx.shell.lastStatus;
    }
    const code = parseExitCode(first);
    if (code === null) {
      bashError(ctx, 'exit', `${first}: ${MSG_NUMERIC_ARGUMENT_REQUIRED}`);
      ctx.requestExit(2);
      return 2;
    }
    if (args.length > 1) {
      bashError(ctx, 'exit', MSG_TOO_MANY_ARGUMENTS);
      return 1;
    }
    ctx.requestExit(code);
    return code;
  },
};

export const history: Program = {
  name: 'history',
  usage: 'history [N] | history -c',
  run(ctx) {
    const args = ctx.argv.slice(1);
    const first = args[0];
    if (first === '-c') {
      ctx.clearHistory();
      return 0;
    }
    const all = ctx.shell.history;
    let from = 0;
    if (first !== undefined) {
      if (!/^\d+$/.test(first)) {
        bashError(ctx, 'history', `${first}: ${MSG_NUMERIC_ARGUMENT_REQUIRED}`);
        return 1;
      }
      from = Math.max(0, all.length - Number(first));
    }
    const out: string[] = [];
    const base = ctx.shell.historyBase ?? 0;
    for (let i = from; i < all.length; i++) out.push(`${String(base + i + 1).padStart(5)}  ${all[i] ?? ''}\n`);
    ctx.stdout.write(out.join(''));
    return 0;
  },
};

export const exportBuiltin: Program = {
  name: 'export',
  usage: 'export NAME[=VALUE]...',
  run(ctx) {
    for (const a of ctx.argv.slice(1)) {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:=(.*))?$/s.exec(a);
      if (m === null) {
        bashError(ctx, 'export', `\`${a}': not a valid identifier`);
        return 1;
      }
      const name = m[1] ?? '';
      if (m[2] !== undefined) ctx.shell.vars.set(name, m[2]);
      else if (!ctx.shell.vars.has(name)) ctx.shell.vars.set(name, '');
    }
    return 0;
  },
};

export const trueProgram: Program = { name: 'true', usage: 'true', run: () => 0 };
export const falseProgram: Program = { name: 'false', usage: 'false', run: () => 1 };
