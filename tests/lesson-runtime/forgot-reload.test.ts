/**
 * The forgot-reload case: files edited, Postfix not told. Goals probe what the running Postfix has
 * loaded (and its idle smtpd, which keeps the settings it started with), so they stay unmet while the
 * files differ from the loaded configuration, and the reload hint shows; after `postfix reload` they hold.
 */
import { describe, expect, it } from 'vitest';
import type { LessonExercise } from '../../src/lesson-runtime/frontmatter.ts';
import { createLessonSession } from '../../src/lesson-runtime/session.ts';
import { lessonFiles, parseLesson } from './lesson-files.ts';

const lesson3 = lessonFiles.map((f) => parseLesson(f.path, f.text)).find((l) => l.slug === 'opportunistic-tls');

describe('forgot to reload', () => {
  it('lesson 3: main.cf edited while an smtpd is idle: STARTTLS not offered, the reload hint shows', () => {
    if (lesson3 === undefined) throw new Error('lessons/03-opportunistic-tls.mdx is missing');
    const exercise = lesson3.data.exercises?.find((e) => e.id === 'enable-may');
    if (exercise === undefined) throw new Error('lesson 3 has no exercise enable-may');
    const reloadHints = (exercise.hints ?? []).filter(
      (h) => (typeof h.when === 'string' ? h.when : h.when.check) === 'files-differ-from-loaded',
    );
    expect(reloadHints.length).toBeGreaterThan(0);
    const s = createLessonSession({ scenario: lesson3.data.lab?.scenario ?? '' });
    // A first connection leaves an smtpd process waiting for the next one, with the settings it read.
    for (const line of ['telnet localhost 25', 'EHLO client.example.com', 'QUIT']) s.runLine(line);
    for (const line of ["postconf -e 'smtpd_tls_security_level = may'", "postconf -e 'smtp_tls_security_level = may'"]) s.runLine(line);
    const before = s.evaluate({ exercises: [exercise] })[0];
    expect(before?.done).toBe(false);
    expect(before?.goals.find((g) => g.text.includes('STARTTLS'))?.met).toBe(false);
    expect(before?.hints).toEqual(expect.arrayContaining(reloadHints.map((h) => h.text)));
    // The learner's own telnet agrees with the check: the idle process answers without STARTTLS.
    const seen = ['telnet localhost 25', 'EHLO client.example.com', 'QUIT'].map((l) => s.runLine(l)).join('');
    expect(seen).not.toMatch(/250-STARTTLS/);
    s.runLine('postfix reload');
    for (const line of ['telnet localhost 25', 'EHLO client.example.com', 'QUIT']) s.runLine(line);
    const after = s.evaluate({ exercises: [exercise] })[0];
    expect(after?.goals.every((g) => g.met)).toBe(true);
    expect(after?.done).toBe(true);
  });

  it('master.cf edited: port 587 does not listen until the reload', () => {
    const s = createLessonSession({ scenario: 'lab-default' });
    const exercise: LessonExercise = {
      id: 'x',
      text: 'x',
      solution: ['true'],
      goals: [{ check: 'listening', args: { port: 587 }, text: '587 listens' }],
      hints: [{ when: 'files-differ-from-loaded', text: 'reload!' }],
    };
    s.runLine("postconf -M submission/inet='submission inet n - y - - smtpd'");
    expect(s.evaluate({ exercises: [exercise] })[0]).toMatchObject({ done: false, goals: [{ met: false }], hints: ['reload!'] });
    s.apply();
    expect(s.evaluate({ exercises: [exercise] })[0]).toMatchObject({ done: true, goals: [{ met: true }], hints: [] });
  });
});
