/**
 * The review as terminal text (the CLI) and as JSON. Pure: the caller says whether to use colour.
 */
import type { Finding, Severity } from './findings.ts';
import { probeLines } from './probes.ts';
import type { Review } from './review.ts';

const COLOUR: Record<Severity, string> = { error: '\u001b[1;31m', warning: '\u001b[33m', info: '\u001b[36m' };
const RESET = '\u001b[0m';
const LABEL: Record<Severity, string> = { error: 'ERROR  ', warning: 'WARNING', info: 'INFO   ' };

export function lessonPath(slug: string): string {
  return `/lessons/${slug}/`;
}

export function formatFinding(f: Finding, colour: boolean): string[] {
  const label = colour ? `${COLOUR[f.severity]}${LABEL[f.severity]}${RESET}` : LABEL[f.severity];
  return [
    `${label} ${f.id}: ${f.where}`,
    `        ${f.sentence}`,
    ...f.detail.map((d) => `          ${d}`),
    `        Lesson: ${lessonPath(f.lesson)}   Try in the lab: ${probeLines(f.probe).join(' / ')}`,
  ];
}

export function formatReview(title: string, r: Review, colour: boolean): string {
  const out: string[] = [`TLS review of ${title}`, ''];
  if (!r.ok) return [...out, ...r.problems].join('\n') + '\n';
  const said = [...r.model.postfixWarnings, ...(r.model.postfixFatal === null ? [] : [r.model.postfixFatal])];
  if (said.length > 0) out.push('What Postfix prints when it reads this configuration:', ...said.map((l) => `  ${l}`), '');
  if (r.notes.length > 0) out.push(...r.notes.map((n) => `Note: ${n}`), '');
  if (r.model.notSimulated.length > 0) out.push('Not simulated here:', ...r.model.notSimulated.map((n) => `  - ${n}`), '');
  if (r.findings.length === 0) out.push('No findings.');
  for (const f of r.findings) out.push(...formatFinding(f, colour), '');
  const count = (s: Severity): number => r.findings.filter((f) => f.severity === s).length;
  out.push(`${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} note(s).`);
  return out.join('\n') + '\n';
}

export function reviewJson(r: Review): string {
  if (!r.ok) return JSON.stringify({ ok: false, problems: r.problems }, null, 2) + '\n';
  return (
    JSON.stringify(
      {
        ok: true,
        postfixWarnings: r.model.postfixWarnings,
        postfixFatal: r.model.postfixFatal,
        notes: r.notes,
        notSimulated: r.model.notSimulated,
        findings: r.findings.map((f) => ({ ...f, lessonPath: lessonPath(f.lesson), probeLines: probeLines(f.probe) })),
      },
      null,
      2,
    ) + '\n'
  );
}

/** The CLI's exit status: 1 when Postfix would not start or a finding is an error, 2 for refused input. */
export function exitStatus(r: Review): number {
  if (!r.ok) return 2;
  return r.model.postfixFatal !== null || r.findings.some((f) => f.severity === 'error') ? 1 : 0;
}
