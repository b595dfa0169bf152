/**
 * Every main.cf and master.cf snippet a lesson shows (```postfix-main / ```postfix-master blocks) is
 * configuration the engine takes without a warning: the file parses, postconf has nothing to say about it,
 * and a Postfix that loads it on the lab machine logs no warning or fatal error when it reloads and serves
 * a connection. A block the lesson shows with a warning on purpose is preceded by
 * `{/* expect-warning: <text> *\/}`, and then that warning must appear.
 * A block of commented-out master.cf lines claims to be Debian's stock text: it must be in the lab's master.cf.
 */
import { describe, expect, it } from 'vitest';
import { checkMainCf, checkMasterCf } from '../../src/engine/config/check.ts';
import { MAIN_CF_PATH } from '../../src/engine/config/main-cf.ts';
import { MASTER_CF_PATH } from '../../src/engine/config/master-cf.ts';
import { runPostconf } from '../../src/engine/postconf/run-postconf.ts';
import { LAB_MAIN_CF } from '../../src/engine/world/data/lab-files.ts';
import { LAB_MASTER_CF } from '../../src/engine/world/data/lab-master-cf.ts';
import { createLessonSession } from '../../src/lesson-runtime/session.ts';
import { lessonFiles } from './lesson-files.ts';

interface Snippet {
  readonly lesson: string;
  readonly kind: 'main' | 'master';
  readonly text: string;
  /** The warning the lesson shows on purpose, if any. */
  readonly expectWarning: string | null;
}

function snippets(): Snippet[] {
  return lessonFiles().flatMap(({ path, text }) => {
    const lines = text.split('\n');
    const found: Snippet[] = [];
    lines.forEach((line, i) => {
      const m = /^```postfix-(main|master)\s*$/.exec(line);
      if (m === null) return;
      const end = lines.indexOf('```', i + 1);
      let k = i - 1;
      while (k >= 0 && (lines[k] ?? '').trim() === '') k--;
      const expect = /^\{\/\* expect-warning: (.*?) \*\/\}$/.exec((lines[k] ?? '').trim());
      found.push({
        lesson: path,
        kind: m[1] === 'main' ? 'main' : 'master',
        text: `${lines.slice(i + 1, end).join('\n')}\n`,
        expectWarning: expect?.[1] ?? null,
      });
    });
    return found;
  });
}

/** The log lines a world wrote after `from`, as text. */
function logSince(session: ReturnType<typeof createLessonSession>, from: number): string[] {
  return session.world.log.records.slice(from).map((r) => `${r.program}: ${r.text}`);
}

const problems = (lines: readonly string[]): string[] => lines.filter((l) => /(^|: )(warning|fatal): /.test(l));

/** Loads main.cf and master.cf into a running lab Postfix, serves one TLS connection on 25, returns warnings. */
function runtimeProblems(mainCf: string, masterCf: string): string[] {
  const s = createLessonSession({ scenario: 'lab-default' });
  const from = s.world.log.records.length;
  s.world.fs.write(MAIN_CF_PATH, mainCf);
  s.world.fs.write(MASTER_CF_PATH, masterCf);
  const out =
    s.runLine('postfix reload') +
    s.runLine('posttls-finger -c -l may localhost') +
    s.runLine('echo hello | sendmail -f alice@example.org bob@example.net');
  return [...problems(out.split(/\r?\n/)), ...problems(logSince(s, from))];
}

const all = snippets();

describe('config snippets in lessons', () => {
  it('finds both kinds of snippet', () => {
    expect(all.filter((s) => s.kind === 'main').length).toBeGreaterThan(5);
    expect(all.filter((s) => s.kind === 'master').length).toBeGreaterThan(3);
  });

  it('would notice a value that smtpd or smtp warns about', () => {
    const bad = (line: string) => runPostconf(['-e', line], { mainCf: LAB_MAIN_CF, masterCf: LAB_MASTER_CF }).mainCf ?? '';
    expect(runtimeProblems(bad('smtpd_tls_protocols = TLS1.2'), LAB_MASTER_CF).join('\n')).toContain('Invalid TLS protocol list');
    expect(runtimeProblems(bad('smtp_tls_security_level = dane'), LAB_MASTER_CF).join('\n')).toContain(
      'dane configured with dnssec lookups disabled',
    );
  });

  it.each(all.map((s) => [`${s.lesson}: ${s.kind}.cf ${s.text.split('\n')[0] ?? ''}`, s] as const))('%s', (_label, s) => {
    const seen: string[] = [];
    let mainCf = LAB_MAIN_CF;
    let masterCf = LAB_MASTER_CF;
    if (s.kind === 'main') {
      const check = checkMainCf(s.text);
      expect(check.fatal).toBeNull();
      seen.push(...check.warnings);
      const settings = s.text.split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));
      const edited = runPostconf(['-e', ...settings], { mainCf, masterCf });
      expect(edited.exitCode).toBe(0);
      mainCf = edited.mainCf ?? mainCf;
    } else {
      const check = checkMasterCf(s.text);
      expect(check.fatal).toBeNull();
      seen.push(...check.warnings);
      const active = s.text.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
      if (active.length === 0) {
        // Commented-out stock lines: shown as Debian ships them, so they are in the lab's master.cf.
        for (const line of s.text.split('\n').filter((l) => l !== '')) expect(LAB_MASTER_CF.split('\n'), line).toContain(line);
      } else {
        const [name, type] = (active[0] ?? '').trim().split(/\s+/);
        const entry = active.map((l) => l.trim()).join(' ');
        const edited = runPostconf(['-Me', `${name ?? ''}/${type ?? ''}=${entry}`], { mainCf, masterCf });
        expect(edited.exitCode, edited.stderr).toBe(0);
        masterCf = edited.masterCf ?? masterCf;
      }
    }
    const postconf = runPostconf(['-n'], { mainCf, masterCf });
    seen.push(...postconf.stderr.split('\n').filter((l) => l !== ''));
    const listed = runPostconf(['-M'], { mainCf, masterCf });
    seen.push(...listed.stderr.split('\n').filter((l) => l !== ''));
    seen.push(...runtimeProblems(mainCf, masterCf));
    if (s.expectWarning === null) expect(seen).toEqual([]);
    else expect(seen.some((w) => w.includes(s.expectWarning ?? ''))).toBe(true);
  });
});
