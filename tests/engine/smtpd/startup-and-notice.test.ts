import { describe, expect, it } from 'vitest';
import { mapView } from '../../../src/engine/config/parameter-view.ts';
import { readSettings } from '../../../src/engine/smtpd/settings.ts';
import { corpusSmtpdLog } from './corpus/replies.ts';
import { corpusText } from './corpus/scenario.ts';
import { lab } from './harness.ts';

describe('process start: bad values (facts §3, §7; corpus invalid-*)', () => {
  it.each([
    ['smtpd_tls_security_level', 'maybe', corpusSmtpdLog('invalid-level-maybe')[0]],
    ['smtpd_tls_auth_only', 'maybe', 'fatal: bad boolean configuration: smtpd_tls_auth_only = maybe'],
    ['smtpd_sasl_auth_enable', 'true', 'fatal: bad boolean configuration: smtpd_sasl_auth_enable = true'],
  ])('%s = %s is fatal', (name, value, fatal) => {
    const l = lab({ main: { [name]: value } });
    expect(l.start.ok).toBe(false);
    expect(l.log).toEqual([fatal]);
    if (!l.start.ok) {
      expect(l.start.fatal).toBe(fatal);
      expect(l.start.exitStatus).toBe(1);
    }
  });

  it('booleans accept any case of yes and no', () => {
    expect(
      lab({ main: { smtpd_sasl_auth_enable: 'YES' } })
        .connect()
        .send('EHLO x'),
    ).toContain('250-AUTH PLAIN LOGIN');
  });

  it('a bad number is fatal too', () => {
    const l = lab({ main: { message_size_limit: '10M' } });
    expect(l.log).toEqual(['fatal: bad numerical configuration: message_size_limit = 10M']);
  });

  it('smtpd_tls_loglevel: unknown words warn (corpus invalid-loglevel-high) and known ones still count', () => {
    const l = lab({ main: { smtpd_tls_loglevel: '1, bogus' } });
    expect(l.log).toEqual(['warning: unknown smtpd_tls_loglevel value "bogus" in "1, bogus"']);
    const c = l.connect();
    c.send('STARTTLS');
    c.tls();
    expect(l.log.some((t) => t.startsWith('Anonymous TLS connection established from localhost[127.0.0.1]: TLSv1.3'))).toBe(true);
  });

  it('smtpd_tls_loglevel is not read when TLS is off', () => {
    expect(lab({ main: { smtpd_tls_security_level: 'none', smtpd_tls_loglevel: 'high' } }).log).toEqual([]);
  });

  it('TLS init warnings come before the first connect, after smtpd own warnings (corpus p25-may-cert-missing)', () => {
    const expected = corpusSmtpdLog('p25-may-cert-missing');
    const l = lab({ main: { smtpd_tls_cert_file: '/etc/postfix/tls/missing.crt', smtpd_tls_key_file: '/etc/postfix/tls/missing.key' } });
    l.connect();
    expect(l.log).toEqual(expected.slice(0, expected.indexOf('connect from localhost[127.0.0.1]') + 1));
  });

  it('a view without any smtpd parameter falls back to the compiled-in defaults', () => {
    const r = readSettings(mapView({ myhostname: 'mail.example.org' }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.settings.banner).toBe('mail.example.org ESMTP Postfix');
    expect(r.settings.hardErrorLimit).toBe(20);
    expect(r.settings.tls.use).toBe(false);
    expect(r.settings.restrictions.relay).toEqual(['permit_mynetworks', 'permit_sasl_authenticated', 'defer_unauth_destination']);
  });
});

describe('the postmaster notice (corpus postmaster-notice.normalized.txt)', () => {
  /** The notice as smtpd writes it: the From:/To:/Subject: headers and the body, without cleanup's Received:/Date:/Message-Id:. */
  function corpusNotice(scenario: string): string[] {
    const lines = corpusText(scenario, 'postmaster-notice.normalized.txt').split('\n');
    const headers = lines.filter((l) => /^(From|To|Subject): /.test(l));
    const body = lines.slice(lines.indexOf('Transcript of session follows.') - 1);
    while (body.length > 0 && body[body.length - 1] === '') body.pop();
    return [...headers, ...body];
  }

  it.each([
    ['p25-may-cert-missing', {}, 'MAIL FROM:<alice@example.org>'],
    ['p25-encrypt-cert-missing', { smtpd_tls_security_level: 'encrypt' }, 'MAIL FROM:<alice@example.org>'],
    ['p25-may-key-garbage', {}, 'MAIL FROM:<alice@example.org>'],
  ] as const)('%s', (scenario, extra, mail) => {
    // The files as the scenarios' config.txt describes them.
    const main: Record<string, string> =
      scenario === 'p25-may-key-garbage'
        ? { smtpd_tls_key_file: '/etc/postfix/tls/garbage.key' }
        : { smtpd_tls_cert_file: '/etc/postfix/tls/missing.crt', smtpd_tls_key_file: '/etc/postfix/tls/missing.key' };
    const l = lab({
      main: { ...main, ...extra },
      files: { '/etc/postfix/tls/garbage.key': { content: 'this is not a key\n', mode: 0o600 } },
    });
    const c = l.connect();
    c.send('EHLO client.example.com');
    c.send('STARTTLS');
    c.send(mail);
    c.send('QUIT');
    expect(l.enqueued).toHaveLength(1);
    const notice = l.enqueued[0];
    expect(notice?.sender).toBe('double-bounce@mail.example.org');
    expect(notice?.recipients).toEqual(['postmaster']);
    expect(notice?.origin).toEqual({ kind: 'internal' });
    expect(notice?.content.split('\n')).toEqual(corpusNotice(scenario));
  });

  it('no notice for protocol errors alone (notify_classes = resource, software)', () => {
    const l = lab();
    const c = l.connect();
    c.send('BOGUS');
    c.send('RCPT TO:<root@example.org>');
    c.send('QUIT');
    expect(l.enqueued).toEqual([]);
  });

  it('notify_classes = protocol mails the transcript with the session abort reason', () => {
    const l = lab({ main: { notify_classes: 'protocol' } });
    const c = l.connect();
    c.send('BOGUS');
    c.close();
    const body = l.enqueued[0]?.content.split('\n') ?? [];
    expect(body).toContain(' In:  BOGUS');
    // smtpd_chat.c:smtpd_chat_notify adds the reason of an aborted session before the closing line.
    expect(body.slice(-5)).toEqual([
      ' Out: 500 5.5.2 Error: command not recognized',
      '',
      'Session aborted, reason: lost connection',
      '',
      'For other details, see the local mail logfile',
    ]);
  });
});
