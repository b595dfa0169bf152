import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cleanup } from '../../../src/engine/queue/cleanup.ts';
import { formatDelay } from '../../../src/engine/queue/delays.ts';
import { mailDate, queueListTime } from '../../../src/engine/queue/mail-date.ts';
import { contentSize } from '../../../src/engine/queue/queue-file-size.ts';
import { parseSendmailArgs, readMessage } from '../../../src/engine/queue/sendmail-args.ts';
import { formatQueue } from '../../../src/engine/queue/showq.ts';
import { RemoteWorld } from '../../../src/engine/remote/remote-world.ts';
import { corpusFile, makeLab, scenarioParams } from './harness.ts';

const T0 = Date.UTC(2026, 11, 1, 9, 0, 0);
const MSG = 'From: alice@example.org\nTo: bob@example.net\nSubject: q\n\nhello\n';
const lab = (extra: Record<string, string> = {}, opts: Partial<Parameters<typeof makeLab>[0]> = {}) =>
  makeLab({ params: scenarioParams(null, extra), startMs: T0, ...opts });
const texts = (l: ReturnType<typeof lab>): string[] => l.rawLog().map((x) => x.replace(/^.*?\]: /, ''));

describe('delay formatting (corpus raw.log values)', () => {
  it.each([
    [90, '0.09'],
    [100, '0.1'],
    [0, '0'],
    [4, '0'],
    [2200, '2.2'],
    [14_000, '14'],
    [300_000, '300'],
    [-5, '0'],
    [Number.NaN, '0'],
  ])('%d ms is %s', (ms, text) => expect(formatDelay(ms)).toBe(text));
});

describe('dates', () => {
  it('Date: and mailq arrival formats pad the day with a space (corpus outbound-*)', () => {
    expect(mailDate(Date.UTC(2026, 11, 1, 7, 11, 51))).toBe('Tue,  1 Dec 2026 07:11:51 +0000 (UTC)');
    expect(mailDate(Date.UTC(2026, 11, 24, 7, 11, 51))).toBe('Thu, 24 Dec 2026 07:11:51 +0000 (UTC)');
    expect(queueListTime(Date.UTC(2026, 11, 1, 7, 12, 6))).toBe('Tue Dec  1 07:12:06');
  });
});

describe('queue file size', () => {
  it('each line costs its text + type byte + length byte(s)', () => {
    expect(contentSize([''])).toBe(2);
    expect(contentSize(['x'.repeat(127)])).toBe(129);
    expect(contentSize(['x'.repeat(128)])).toBe(131);
    // Longer than line_length_limit: split into records of 2048.
    expect(contentSize(['x'.repeat(2049)])).toBe(2048 + 3 + 1 + 2);
    expect(contentSize(['é'])).toBe(4);
  });
  it('makes the corpus sizes: 312 for outbound-may-starttls as the MX received it', () => {
    const t = corpusFile('outbound-may-starttls', 'transcript.txt').split('\n');
    const from = t.indexOf('S: 354 End data with <CR><LF>.<CR><LF>');
    const body = t.slice(from + 1, t.indexOf('C: .', from)).map((l) => l.slice(3));
    expect(contentSize(body)).toBe(312);
  });
});

describe('cleanup', () => {
  const params = scenarioParams(null);
  const base = {
    queueId: 'ABCDEF12345',
    sender: 'alice',
    recipients: ['root'],
    arrivedAt: T0,
    origin: { kind: 'pickup', uid: 0 },
  } as const;
  it('qualifies bare addresses with myorigin and keeps the original for orig_to', () => {
    const r = cleanup({ ...base, content: 'Subject: x\n\nbody' }, params);
    expect(r.message.sender).toBe('alice@example.org');
    expect(r.message.recipients).toEqual([{ orig: 'root', addr: 'root@example.org' }]);
  });
  it('inserts the blank line before a body that starts without one (Postfix mime_state.c)', () => {
    const r = cleanup({ ...base, content: 'hello world\nsecond' }, params);
    expect(r.message.lines.slice(-3)).toEqual(['', 'hello world', 'second']);
  });
  it('adds From: with the full name, Message-Id: and Date:, and logs the message-id', () => {
    const r = cleanup({ ...base, content: 'hello', fullName: 'root' }, params);
    expect(r.message.lines).toContain('From: root <alice@example.org>');
    expect(r.message.lines).toContain('Message-Id: <20261201090000.ABCDEF12345@mail.example.org>');
    expect(r.message.lines).toContain('Date: Tue,  1 Dec 2026 09:00:00 +0000 (UTC)');
    expect(r.log).toEqual(['ABCDEF12345: message-id=<20261201090000.ABCDEF12345@mail.example.org>']);
  });
  it('keeps an existing Message-ID and logs it as written; drops Return-Path: and Bcc:', () => {
    const r = cleanup({ ...base, content: 'Message-ID: <x@y>\nReturn-Path: <evil@x>\nBcc: secret@x\nDate: today\nFrom: a@b\n\nb' }, params);
    expect(r.log).toEqual(['ABCDEF12345: message-id=<x@y>']);
    expect(r.message.lines.some((l) => /^(Return-Path|Bcc):/i.test(l))).toBe(false);
    expect(r.message.lines.filter((l) => /^(Message-Id|Date|From):/i.test(l))).toEqual(['Message-ID: <x@y>', 'Date: today', 'From: a@b']);
  });
  it('adds nothing for an SMTP client outside local_header_rewrite_clients', () => {
    const origin = {
      kind: 'smtpd',
      clientName: 'unknown',
      clientAddr: '192.0.2.7',
      helo: 'x',
      protocol: 'ESMTP',
      tls: null,
      saslMethod: null,
      saslUsername: null,
      program: 'postfix/smtpd',
    } as const;
    const r = cleanup({ ...base, origin, content: 'Subject: x\n\nb' }, params);
    expect(r.log).toEqual([]);
    expect(r.message.lines[0]).toBe('Received: from x (unknown [192.0.2.7])');
    expect(r.message.lines.some((l) => l.startsWith('Message-Id:'))).toBe(false);
  });
  it('writes the date on its own line when there are several recipients', () => {
    const origin = {
      kind: 'smtpd',
      clientName: 'localhost',
      clientAddr: '127.0.0.1',
      helo: '',
      protocol: 'SMTP',
      tls: null,
      saslMethod: null,
      saslUsername: null,
      program: 'postfix/smtpd',
    } as const;
    const r = cleanup({ ...base, recipients: ['a@x', 'b@x'], origin, content: '' }, params);
    expect(r.message.lines.slice(0, 3)).toEqual([
      'Received: from localhost (localhost [127.0.0.1])',
      '\tby mail.example.org (Postfix) with SMTP id ABCDEF12345;',
      '\tTue,  1 Dec 2026 09:00:00 +0000 (UTC)',
    ]);
  });
});

describe('sendmail', () => {
  it('parses the options the lab uses and skips compatibility ones', () => {
    expect(parseSendmailArgs(['-f', 'alice@example.org', 'bob@example.net'])).toMatchObject({
      mode: 'send',
      sender: 'alice@example.org',
      recipients: ['bob@example.net'],
    });
    expect(parseSendmailArgs(['-oi', '-falice', '-F', 'Alice A', '-t'])).toMatchObject({
      sender: 'alice',
      fullName: 'Alice A',
      extract: true,
      ignoreDots: true,
      recipients: [],
    });
    expect(parseSendmailArgs(['-bp']).mode).toBe('list');
    expect(parseSendmailArgs(['-q']).mode).toBe('flush');
    expect(parseSendmailArgs(['-N', 'never', '-R', 'hdrs', '--', '-x']).recipients).toEqual(['-x']);
  });
  it('a lone dot ends the input unless -i', () => {
    expect(readMessage('a\n.\nb\n', false)).toEqual(['a']);
    expect(readMessage('a\r\n.\r\nb\r\n', true)).toEqual(['a', '.', 'b']);
  });
  it('without recipients: the fatal message with the user on stderr and in the log, exit 75 (corpus-extra cli-sendmail-no-recipient)', () => {
    const dir = join(dirname(fileURLToPath(import.meta.url)), '../../corpus-extra/cli-sendmail-no-recipient');
    const transcript = readFileSync(join(dir, 'transcript.normalized.txt'), 'utf8').split('\n');
    const stderr = transcript.filter((x) => x.startsWith('E: ')).map((x) => `${x.slice(3)}\n`);
    const status = Number(/^# exit status (\d+)$/m.exec(transcript.join('\n'))?.[1]);
    const log = readFileSync(join(dir, 'raw.normalized.log'), 'utf8').trim().split('\n');
    const l = lab();
    expect(l.queue.sendmail([], 'hi\n')).toEqual({ stdout: '', stderr: stderr.join(''), exitCode: status });
    expect(l.rawLog().map((x) => x.replace(/^\w{3} [ \d]\d [\d:]{8}/, '<TIMESTAMP>').replace(/\[\d+\]/, '[<PID>]'))).toEqual(log);
  });
  it('-t takes To:, Cc: and Bcc:, and Bcc: does not reach the recipients', () => {
    const l = lab({ relayhost: '[127.0.0.2]:2527' });
    l.queue.sendmail(['-t'], 'To: Bob <bob@example.net>, carol@example.net\nBcc: dave@example.net\nSubject: t\n\nx\n');
    const rcpts = l.net.sessions.flatMap((s) => s.lines.filter((x) => x.startsWith('C: RCPT')));
    expect(rcpts).toEqual(['C: RCPT TO:<bob@example.net>', 'C: RCPT TO:<carol@example.net>', 'C: RCPT TO:<dave@example.net>']);
    expect(l.net.remote.received('127.0.0.2', 2527)[0]?.data.some((x) => x.startsWith('Bcc:'))).toBe(false);
  });
  it('as root without -f: pickup logs the login name, qmgr the qualified sender, From: gets the full name', () => {
    const l = lab({ relayhost: '[127.0.0.2]:2527' });
    l.queue.sendmail(['bob@example.net'], 'Subject: hi\n\nx\n');
    expect(texts(l)[0]).toMatch(/^[0-9A-F]{11}: uid=0 from=<root>$/);
    expect(texts(l)[2]).toMatch(/: from=<root@example\.org>, size=\d+, nrcpt=1 \(queue active\)$/);
    expect(l.net.remote.received('127.0.0.2', 2527)[0]?.data).toContain('From: root <root@example.org>');
  });
});

describe('local delivery', () => {
  it('delivers to root, postmaster through the alias (orig_to), and bounces an unknown user', () => {
    const l = lab();
    l.queue.sendmail(['-f', 'alice@example.org', 'root', 'postmaster@example.org', 'nobody@localhost'], MSG);
    const local = texts(l).filter((t) => t.includes('relay=local'));
    expect(local[0]).toMatch(
      /: to=<root@example\.org>, orig_to=<root>, relay=local, delay=0\.03, delays=0\.02\/0\.01\/0\/0, dsn=2\.0\.0, status=sent \(delivered to mailbox\)$/,
    );
    expect(local[1]).toMatch(
      /: to=<root@example\.org>, orig_to=<postmaster@example\.org>, relay=local, .*status=sent \(delivered to mailbox\)$/,
    );
    expect(local[2]).toMatch(/: to=<nobody@localhost>, relay=local, .*dsn=5\.1\.1, status=bounced \(unknown user: "nobody"\)$/);
    expect(texts(l).at(-1)).toMatch(/: removed$/);
    expect((l.fs.read('/var/mail/root') ?? '').match(/^From alice@example\.org {2}/gm)?.length).toBe(2);
  });
  it('an alias to a remote address forwards a copy', () => {
    const l = lab({ relayhost: '[127.0.0.2]:2527' }, { files: { '/etc/aliases': 'postmaster: root\nalice: alice@example.net\n' } });
    l.queue.sendmail(['-f', 'root', 'alice@example.org'], MSG);
    const t = texts(l);
    expect(t.find((x) => x.includes('relay=local'))).toMatch(
      /: to=<alice@example\.org>, relay=local, .*status=sent \(forwarded as [0-9A-F]{11}\)$/,
    );
    expect(t.some((x) => /to=<alice@example\.net>, relay=127\.0\.0\.2\[127\.0\.0\.2\]:2527, .*status=sent/.test(x))).toBe(true);
    expect(l.net.remote.received('127.0.0.2', 2527)[0]?.data.slice(0, 3)).toEqual([
      expect.stringMatching(/^Received: by mail\.example\.org \(Postfix\)$/),
      expect.stringMatching(/^\tid [0-9A-F]{11}; /),
      'Delivered-To: alice@example.org',
    ]);
  });
  it('a From line in the body is quoted in the mailbox', () => {
    const l = lab();
    l.queue.sendmail(['-f', 'alice@example.org', 'root'], 'Subject: x\n\nFrom here\n');
    expect(l.fs.read('/var/mail/root')).toContain('\n>From here\n');
  });
});

describe('remote delivery errors', () => {
  it('connection refused: relay=none, 4.4.1, shown in mailq', () => {
    const l = lab({ relayhost: '[127.0.0.2]:2599' });
    l.queue.sendmail(['-f', 'alice@example.org', 'bob@example.net'], MSG);
    expect(texts(l).at(-1)).toMatch(
      /relay=none, delay=0\.04, delays=0\.02\/0\.02\/0\/0, dsn=4\.4\.1, status=deferred \(connect to 127\.0\.0\.2\[127\.0\.0\.2\]:2599: Connection refused\)$/,
    );
    expect(l.queue.mailq().stdout).toContain('(connect to 127.0.0.2[127.0.0.2]:2599: Connection refused)\n');
  });
  it('no route: Network is unreachable', () => {
    const l = lab({ relayhost: '[192.0.2.1]' });
    l.queue.sendmail(['-f', 'alice@example.org', 'bob@example.net'], MSG);
    expect(texts(l).at(-1)).toMatch(/status=deferred \(connect to 192\.0\.2\.1\[192\.0\.2\.1\]:25: Network is unreachable\)$/);
  });
  it('an unknown host bounces (5.4.4) and leaves the queue', () => {
    const l = lab({ relayhost: '' });
    l.queue.sendmail(['-f', 'alice@example.org', 'bob@nowhere.example'], MSG);
    expect(texts(l).slice(-2)).toEqual([
      expect.stringMatching(
        /to=<bob@nowhere\.example>, relay=none, .*dsn=5\.4\.4, status=bounced \(unable to look up host nowhere\.example: Name or service not known\)$/,
      ),
      expect.stringMatching(/: removed$/),
    ]);
  });
  it('two recipients for one nexthop share one session', () => {
    const l = lab({ relayhost: '[127.0.0.2]:2526' });
    l.queue.sendmail(['-f', 'alice@example.org', 'bob@example.net', 'carol@example.com'], MSG);
    expect(l.net.sessions.length).toBe(1);
    expect(texts(l).filter((t) => /status=sent \(250 2\.0\.0 Ok: queued as RX0001\)$/.test(t)).length).toBe(2);
    expect(texts(l).find((t) => t.includes('(queue active)'))).toMatch(/nrcpt=2 \(queue active\)$/);
  });
});

describe('postqueue, mailq, postsuper', () => {
  it('lists several deferred messages with the plural trailer and Kbytes rounded down', () => {
    const out = formatQueue([
      {
        queueId: 'AAAAAAAAAAA',
        mark: '',
        size: 900,
        arrivedAt: T0,
        sender: 'a@x',
        recipients: [
          { address: 'b@y', reason: 'r1' },
          { address: 'c@y', reason: 'r1' },
        ],
      },
      { queueId: 'BBBBBBBBBBB', mark: '', size: 300, arrivedAt: T0, sender: '', recipients: [{ address: 'd@y', reason: null }] },
    ]);
    expect(out).toBe(
      [
        '-Queue ID-  --Size-- ----Arrival Time---- -Sender/Recipient-------',
        'AAAAAAAAAAA     900 Tue Dec  1 09:00:00  a@x',
        `${' '.repeat(74)}(r1)`,
        `${' '.repeat(41)}b@y`,
        `${' '.repeat(41)}c@y`,
        '',
        'BBBBBBBBBBB     300 Tue Dec  1 09:00:00  MAILER-DAEMON',
        `${' '.repeat(41)}d@y`,
        '',
        '-- 1 Kbytes in 2 Requests.',
        '',
      ].join('\n'),
    );
  });
  it('postsuper -d QID deletes one message; -d ALL the rest; plural counts; usage on a bad option', () => {
    const l = lab({ relayhost: '[127.0.0.2]:2527', smtp_tls_security_level: 'encrypt' });
    for (let i = 0; i < 3; i++) l.queue.sendmail(['-f', 'alice@example.org', 'bob@example.net'], MSG);
    const [first] = l.queue.queueIds();
    expect(l.queue.postsuper(['-d', first ?? ''])).toEqual({ stdout: '', stderr: 'postsuper: Deleted: 1 message\n', exitCode: 0 });
    expect(l.queue.postsuper(['-d', 'ALL', 'deferred'])).toEqual({ stdout: '', stderr: 'postsuper: Deleted: 2 messages\n', exitCode: 0 });
    expect(texts(l).slice(-2)).toEqual(['Deleted: 1 message', 'Deleted: 2 messages']);
    expect(l.queue.postsuper(['-x']).exitCode).toBe(1);
    expect(l.queue.postsuper(['-d']).stderr).toMatch(/^postsuper: fatal: usage: postsuper /);
  });
  it('postqueue: bad usage exits 64; -j prints one JSON object per message', () => {
    const l = lab({ relayhost: '[127.0.0.2]:2527', smtp_tls_security_level: 'encrypt' });
    expect(l.queue.postqueue([])).toEqual({
      stdout: '',
      stderr: 'postqueue: fatal: usage: postqueue -f | postqueue -i queueid | postqueue -j | postqueue -p | postqueue -s site\n',
      exitCode: 64,
    });
    l.queue.sendmail(['-f', 'alice@example.org', 'bob@example.net'], MSG);
    const j = JSON.parse(l.queue.postqueue(['-j']).stdout) as { recipients: { delay_reason: string }[]; queue_name: string };
    expect(j.queue_name).toBe('deferred');
    expect(j.recipients[0]?.delay_reason).toBe('TLS is required, but was not offered by host 127.0.0.2[127.0.0.2]');
  });
  it('the queue manager retries a deferred message at its deferred-queue scans (see retry-schedule.test.ts)', () => {
    const remote = new RemoteWorld();
    const l = lab({ relayhost: '[127.0.0.2]:2599' }, { remote });
    l.queue.start(); // qmgr starts at T0: deferred-queue scans at T0 + 300 s, 600 s, ...
    l.queue.sendmail(['-f', 'alice@example.org', 'bob@example.net'], MSG);
    const attempts = (): number => texts(l).filter((t) => t.includes('(queue active)')).length;
    l.now.ms = T0 + 299_000;
    l.queue.runDue();
    expect(attempts()).toBe(1);
    l.now.ms = T0 + 300_000;
    l.queue.runDue();
    expect(attempts()).toBe(2);
    // Deferred again at 300 s after 300 s in the queue: stamped 600 s.
    l.now.ms = T0 + 599_000;
    l.queue.runDue();
    expect(attempts()).toBe(2);
    // The MX comes up: the next due retry delivers.
    remote.add({
      address: '127.0.0.2',
      port: 2599,
      hostname: 'mx.example.net',
      starttls: false,
      tls: { protocols: ['TLSv1.3'], certCommonName: 'mx.example.net', selfSigned: true },
    });
    l.now.ms = T0 + 600_000;
    l.queue.runDue();
    expect(texts(l).at(-1)).toMatch(/: removed$/);
    expect(texts(l).at(-2)).toMatch(/delay=600, delays=600\/0\/0\/0\.04, dsn=2\.0\.0, status=sent/);
  });
});

describe('while Postfix is stopped', () => {
  it('sendmail leaves the message in the maildrop; mailq warns and lists it; flush is refused; start delivers it', () => {
    let running = false;
    const l = lab({ relayhost: '[127.0.0.2]:2527' }, { running: () => running });
    expect(l.queue.sendmail(['-f', 'alice@example.org', 'bob@example.net'], MSG)).toEqual({
      stdout: '',
      stderr: 'postdrop: warning: unable to look up public/pickup: No such file or directory\n',
      exitCode: 0,
    });
    expect(l.rawLog()).toEqual([]);
    const q = l.queue.mailq();
    expect(q.stderr).toBe(
      'postqueue: warning: Mail system is down -- accessing queue directly (Connect to the Postfix showq service: Connection refused)\n',
    );
    expect(q.stdout).toContain(' alice@example.org\n');
    expect(l.queue.postqueue(['-f'])).toEqual({
      stdout: '',
      stderr:
        'postqueue: warning: unable to look up public/qmgr: No such file or directory\npostqueue: fatal: Cannot flush mail queue - mail system is down\n',
      exitCode: 69,
    });
    running = true;
    l.queue.start();
    expect(texts(l)[0]).toMatch(/: uid=0 from=<alice@example\.org>$/);
    expect(texts(l).at(-1)).toMatch(/: removed$/);
    expect(l.queue.mailq()).toEqual({ stdout: 'Mail queue is empty\n', stderr: '', exitCode: 0 });
  });
  it('mailq on an empty queue while stopped (terminal/term-postfix-cli)', () => {
    const l = lab({}, { running: () => false });
    const r = l.queue.mailq();
    const screen = corpusFile('terminal', 'term-postfix-cli', 'screen.txt');
    expect(screen).toContain(`root@mail:~# mailq; echo "rc=$?"\n${r.stderr}${r.stdout}rc=${r.exitCode}\n`);
  });
});
