/**
 * Text edits of master.cf for the lab's controls: switching the submission (587) and submissions (465)
 * services on and off, and setting one `-o name=value` of a service. DOM-free and pure.
 *
 * Switching a service on removes the `#` in front of the stock file's own lines (the service line and
 * its `-o` lines; the explanatory comment lines inside the block stay comments), so the result is what
 * a learner gets by uncommenting them in an editor. Switching it off puts a `#` back in front of every
 * line of the entry; on a block switched on here, that restores the stock text byte for byte.
 *
 * What the panel shows (a service on or off, its `-o` values) is read by service-state.ts, which the lab's
 * machine loads at once; these edits come with the panel's first change (config-panel.ts).
 */
import { physicalLines } from '../../engine/config/main-cf.ts';
import { MasterCf } from '../../engine/config/master-cf.ts';
import { editMaster } from '../../engine/postconf/edit-master.ts';
import { FatalExit, PostconfOutput } from '../../engine/postconf/output.ts';
import { LAB_MASTER_CF } from '../../engine/world/data/lab-master-cf.ts';
import { INET, serviceEnabled, type LabService } from './service-state.ts';

export { LAB_SERVICES, serviceEnabled, serviceParam, type LabService, type ServiceParam } from './service-state.ts';

function stripEol(line: string): string {
  return line.replace(/\r?\n$/, '');
}

/** Whether a physical line is the commented-out service line `#<service> inet ...`. */
function isCommentedServiceLine(line: string, service: string): boolean {
  const m = /^#[ \t]*(\S+)[ \t]+(\S+)/.exec(line);
  return m !== null && m[1] === service && m[2] === INET;
}

/**
 * A commented line inside a service's block: `#` and an indent (`#  -o ...`, `#     Each ...`). A comment
 * with a single blank after `#` (`# Choose one: ...`) starts the next part of the file.
 */
function isBlockComment(line: string): boolean {
  return /^#[ \t]{2,}\S/.test(line);
}

/** A commented `-o` line: the lines of a block that switching it on uncomments. */
function isCommentedOption(line: string): boolean {
  return /^#[ \t]+-o[ \t]/.test(line);
}

/** The stock lines of a service's block (service line, `-o` lines and comments inside), with line ends. */
export function stockBlock(service: LabService): readonly string[] {
  const lines = physicalLines(LAB_MASTER_CF);
  const start = lines.findIndex((l) => isCommentedServiceLine(l, service));
  if (start < 0) return [];
  const out = [lines[start] ?? ''];
  for (let i = start + 1; i < lines.length && isBlockComment(lines[i] ?? ''); i++) out.push(lines[i] ?? '');
  return out;
}

/** The stock block of `service` as it reads once switched on (comment lines dropped), for appending. */
function uncommentedStockEntry(service: LabService): string {
  return stockBlock(service)
    .filter((l, i) => i === 0 || isCommentedOption(l))
    .map((l) => l.slice(1))
    .join('');
}

/**
 * Switches the service on: uncomments its commented block where the file still has one (the stock
 * service line first, else any `#<service> inet` line), or appends the stock entry when there is none.
 * Unchanged when the service is already on.
 */
export function enableService(text: string, service: LabService): string {
  if (serviceEnabled(text, service)) return text;
  const lines = physicalLines(text);
  const stockLine = stripEol(stockBlock(service)[0] ?? '');
  let start = lines.findIndex((l) => stripEol(l) === stockLine);
  if (start < 0) start = lines.findIndex((l) => isCommentedServiceLine(l, service));
  if (start < 0) {
    const sep = text === '' || text.endsWith('\n') ? '' : '\n';
    return `${text}${sep}${uncommentedStockEntry(service)}`;
  }
  const out = [...lines];
  out[start] = (lines[start] ?? '').slice(1);
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (!isBlockComment(line)) break;
    if (isCommentedOption(line)) out[i] = line.slice(1);
  }
  return out.join('');
}

/** Switches the service off: every `<service> inet` entry gets a `#` in front of each of its lines. */
export function disableService(text: string, service: LabService): string {
  const entries = MasterCf.parse(text).entries.filter((e) => e.name === service && e.type === INET);
  if (entries.length === 0) return text;
  const lines = physicalLines(text);
  for (const e of entries) {
    for (let n = e.firstLine; n <= e.lastLine; n++) {
      const line = lines[n - 1];
      if (line === undefined || /^[ \t\r\n\v\f]*(#|$)/.test(line)) continue;
      lines[n - 1] = `#${line}`;
    }
  }
  return lines.join('');
}

function countOptions(argv: readonly string[], param: string): number {
  let n = 0;
  for (let i = 8; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg[0] !== '-' || arg === '--') break;
    if (arg === '-o') {
      const nv = argv[i + 1] ?? '';
      if (nv.startsWith(`${param}=`)) n++;
      i++;
    }
  }
  return n;
}

/**
 * Sets `-o param=value` of the service's entry. Where every setting of it sits alone on its own line
 * (`  -o name=value`, the stock layout), only the value changes; a missing setting gets a line of its
 * own after the entry's last line. Any other layout is edited as `postconf -P service/inet/param=value`
 * would (which re-folds the entry). Unchanged when the service is off or postconf would refuse.
 */
export function setServiceParam(text: string, service: LabService, param: string, value: string): string {
  const entry = MasterCf.parse(text).find(service, INET);
  if (entry === undefined) return text;
  const lines = physicalLines(text);
  const simple = new RegExp(`^([ \\t]+-o[ \\t]+${param.replace(/[^\w]/g, '\\$&')}=)(\\S*)([ \\t]*\\r?\\n?)$`);
  const hits: number[] = [];
  for (let n = entry.firstLine + 1; n <= entry.lastLine; n++) if (simple.test(lines[n - 1] ?? '')) hits.push(n - 1);
  const total = countOptions(entry.argv, param);
  if (total === 0) {
    const indent = /^([ \t]+)-o/.exec(lines[entry.firstLine] ?? '')?.[1] ?? '  ';
    const at = entry.lastLine; // index of the line after the entry
    const before = lines[at - 1] ?? '';
    if (before !== '' && !before.endsWith('\n')) lines[at - 1] = `${before}\n`;
    lines.splice(at, 0, `${indent}-o ${param}=${value}\n`);
    return lines.join('');
  }
  if (hits.length === total) {
    for (const i of hits)
      lines[i] = (lines[i] ?? '').replace(simple, (_m, head: string, _old: string, tail: string) => `${head}${value}${tail}`);
    return lines.join('');
  }
  const out = new PostconfOutput('postconf');
  try {
    return editMaster('param', 'set', [`${service}/${INET}/${param}=${value}`], text, '/etc/postfix/master.cf', out);
  } catch (e) {
    if (e instanceof FatalExit) return text;
    throw e;
  }
}
