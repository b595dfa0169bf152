/**
 * `explain PARAM` and `man PARAM`: a short description of a Postfix parameter (the config module's own
 * words), its compiled-in default (`postconf -d PARAM`) and its value on this machine (`postconf PARAM`).
 * The lab has no manual pages otherwise: `man` answers as man-db does for pages it does not have.
 */
import { MAIN_CF_PATH } from '../../engine/config/main-cf.ts';
import { MASTER_CF_PATH } from '../../engine/config/master-cf.ts';
import { completeParameterName, knownParameterNames, parameterInfo } from '../../engine/config/parameter-info.ts';
import { runPostconf } from '../../engine/postconf/run-postconf.ts';
import type { Program, ProgramContext } from '../program.ts';

/** man-db 2.11's texts (recorded on Debian 12: `man nosuchpage`, `man 5 nosuchpage`, `man`). */
const MAN = {
  noEntry: (name: string): string => `No manual entry for ${name}\n`,
  noEntryIn: (name: string, section: string): string => `No manual entry for ${name} in section ${section}\n`,
  what: "What manual page do you want?\nFor example, try 'man man'.\n",
  /** man's exit status when a page is missing. */
  notFound: 16,
} as const;

function isParameter(ctx: ProgramContext, name: string): boolean {
  return knownParameterNames(ctx.host.fs.read(MASTER_CF_PATH)).includes(name);
}

/** The text for one parameter. */
function describe(ctx: ProgramContext, name: string): string {
  const fs = ctx.host.fs;
  const files = { mainCf: fs.read(MAIN_CF_PATH), masterCf: fs.read(MASTER_CF_PATH) };
  const info = parameterInfo(name);
  const def = runPostconf(['-d', name], files);
  const cur = runPostconf([name], files);
  const lines = [`${name}`, `    ${info.description ?? 'A Postfix parameter (the lab has no description of it yet).'}`, ''];
  if (def.exitCode === 0 && def.stdout !== '') lines.push(`    Default (postconf -d):   ${def.stdout.trimEnd()}`);
  if (cur.exitCode === 0 && cur.stdout !== '') lines.push(`    This machine (postconf): ${cur.stdout.trimEnd()}`);
  else if (cur.stderr !== '') lines.push(`    This machine (postconf): ${cur.stderr.trimEnd()}`);
  return `${lines.join('\n')}\n`;
}

export const explain: Program = {
  name: 'explain',
  usage: 'explain PARAMETER...   (what a Postfix parameter does, its default and its value here)',
  run(ctx) {
    const names = ctx.argv.slice(1);
    if (names.length === 0) {
      ctx.stderr.write('usage: explain PARAMETER...   (for example: explain smtpd_tls_security_level)\n');
      return 2;
    }
    let status = 0;
    for (const [i, name] of names.entries()) {
      if (!isParameter(ctx, name)) {
        ctx.stderr.write(`explain: ${name}: not a Postfix parameter (postconf -d lists them all)\n`);
        status = 1;
        continue;
      }
      ctx.stdout.write((i > 0 ? '\n' : '') + describe(ctx, name));
    }
    return status;
  },
  complete(req) {
    return { candidates: completeParameterName(req.prefix, req.host.fs.read(MASTER_CF_PATH)) };
  },
};

export const man: Program = {
  name: 'man',
  usage: 'man PARAMETER   (a Postfix parameter; the lab has no other manual pages)',
  run(ctx) {
    const args = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
    if (args.length === 0) {
      ctx.stderr.write(MAN.what);
      return 1;
    }
    let section: string | null = null;
    if (args.length > 1 && /^[1-9][a-z]*$/.test(args[0] ?? '')) section = args.shift() ?? null;
    let status = 0;
    for (const name of args) {
      const param = name.replace(/^postconf[.-]?5?[.:-]/, '');
      if ((section === null || section === '5') && isParameter(ctx, param)) {
        ctx.stdout.write(describe(ctx, param));
        continue;
      }
      ctx.stderr.write(section === null ? MAN.noEntry(name) : MAN.noEntryIn(name, section));
      status = MAN.notFound;
    }
    return status;
  },
};
