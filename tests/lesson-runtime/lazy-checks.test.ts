/**
 * The browser's lazily loaded goal checks (issue 12, weight), run in Node: lab-checks.ts is swapped for
 * lab-checks.browser.ts here, as the site's build does, so a session starts without the predicates until
 * `loadChecks()` has run. What the learner did before the code came counts the same once it is here, and
 * the answers are those of a session whose checks were there all along (what Node gets at once). The
 * machine chunk, bundled as the browser build does it, leaves the predicates to their own chunk.
 */
import { describe, expect, it, vi } from 'vitest';
import { createLessonSession as eagerSession } from '../../src/lesson-runtime/session.ts';
import { browserBundle } from '../support/browser-bundle.ts';

async function fresh() {
  vi.resetModules();
  vi.doMock('../../src/lesson-runtime/lab-checks.ts', async () => await import('../../src/lesson-runtime/lab-checks.browser.ts'));
  const checks = await import('../../src/lesson-runtime/lab-checks.ts');
  const { createLessonSession, ChecksNotLoaded } = await import('../../src/lesson-runtime/session.ts');
  return { checks, createLessonSession, ChecksNotLoaded };
}

/** An exercise with a seen goal (a line typed in telnet), a state goal and a hint. */
const LESSON = {
  exercises: [
    {
      id: 'plain',
      goals: [
        { check: 'saw-reply', args: { port: 25, code: 250 }, text: 'EHLO answered' },
        { check: 'ehlo-lacks', args: { port: 25, keyword: 'STARTTLS' }, text: 'no STARTTLS' },
      ],
      hints: [{ when: 'files-differ-from-loaded', text: 'reload' }],
    },
  ],
};

const LINES = ['telnet localhost 25', 'EHLO client.example.com', 'QUIT', 'postconf -e smtpd_tls_security_level=none'];

describe('goal checks that come later', { timeout: 60_000 }, () => {
  it('refuse to check before the code is here, then count what was done meanwhile', async () => {
    const lazy = await fresh();
    expect(lazy.checks.checksNow()).toBeNull();
    const s = lazy.createLessonSession({ scenario: 'lab-default' });
    const node = eagerSession({ scenario: 'lab-default' });
    for (const line of LINES) expect(s.runLine(line)).toBe(node.runLine(line));
    expect(() => s.evaluate(LESSON)).toThrow(lazy.ChecksNotLoaded);
    expect(() => s.check('files-differ-from-loaded')).toThrow(lazy.ChecksNotLoaded);
    expect(() => s.ehloDiff()).toThrow(lazy.ChecksNotLoaded);
    await lazy.checks.loadChecks();
    expect(lazy.checks.checksNow()).not.toBeNull();
    const first = s.evaluate(LESSON);
    expect(first).toEqual(node.evaluate(LESSON));
    expect(first[0]?.goals.map((g) => g.met)).toEqual([true, false]);
    expect(first[0]?.hints).toEqual(['reload']);
    for (const line of ['postfix reload']) expect(s.runLine(line)).toBe(node.runLine(line));
    const second = s.evaluate(LESSON);
    expect(second).toEqual(node.evaluate(LESSON));
    expect(second[0]?.done).toBe(true);
    expect(s.ehloDiff()).toEqual(node.ehloDiff());
    expect(s.image()).toEqual(node.image());
  });

  it('are left out of the machine chunk in the browser build', async () => {
    const inputsOf = await browserBundle('src/components/lab/lab-machine.ts', '/tmp/lazy-checks-test');
    const machine = inputsOf('src/components/lab/lab-machine.ts');
    const checks = inputsOf('src/lesson-runtime/goal-checks.ts');
    expect(machine).toContain('src/lesson-runtime/session.ts');
    for (const f of [
      'src/lesson-runtime/predicates/index.ts',
      'src/lesson-runtime/predicates/state.ts',
      'src/lesson-runtime/predicates/seen.ts',
      'src/lesson-runtime/probe.ts',
      'src/lesson-runtime/scratch.ts',
    ]) {
      expect(machine, f).not.toContain(f);
      expect(checks, f).toContain(f);
    }
  });
});
