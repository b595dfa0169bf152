/**
 * `printf [-v VAR] FORMAT [ARGUMENT]...`: bash 5.2's builtin (corpus postconf-behaviours and corpus-extra
 * cli-postfix-check-private-y append config lines with it). Its messages come first on a terminal: bash
 * writes them at once and the output when the builtin ends.
 */
import {
  MSG_PRINTF_USAGE,
  SHELL_NAME,
  msgBuiltin,
  msgBuiltinOptionNeedsArgument,
  msgInvalidBuiltinOption,
  msgNotValidIdentifier,
} from '../messages.ts';
import type { Program, ProgramContext } from '../program.ts';
import { formatPrintf } from './printf-format.ts';
import { utf8Decode } from './utf8.ts';

const NAME = 'printf';

function complain(ctx: ProgramContext, text: string): void {
  ctx.stderr.write(`${SHELL_NAME}: ${msgBuiltin(NAME, text)}\n`);
}

function usage(ctx: ProgramContext): number {
  ctx.stderr.write(`${MSG_PRINTF_USAGE}\n`);
  return 2;
}

export const printfBuiltin: Program = {
  name: NAME,
  usage: 'printf [-v VAR] FORMAT [ARGUMENT]...',
  run(ctx) {
    const args = ctx.argv.slice(1);
    let variable: string | null = null;
    // bash's internal_getopt with "v:": options end at `--` or at the first word not starting with `-`.
    while (args.length > 0) {
      const a = args[0] ?? '';
      if (a === '--') {
        args.shift();
        break;
      }
      if (!a.startsWith('-') || a === '-') break;
      if (a === '-v') {
        if (args.length < 2) {
          complain(ctx, msgBuiltinOptionNeedsArgument('-v'));
          return usage(ctx);
        }
        variable = args[1] ?? '';
        args.splice(0, 2);
        continue;
      }
      if (a.startsWith('-v')) {
        variable = a.slice(2);
        args.shift();
        continue;
      }
      complain(ctx, msgInvalidBuiltinOption(a.slice(0, 2)));
      return usage(ctx);
    }
    if (variable !== null && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable)) {
      complain(ctx, msgNotValidIdentifier(variable));
      return 2;
    }
    const format = args.shift();
    if (format === undefined) return usage(ctx);
    const r = formatPrintf(format, args);
    for (const e of r.errors) complain(ctx, e);
    const text = utf8Decode(r.bytes);
    if (variable !== null) ctx.shell.vars.set(variable, text);
    else ctx.stdout.write(text);
    return r.status;
  },
};
