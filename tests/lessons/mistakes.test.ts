/**
 * The course's common mistakes (course contract, "Mistakes"): for each, the learner's state is built in a
 * lesson session by replaying part of the solution and then the mistake; the exercise is not done, the
 * goal the mistake breaks is unmet, and the lesson's hint for that mistake is shown.
 */
import { describe, expect, it } from 'vitest';
import { MX_EXAMPLE_NET_KEY } from '../../src/engine/tls/data/lab-pki.ts';
import { createLessonSession, type LessonSession } from '../../src/lesson-runtime/session.ts';
import { lesson, replay, type ParsedLesson } from './lesson-data.ts';

interface Built {
  readonly session: LessonSession;
  readonly l: ParsedLesson;
}

function start(number: number): Built {
  const l = lesson(number);
  const scenario = l.data.lab?.scenario;
  if (scenario === undefined) throw new Error(`${l.path} has no lab`);
  return { session: createLessonSession({ scenario }), l };
}

/** The hint of `exercise` whose `when` names predicate `check` (also inside a `not`). */
function hintFor(l: ParsedLesson, exercise: string, check: string): string {
  const ex = (l.data.exercises ?? []).find((e) => e.id === exercise);
  const hint = ex?.hints?.find((h) => JSON.stringify(h.when).includes(`"${check}"`) || h.when === check);
  if (hint === undefined) throw new Error(`${l.path} ${exercise}: no hint on ${check}`);
  return hint.text;
}

/** The exercise is not done, the goal with `goalText` (a substring) is unmet, and the hint is shown. */
function expectMistake(b: Built, exercise: string, goalText: string, hintCheck: string): void {
  const status = b.session.evaluate(b.l.data).find((e) => e.id === exercise);
  expect(status?.done).toBe(false);
  const goal = status?.goals.find((g) => g.text.includes(goalText));
  expect(goal, `no goal "${goalText}"`).toBeDefined();
  expect(goal?.met).toBe(false);
  expect(status?.hints).toContain(hintFor(b.l, exercise, hintCheck));
}

describe('common mistakes get their hint', () => {
  it('lesson 3: only the server level set, outgoing stays plaintext', () => {
    const b = start(3);
    replay(b.session, [
      "postconf -e 'smtpd_tls_security_level = may'",
      'postfix reload',
      'telnet localhost 25',
      'EHLO client.example.com',
      'QUIT',
    ]);
    expectMistake(b, 'enable-may', 'Outgoing mail tries TLS', 'only-smtpd-level');
  });

  it('lesson 3: main.cf edited, Postfix not reloaded', () => {
    const b = start(3);
    // A first look leaves an idle smtpd behind, which master reuses with the settings it started with.
    replay(b.session, ['telnet localhost 25', 'EHLO client.example.com', 'QUIT']);
    replay(b.session, ["postconf -e 'smtpd_tls_security_level = may' 'smtp_tls_security_level = may'"]);
    expectMistake(b, 'enable-may', 'Outgoing mail tries TLS', 'files-differ-from-loaded');
  });

  it('lesson 3: without reload, the EHLO goal stays unmet while an idle smtpd keeps the old level', () => {
    const b = start(3);
    replay(b.session, ['telnet localhost 25', 'EHLO client.example.com', 'QUIT']);
    replay(b.session, ["postconf -e 'smtpd_tls_security_level = may' 'smtp_tls_security_level = may'"]);
    const out = replay(b.session, ['telnet localhost 25', 'EHLO client.example.com', 'QUIT']);
    expect(out).not.toContain('250-STARTTLS');
    expectMistake(b, 'enable-may', 'EHLO on port 25 lists STARTTLS', 'files-differ-from-loaded');
  });

  it('lesson 7: master.cf edited, Postfix not reloaded', () => {
    const b = start(7);
    replay(b.session, [
      "postconf -Me 'submission/inet=submission inet n - y - - smtpd -o syslog_name=postfix/submission -o smtpd_tls_security_level=encrypt'",
    ]);
    expectMistake(b, 'enable-submission', 'Something listens on port 587', 'files-differ-from-loaded');
  });

  it('lesson 7: encrypt in main.cf, so port 25 requires TLS too', () => {
    const b = start(7);
    replay(b.session, ["postconf -e 'smtpd_tls_security_level = encrypt'", 'postfix reload']);
    expectMistake(b, 'enable-submission', 'Something listens on port 587', 'param-loaded');
    // Even with the service added, port 25 now refuses plaintext mail, so the port 25 goal cannot be met.
    replay(b.session, [
      "postconf -Me 'submission/inet=submission inet n - y - - smtpd -o syslog_name=postfix/submission'",
      'postfix reload',
      'telnet localhost 25',
      'EHLO client.example.com',
      'MAIL FROM:<alice@example.org>',
      'QUIT',
    ]);
    expectMistake(b, 'enable-submission', 'port 25 still accepts MAIL FROM', 'param-loaded');
  });

  it('lesson 9: typing after 220 Ready to start TLS in telnet', () => {
    const b = start(9);
    const out = replay(b.session, ['telnet localhost 587', 'EHLO client.example.com', 'STARTTLS', 'EHLO client.example.com']);
    expect(out).toContain('Connection closed by foreign host.');
    expectMistake(b, 'handshake-587', 'You completed a TLS handshake on port 587', 'typed-after-starttls-in-telnet');
  });

  it('lesson 8: no AUTH before STARTTLS on 587, read as a fault', () => {
    const b = start(8);
    const out = replay(b.session, ['telnet localhost 587', 'EHLO client.example.com', 'QUIT']);
    expect(out).toContain('250-STARTTLS');
    expect(out).not.toContain('AUTH');
    expectMistake(b, 'auth-after-tls', 'After STARTTLS, EHLO on port 587 lists AUTH', 'saw-reply');
  });

  it('lesson 11: encrypt taken for authentication (the self-signed MX is accepted)', () => {
    const b = start(11);
    const out = replay(b.session, [
      "postconf -e 'smtp_tls_security_level = encrypt'",
      'postfix reload',
      'echo hello | sendmail -f alice@example.org bob@example.net',
      'tail -n 3 /var/log/mail.log',
    ]);
    expect(out).toMatch(/Untrusted TLS connection established to 127\.0\.0\.2\[127\.0\.0\.2\]:2526/);
    expect(out).toContain('status=sent');
    expectMistake(b, 'encrypt-defers', 'Mail to bob@example.net is deferred', 'param-loaded');
  });

  describe('lesson 4: a missing or broken certificate or key', () => {
    it('the key file does not exist (the scenario as it starts)', () => {
      const b = start(4);
      const out = replay(b.session, ['telnet localhost 25', 'EHLO client.example.com', 'STARTTLS', 'QUIT']);
      expect(out).toContain('250-STARTTLS');
      expect(out).toContain('454 4.7.0 TLS not available due to local problem');
      expectMistake(b, 'fix-key-path', 'STARTTLS on port 25 leads to a working handshake', 'cert-broken');
    });

    it('the key file holds garbage', () => {
      const b = start(4);
      b.session.world.fs.write('/etc/postfix/tls/garbage.key', 'this is not a key\n');
      replay(b.session, ["postconf -e 'smtpd_tls_key_file = /etc/postfix/tls/garbage.key'", 'postfix reload']);
      expectMistake(b, 'fix-key-path', 'STARTTLS on port 25 leads to a working handshake', 'cert-broken');
    });

    it('the key belongs to another certificate', () => {
      const b = start(4);
      b.session.world.fs.write('/etc/postfix/tls/old.key', MX_EXAMPLE_NET_KEY);
      replay(b.session, ["postconf -e 'smtpd_tls_key_file = /etc/postfix/tls/old.key'", 'postfix reload']);
      expectMistake(b, 'fix-key-path', 'STARTTLS on port 25 leads to a working handshake', 'cert-broken');
    });

    it('the certificate file does not exist', () => {
      const b = start(4);
      replay(b.session, [
        "postconf -e 'smtpd_tls_key_file = /etc/postfix/tls/mail.example.org.key' 'smtpd_tls_cert_file = /etc/postfix/tls/missing.crt'",
        'postfix reload',
      ]);
      expectMistake(b, 'fix-key-path', 'STARTTLS on port 25 leads to a working handshake', 'cert-broken');
    });
  });
});

describe('other hints fire on the state they describe', () => {
  it('lesson 2: a misspelt parameter name', () => {
    const b = start(2);
    const out = replay(b.session, ['postconf smtpd_tls_securty_level']);
    expect(out).toContain('postconf: warning: smtpd_tls_securty_level: unknown parameter');
    expectMistake(b, 'read-both-levels', 'server level', 'saw-output');
  });

  it('lesson 5: only the mandatory list restricted, which port 25 at may ignores', () => {
    const b = start(5);
    replay(b.session, ["postconf -e 'smtpd_tls_mandatory_protocols = >=TLSv1.2'", 'postfix reload']);
    expectMistake(b, 'refuse-old-tls', 'A TLS 1.0 client fails the handshake on port 25', 'param-loaded');
  });

  it('lesson 6: only the server log level raised', () => {
    const b = start(6);
    replay(b.session, [
      "postconf -e 'smtpd_tls_loglevel = 1'",
      'postfix reload',
      'echo hello | sendmail -f alice@example.org bob@example.net',
    ]);
    const out = replay(b.session, ["grep 'TLS connection' /var/log/mail.log"]);
    expect(out).not.toContain('TLS connection established to');
    expectMistake(b, 'log-handshakes', 'outgoing TLS connection', 'param-loaded');
  });

  it('lesson 10: telnet on the implicit-TLS port sees nothing', () => {
    const b = start(10);
    replay(b.session, [
      "postconf -Me 'submissions/inet=submissions inet n - y - - smtpd -o syslog_name=postfix/submissions -o smtpd_tls_wrappermode=yes -o smtpd_sasl_auth_enable=yes'",
      'postfix reload',
    ]);
    const out = replay(b.session, ['telnet localhost 465', 'EHLO client.example.com']);
    expect(out).not.toContain('220 mail.example.org');
    expectMistake(b, 'enable-submissions', 'You completed a TLS handshake on port 465 yourself', 'ran');
  });
});
