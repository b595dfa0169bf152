/**
 * `man [SECTION] NAME...`: the lab's own short pages for Postfix's commands and files (man-pages.ts),
 * laid out as man-db shows a page (header, NAME, SYNOPSIS, DESCRIPTION, SEE ALSO, footer; text indented
 * 7 columns, lines at most the terminal width less 2, 80 columns when not on a terminal), printed
 * without a pager. A Postfix parameter name gets its explain page (explain.ts); anything else gets
 * man-db's "No manual entry" (recorded texts in explain.ts).
 */
import { MASTER_CF_PATH } from '../../engine/config/master-cf.ts';
import { completeParameterName } from '../../engine/config/parameter-info.ts';
import type { Program, ProgramContext } from '../program.ts';
import { man as parameterMan } from './explain.ts';
import type { ManPage } from './man-pages.ts';
import { findPage, MAN_PAGE_NAMES, SUMMARY_NOTE } from './man-pages.ts';

const SECTION_TITLES: Readonly<Record<string, string>> = {
  '1': 'General Commands Manual',
  '5': 'File Formats Manual',
  '8': "System Manager's Manual",
};

function wrap(text: string, indent: number, width: number): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && indent + line.length + 1 + word.length > width) {
      lines.push(pad + line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(pad + line);
  return lines;
}

/** A line with `left`, `center` and `right` spread over `width` columns, as man's header and footer. */
function spread(left: string, center: string, right: string, width: number): string {
  const gap = Math.max(1, width - left.length - center.length - right.length);
  const before = Math.floor(gap / 2);
  return `${left}${' '.repeat(before)}${center}${' '.repeat(Math.max(1, gap - before))}${right}`;
}

export function formatManPage(p: ManPage, width: number): string {
  const id = `${p.name.toUpperCase()}(${p.section})`;
  const out: string[] = [spread(id, SECTION_TITLES[p.section] ?? '', id, width), ''];
  const section = (title: string, body: string[]): void => {
    out.push(title, ...body, '');
  };
  section('NAME', wrap(`${p.name} - ${p.summary}`, 7, width));
  section(
    'SYNOPSIS',
    p.synopsis.flatMap((s) => wrap(s, 7, width)),
  );
  const desc: string[] = [];
  for (const [i, para] of [...p.description, SUMMARY_NOTE(p)].entries()) {
    if (i > 0) desc.push('');
    desc.push(...wrap(para, 7, width));
  }
  section('DESCRIPTION', desc);
  section('SEE ALSO', wrap(p.seeAlso.join(', '), 7, width));
  out.push(spread('Postfix TLS Lab', '', id, width));
  return `${out.join('\n')}\n`;
}

export const man: Program = {
  name: 'man',
  usage: 'man [SECTION] NAME   (postfix, postconf, 5 postconf, master, smtpd, smtp, postqueue... or a parameter)',
  run(ctx: ProgramContext) {
    const args = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
    const section = args.length > 1 && /^[1-9][a-z]*$/.test(args[0] ?? '') ? (args[0] ?? null) : null;
    const names = section === null ? args : args.slice(1);
    const width = Math.max(40, (ctx.stdout.isTty ? ctx.cols : 80) - 2);
    const pages = names.map((n) => findPage(n, section));
    if (names.length === 0 || pages.some((p) => p === null)) {
      // Parameters, missing pages and man's own errors: the existing explain-based man answers.
      if (pages.every((p) => p === null)) return parameterMan.run(ctx);
    }
    let status = 0;
    for (const [i, name] of names.entries()) {
      const p = pages[i] ?? null;
      if (p === null) {
        const r = parameterMan.run({ ...ctx, argv: section === null ? ['man', name] : ['man', section, name] });
        if (typeof r === 'number') status = Math.max(status, r);
        continue;
      }
      ctx.stdout.write(formatManPage(p, width));
    }
    return status;
  },
  complete(req) {
    if (req.prefix.startsWith('-')) return undefined;
    const params = completeParameterName(req.prefix, req.host.fs.read(MASTER_CF_PATH));
    return { candidates: [...MAN_PAGE_NAMES.filter((n) => n.startsWith(req.prefix)), ...params] };
  },
};
