import { describe, expect, it } from 'vitest';
import { corpusAnswer, corpusLine, corpusSmtpdLog } from './corpus/replies.ts';
import { corpusText } from './corpus/scenario.ts';
import { lab, plain } from './harness.ts';

/** Log texts of a terminal/ scenario (the real tools against the same Postfix). */
function terminalLog(name: string): string[] {
  return corpusText('terminal', name, 'raw.normalized.log')
    .split('\n')
    .map((l) => /^<TIMESTAMP> \S+ postfix\/(?:\S+\/)?smtpd\[<PID>\]: (.*)$/.exec(l)?.[1])
    .filter((t): t is string => t !== undefined);
}

/** The corpus lines of one session: from its `connect from` to its `disconnect from`. */
function sessionsOf(lines: readonly string[]): string[][] {
  const out: string[][] = [];
  for (const l of lines) {
    if (l.startsWith('connect from ')) out.push([]);
    out[out.length - 1]?.push(l);
  }
  return out;
}

const TOO_MANY = corpusSmtpdLog('smtp-edge-cases').find((l) => l.startsWith('too many errors after'));

describe('error limits', () => {
  it('smtpd_hard_error_limit: the reply after the last error is followed by 421 and the session ends', () => {
    const l = lab({ main: { smtpd_hard_error_limit: '3' } });
    const c = l.connect();
    c.send('EHLO client.example.com');
    expect(c.send('BOGUS0')).toEqual([corpusLine('smtp-edge-cases', 8, 'BOGUS0')]);
    c.send('BOGUS1');
    expect(c.send('BOGUS2')).toEqual([corpusLine('smtp-edge-cases', 8, 'BOGUS0'), corpusLine('smtp-edge-cases', 8, 'BOGUS20')]);
    expect(c.closed).toBe(true);
    expect(l.log.slice(-2)).toEqual([TOO_MANY, 'disconnect from localhost[127.0.0.1] ehlo=1 unknown=0/3 commands=1/4']);
  });

  it('the tarpit: one smtpd_error_sleep_time per reply once smtpd_soft_error_limit errors were made (11 s in the corpus run)', () => {
    const raw = corpusText('smtp-edge-cases', 'raw.log').split('\n');
    const secs = (l: string | undefined): number => {
      const m = /^\w{3} \d\d (\d\d):(\d\d):(\d\d)/.exec(l ?? '');
      return m === null ? NaN : Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
    };
    const end = raw.findIndex((x) => x.includes('too many errors after'));
    const recorded = secs(raw[end]) - secs(raw[end - 1]);
    const l = lab();
    const c = l.connect();
    c.send('EHLO client.example.com');
    for (let i = 0; i < 20 && !c.closed; i++) c.send(`BOGUS${i}`);
    expect(c.closed).toBe(true);
    expect(l.sleeps.length).toBe(recorded);
    expect(l.sleeps.every((ms) => ms === 1000)).toBe(true);
  });

  it('a queued message forgives earlier errors', () => {
    const l = lab({ main: { smtpd_hard_error_limit: '3' } });
    const c = l.connect();
    c.send('BOGUS');
    c.send('BOGUS');
    c.send('MAIL FROM:<alice@example.org>');
    c.send('RCPT TO:<root@example.org>');
    c.send('DATA');
    c.raw('Subject: x\r\n\r\nbody\r\n.\r\n');
    expect(c.send('BOGUS')).toEqual(['500 5.5.2 Error: command not recognized']);
    expect(c.send('BOGUS')).toEqual(['500 5.5.2 Error: command not recognized']);
    expect(c.closed).toBe(false);
  });
});

describe('how sessions end (corpus terminal/ and submissions-465-wrappermode logs)', () => {
  it('nc -vz: connect and close at once: lost connection after CONNECT, commands=0/0', () => {
    const l = lab();
    l.connect().close();
    const expected = sessionsOf(terminalLog('term-nc-25')).find((s) => s.some((x) => x.startsWith('lost connection after CONNECT')));
    expect(l.log).toEqual(expected);
  });

  it('a NOOP then the client goes away: lost connection after NOOP', () => {
    const l = lab();
    const c = l.connect();
    c.raw('NOOP\n');
    c.close();
    expect(l.log).toEqual(sessionsOf(terminalLog('term-nc-25')).find((s) => s.some((x) => x.includes('after NOOP'))));
  });

  it('s_client typing Q (no QUIT sent) after AUTH: lost connection after AUTH', () => {
    const l = lab({
      service: 'submission',
      overrides: {
        syslog_name: 'postfix/submission',
        smtpd_tls_security_level: 'encrypt',
        smtpd_sasl_auth_enable: 'yes',
        smtpd_tls_auth_only: 'yes',
        smtpd_relay_restrictions: 'permit_sasl_authenticated,reject',
      },
    });
    const c = l.connect();
    c.send('EHLO mail.example.org');
    c.send('STARTTLS');
    c.tls({ kind: 'tls', client: 'openssl-s_client', minVersion: 'TLSv1', maxVersion: 'TLSv1.3', secLevel0: false });
    c.send('EHLO client.example.com');
    c.send(`AUTH PLAIN ${plain('alice', 'secret')}`);
    c.close();
    expect(l.log).toEqual(sessionsOf(terminalLog('term-sclient-587-interactive'))[0]);
  });

  it('wrapper mode: s_client pipelines EHLO and QUIT after the handshake: improper pipelining after EHLO', () => {
    const l = lab({
      service: 'submissions',
      overrides: { syslog_name: 'postfix/submissions', smtpd_tls_wrappermode: 'yes', smtpd_sasl_auth_enable: 'yes' },
    });
    const c = l.connect();
    c.tls({ kind: 'tls', client: 'openssl-s_client', minVersion: 'TLSv1', maxVersion: 'TLSv1.3', secLevel0: false });
    c.raw('EHLO client.example.com\r\nQUIT\r\n');
    expect(c.closed).toBe(true);
    expect(l.log).toEqual(sessionsOf(corpusSmtpdLog('submissions-465-wrappermode'))[3]);
  });

  it('wrapper mode: the client leaves before its ClientHello: SSL_accept error ... lost connection', () => {
    const l = lab({ service: 'submissions', overrides: { syslog_name: 'postfix/submissions', smtpd_tls_wrappermode: 'yes' } });
    l.connect().close();
    expect(l.log).toEqual(sessionsOf(corpusSmtpdLog('submissions-465-wrappermode'))[4]);
  });

  it('wrapper mode without a TLS context: the request is dropped with the facts §3 warning, no banner', () => {
    const l = lab({
      service: 'submissions',
      overrides: {
        smtpd_tls_wrappermode: 'yes',
        smtpd_tls_cert_file: '/etc/postfix/tls/missing.crt',
        smtpd_tls_key_file: '/etc/postfix/tls/missing.key',
      },
    });
    const c = l.connect();
    expect(c.banner).toEqual([]);
    expect(c.closed).toBe(true);
    expect(l.log.slice(-2)).toEqual([
      'warning: Wrapper-mode request dropped from localhost[127.0.0.1] for service submissions. TLS context initialization failed. For details see earlier warnings in your logs.',
      'disconnect from localhost[127.0.0.1] commands=0/0',
    ]);
  });

  it('the client closes during DATA: lost connection after DATA (N bytes), nothing queued', () => {
    const l = lab();
    const c = l.connect();
    c.send('EHLO client.example.com');
    c.send('MAIL FROM:<alice@example.org>');
    c.send('RCPT TO:<root@example.org>');
    c.send('DATA');
    c.raw('Subject: x\r\n\r\npartial');
    c.close();
    // 'Subject: x' + CRLF and the empty line + CRLF are counted; the unfinished line is pending input.
    expect(l.log).toContain(`lost connection after DATA (${12 + 2 + 7} bytes) from localhost[127.0.0.1]`);
    expect(l.enqueued).toEqual([]);
  });

  it('the client closes right after the message: nothing about a lost connection', () => {
    const l = lab();
    const c = l.connect();
    c.send('MAIL FROM:<alice@example.org>');
    c.send('RCPT TO:<root@example.org>');
    c.send('DATA');
    c.raw('Subject: x\r\n\r\nbody\r\n.\r\n');
    c.close();
    expect(l.log.some((x) => x.startsWith('lost connection'))).toBe(false);
    expect(l.log.at(-1)).toBe('disconnect from localhost[127.0.0.1] mail=1 rcpt=1 data=1 commands=3');
  });

  it('a timeout: 421 4.4.2 and `timeout after <command>` (facts §2)', () => {
    const l = lab();
    const c = l.connect();
    c.send('EHLO client.example.com');
    const out = c.session.timeout();
    expect(out.data).toBe('421 4.4.2 mail.example.org Error: timeout exceeded\r\n');
    expect(out.closed).toBe(true);
    expect(l.log).toContain('timeout after EHLO from localhost[127.0.0.1]');
  });

  it('after the end every call is answered with nothing and a closed connection', () => {
    const c = lab().connect();
    c.send('QUIT');
    expect(c.session.receive('NOOP\r\n')).toEqual({ data: '', closed: true });
    expect(c.session.handshake({ kind: 'plaintext', bytes: 'x' }).output).toEqual({ data: '', closed: true });
    c.close();
  });
});

describe('pipelining', () => {
  it('STARTTLS with a command behind it in the same packet: the command is discarded (corpus smtp-edge-cases)', () => {
    const c = lab().connect();
    c.send('EHLO client.example.com');
    expect(c.raw('STARTTLS\r\nEHLO injected.example.com\r\n')).toEqual([corpusLine('smtp-edge-cases', 2, 'STARTTLS')]);
    expect(c.tls()).toEqual([]);
    expect(c.send('NOOP')).toEqual([corpusLine('smtp-edge-cases', 2, 'NOOP')]);
  });

  it('message content pipelined with DATA is improper pipelining after DATA (escaped, at most 100 bytes)', () => {
    const send = (body: string): string[] => {
      const l = lab();
      const c = l.connect();
      c.send('EHLO client.example.com');
      c.raw('MAIL FROM:<alice@example.org>\r\nRCPT TO:<root@example.org>\r\n');
      const out = c.raw(`DATA\r\n${body}`);
      expect(out[0]).toBe(corpusLine('p25-level-may', 0, 'DATA'));
      expect(out[1]).toMatch(/^250 2\.0\.0 Ok: queued as [0-9A-F]{11}$/);
      return l.log.filter((x) => x.startsWith('improper'));
    };
    const long = `Subject: ${'z'.repeat(120)}\r\n\r\nhi\r\n.\r\n`;
    expect(send(long)).toEqual([`improper command pipelining after DATA from localhost[127.0.0.1]: ${long.slice(0, 100)}`]);
    expect(send('Subject: x\r\n\r\nhi\r\n.\r\n')).toEqual([
      'improper command pipelining after DATA from localhost[127.0.0.1]: Subject: x\\r\\n\\r\\nhi\\r\\n.\\r\\n',
    ]);
  });

  it('smtpd_forbid_unauth_pipelining = yes: 554 5.5.0 and the session ends (facts §2, 3.7.9+)', () => {
    const l = lab({ main: { smtpd_forbid_unauth_pipelining: 'yes' } });
    const c = l.connect();
    expect(c.raw('HELO client.example.com\r\nMAIL FROM:<alice@example.org>\r\n')).toEqual([
      '554 5.5.0 Error: SMTP protocol synchronization',
    ]);
    expect(c.closed).toBe(true);
    expect(l.log).toContain('improper command pipelining after HELO from localhost[127.0.0.1]: MAIL FROM:<alice@example.org>\\r\\n');
  });

  it('MAIL/RCPT/RSET pipelined after EHLO are answered in order with no log line (corpus smtp-edge-cases)', () => {
    const l = lab();
    const c = l.connect();
    c.send('EHLO client.example.com');
    const packet = 'MAIL FROM:<alice@example.org>\r\nRCPT TO:<root@example.org>\r\nRCPT TO:<bob@example.net>\r\nRSET\r\n';
    expect(c.raw(packet)).toEqual(corpusAnswer('smtp-edge-cases', 3, 'MAIL FROM:<alice@example.org>'));
    expect(l.log.some((x) => x.startsWith('improper'))).toBe(false);
  });
});

describe('one process, many connections', () => {
  it('init warnings once, before the first connect; the process is free again after each session', () => {
    const l = lab({ main: { smtpd_tls_loglevel: 'high' } });
    expect(l.start.ok).toBe(true);
    if (!l.start.ok) return;
    expect(l.log).toEqual(corpusSmtpdLog('invalid-loglevel-high').slice(0, 1));
    const a = l.connect();
    expect(l.start.process.busy).toBe(true);
    a.send('QUIT');
    expect(l.start.process.busy).toBe(false);
    l.connect().send('QUIT');
    expect(l.log.filter((x) => x.startsWith('warning'))).toHaveLength(1);
    expect(l.start.process.served).toBe(2);
  });
});
