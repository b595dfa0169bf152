/**
 * THE TWIN TEST: checking goals never changes the learner's world. Two identical labs get the same
 * commands; one is also checked by 100 goal evaluations (state predicates probe scratch copies, seen
 * predicates read events). Both end with the same mail.log, the same next PID and the same next queue ID.
 */
import { describe, expect, it } from 'vitest';
import { steppingClock } from '../../src/engine/world/clock.ts';
import { sequentialIds, type IdSource } from '../../src/engine/world/ids.ts';
import { LAB_EPOCH } from '../../src/engine/world/lab-world.ts';
import type { LessonFrontmatter } from '../../src/lesson-runtime/frontmatter.ts';
import { createLessonSession, type LessonSession } from '../../src/lesson-runtime/session.ts';

const COMMANDS = [
  'telnet localhost 25',
  'EHLO client.example.com',
  'STARTTLS',
  'QUIT',
  "printf 'Subject: hi\\n\\nhello\\n' | sendmail bob@example.net",
  'postconf -e smtpd_tls_loglevel=2',
  "postconf -M submission/inet='submission inet n - y - - smtpd'",
  'postconf -P submission/inet/smtpd_tls_security_level=encrypt',
  'openssl s_client -connect localhost:25 -starttls smtp -quiet',
  'QUIT',
  'postfix reload',
  'telnet localhost 587',
  'EHLO client.example.com',
  'MAIL FROM:<a@example.org>',
  'QUIT',
  "postconf -e 'relayhost = [127.0.0.2]:2527' smtp_tls_security_level=encrypt",
  'postfix reload',
  "printf 'Subject: two\\n\\nagain\\n' | sendmail carol@example.net",
  'mailq',
  'tail -n 5 /var/log/mail.log',
];

/** Goals of every kind: the state ones each probe a scratch copy. */
const LESSON: Pick<LessonFrontmatter, 'exercises'> = {
  exercises: [
    {
      id: 'all-kinds',
      text: 'everything',
      solution: ['true'],
      goals: [
        { check: 'ehlo-lists', args: { port: 25, keyword: 'STARTTLS' }, text: 'a' },
        { check: 'starttls-works', args: { port: 587 }, text: 'b' },
        { check: 'mail-refused-before-starttls', args: { port: 587 }, text: 'c' },
        { check: 'outgoing', args: { to: 'bob@example.net', result: 'sent', tls: true }, text: 'd' },
        { check: 'param-loaded', args: { name: 'smtpd_tls_loglevel', value: '2' }, text: 'e' },
        { check: 'saw-reply', args: { code: 530 }, text: 'f' },
        { check: 'handshake-done', args: { port: 25 }, text: 'g' },
        { check: 'log-shown', args: { pattern: 'status=deferred' }, text: 'h' },
      ],
      hints: [
        { when: 'files-differ-from-loaded', text: 'reload' },
        { when: 'cert-broken', text: 'cert' },
        { when: 'typed-after-starttls-in-telnet', text: 'telnet' },
      ],
    },
  ],
};

interface Twin {
  readonly session: LessonSession;
  readonly ids: IdSource;
}

function twin(): Twin {
  const ids = sequentialIds();
  return { session: createLessonSession({ scenario: 'lab-default', ids, clock: steppingClock(LAB_EPOCH, 10) }), ids };
}

describe('twin test', () => {
  it('100 goal evaluations leave the mail.log, the next PID and the next queue ID as they were', { timeout: 120_000 }, () => {
    const plain = twin();
    const checked = twin();
    let evaluations = 0;
    const evaluate = (): void => {
      checked.session.evaluate(LESSON);
      evaluations++;
    };
    const perCommand = Math.floor(100 / COMMANDS.length);
    for (const line of COMMANDS) {
      const a = plain.session.runLine(line);
      evaluate();
      const b = checked.session.runLine(line);
      for (let k = 1; k < perCommand; k++) evaluate();
      expect(b, line).toBe(a);
    }
    while (evaluations < 100) evaluate();
    expect(evaluations).toBe(100);
    // The run did something worth guarding: deliveries, both outcomes, TLS lines.
    const log = plain.session.world.logLines();
    expect(log.some((l) => l.includes('status=sent'))).toBe(true);
    expect(log.some((l) => l.includes('status=deferred'))).toBe(true);
    expect(checked.session.world.logLines()).toEqual(log);
    expect(checked.session.world.fs.read('/var/log/mail.log')).toBe(plain.session.world.fs.read('/var/log/mail.log'));
    expect(checked.ids.nextPid()).toBe(plain.ids.nextPid());
    expect(checked.ids.nextQueueId()).toBe(plain.ids.nextQueueId());
    expect(checked.session.world.queue.queueIds()).toEqual(plain.session.world.queue.queueIds());
  });
});
