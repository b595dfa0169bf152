import { describe, expect, it } from 'vitest';
import { corpusLine } from './corpus/replies.ts';
import { lab, plain, type Conversation } from './harness.ts';

const AUTH_OK = corpusLine('submission-587-auth-only', 3, 'AUTH PLAIN AGFsaWNlAHNlY3JldA==');
const AUTH_FAIL = corpusLine('submission-587-auth-only', 2, 'AUTH PLAIN AGFsaWNlAHdyb25n');
const BAD_PROTOCOL = corpusLine('submission-587-auth-only', 2, 'AUTH PLAIN not-base64!!');
const USERNAME = corpusLine('submission-587-auth-only', 4, 'AUTH LOGIN');
const PASSWORD = corpusLine('submission-587-auth-only', 4, 'YWxpY2U=');

function saslSession(): { log: string[]; c: Conversation } {
  const l = lab({ main: { smtpd_sasl_auth_enable: 'yes' } });
  const c = l.connect();
  c.send('EHLO client.example.com');
  return { log: l.log, c };
}

describe('AUTH', () => {
  it('LOGIN with the username as initial response goes straight to the password prompt', () => {
    const { c, log } = saslSession();
    expect(c.send('AUTH LOGIN YWxpY2U=')).toEqual([PASSWORD]);
    expect(c.send('c2VjcmV0')).toEqual([AUTH_OK]);
    c.send('MAIL FROM:<alice@example.org>');
    c.send('RCPT TO:<bob@example.net>');
    expect(log.at(-1)).toMatch(/: client=localhost\[127\.0\.0\.1\], sasl_method=LOGIN, sasl_username=alice$/);
  });

  it('realms: alice, alice@example.org and alice@mail.example.org are in the sasldb (base/notes.txt); other realms are not', () => {
    for (const user of ['alice', 'alice@example.org', 'alice@mail.example.org']) {
      expect(saslSession().c.send(`AUTH PLAIN ${plain(user, 'secret')}`)).toEqual([AUTH_OK]);
    }
    const { c, log } = saslSession();
    expect(c.send(`AUTH PLAIN ${plain('alice@example.net', 'secret')}`)).toEqual([AUTH_FAIL]);
    expect(log.at(-1)).toBe(
      'warning: localhost[127.0.0.1]: SASL PLAIN authentication failed: authentication failure, sasl_username=alice@example.net',
    );
  });

  it('the mechanism name is matched in any case and logged as typed', () => {
    const { c, log } = saslSession();
    expect(c.send('auth plain')).toEqual([corpusLine('submission-587-auth-only', 2, 'AUTH PLAIN')]);
    expect(c.send('*')).toEqual([corpusLine('submission-587-auth-only', 2, '*')]);
    expect(log.at(-1)).toBe('warning: localhost[127.0.0.1]: SASL plain authentication aborted');
  });

  it('a bad base64 answer to a challenge is a protocol failure; `*` at the password prompt aborts', () => {
    const { c } = saslSession();
    expect(c.send('AUTH LOGIN')).toEqual([USERNAME]);
    expect(c.send('%%%')).toEqual([BAD_PROTOCOL]);
    expect(c.send('AUTH LOGIN')).toEqual([USERNAME]);
    expect(c.send('YWxpY2U=')).toEqual([PASSWORD]);
    expect(c.send('*')).toEqual(['501 5.7.0 Authentication aborted']);
  });

  it('AUTH inside a transaction is refused (facts §2); too many arguments is a syntax error', () => {
    const { c } = saslSession();
    c.send('MAIL FROM:<alice@example.org>');
    expect(c.send(`AUTH PLAIN ${plain('alice', 'secret')}`)).toEqual(['503 5.5.1 Error: MAIL transaction in progress']);
    c.send('RSET');
    expect(c.send('AUTH PLAIN a b')).toEqual([corpusLine('submission-587-auth-only', 2, 'AUTH')]);
  });

  it('broken_sasl_auth_clients adds AUTH= after AUTH (corpus p25-sasl-broken-clients), also after TLS', () => {
    const l = lab({ main: { smtpd_sasl_auth_enable: 'yes', broken_sasl_auth_clients: 'yes', smtpd_tls_auth_only: 'yes' } });
    const c = l.connect();
    expect(c.send('EHLO x')).not.toContain('250-AUTH=PLAIN LOGIN');
    c.send('STARTTLS');
    c.tls();
    const ehlo = c.send('EHLO x');
    expect(ehlo.slice(4, 7)).toEqual(['250-ETRN', '250-AUTH PLAIN LOGIN', '250-AUTH=PLAIN LOGIN']);
  });

  it('smtpd_sasl_security_options = noplaintext hides PLAIN and LOGIN before TLS, smtpd_sasl_tls_security_options allows them after', () => {
    const l = lab({
      main: {
        smtpd_sasl_auth_enable: 'yes',
        smtpd_sasl_security_options: 'noanonymous, noplaintext',
        smtpd_sasl_tls_security_options: 'noanonymous',
      },
    });
    const c = l.connect();
    expect(c.send('EHLO x').some((x) => x.startsWith('250-AUTH'))).toBe(false);
    c.send('STARTTLS');
    c.tls();
    expect(c.send('EHLO x')).toContain('250-AUTH PLAIN LOGIN');
  });
});

describe('MAIL, RCPT, DATA', () => {
  it('dot-unstuffing, the end-of-data line, and what cleanup receives', () => {
    const l = lab({ main: { smtpd_sasl_auth_enable: 'yes' } });
    const c = l.connect();
    c.send('EHLO client.example.com');
    c.send('STARTTLS');
    c.tls();
    c.send('EHLO client.example.com');
    c.send(`AUTH PLAIN ${plain('alice', 'secret')}`);
    c.send('MAIL FROM:<alice@example.org>');
    c.send('RCPT TO:<bob@example.net>');
    c.send('RCPT TO:<root@example.org>');
    expect(c.send('DATA')).toEqual([corpusLine('p25-level-may', 0, 'DATA')]);
    const out = c.raw('Subject: dots\r\n\r\n..leading dot\r\n.\r\nQUIT\r\n');
    expect(out[0]).toMatch(/^250 2\.0\.0 Ok: queued as [0-9A-F]{11}$/);
    expect(out[1]).toBe('221 2.0.0 Bye');
    const m = l.enqueued[0];
    expect(m?.sender).toBe('alice@example.org');
    expect(m?.recipients).toEqual(['bob@example.net', 'root@example.org']);
    expect(m?.content).toBe('Subject: dots\n\n.leading dot\n');
    expect(m?.queueId).toBe(out[0]?.slice(-11));
    expect(m?.origin).toMatchObject({
      kind: 'smtpd',
      protocol: 'ESMTPSA',
      helo: 'client.example.com',
      saslMethod: 'PLAIN',
      saslUsername: 'alice',
      program: 'postfix/smtpd',
    });
    expect(m?.origin.kind === 'smtpd' && m.origin.tls?.version).toBe('TLSv1.3');
  });

  it('the null sender, a sender without brackets, and a source route', () => {
    const l = lab();
    const c = l.connect();
    expect(c.send('MAIL FROM:<>')).toEqual([corpusLine('p25-level-may', 0, 'MAIL FROM:<alice@example.org>')]);
    c.send('RCPT TO:<@relay.example:root@example.org>');
    c.send('DATA');
    c.raw('x\r\n.\r\n');
    expect(l.enqueued[0]?.sender).toBe('');
    expect(l.enqueued[0]?.recipients).toEqual(['root@example.org']);
  });

  it('RCPT TO:<> and unknown parameters', () => {
    const c = lab().connect();
    c.send('MAIL FROM:<alice@example.org>');
    expect(c.send('RCPT TO:<>')).toEqual(['501 5.1.3 Bad recipient address syntax']);
    expect(c.send('RCPT TO:<root@example.org> FOO=bar')).toEqual(['555 5.5.4 Unsupported option: FOO=bar']);
    expect(c.send('RCPT TO:<root@example.org> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;root@example.org')).toEqual([
      corpusLine('p25-level-may', 0, 'RCPT TO:<root@example.org>'),
    ]);
  });

  it('VRFY of a remote address runs the relay check (smtpd_check_rcpt)', () => {
    const l = lab();
    const c = l.connect();
    c.send('EHLO client.example.com');
    expect(c.send('VRFY bob@example.net')).toEqual([corpusLine('p25-level-may', 0, 'RCPT TO:<bob@example.net>')]);
    expect(l.log.at(-1)).toBe(
      'NOQUEUE: reject: VRFY from localhost[127.0.0.1]: 454 4.7.1 <bob@example.net>: Relay access denied; to=<bob@example.net> proto=ESMTP helo=<client.example.com>',
    );
  });

  it('ETRN: syntax, and a domain outside fast_flush_domains (empty: $relay_domains)', () => {
    const l = lab();
    const c = l.connect();
    c.send('EHLO client.example.com');
    expect(c.send('ETRN')).toEqual([corpusLine('smtp-edge-cases', 0, 'ETRN')]);
    expect(c.send('ETRN example.org')).toEqual(['459 <example.org>: service unavailable']);
    expect(l.log.at(-1)).toBe('warning: reject: ETRN example.org... from localhost[127.0.0.1]');
    expect(
      lab({ main: { relay_domains: 'example.org' } })
        .connect()
        .send('ETRN example.org'),
    ).toEqual(['250 Queuing started']);
  });

  it('the HELO name is cleaned up for logs: extra words joined, specials neutered', () => {
    const l = lab();
    const c = l.connect();
    expect(c.send('HELO client <example>.com')).toEqual([corpusLine('p25-level-none', 0, 'HELO client.example.com')]);
    c.send('MAIL FROM:<alice@example.org>');
    c.send('RCPT TO:<bob@example.net>');
    expect(l.log.at(-1)).toMatch(/ proto=SMTP helo=<client\?\?example\?\.com>$/);
  });

  it('lines: 2047 bytes with CRLF are whole, 2048 are cut (line_length_limit counts the CR)', () => {
    const l = lab();
    const c = l.connect();
    expect(c.send(`NOOP ${'x'.repeat(2041)}`)).toEqual(['250 2.0.0 Ok']);
    expect(l.log.some((x) => x.includes('request longer'))).toBe(false);
    expect(c.raw(`NOOP ${'x'.repeat(2041)}y\r\nNOOP\r\n`)).toEqual(['250 2.0.0 Ok', '250 2.0.0 Ok']);
    expect(l.log.filter((x) => x.includes('request longer'))).toHaveLength(1);
  });

  it('a long line sent in several packets is answered once its LF arrives', () => {
    const c = lab().connect();
    expect(c.raw(`NOOP ${'x'.repeat(3000)}`)).toEqual([]);
    expect(c.raw('x'.repeat(500))).toEqual([]);
    expect(c.raw('\r\n')).toEqual(['250 2.0.0 Ok']);
  });

  it('BDAT (CHUNKING, replies from the Postfix source): chunks, LAST queues the message', () => {
    const l = lab();
    const c = l.connect();
    c.send('EHLO client.example.com');
    expect(c.raw('BDAT 4\r\nabc\n')).toEqual([corpusLine('smtp-edge-cases', 0, 'DATA')]);
    c.send('MAIL FROM:<alice@example.org>');
    c.send('RCPT TO:<root@example.org>');
    expect(c.raw('BDAT 10\r\nSubject: a')).toEqual(['250 2.0.0 Ok: 10 bytes']);
    const out = c.raw('BDAT 8 LAST\r\n\r\n\r\nbody\r\n');
    expect(out[0]).toMatch(/^250 2\.0\.0 Ok: queued as [0-9A-F]{11}$/);
    expect(l.enqueued[0]?.content).toBe('Subject: a\n\nbody');
    expect(c.send('BDAT x')).toEqual(['501 5.5.4 Syntax: BDAT count [LAST]']);
  });
});

describe('message_size_limit on the content', () => {
  it('content past the limit is read to the end, then refused (552), and nothing is queued', () => {
    const l = lab({ main: { message_size_limit: '20' } });
    const c = l.connect();
    c.send('MAIL FROM:<alice@example.org>');
    c.send('RCPT TO:<root@example.org>');
    c.send('DATA');
    expect(c.raw('0123456789\r\n0123456789\r\nmore\r\n.\r\n')).toEqual(['552 5.3.4 Error: message file too big']);
    expect(l.enqueued).toEqual([]);
    expect(l.log.some((t) => /^warning: [0-9A-F]{11}: queue file size limit exceeded$/.test(t))).toBe(true);
    expect(c.send('NOOP')).toEqual(['250 2.0.0 Ok']);
  });
});

describe('STARTTLS and an earlier AUTH', () => {
  it('AUTH before STARTTLS is forgotten: SASL starts over after the handshake (smtpd_start_tls)', () => {
    const l = lab({ main: { smtpd_sasl_auth_enable: 'yes' } });
    const c = l.connect();
    c.send('EHLO client.example.com');
    expect(c.send(`AUTH PLAIN ${plain('alice', 'secret')}`)).toEqual([AUTH_OK]);
    c.send('STARTTLS');
    c.tls();
    c.send('EHLO client.example.com');
    expect(c.send(`AUTH PLAIN ${plain('alice', 'secret')}`)).toEqual([AUTH_OK]);
  });
});
