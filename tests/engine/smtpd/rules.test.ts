import { describe, expect, it } from 'vitest';
import { corpusAnswer, corpusLine } from './corpus/replies.ts';
import { lab, plain } from './harness.ts';

/**
 * Rules from the corpus and postfix-facts.md applied to combinations the corpus does not record.
 * Expected texts are read from the corpus (corpusAnswer) or quoted from postfix-facts.md.
 */
const EHLO_MAY = corpusAnswer('p25-level-may', 0, 'EHLO client.example.com'); // STARTTLS, no AUTH
const EHLO_MAY_SASL = corpusAnswer('p25-may-sasl-global', 0, 'EHLO client.example.com'); // STARTTLS and AUTH
const EHLO_AFTER_TLS_SASL = corpusAnswer('submission-587-auth-only', 1, 'EHLO client.example.com', 1); // AUTH, no STARTTLS
const EHLO_AFTER_TLS = corpusAnswer('p25-level-may', 0, 'EHLO client.example.com', 1); // neither
const OK_RCPT = corpusLine('p25-level-may', 0, 'RCPT TO:<root@example.org>');
const OK_MAIL = corpusLine('p25-level-may', 0, 'MAIL FROM:<alice@example.org>');
const RELAY_454 = corpusLine('p25-level-may', 0, 'RCPT TO:<bob@example.net>');
const AUTH_OK = corpusLine('submission-587-no-auth-only', 1, 'AUTH PLAIN AGFsaWNlAHNlY3JldA==');
const READY = corpusLine('p25-level-may', 0, 'STARTTLS');

describe('EHLO and AUTH by level, auth_only and TLS', () => {
  it('may + smtpd_tls_auth_only=yes on a submission service: no AUTH before TLS, 503 for AUTH, AUTH after TLS', () => {
    const l = lab({
      service: 'submission',
      overrides: {
        syslog_name: 'postfix/submission',
        smtpd_tls_security_level: 'may',
        smtpd_sasl_auth_enable: 'yes',
        smtpd_tls_auth_only: 'yes',
      },
    });
    const c = l.connect();
    expect(c.send('EHLO client.example.com')).toEqual(EHLO_MAY);
    // MANIFEST fact 3: with may + auth_only the pre-TLS answer is 503, not 530.
    expect(c.send(`AUTH PLAIN ${plain('alice', 'secret')}`)).toEqual(['503 5.5.1 Error: authentication not enabled']);
    expect(c.send('MAIL FROM:<alice@example.org>')).toEqual([OK_MAIL]);
    expect(c.send('STARTTLS')).toEqual([READY]);
    expect(c.tls()).toEqual([]);
    expect(c.send('EHLO client.example.com')).toEqual(EHLO_AFTER_TLS_SASL);
    expect(c.send(`AUTH PLAIN ${plain('alice', 'secret')}`)).toEqual([AUTH_OK]);
    expect(l.start.ok && l.start.process.program).toBe('postfix/submission/smtpd');
  });

  it('may without auth_only: AUTH offered and accepted in plaintext (MANIFEST fact 3)', () => {
    const c = lab({ main: { smtpd_sasl_auth_enable: 'yes' } }).connect();
    expect(c.send('EHLO client.example.com')).toEqual(EHLO_MAY_SASL);
    expect(c.send(`AUTH PLAIN ${plain('alice', 'secret')}`)).toEqual([AUTH_OK]);
  });

  it('level none with SASL: AUTH but no STARTTLS, and STARTTLS is 502', () => {
    const c = lab({ main: { smtpd_tls_security_level: 'none', smtpd_sasl_auth_enable: 'yes' } }).connect();
    expect(c.send('EHLO client.example.com')).toEqual(EHLO_MAY_SASL.filter((l) => l !== '250-STARTTLS'));
    expect(c.send('STARTTLS')).toEqual([corpusLine('p25-level-none', 0, 'STARTTLS')]);
  });

  it('the legacy smtpd_use_tls = yes means may when the level is empty (facts §3)', () => {
    const c = lab({ main: { smtpd_tls_security_level: '', smtpd_use_tls: 'yes' } }).connect();
    expect(c.send('EHLO client.example.com')).toEqual(EHLO_MAY);
    const none = lab({ main: { smtpd_tls_security_level: '' } }).connect();
    expect(none.send('EHLO client.example.com')).toEqual(EHLO_AFTER_TLS);
  });

  it('HELO keeps the session SMTP for the Received protocol; EHLO makes it ESMTP, and HELO after EHLO keeps ESMTP', () => {
    const l = lab();
    const c = l.connect();
    c.send('HELO client.example.com');
    c.send('MAIL FROM:<alice@example.org>');
    c.send('RCPT TO:<root@example.org>');
    c.send('DATA');
    c.raw('Subject: x\r\n\r\nhi\r\n.\r\n');
    c.send('EHLO client.example.com');
    c.send('HELO client.example.com');
    c.send('MAIL FROM:<alice@example.org>');
    c.send('RCPT TO:<root@example.org>');
    c.send('DATA');
    c.raw('Subject: y\r\n\r\nhi\r\n.\r\n');
    expect(l.enqueued.map((m) => (m.origin.kind === 'smtpd' ? m.origin.protocol : ''))).toEqual(['SMTP', 'ESMTP']);
  });
});

describe('smtpd_discard_ehlo_keywords (facts §1)', () => {
  it('AUTH and STARTTLS discarded: not listed, logged per EHLO, and the commands refused', () => {
    const l = lab({ main: { smtpd_sasl_auth_enable: 'yes', smtpd_discard_ehlo_keywords: 'starttls, auth' } });
    const c = l.connect();
    expect(c.send('EHLO client.example.com')).toEqual(EHLO_MAY_SASL.filter((x) => x !== '250-STARTTLS' && x !== '250-AUTH PLAIN LOGIN'));
    expect(l.log).toContain('discarding EHLO keywords: AUTH STARTTLS');
    expect(c.send('STARTTLS')).toEqual(['502 5.5.1 Error: command not implemented']);
    expect(c.send(`AUTH PLAIN ${plain('alice', 'secret')}`)).toEqual(['503 5.5.1 Error: authentication not enabled']);
  });

  it('silent-discard and a discarded ENHANCEDSTATUSCODES log nothing; SMTPUTF8 is logged as EHLO_MASK_SMTPUTF8', () => {
    const quiet = lab({ main: { smtpd_discard_ehlo_keywords: 'silent-discard, PIPELINING' } });
    expect(quiet.connect().send('EHLO x')[1]).toBe('250-SIZE 10240000');
    expect(quiet.log.some((t) => t.startsWith('discarding'))).toBe(false);
    const enh = lab({ main: { smtpd_discard_ehlo_keywords: 'ENHANCEDSTATUSCODES VRFY' } });
    enh.connect().send('EHLO x');
    expect(enh.log.some((t) => t.startsWith('discarding'))).toBe(false);
    const utf = lab({ main: { smtpd_discard_ehlo_keywords: 'smtputf8 chunking bogus' } });
    const lines = utf.connect().send('EHLO x');
    expect(lines.slice(-2)).toEqual(['250-8BITMIME', '250 DSN']);
    expect(utf.log).toContain('discarding EHLO keywords: EHLO_MASK_SMTPUTF8 CHUNKING');
  });
});

describe('relay control', () => {
  it('mynetworks with 127.0.0.0/8 permits relay (permit_mynetworks); the base 192.0.2.0/32 does not', () => {
    const l = lab({ main: { mynetworks: '127.0.0.0/8 [::1]/128' } });
    const c = l.connect();
    c.send('EHLO client.example.com');
    c.send('MAIL FROM:<alice@example.org>');
    expect(c.send('RCPT TO:<bob@example.net>')).toEqual([OK_RCPT]);
    const base = lab().connect();
    base.send('EHLO client.example.com');
    base.send('MAIL FROM:<alice@example.org>');
    expect(base.send('RCPT TO:<bob@example.net>')).toEqual([RELAY_454]);
  });

  it('a `!` entry excludes an address before a wider block matches; other clients do not match', () => {
    const l = lab({ main: { mynetworks: '!127.0.0.1, 127.0.0.0/8' } });
    const c = l.connect();
    c.send('MAIL FROM:<alice@example.org>');
    expect(c.send('RCPT TO:<bob@example.net>')).toEqual([RELAY_454]);
    const other = l.connect('unknown', '127.0.0.2');
    other.send('MAIL FROM:<alice@example.org>');
    expect(other.send('RCPT TO:<bob@example.net>')).toEqual([OK_RCPT]);
  });

  it('reject_unauth_destination answers 554 (facts §2) and logs the NOQUEUE reject', () => {
    const l = lab({ main: { smtpd_relay_restrictions: 'permit_mynetworks, reject_unauth_destination' } });
    const c = l.connect();
    c.send('EHLO client.example.com');
    c.send('MAIL FROM:<alice@example.org>');
    expect(c.send('RCPT TO:<bob@example.net>')).toEqual(['554 5.7.1 <bob@example.net>: Relay access denied']);
    expect(l.log).toContain(
      'NOQUEUE: reject: RCPT from localhost[127.0.0.1]: 554 5.7.1 <bob@example.net>: Relay access denied; from=<alice@example.org> to=<bob@example.net> proto=ESMTP helo=<client.example.com>',
    );
  });

  it('an empty relay list and an empty recipient list let anything through', () => {
    const c = lab({ main: { smtpd_relay_restrictions: '' } }).connect();
    c.send('MAIL FROM:<>');
    expect(c.send('RCPT TO:<bob@example.net>')).toEqual([OK_RCPT]);
  });

  it('local domains: mydestination, case-insensitive, unknown users rejected, unqualified names local', () => {
    const l = lab();
    const c = l.connect();
    c.send('MAIL FROM:<alice@example.org>');
    expect(c.send('RCPT TO:<ROOT@Mail.Example.ORG>')).toEqual([OK_RCPT]);
    expect(c.send('RCPT TO:<postmaster@localhost>')).toEqual([OK_RCPT]);
    expect(c.send('RCPT TO:<root>')).toEqual([OK_RCPT]);
    expect(c.send('RCPT TO:<nosuchuser@example.org>')).toEqual([corpusLine('smtp-edge-cases', 0, 'RCPT TO:<nosuchuser@example.org>')]);
  });

  it('a misspelt restriction: warning, 451 and a postmaster notice at the end (software error)', () => {
    const l = lab({ main: { smtpd_relay_restrictions: 'permit_mynetworks, permit_sasl_authentication, reject' } });
    const c = l.connect();
    c.send('EHLO client.example.com');
    c.send('MAIL FROM:<alice@example.org>');
    expect(c.send('RCPT TO:<bob@example.net>')).toEqual(['451 4.3.5 Server configuration error']);
    expect(l.log).toContain('warning: unknown smtpd restriction: "permit_sasl_authentication"');
    c.send('QUIT');
    expect(l.enqueued.map((m) => m.origin.kind)).toEqual(['internal']);
  });

  it('submission restrictions: authenticated relay is allowed, unauthenticated local delivery is not (MANIFEST fact 6)', () => {
    const l = lab({
      service: 'submission',
      overrides: {
        syslog_name: 'postfix/submission',
        smtpd_tls_security_level: 'encrypt',
        smtpd_sasl_auth_enable: 'yes',
        smtpd_relay_restrictions: 'permit_sasl_authenticated,reject',
      },
    });
    const c = l.connect();
    c.send('EHLO client.example.com');
    c.send('STARTTLS');
    c.tls();
    c.send('EHLO client.example.com');
    c.send('MAIL FROM:<alice@example.org>');
    expect(c.send('RCPT TO:<root@example.org>')).toEqual([corpusLine('submission-587-auth-only', 1, 'RCPT TO:<root@example.org>')]);
    c.send('RSET');
    c.send(`AUTH PLAIN ${plain('alice', 'secret')}`);
    c.send('MAIL FROM:<alice@example.org>');
    expect(c.send('RCPT TO:<bob@example.net>')).toEqual([OK_RCPT]);
    expect(l.log.at(-1)).toMatch(/^[0-9A-F]{11}: client=localhost\[127\.0\.0\.1\], sasl_method=PLAIN, sasl_username=alice$/);
  });
});

describe('SIZE, VRFY and TLS level variants', () => {
  it('message_size_limit = 0 advertises a bare SIZE (facts §1); a declared SIZE over the limit is refused', () => {
    expect(
      lab({ main: { message_size_limit: '0' } })
        .connect()
        .send('EHLO x'),
    ).toContain('250-SIZE');
    const c = lab().connect();
    expect(c.send('MAIL FROM:<alice@example.org> SIZE=20000000')).toEqual(['552 5.3.4 Message size exceeds fixed limit']);
    expect(c.send('MAIL FROM:<alice@example.org> SIZE=316 BODY=8BITMIME')).toEqual([OK_MAIL]);
  });

  it('disable_vrfy_command = yes: no VRFY keyword, and VRFY is refused', () => {
    const c = lab({ main: { disable_vrfy_command: 'yes' } }).connect();
    expect(c.send('EHLO x')).not.toContain('250-VRFY');
    expect(c.send('VRFY root')).toEqual(['502 5.5.1 VRFY command is disabled']);
  });

  it('level verify warns and acts as encrypt (facts §3)', () => {
    const l = lab({ main: { smtpd_tls_security_level: 'verify' } });
    expect(l.log[0]).toBe('warning: smtpd_tls_security_level: unsupported TLS level "verify", using "encrypt"');
    const c = l.connect();
    expect(c.send('MAIL FROM:<alice@example.org>')).toEqual([corpusLine('p25-level-encrypt', 0, 'MAIL FROM:<alice@example.org>')]);
  });

  it('levels are case-insensitive; dane is fatal at the server (facts §3)', () => {
    expect(
      lab({ main: { smtpd_tls_security_level: 'MAY' } })
        .connect()
        .send('EHLO x'),
    ).toContain('250-STARTTLS');
    const dane = lab({ main: { smtpd_tls_security_level: 'dane' } });
    expect(dane.start.ok).toBe(false);
    expect(dane.log).toEqual(['fatal: Invalid TLS level "dane"']);
  });

  it('wrapper mode forces enforce and auth_only whatever the level says (facts §3)', () => {
    const l = lab({
      service: 'submissions',
      overrides: { smtpd_tls_wrappermode: 'yes', smtpd_tls_security_level: 'none', smtpd_sasl_auth_enable: 'yes' },
    });
    const c = l.connect();
    expect(c.banner).toEqual([]);
    expect(c.tls()).toEqual(['220 mail.example.org ESMTP Postfix']);
    expect(c.send('EHLO client.example.com')).toEqual(corpusAnswer('submissions-465-wrappermode', 1, 'EHLO client.example.com'));
  });
});
