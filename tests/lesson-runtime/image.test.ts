/** The lab image: a session's state survives a round trip, including an edit Postfix has not loaded. */
import { describe, expect, it } from 'vitest';
import type { LabImage } from '../../src/lesson-runtime/lab-image.ts';
import { parseLabImage } from '../../src/lesson-runtime/lab-image-check.ts';
import { createLessonSession } from '../../src/lesson-runtime/session.ts';

const MAIN = '/etc/postfix/main.cf';

function roundTrip(image: LabImage): LabImage {
  const parsed = parseLabImage(JSON.parse(JSON.stringify(image)));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.image;
}

describe('lab image', () => {
  it('a fresh session differs from its scenario in nothing', () => {
    const img = createLessonSession({ scenario: 'lab-default' }).image();
    expect(img.files).toEqual({});
    expect(img.loaded?.mainCf).toContain('smtpd_tls_security_level = may');
    expect(img.exercisesDone).toEqual([]);
  });

  it('keeps changed, new and deleted files with their modes, and an unapplied edit stays unapplied', () => {
    const a = createLessonSession({ scenario: 'lab-default' });
    a.runLine("printf 'example.net encrypt\\n' > /etc/postfix/tls_policy");
    a.runLine('chmod 600 /etc/postfix/tls_policy');
    a.runLine('rm /etc/aliases');
    a.runLine('postconf -e smtpd_tls_security_level=none');
    const img = roundTrip(a.image());
    expect(img.files['/etc/postfix/tls_policy']).toEqual({ content: 'example.net encrypt\n', mode: 0o600 });
    expect(img.files['/etc/aliases']).toBeNull();
    expect(img.files[MAIN]?.content).toContain('smtpd_tls_security_level = none');
    expect(img.loaded?.mainCf).toContain('smtpd_tls_security_level = may');
    expect(Object.keys(img.files).some((p) => p.startsWith('/var/log/'))).toBe(false);

    const b = createLessonSession({ scenario: 'lab-default', image: img });
    expect(b.world.fs.stat('/etc/postfix/tls_policy')).toMatchObject({ content: 'example.net encrypt\n', mode: 0o600 });
    expect(b.world.fs.read('/etc/aliases')).toBeUndefined();
    expect(b.world.fs.read(MAIN)).toContain('smtpd_tls_security_level = none');
    // Postfix still runs the loaded configuration: STARTTLS is offered until the learner reloads.
    expect(b.check({ check: 'param-loaded', args: { name: 'smtpd_tls_security_level', value: 'may' } })).toBe(true);
    expect(b.check('files-differ-from-loaded')).toBe(true);
    expect(b.image()).toEqual(img);
    b.apply();
    expect(b.check({ check: 'param-loaded', args: { name: 'smtpd_tls_security_level', value: 'none' } })).toBe(true);
    expect(b.check({ check: 'ehlo-lacks', args: { port: 25, keyword: 'STARTTLS' } })).toBe(true);
  });

  it('a stopped Postfix stays stopped', () => {
    const a = createLessonSession({ scenario: 'lab-default' });
    a.runLine('postfix stop');
    const img = roundTrip(a.image());
    expect(img.loaded).toBeNull();
    const b = createLessonSession({ scenario: 'lab-default', image: img });
    expect(b.world.master.running).toBe(false);
    expect(b.check({ check: 'listening', args: { port: 25 } })).toBe(false);
  });

  it('exercises done are sticky and travel in the image', () => {
    const lesson = {
      exercises: [
        {
          id: 'see-starttls',
          text: 't',
          goals: [{ check: 'saw-output', args: { pattern: '^250-STARTTLS$' }, text: 'g' }],
          solution: ['telnet localhost 25'],
        },
      ],
    };
    const a = createLessonSession({ scenario: 'lab-default' });
    expect(a.evaluate(lesson)[0]?.done).toBe(false);
    a.runLine('telnet localhost 25');
    a.runLine('EHLO c.example.com');
    expect(a.evaluate(lesson)[0]?.done).toBe(true);
    const b = createLessonSession({ scenario: 'lab-default', image: roundTrip(a.image()) });
    const st = b.evaluate(lesson)[0];
    expect(st?.done).toBe(true);
    expect(st?.goals[0]?.met).toBe(false); // the new page has seen nothing yet; done stays done
  });

  it.each([
    ['not an object', 'x'],
    ['another format', { format: 'other', version: 1 }],
    ['a relative path', { ...createLessonSession({ scenario: 'lab-default' }).image(), files: { 'etc/x': { content: '', mode: 0o644 } } }],
    ['a bad mode', { ...createLessonSession({ scenario: 'lab-default' }).image(), files: { '/etc/x': { content: '', mode: -1 } } }],
    ['an extra key', { ...createLessonSession({ scenario: 'lab-default' }).image(), extra: 1 }],
  ])('parseLabImage rejects %s', (_l, v) => {
    expect(parseLabImage(v).ok).toBe(false);
  });
});
