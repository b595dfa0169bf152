/**
 * When a configuration change takes effect (master/master_spawn.c, master_avail.c, master_conf.c,
 * master_status.c, single_server.c of Postfix 3.7): master(8) reads master.cf at start and reload
 * only; each new smtpd reads main.cf itself; an idle smtpd is reused with what it read until
 * max_idle, max_use or a reload. The replies are the corpus's (p25-level-may, p25-level-none) and
 * the throttling lines those of invalid-level-maybe.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { maskVolatile, normalize } from '../../../src/corpus/normalize.ts';
import { MainCf } from '../../../src/engine/config/main-cf.ts';
import { steppingClock, type SteppingClock } from '../../../src/engine/world/clock.ts';
import { createLabWorld, LAB_EPOCH } from '../../../src/engine/world/lab-world.ts';
import { CORPUS } from '../../corpus/corpus-path.ts';
import { corpusAnswer } from '../smtpd/corpus/replies.ts';

type LabWorld = ReturnType<typeof createLabWorld>;
const MAIN_CF = '/etc/postfix/main.cf';
const MASTER_CF = '/etc/postfix/master.cf';
const EHLO = 'EHLO client.example.com';
const EHLO_MAY = corpusAnswer('p25-level-may', 0, EHLO);
const EHLO_NONE = corpusAnswer('p25-level-none', 0, EHLO);

function world(main: Readonly<Record<string, string>> = {}): { w: LabWorld; clock: SteppingClock } {
  const clock = steppingClock(LAB_EPOCH, 10);
  const w = createLabWorld({ clock, start: false });
  setMain(w, main);
  w.postfix(['start'], false);
  return { w, clock };
}

function setMain(w: LabWorld, settings: Readonly<Record<string, string>>): void {
  const text = MainCf.parse(w.fs.read(MAIN_CF) ?? '').withSettings(Object.entries(settings));
  w.fs.write(MAIN_CF, text);
}

function lines(data: string): string[] {
  return data.split('\r\n').filter((l) => l !== '');
}

/** The PID in the newest `connect from` line. */
function lastSmtpdPid(w: LabWorld): number | null {
  const m = w
    .logLines()
    .map((l) => /smtpd\[(\d+)\]: connect from /.exec(l))
    .filter((x) => x !== null)
    .at(-1);
  return m === undefined ? null : Number(m[1]);
}

/** One whole session: EHLO, QUIT. Its EHLO reply and the PID of the smtpd that served it. */
function ehloQuit(w: LabWorld, port = 25): { ehlo: string[]; pid: number | null } {
  const c = w.network.connect('127.0.0.1', port);
  if (!c.ok) throw new Error(`connect ${port}: ${c.error}`);
  c.endpoint.open();
  const pid = lastSmtpdPid(w);
  const ehlo = lines(c.endpoint.receive(`${EHLO}\r\n`).data);
  c.endpoint.receive('QUIT\r\n');
  return { ehlo, pid };
}

describe('main.cf changes without postfix reload', () => {
  it('an idle smtpd that master reuses keeps the main.cf it read; a reload makes the next connection get a new one', () => {
    const { w } = world();
    const first = ehloQuit(w);
    expect(first.ehlo).toEqual(EHLO_MAY);
    setMain(w, { smtpd_tls_security_level: 'none' });
    const second = ehloQuit(w);
    expect(second).toEqual({ ehlo: EHLO_MAY, pid: first.pid });
    expect(w.postfix(['reload'], false).exitCode).toBe(0);
    const third = ehloQuit(w);
    expect(third.ehlo).toEqual(EHLO_NONE);
    expect(third.pid).not.toBe(first.pid);
  });

  it('a connection that comes while the idle smtpd is busy gets a new smtpd, which reads the new main.cf', () => {
    const { w } = world();
    const first = ehloQuit(w);
    setMain(w, { smtpd_tls_security_level: 'none' });
    const a = w.network.connect('127.0.0.1', 25);
    if (!a.ok) throw new Error('connect');
    a.endpoint.open();
    const pidA = lastSmtpdPid(w);
    const b = ehloQuit(w);
    expect(lines(a.endpoint.receive(`${EHLO}\r\n`).data)).toEqual(EHLO_MAY);
    a.endpoint.receive('QUIT\r\n');
    expect(pidA).toBe(first.pid);
    expect(b.ehlo).toEqual(EHLO_NONE);
    expect(b.pid).not.toBe(first.pid);
  });

  it('an smtpd idle for max_idle (100s by default) has exited: the next connection gets a new one', () => {
    const { w, clock } = world();
    const first = ehloQuit(w);
    setMain(w, { smtpd_tls_security_level: 'none' });
    clock.advance(99_000);
    expect(ehloQuit(w)).toEqual({ ehlo: EHLO_MAY, pid: first.pid });
    clock.advance(100_000);
    const later = ehloQuit(w);
    expect(later.ehlo).toEqual(EHLO_NONE);
    expect(later.pid).not.toBe(first.pid);
  });

  it('max_idle and max_use are read by each process, -o in master.cf included', () => {
    const { w, clock } = world({ max_idle: '5s', max_use: '2' });
    const pids = [ehloQuit(w).pid, ehloQuit(w).pid, ehloQuit(w).pid];
    // The process exits after its second connection (max_use = 2).
    expect(pids[1]).toBe(pids[0]);
    expect(pids[2]).not.toBe(pids[0]);
    clock.advance(6_000);
    expect(ehloQuit(w).pid).not.toBe(pids[2]);
  });

  it('serves max_use = 100 connections by default with one process, then starts another', () => {
    const { w } = world();
    const pids = new Set<number | null>();
    for (let i = 0; i < 100; i++) pids.add(ehloQuit(w).pid);
    expect(pids.size).toBe(1);
    pids.add(ehloQuit(w).pid);
    expect(pids.size).toBe(2);
  });

  it('a session open across postfix reload finishes with the old settings, then its process exits', () => {
    const { w } = world();
    const a = w.network.connect('127.0.0.1', 25);
    if (!a.ok) throw new Error('connect');
    a.endpoint.open();
    const pidA = lastSmtpdPid(w);
    setMain(w, { smtpd_tls_security_level: 'none' });
    w.postfix(['reload'], false);
    expect(lines(a.endpoint.receive(`${EHLO}\r\n`).data)).toEqual(EHLO_MAY);
    a.endpoint.receive('QUIT\r\n');
    const next = ehloQuit(w);
    expect(next.ehlo).toEqual(EHLO_NONE);
    expect(next.pid).not.toBe(pidA);
  });
});

describe('master.cf changes wait for postfix reload', () => {
  const uncomment = (master: string, from: number, to: number): string =>
    master
      .split('\n')
      .map((l, i) => (i + 1 >= from && i + 1 <= to ? l.replace(/^#/, '') : l))
      .join('\n');
  /** The lab's stock submission block: entry and -o lines, without (ok) or with (broken) its prose lines. */
  const submissionLines = (w: LabWorld): { entry: number; prose: [number, number]; last: number } => {
    const ls = (w.fs.read(MASTER_CF) ?? '').split('\n');
    const entry = ls.findIndex((l) => l.startsWith('#submission inet')) + 1;
    const proseStart = ls.findIndex((l, i) => i >= entry && l.startsWith('#     ')) + 1;
    const proseEnd = ls.findIndex((l, i) => i >= proseStart && l.startsWith('#  -o'));
    const last = ls.findIndex((l, i) => i >= entry && l.startsWith('#  -o milter_macro_daemon_name')) + 1;
    return { entry, prose: [proseStart, proseEnd], last };
  };

  it('a service added to master.cf listens only after reload, a removed one until then', () => {
    const { w } = world();
    const stock = w.fs.read(MASTER_CF) ?? '';
    const s = submissionLines(w);
    const withSubmission = uncomment(uncomment(stock, s.entry, s.prose[0] - 1), s.prose[1] + 1, s.last);
    w.fs.write(MASTER_CF, withSubmission);
    expect(w.network.connect('127.0.0.1', 587)).toMatchObject({ ok: false, error: 'refused' });
    w.postfix(['reload'], false);
    expect(w.network.connect('127.0.0.1', 587).ok).toBe(true);
    w.fs.write(MASTER_CF, stock);
    expect(w.network.connect('127.0.0.1', 587).ok).toBe(true);
    w.postfix(['reload'], false);
    expect(w.network.connect('127.0.0.1', 587)).toMatchObject({ ok: false, error: 'refused' });
  });

  it('prose lines uncommented into the submission entry: its smtpd dies after accept, master throttles it, port 25 works', () => {
    const { w, clock } = world();
    const s = submissionLines(w);
    w.fs.write(MASTER_CF, uncomment(w.fs.read(MASTER_CF) ?? '', s.entry, s.last));
    expect(w.postfix(['check'], false)).toMatchObject({ exitCode: 0, stderr: '' });
    w.postfix(['reload'], false);
    const before = w.logLines().length;
    const first = w.network.connect('127.0.0.1', 587);
    // The connection closes without a banner.
    expect(first.ok && first.endpoint.open()).toEqual({ data: '', closed: true });
    const logged = w.logLines().slice(before);
    expect(logged[0]).toMatch(/ postfix\/submission\/smtpd\[\d+\]: fatal: unexpected command-line argument: Each$/);
    // master's two lines are those of the corpus (invalid-level-maybe).
    const recorded = readFileSync(join(CORPUS, 'invalid-level-maybe/raw.normalized.log'), 'utf8').trim().split('\n').slice(1);
    expect(normalize(logged.slice(1).join('\n')).split('\n').map(maskVolatile)).toEqual(recorded.map(maskVolatile));
    // Throttled: the next client connects and hears nothing; nothing is logged.
    const second = w.network.connect('127.0.0.1', 587);
    expect(second.ok && second.endpoint.open()).toEqual({ data: '', closed: false });
    expect(w.logLines()).toHaveLength(before + 3);
    // Other services are not affected.
    expect(ehloQuit(w).ehlo).toEqual(EHLO_MAY);
    // After service_throttle_time (60s) master tries again: the waiting client gets the next smtpd, which dies the
    // same way (EOF), and the service is throttled again, so a new client waits in turn.
    clock.advance(60_000);
    w.runDue();
    expect(second.ok && second.endpoint.poll?.()).toEqual({ data: '', closed: true });
    expect(w.logLines().slice(-3)[0]).toMatch(/ postfix\/submission\/smtpd\[\d+\]: fatal: unexpected command-line argument: Each$/);
    expect(w.logLines().slice(-1)[0]).toMatch(/bad command startup -- throttling$/);
    const third = w.network.connect('127.0.0.1', 587);
    expect(third.ok && third.endpoint.open()).toEqual({ data: '', closed: false });
  });

  it('a main.cf mistake reaches a new smtpd without reload: it dies at start and master throttles the service', () => {
    const { w, clock } = world();
    setMain(w, { smtpd_tls_security_level: 'maybe' });
    const before = w.logLines().length;
    const c = w.network.connect('127.0.0.1', 25);
    expect(c.ok && c.endpoint.open()).toEqual({ data: '', closed: false });
    const recorded = readFileSync(join(CORPUS, 'invalid-level-maybe/raw.normalized.log'), 'utf8').trim().split('\n');
    expect(normalize(w.logLines().slice(before).join('\n')).split('\n').map(maskVolatile)).toEqual(recorded.map(maskVolatile));
    // Fixed in main.cf, still without reload: the throttle holds for 60s, then a new smtpd reads the fix.
    setMain(w, { smtpd_tls_security_level: 'may' });
    const during = w.network.connect('127.0.0.1', 25);
    expect(during.ok && during.endpoint.open().data).toBe('');
    clock.advance(60_000);
    expect(ehloQuit(w).ehlo).toEqual(EHLO_MAY);
  });
});

describe("the queue's daemons started on demand (smtp)", () => {
  /** Whether Postfix's smtp client sent STARTTLS to the relay for one message. */
  const sendAndSeeStarttls = (w: LabWorld): boolean => {
    w.network.takeTapped();
    w.queue.submitLocal('root@example.org', ['bob@example.net'], 'Subject: t\n\nhi\n');
    const sessions = w.network.takeTapped();
    expect(sessions.length).toBeGreaterThan(0);
    return sessions.some((s) => s.events.some((e) => e.dir === 'client' && e.data === 'STARTTLS\r\n'));
  };

  it('an idle smtp process keeps the main.cf it read until max_idle; a new one reads the change without reload', () => {
    const { w, clock } = world();
    expect(sendAndSeeStarttls(w)).toBe(true);
    setMain(w, { smtp_tls_security_level: 'none' });
    expect(sendAndSeeStarttls(w)).toBe(true);
    clock.advance(101_000);
    expect(sendAndSeeStarttls(w)).toBe(false);
  });

  it('postfix reload makes the next delivery use a new smtp process', () => {
    const { w } = world();
    expect(sendAndSeeStarttls(w)).toBe(true);
    setMain(w, { smtp_tls_security_level: 'none' });
    w.postfix(['reload'], false);
    expect(sendAndSeeStarttls(w)).toBe(false);
  });
});

describe('derived from master(8) source, not recorded', () => {
  it('a reload does not lift a throttle (master_restart_service): the fixed service answers when the throttle ends', () => {
    const { w, clock } = world();
    const stock = w.fs.read(MASTER_CF) ?? '';
    const lines = stock.split('\n');
    const entry = lines.findIndex((l) => l.startsWith('#submission inet'));
    const block = (withProse: boolean): string =>
      lines.map((l, i) => (i >= entry && i < entry + 16 && (withProse || !l.startsWith('#     ')) ? l.replace(/^#/, '') : l)).join('\n');
    w.fs.write(MASTER_CF, block(true));
    w.postfix(['reload'], false);
    const first = w.network.connect('127.0.0.1', 587);
    expect(first.ok && first.endpoint.open().closed).toBe(true);
    w.fs.write(MASTER_CF, block(false));
    w.postfix(['reload'], false);
    const waiting = w.network.connect('127.0.0.1', 587);
    if (!waiting.ok) throw new Error('connect');
    expect(waiting.endpoint.open()).toEqual({ data: '', closed: false });
    clock.advance(60_000);
    expect(waiting.endpoint.poll?.().data).toBe('220 mail.example.org ESMTP Postfix\r\n');
  });

  it('a reload cannot change inet_interfaces (master_ent.c): each inet service says so and keeps listening', () => {
    const { w } = world();
    setMain(w, { inet_interfaces: '192.0.2.1' });
    const before = w.logLines().length;
    w.postfix(['reload'], false);
    expect(
      w
        .logLines()
        .slice(before + 2)
        .map((l) => l.replace(/^.*postfix\/master\[\d+\]: /, '')),
    ).toEqual(['warning: service smtp: ignoring inet_interfaces change', 'warning: to change inet_interfaces, stop and start Postfix']);
    expect(w.network.connect('127.0.0.1', 25).ok).toBe(true);
  });
});
