/**
 * Every command a lesson shows in a ```sh block runs in the lab as the lesson describes it: in the lesson's
 * scenario, after the lesson's solutions (so the services they add exist), without an unknown command or
 * option, and with exit status 0 (1 for the TLS 1.0 client that lesson 5 shows failing).
 */
import { describe, expect, it } from 'vitest';
import { createLessonSession } from '../../src/lesson-runtime/session.ts';
import { parsedLessons, replay } from './lesson-data.ts';

const cases = parsedLessons().flatMap((l) =>
  [...l.body.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) =>
    (m[1] ?? '')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => [l.path, line, l] as const),
  ),
);

describe('shell commands in lessons', () => {
  it('finds commands to run', () => {
    expect(cases.length).toBeGreaterThan(8);
  });

  it.each(cases)('%s: %s', (_path, line, l) => {
    const session = createLessonSession({ scenario: l.data.lab?.scenario ?? 'lab-default' });
    for (const ex of l.data.exercises ?? []) replay(session, ex.solution);
    const out = session.runLine(line);
    expect(out).not.toMatch(/command not found|unknown option|invalid option|unrecognized option|[Uu]sage:/);
    // An interactive program (s_client, telnet) may still run: end it, then read the exit status. The one
    // command a lesson runs to watch it fail (lesson 5: a TLS 1.0 client after the change) must fail so.
    const atPrompt = out.trimEnd().endsWith('root@mail:~#');
    const status = (atPrompt ? '' : session.runLine('quit')) + session.runLine('echo "status=$?"');
    if (out.includes('SSL alert number 70')) expect(status).toContain('status=1');
    else expect(status).toContain('status=0');
  });
});
