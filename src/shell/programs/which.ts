/**
 * `which [-a] NAME...` (debianutils 5.7, Debian 12): the first match of each NAME on $PATH (all of them
 * with -a), nothing for a name it cannot find, exit 1 when one was missing. Debian 12 is /usr-merged, so
 * every program in /usr/bin is in /bin too and /usr/sbin's in /sbin. The directories come from the
 * recording machine (`which -a` there; tests/corpus-extra/host-tools/which.txt, h4-host-misc.json), except
 * nano, telnet and mail (bsd-mailx), which it lacked: their Debian packages put them in /usr/bin. Only the
 * lab's own programs are found; shell builtins without a binary (cd, export, history...) and the lab's
 * `explain` are not on disk.
 */
import type { Program } from '../program.ts';

const SBIN = new Set(['postconf', 'postfix', 'sendmail', 'postqueue', 'postsuper', 'posttls-finger', 'service']);
const NOT_ON_DISK = new Set(['cd', 'exit', 'history', 'export', 'help', 'explain']);

/** Where a program lives on Debian 12 (null: not a file). */
function homeDir(name: string): string | null {
  if (NOT_ON_DISK.has(name)) return null;
  return SBIN.has(name) ? 'sbin' : 'bin';
}

export const which: Program = {
  name: 'which',
  usage: 'which [-a] COMMAND...',
  run(ctx) {
    let all = false;
    const names: string[] = [];
    for (const a of ctx.argv.slice(1)) {
      if (a === '-a') all = true;
      else if (a.startsWith('-') && names.length === 0) {
        ctx.stderr.write(`Illegal option ${a}\n`);
        ctx.stdout.write('Usage: /usr/bin/which [-a] args\n');
        return 2;
      } else names.push(a);
    }
    const path = (ctx.shell.vars.get('PATH') ?? '').split(':');
    let status = names.length === 0 ? 1 : 0;
    for (const name of names) {
      const home = name.includes('/') ? null : ctx.programs.get(name) === undefined ? null : homeDir(name);
      const found = home === null ? [] : path.filter((d) => d === `/usr/${home}` || d === `/${home}`).map((d) => `${d}/${name}`);
      if (found.length === 0) {
        status = 1;
        continue;
      }
      ctx.stdout.write(`${(all ? found : found.slice(0, 1)).join('\n')}\n`);
    }
    return status;
  },
};
