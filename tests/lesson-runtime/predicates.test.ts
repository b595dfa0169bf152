/**
 * Every predicate of the table, shown false and then true on the lab (lab-default scenario): state
 * predicates through the scratch-copy probes, seen predicates through what the shell and network hooks
 * recorded. Replies are checked against the texts of the ground-truth corpus where they are protocol.
 */
import { describe, expect, it } from 'vitest';
import { PREDICATE_NAMES, PREDICATES } from '../../src/lesson-runtime/predicates/index.ts';
import { createLessonSession, type LessonSession } from '../../src/lesson-runtime/session.ts';

function lab(): LessonSession {
  return createLessonSession({ scenario: 'lab-default' });
}

function run(s: LessonSession, ...lines: string[]): string {
  return lines.map((l) => s.runLine(l)).join('');
}

/** master.cf's submission service on, with its -o options (postconf -M/-P, as a learner would type). */
const SUBMISSION = [
  "postconf -M submission/inet='submission inet n - y - - smtpd'",
  'postconf -P submission/inet/smtpd_tls_security_level=encrypt',
  'postconf -P submission/inet/smtpd_sasl_auth_enable=yes',
];

const tested = new Set<string>();
function check(s: LessonSession, check: string, args: Record<string, unknown> = {}): boolean {
  tested.add(check);
  return s.check({ check, args });
}

describe('state predicates', () => {
  it('ehlo-lists / ehlo-lacks follow the loaded smtpd_tls_security_level', () => {
    const s = lab();
    expect(check(s, 'ehlo-lists', { port: 25, keyword: 'STARTTLS' })).toBe(true);
    expect(check(s, 'ehlo-lacks', { port: 25, keyword: 'STARTTLS' })).toBe(false);
    run(s, 'postconf -e smtpd_tls_security_level=none', 'postfix reload');
    expect(check(s, 'ehlo-lists', { port: 25, keyword: 'STARTTLS' })).toBe(false);
    expect(check(s, 'ehlo-lacks', { port: 25, keyword: 'STARTTLS' })).toBe(true);
  });

  it('ehlo-lists afterStarttls sees AUTH on submission only after the handshake', () => {
    const s = lab();
    expect(check(s, 'ehlo-lists', { port: 587, keyword: 'AUTH', afterStarttls: true })).toBe(false);
    run(s, ...SUBMISSION, 'postfix reload');
    expect(check(s, 'ehlo-lists', { port: 587, keyword: 'AUTH', afterStarttls: true })).toBe(true);
    expect(check(s, 'ehlo-lists', { port: 587, keyword: 'AUTH' })).toBe(false);
    expect(check(s, 'ehlo-lacks', { port: 587, keyword: 'AUTH' })).toBe(true);
  });

  it('mail-refused-before-starttls needs encrypt', () => {
    const s = lab();
    expect(check(s, 'mail-refused-before-starttls', { port: 25 })).toBe(false);
    run(s, 'postconf -e smtpd_tls_security_level=encrypt', 'postfix reload');
    expect(check(s, 'mail-refused-before-starttls', { port: 25 })).toBe(true);
  });

  it('starttls-works and starttls-454 with a good and a missing key', () => {
    const s = lab();
    expect(check(s, 'starttls-works', { port: 25 })).toBe(true);
    expect(check(s, 'starttls-454', { port: 25 })).toBe(false);
    expect(check(s, 'cert-broken')).toBe(false);
    run(s, 'postconf -e smtpd_tls_key_file=/etc/postfix/tls/missing.key', 'postfix reload');
    expect(check(s, 'starttls-works', { port: 25 })).toBe(false);
    expect(check(s, 'starttls-454', { port: 25 })).toBe(true);
    expect(check(s, 'cert-broken')).toBe(true);
  });

  it('old-tls-refused once TLSv1 is excluded', () => {
    const s = lab();
    expect(check(s, 'old-tls-refused', { port: 25, protocol: 'TLSv1' })).toBe(false);
    run(s, "postconf -e 'smtpd_tls_protocols = !SSLv2, !SSLv3, !TLSv1, !TLSv1.1'", 'postfix reload');
    expect(check(s, 'old-tls-refused', { port: 25, protocol: 'TLSv1' })).toBe(true);
    expect(check(s, 'old-tls-refused', { port: 25, protocol: 'TLSv1.1' })).toBe(true);
  });

  it('listening and param-loaded read what Postfix loaded, not the files', () => {
    const s = lab();
    expect(check(s, 'listening', { port: 25 })).toBe(true);
    expect(check(s, 'listening', { port: 587 })).toBe(false);
    expect(check(s, 'param-loaded', { name: 'smtpd_tls_security_level', value: 'may' })).toBe(true);
    expect(check(s, 'param-loaded', { name: 'smtpd_tls_security_level', value: 'may', service: 'submission' })).toBe(false);
    run(s, ...SUBMISSION);
    expect(check(s, 'listening', { port: 587 })).toBe(false);
    expect(check(s, 'param-loaded', { name: 'smtpd_tls_security_level', value: 'encrypt', service: 'submission' })).toBe(false);
    run(s, 'postfix reload');
    expect(check(s, 'listening', { port: 587 })).toBe(true);
    expect(check(s, 'param-loaded', { name: 'smtpd_tls_security_level', value: 'encrypt', service: 'submission' })).toBe(true);
    expect(check(s, 'param-loaded', { name: 'smtpd_tls_security_level', value: 'may', service: 'smtp' })).toBe(true);
    run(s, 'postfix stop');
    expect(check(s, 'listening', { port: 25 })).toBe(false);
    expect(check(s, 'param-loaded', { name: 'smtpd_tls_security_level', value: 'may' })).toBe(false);
  });

  it('param-loaded compares protocol lists by their words', () => {
    const s = lab();
    run(s, "postconf -e 'smtpd_tls_protocols = !TLSv1,!TLSv1.1'", 'postfix reload');
    expect(check(s, 'param-loaded', { name: 'smtpd_tls_protocols', value: '!TLSv1, !TLSv1.1' })).toBe(true);
  });

  it('outgoing: sent over TLS to the STARTTLS MX, deferred at encrypt to the one without', () => {
    const s = lab();
    expect(check(s, 'outgoing', { to: 'bob@example.net', result: 'sent', tls: true })).toBe(true);
    expect(check(s, 'outgoing', { to: 'bob@example.net', result: 'sent', tls: false })).toBe(false);
    expect(check(s, 'outgoing', { to: 'bob@example.net', result: 'deferred' })).toBe(false);
    run(s, "postconf -e 'relayhost = [127.0.0.2]:2527'", 'postfix reload');
    expect(check(s, 'outgoing', { to: 'bob@example.net', result: 'sent', tls: false })).toBe(true);
    run(s, 'postconf -e smtp_tls_security_level=encrypt', 'postfix reload');
    expect(check(s, 'outgoing', { to: 'bob@example.net', result: 'deferred' })).toBe(true);
    expect(check(s, 'outgoing', { to: 'bob@example.net', result: 'sent' })).toBe(false);
  });

  it('files-differ-from-loaded until the reload', () => {
    const s = lab();
    expect(check(s, 'files-differ-from-loaded')).toBe(false);
    run(s, 'postconf -e smtpd_tls_loglevel=2');
    expect(check(s, 'files-differ-from-loaded')).toBe(true);
    run(s, 'postfix reload');
    expect(check(s, 'files-differ-from-loaded')).toBe(false);
  });

  it('only-smtpd-level when the client side has no TLS', () => {
    const s = lab();
    expect(check(s, 'only-smtpd-level')).toBe(false);
    run(s, 'postconf -e smtp_tls_security_level=none', 'postfix reload');
    expect(check(s, 'only-smtpd-level')).toBe(true);
  });
});

describe('seen predicates', () => {
  it('saw-output, saw-reply and typed-after-starttls-in-telnet from a telnet session', () => {
    const s = lab();
    expect(check(s, 'saw-output', { pattern: '^250-STARTTLS$' })).toBe(false);
    expect(check(s, 'saw-reply', { port: 25, code: 220, text: 'Ready to start TLS' })).toBe(false);
    run(s, 'telnet localhost 25', 'EHLO client.example.com');
    expect(check(s, 'saw-output', { pattern: '^250-STARTTLS$' })).toBe(true);
    expect(check(s, 'saw-output', { pattern: '^250-STARTTLS$', program: 'telnet' })).toBe(true);
    expect(check(s, 'saw-output', { pattern: '^250-STARTTLS$', program: 'postconf' })).toBe(false);
    run(s, 'STARTTLS');
    expect(check(s, 'saw-reply', { port: 25, code: 220, text: '^2\\.0\\.0 Ready to start TLS$' })).toBe(true);
    expect(check(s, 'saw-reply', { port: 587, code: 220, text: 'Ready to start TLS' })).toBe(false);
    expect(check(s, 'typed-after-starttls-in-telnet')).toBe(false);
    run(s, 'QUIT');
    expect(check(s, 'typed-after-starttls-in-telnet')).toBe(true);
  });

  it('saw-reply 530 when MAIL comes before STARTTLS at encrypt', () => {
    const s = lab();
    run(s, 'postconf -e smtpd_tls_security_level=encrypt', 'postfix reload', 'telnet localhost 25', 'EHLO c.example.com');
    expect(check(s, 'saw-reply', { code: 530 })).toBe(false);
    run(s, 'MAIL FROM:<a@example.com>', 'QUIT');
    expect(check(s, 'saw-reply', { port: 25, code: 530, text: 'Must issue a STARTTLS command first' })).toBe(true);
  });

  it('handshake-done and handshake-failed from s_client', () => {
    const s = lab();
    expect(check(s, 'handshake-done', { port: 25 })).toBe(false);
    run(s, 'openssl s_client -connect localhost:25 -starttls smtp -quiet', 'QUIT');
    expect(check(s, 'handshake-done', { port: 25, version: 'TLSv1.3' })).toBe(true);
    expect(check(s, 'handshake-done', { port: 25, version: 'TLSv1.2' })).toBe(false);
    expect(check(s, 'handshake-failed', { port: 25 })).toBe(false);
    run(s, "postconf -e 'smtpd_tls_protocols = >=TLSv1.2'", 'postfix reload');
    run(s, 'openssl s_client -connect localhost:25 -starttls smtp -tls1 -cipher DEFAULT@SECLEVEL=0 -quiet');
    expect(check(s, 'handshake-failed', { port: 25 })).toBe(true);
    expect(s.lastConnection()?.outcome.failure).toBe('alert 70: protocol version');
  });

  it('ran matches the program and its arguments', () => {
    const s = lab();
    expect(check(s, 'ran', { program: 'postconf' })).toBe(false);
    run(s, '/usr/sbin/postconf -n | grep tls');
    expect(check(s, 'ran', { program: 'postconf', argsPattern: '^-n$' })).toBe(true);
    expect(check(s, 'ran', { program: 'grep', argsPattern: 'tls' })).toBe(true);
    expect(check(s, 'ran', { program: 'postconf', argsPattern: '-e' })).toBe(false);
  });

  it('log-shown needs a real mail.log line on the terminal', () => {
    const s = lab();
    run(s, "echo 'postfix/master[1]: daemon started'");
    expect(check(s, 'log-shown', { pattern: 'daemon started' })).toBe(false);
    run(s, 'tail -n 3 /var/log/mail.log');
    expect(check(s, 'log-shown', { pattern: 'postfix/master\\[\\d+\\]: daemon started' })).toBe(true);
  });

  it('not negates (hints only)', () => {
    const s = lab();
    expect(s.check({ check: 'not', args: { check: 'listening', args: { port: 587 } } })).toBe(true);
  });
});

describe('the table', () => {
  it('every predicate was tested both ways above', () => {
    // Runs last in this file (vitest keeps file order).
    expect(PREDICATE_NAMES.filter((n) => !tested.has(n))).toEqual([]);
    expect(Object.keys(PREDICATES).sort()).toEqual([...PREDICATE_NAMES].sort());
  });
});
