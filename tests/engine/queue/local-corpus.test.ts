import { describe, expect, it } from 'vitest';
import { compareLogs } from '../../../src/corpus/compare.ts';
import { normalize } from '../../../src/corpus/normalize.ts';
import type { QueuedMessage } from '../../../src/engine/queue/queued-message.ts';
import { corpusFile, makeLab, scenarioParams, stampToMs } from './harness.ts';

const LOCAL_DAEMONS = new Set(['postfix/cleanup', 'postfix/qmgr', 'postfix/local']);

/** The client lines between `354` and `.` of the first DATA of a transcript. */
function dataLines(name: string): string[] {
  const t = corpusFile(name, 'transcript.txt').split('\n');
  const start = t.indexOf('S: 354 End data with <CR><LF>.<CR><LF>');
  const end = t.indexOf('C: .', start);
  return t.slice(start + 1, end).map((l) => l.slice(3));
}

describe('p25-level-may: a message smtpd received for root@example.org is delivered locally', () => {
  const rawLog = corpusFile('p25-level-may', 'raw.log');
  const qid = /cleanup\[\d+\]: ([0-9A-F]+): message-id=<(\d{14})\./.exec(rawLog);
  const msg: QueuedMessage = {
    queueId: qid?.[1] ?? '',
    sender: 'alice@example.org',
    recipients: ['root@example.org'],
    content: dataLines('p25-level-may').join('\n'),
    arrivedAt: stampToMs(qid?.[2] ?? ''),
    // As smtpd hands it over: the DATA came after STARTTLS and EHLO (transcript), so the protocol is ESMTPS.
    origin: {
      kind: 'smtpd',
      clientName: 'localhost',
      clientAddr: '127.0.0.1',
      helo: 'client.example.com',
      protocol: 'ESMTPS',
      tls: { version: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', cipherBits: 256, algBits: 256 },
      saslMethod: null,
      saslUsername: null,
      program: 'postfix/smtpd',
    },
  };

  it('logs cleanup, qmgr (size=388) and local exactly as recorded', () => {
    const lab = makeLab({ params: scenarioParams('p25-level-may'), startMs: msg.arrivedAt });
    const r = lab.queue.submit(msg);
    expect(r).toEqual({ queueId: msg.queueId, size: 388 });
    expect(compareLogs(corpusFile('p25-level-may', 'raw.normalized.log'), lab.normalizedLog(), (d) => LOCAL_DAEMONS.has(d))).toEqual([]);
    expect(lab.queue.queueIds()).toEqual([]);
  });

  it('appends the message to /var/mail/root in mbox format', () => {
    const lab = makeLab({ params: scenarioParams('p25-level-may'), startMs: msg.arrivedAt });
    lab.queue.submit(msg);
    const box = lab.fs.read('/var/mail/root') ?? '';
    expect(box.split('\n').slice(0, 4)).toEqual([
      'From alice@example.org  Tue Dec  1 07:08:10 2026',
      'Return-Path: <alice@example.org>',
      'X-Original-To: root@example.org',
      'Delivered-To: root@example.org',
    ]);
    expect(box).toContain(
      '\nReceived: from client.example.com (localhost [127.0.0.1])\n\tby mail.example.org (Postfix) with ESMTPS id A982A1604EF\n',
    );
    expect(box.endsWith('\nHello Bob.\n\n')).toBe(true);
  });
});

describe('p25-may-cert-missing: the postmaster notice goes to root through the postmaster alias', () => {
  const notice = corpusFile('p25-may-cert-missing', 'postmaster-notice.txt');
  const mbox = notice
    .split('\n')
    .filter((l) => !l.startsWith('# '))
    .join('\n');
  const lines = mbox.split('\n');
  const rec = lines.findIndex((l) => l.startsWith('Received: '));
  // What smtpd hands to cleanup: the notice after the Received: header cleanup adds (mbox's final separator line dropped).
  const content = lines.slice(rec + 2, -2).join('\n');
  const stamp = /Message-Id: <(\d{14})\./.exec(mbox)?.[1] ?? '';

  it('logs cleanup, qmgr (size=922) and local with orig_to=<postmaster> exactly as recorded', () => {
    const lab = makeLab({ params: scenarioParams('p25-may-cert-missing'), startMs: stampToMs(stamp) });
    const r = lab.queue.submitInternal('double-bounce@mail.example.org', ['postmaster'], content);
    expect(r.size).toBe(922);
    expect(compareLogs(corpusFile('p25-may-cert-missing', 'raw.normalized.log'), lab.normalizedLog(), (d) => LOCAL_DAEMONS.has(d))).toEqual(
      [],
    );
  });

  it('adds Date: after Received: itself when the notice has none (as post_mail does), Message-Id: last', () => {
    const lab = makeLab({ params: scenarioParams('p25-may-cert-missing'), startMs: stampToMs(stamp) });
    const withoutDate = content
      .split('\n')
      .filter((l) => !l.startsWith('Date: '))
      .join('\n');
    const r = lab.queue.submitInternal('double-bounce@mail.example.org', ['postmaster'], withoutDate);
    expect(r.size).toBe(922);
    expect(normalize(lab.fs.read('/var/mail/root') ?? '')).toBe(normalize(mbox));
  });

  it('writes the mailbox entry the recording shows', () => {
    const lab = makeLab({ params: scenarioParams('p25-may-cert-missing'), startMs: stampToMs(stamp) });
    lab.queue.submitInternal('double-bounce@mail.example.org', ['postmaster'], content);
    expect(normalize(lab.fs.read('/var/mail/root') ?? '')).toBe(normalize(`${mbox}`));
  });
});
