/**
 * The browser's lazily loaded outbound code (issue 12, weight), run in Node: lab-outbound.ts is swapped for
 * lab-outbound.browser.ts here, as the site's build does, so a world starts with the stand-in queue
 * (engine/world/lab-queue.ts) until `loadOutbound()` has run. Each test takes fresh modules (the code
 * absent again) and compares with a world built after the code came, which is what Node gets at once:
 * the same replies, the same log to the millisecond, the same goal answers. smtpd's mail commands
 * (smtpd/commands/mail-code.ts) are swapped for their browser twin too: they come with the outbound code.
 */
import { describe, expect, it, vi } from 'vitest';
import type { LabWorld } from '../../src/shell/programs/net/lab-env.ts';
import { freshLabMaker } from '../support/fresh-lab.ts';

async function fresh() {
  vi.resetModules();
  vi.doMock('../../src/engine/world/lab-outbound.ts', async () => await import('../../src/engine/world/lab-outbound.browser.ts'));
  vi.doMock(
    '../../src/engine/smtpd/commands/mail-code.ts',
    async () => await import('../../src/engine/smtpd/commands/mail-code.browser.ts'),
  );
  const outbound = await import('../../src/engine/world/lab-outbound.ts');
  const { createLabWorld } = await import('../../src/engine/world/lab-world.ts');
  const { OutboundNotLoaded } = await import('../../src/engine/world/lab-queue.ts');
  const { createLessonSession } = await import('../../src/lesson-runtime/session.ts');
  const make = await freshLabMaker();
  const lab = () => make();
  return { outbound, createLabWorld, OutboundNotLoaded, lab, createLessonSession };
}

/** Lets the dynamic import and the promises after it settle. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
}

const MESSAGE = [
  'EHLO client.example.com',
  'MAIL FROM:<alice@example.com>',
  'RCPT TO:<root@mail.example.org>',
  'DATA',
  'Subject: lazy',
  '',
  'hello',
  '.',
  'QUIT',
];

/** The server's replies among what the terminal showed (echoes left out). */
const replies = (screen: string): string[] => screen.split('\r\n').filter((l) => /^\d{3}[ -]/.test(l));

describe('a world whose outbound code comes later', { timeout: 60_000 }, () => {
  it('starts without it and runs the queue timers as an empty MailQueue does', async () => {
    const lazy = await fresh();
    expect(lazy.outbound.outboundNow()).toBeNull();
    /** An hour of qmgr scans, a stop and a start, more scans, a flush. */
    const timers = (w: ReturnType<typeof lazy.createLabWorld>) => {
      w.advance(3_600_000);
      w.postfix(['stop'], false);
      w.advance(10_000);
      w.postfix(['start'], false);
      w.advance(1_000_000);
      w.queue.flush();
      return w;
    };
    const a = timers(lazy.createLabWorld());
    const stepsA = a.queue.nextDueAt();
    expect(() => a.queue.mailq()).toThrow(lazy.OutboundNotLoaded);
    expect(lazy.outbound.outboundNow()).toBeNull();
    await lazy.outbound.loadOutbound();
    const b = timers(lazy.createLabWorld());
    expect(b.queue.nextDueAt()).toBe(stepsA);
    expect(a.logLines()).toEqual(b.logLines());
    expect(a.clock.now()).toBe(b.clock.now());
    // The stand-in hands its processes to the real queue: the same PIDs in what follows.
    a.queue.submitLocal('root', ['root@mail.example.org'], 'Subject: x\n\nx\n');
    b.queue.submitLocal('root', ['root@mail.example.org'], 'Subject: x\n\nx\n');
    expect(a.logLines()).toEqual(b.logLines());
    expect(a.queue.mailq()).toEqual(b.queue.mailq());
  });

  it('telnet holds MAIL and what follows until the code is here, then the same replies and log as at once', async () => {
    const lazy = await fresh();
    const a = lazy.lab();
    a.port.type('telnet localhost 25\r');
    for (const l of MESSAGE.slice(0, 3)) a.port.type(`${l}\r`);
    const before = a.port.take();
    // Only EHLO was answered: MAIL waits for the code (smtpd's MAIL comes with it), RCPT behind it.
    expect(replies(before).at(-1)).toBe('250 CHUNKING');
    a.port.type('DATA\r');
    // Typed ahead while the code loads: kept, in order.
    for (const l of MESSAGE.slice(4)) a.port.type(`${l}\r`);
    const held = a.port.take();
    expect(replies(held)).toEqual([]);
    expect(a.world.logLines().some((l) => l.includes('cleanup'))).toBe(false);
    await settle();
    expect(lazy.outbound.outboundNow()).not.toBeNull();
    const after = a.port.take();

    const b = lazy.lab();
    b.port.type('telnet localhost 25\r');
    for (const l of MESSAGE) b.port.type(`${l}\r`);
    const eager = b.port.take();
    expect(replies(before + held + after)).toEqual(replies(eager));
    expect(replies(eager).some((l) => l.startsWith('250 2.0.0 Ok: queued as '))).toBe(true);
    expect(a.world.logLines()).toEqual(b.world.logLines());
    expect(a.world.logLines().some((l) => l.includes('postfix/local'))).toBe(true);
  });

  it('a pasted dialogue with a command after QUIT: the same screen as at once, and the command runs at the prompt', async () => {
    const paste = `${[...MESSAGE, 'echo typed-after-quit'].join('\r')}\r`;
    const lazy = await fresh();
    const a = lazy.lab();
    a.port.type('telnet localhost 25\r');
    a.port.type(paste);
    // While the code loads, what follows DATA waits unechoed in the shell, as keys typed during a command do.
    expect(a.port.output).not.toContain('Subject: lazy');
    await settle();
    expect(lazy.outbound.outboundNow()).not.toBeNull();
    const screenA = a.port.take();

    const b = lazy.lab();
    b.port.type('telnet localhost 25\r');
    b.port.type(paste);
    const screenB = b.port.take();
    expect(screenA).toBe(screenB);
    expect(screenB).toContain('Connection closed by foreign host.');
    // The line after QUIT reached bash, not the closed connection.
    expect(screenB.split('\r\n')).toContain('typed-after-quit');
    expect(a.world.logLines()).toEqual(b.world.logLines());
  });

  it('telnet typed slower than the code loads shows exactly the same screen', async () => {
    const lazy = await fresh();
    const a = lazy.lab();
    a.port.type('telnet localhost 25\r');
    let screenA = '';
    for (const l of MESSAGE) {
      a.port.type(`${l}\r`);
      await settle();
      screenA += a.port.take();
    }
    const b = lazy.lab();
    b.port.type('telnet localhost 25\r');
    for (const l of MESSAGE) b.port.type(`${l}\r`);
    expect(screenA).toBe(b.port.take());
    expect(a.world.logLines()).toEqual(b.world.logLines());
  });

  it('EHLO and an error-free session never wait for the code; a line past EHLO fetches it in the background', async () => {
    const lazy = await fresh();
    const a = lazy.lab();
    a.port.type('telnet localhost 25\r');
    a.port.type('EHLO client.example.com\r');
    expect(replies(a.port.take())).toContain('250 CHUNKING');
    await settle();
    expect(lazy.outbound.outboundNow()).toBeNull();
    a.port.type('NOOP\r');
    a.port.type('QUIT\r');
    // Answered at once, without waiting for the fetch that NOOP started.
    expect(replies(a.port.take())).toEqual(['250 2.0.0 Ok', '221 2.0.0 Bye']);
    await settle();
    expect(lazy.outbound.outboundNow()).not.toBeNull();
  });

  it('after an error answer, a session end waits: the postmaster notice goes through the real queue', async () => {
    const lines = ['EHLO client.example.com', 'RCPT TO:<root@mail.example.org>', 'QUIT'];
    const notify = (world: Pick<LabWorld, 'fs' | 'postfix'>) => {
      world.fs.write('/etc/postfix/main.cf', `${world.fs.read('/etc/postfix/main.cf') ?? ''}notify_classes = protocol\n`);
      world.postfix(['reload'], false);
    };
    const lazy = await fresh();
    const a = lazy.lab();
    notify(a.world);
    a.port.type('telnet localhost 25\r');
    for (const l of lines) a.port.type(`${l}\r`);
    const screenA = a.port.take();
    await settle();
    const restA = a.port.take();
    const b = lazy.lab();
    notify(b.world);
    b.port.type('telnet localhost 25\r');
    for (const l of lines) b.port.type(`${l}\r`);
    const screenB = b.port.take();
    expect(replies(screenA + restA)).toEqual(replies(screenB));
    expect(a.world.logLines()).toEqual(b.world.logLines());
    expect(b.world.logLines().some((l) => /postfix\/cleanup\[\d+\]: \w+: message-id=/.test(l))).toBe(true);
  });

  it('a goal that mails from a scratch copy asks for the code and leaves the learner’s world alone', async () => {
    const lesson = {
      exercises: [
        {
          id: 'out',
          goals: [{ text: 'delivered', check: 'outgoing', args: { to: 'root@mail.example.org', result: 'sent' } }],
        },
      ],
    };
    const lazy = await fresh();
    const a = lazy.createLessonSession({ scenario: 'lab-default' });
    const logBefore = a.world.logLines();
    expect(() => a.evaluate(lesson)).toThrow(lazy.OutboundNotLoaded);
    expect(a.world.logLines()).toEqual(logBefore);
    await lazy.outbound.loadOutbound();
    const statusA = a.evaluate(lesson);
    const b = lazy.createLessonSession({ scenario: 'lab-default' });
    expect(statusA).toEqual(b.evaluate(lesson));
    expect(statusA[0]?.goals[0]?.met).toBe(true);
    expect(a.world.logLines()).toEqual(b.world.logLines());
  });

  it('a saved lab restores without the code', async () => {
    const lazy = await fresh();
    await lazy.outbound.loadOutbound();
    const source = lazy.createLessonSession({ scenario: 'lab-default' });
    source.runLine("postconf -e 'smtpd_tls_loglevel = 1'");
    source.runLine('postfix reload');
    const image = source.image();
    const again = await fresh();
    const a = again.createLessonSession({ scenario: 'lab-default', image });
    expect(again.outbound.outboundNow()).toBeNull();
    await again.outbound.loadOutbound();
    const b = again.createLessonSession({ scenario: 'lab-default', image });
    expect(a.world.logLines()).toEqual(b.world.logLines());
    expect(a.loaded()).toEqual(b.loaded());
  });
});

describe('OutboundGate', () => {
  /** A source whose code comes when `arrive` is called. */
  function source() {
    let here = false;
    let arrive: () => void = () => {};
    const loads: number[] = [];
    const ready = new Promise<void>((r) => {
      arrive = () => {
        here = true;
        r();
      };
    });
    return { ready: () => here, load: () => (loads.push(1), ready), loads, arrive: () => arrive() };
  }

  it('holds any line but EHLO, HELO, STARTTLS, NOOP, RSET and QUIT, and everything after it, in order, until the code is here', async () => {
    const { OutboundGate } = await import('../../src/shell/programs/net/outbound-gate.ts');
    const src = source();
    const gate = new OutboundGate(src);
    const ran: string[] = [];
    gate.run('EHLO x\n', () => ran.push('EHLO'));
    expect(src.loads).toEqual([]);
    gate.run('  noop\n', () => ran.push('NOOP'));
    gate.run('RSET\r\n', () => ran.push('RSET'));
    // Lines past EHLO start the fetch in the background.
    expect(src.loads.length).toBe(2);
    expect(ran).toEqual(['EHLO', 'NOOP', 'RSET']);
    gate.run('MAIL FROM:<a@b>\n', () => ran.push('MAIL'));
    expect(gate.waiting).toBe(true);
    gate.run('data\n', () => ran.push('DATA'));
    gate.run('hello\n', () => ran.push('hello'));
    gate.run(null, () => ran.push('eof'));
    expect(ran).toEqual(['EHLO', 'NOOP', 'RSET']);
    expect(gate.waiting).toBe(true);
    src.arrive();
    await settle();
    expect(ran).toEqual(['EHLO', 'NOOP', 'RSET', 'MAIL', 'DATA', 'hello', 'eof']);
    expect(gate.waiting).toBe(false);
  });

  it('lets through only lines whose first word smtpd runs without the code', async () => {
    const { OutboundGate } = await import('../../src/shell/programs/net/outbound-gate.ts');
    const passes = (line: string) => {
      const gate = new OutboundGate(source());
      let ran = false;
      gate.run(line, () => (ran = true));
      return ran;
    };
    for (const l of ['EHLO x\n', 'helo x\n', 'STARTTLS\n', 'quit\r\n', ' NOOP\n']) expect(passes(l), l).toBe(true);
    for (const l of [
      'AUTH PLAIN\n',
      'VRFY root\n',
      'ETRN x\n',
      'XCLIENT NAME=x\n',
      'QUITS\n',
      '\n',
      'EHLO x\nMAIL FROM:<a>\n',
      'EHLO x\x1d',
    ])
      expect(passes(l), JSON.stringify(l)).toBe(false);
  });

  it('after an error answer holds even a close; a disposed gate runs nothing more', async () => {
    const { OutboundGate } = await import('../../src/shell/programs/net/outbound-gate.ts');
    const src = source();
    const gate = new OutboundGate(src);
    const ran: string[] = [];
    gate.watch({ data: '220 mail ESMTP\r\n', closed: false });
    expect(src.loads).toEqual([]);
    gate.watch({ data: '250 ok\r\n503 5.5.1 Error: need MAIL command\r\n', closed: false });
    expect(src.loads.length).toBe(1);
    gate.run(null, () => ran.push('close'));
    expect(ran).toEqual([]);
    gate.dispose();
    src.arrive();
    await settle();
    expect(ran).toEqual([]);
  });
});
