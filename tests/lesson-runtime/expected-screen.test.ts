/**
 * The expected screens printed with a lesson and in the handout: the solution replay's terminal text.
 * Lesson 3's screen must show the EHLO answer with STARTTLS exactly as real Postfix printed it in the
 * corpus scenario p25-level-may, and the same lesson must give the same text every time.
 */
import { describe, expect, it } from 'vitest';
import transcript from '../../../shared/postfix-ground-truth/p25-level-may/transcript.normalized.txt?raw';
import { expectedScreens, plainTerminalText } from '../../src/lesson-runtime/expected-screen.ts';
import { lessonFiles, parseLesson } from './lesson-files.ts';

const lessons = lessonFiles.map((f) => parseLesson(f.path, f.text));

function screensOf(prefix: string): { id: string; text: string }[] {
  const lesson = lessons.find((l) => l.path.startsWith(prefix));
  if (lesson?.data.lab === undefined) throw new Error(`no lesson ${prefix} with a lab`);
  return expectedScreens(lesson.data.lab.scenario, lesson.data.exercises ?? []);
}

describe('expected screens', () => {
  it('lesson 3 shows the recorded 250-STARTTLS line of p25-level-may', () => {
    // The first EHLO answer of the recording, S: lines from 250-<host> to the last 250 line.
    const lines = transcript.split(/\r?\n/);
    const start = lines.findIndex((l) => l.startsWith('S: 250-'));
    const end = lines.findIndex((l, i) => i > start && l.startsWith('S: 250 '));
    const ehlo = lines.slice(start, end + 1).map((l) => l.slice(3));
    expect(ehlo).toContain('250-STARTTLS');
    const [screen] = screensOf('03-');
    const shown = screen?.text.split('\n') ?? [];
    const at = shown.indexOf(ehlo[0] ?? '');
    expect(at, 'the EHLO answer is on the screen').toBeGreaterThanOrEqual(0);
    expect(shown.slice(at, at + ehlo.length)).toEqual(ehlo);
    // Typed lines and the first prompt are on the screen, with no terminal escapes.
    expect(screen?.text).toMatch(/^root@mail:~# postconf -e 'smtpd_tls_security_level = may'$/m);
    expect(screen?.text).not.toMatch(/\u001b/);
  });

  it('is deterministic', () => {
    expect(screensOf('03-')).toEqual(screensOf('03-'));
  });

  it('gives one screen per exercise for every lesson with a lab', () => {
    for (const l of lessons) {
      if (l.data.lab === undefined) continue;
      const ex = l.data.exercises ?? [];
      const screens = expectedScreens(l.data.lab.scenario, ex);
      expect(screens.map((s) => s.id)).toEqual(ex.map((e) => e.id));
      for (const s of screens) expect(s.text.length, `${l.path} ${s.id}`).toBeGreaterThan(0);
    }
  });

  it('plain text: escapes removed, CR LF folded, backspaces applied', () => {
    expect(plainTerminalText('\u001b[1mab\u0008c\u001b[0m\r\nx\r')).toBe('ac\nx');
  });
});
