/**
 * The lessons that offer the config panel as a way through can be done with it: lesson 3 with its two level
 * controls and Apply, lesson 7 with the submission switch (the panel uncommenting Debian's block) and Apply,
 * lesson 10 with the submissions switch.
 */
import { describe, expect, it } from 'vitest';
import { enableService } from '../../src/components/lab/master-services.ts';
import { MASTER_CF_PATH } from '../../src/engine/config/master-cf.ts';
import { toggleControl } from '../../src/lesson-runtime/panel-toggle.ts';
import { createLessonSession } from '../../src/lesson-runtime/session.ts';
import { lesson, replay } from './lesson-data.ts';

function goalsOf(number: number, exercise: string, steps: (s: ReturnType<typeof createLessonSession>) => void) {
  const l = lesson(number);
  const s = createLessonSession({ scenario: l.data.lab?.scenario ?? '' });
  steps(s);
  return s.evaluate(l.data).find((e) => e.id === exercise);
}

describe('exercises done with the panel', () => {
  it('lesson 3: both level controls, Apply, then a look with telnet', () => {
    const status = goalsOf(3, 'enable-may', (s) => {
      toggleControl(s, 'smtpd_tls_security_level', 'may');
      toggleControl(s, 'smtp_tls_security_level', 'may');
      s.apply();
      replay(s, ['telnet localhost 25', 'EHLO client.example.com', 'QUIT']);
    });
    expect(status?.done).toBe(true);
  });

  it.each([
    [7, 'enable-submission', 'submission', ['telnet localhost 587', 'EHLO client.example.com', 'MAIL FROM:<alice@example.org>', 'QUIT']],
    [10, 'enable-submissions', 'submissions', ['openssl s_client -connect localhost:465 -crlf -quiet', 'EHLO client.example.com', 'QUIT']],
  ] as const)('lesson %i (%s): the %s switch and Apply', (number, exercise, service, look) => {
    const status = goalsOf(number, exercise, (s) => {
      s.world.fs.write(MASTER_CF_PATH, enableService(s.world.fs.read(MASTER_CF_PATH) ?? '', service));
      s.apply();
      replay(s, look);
      if (number === 7) replay(s, ['telnet localhost 25', 'EHLO client.example.com', 'MAIL FROM:<alice@example.org>', 'QUIT']);
    });
    expect(status?.goals.filter((g) => !g.met)).toEqual([]);
    expect(status?.done).toBe(true);
  });
});
