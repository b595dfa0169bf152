/**
 * master.exportState() and createLabWorld({ restore }): a scratch copy of the learner's world for goal
 * checks. The copy must answer as the original would (the same idle smtpd with the main.cf it read,
 * the same throttled services), and probing it must leave the original untouched.
 */
import { describe, expect, it } from 'vitest';
import { MainCf } from '../../../src/engine/config/main-cf.ts';
import type { MasterState } from '../../../src/engine/master/master.ts';
import { steppingClock } from '../../../src/engine/world/clock.ts';
import { createLabWorld, LAB_EPOCH } from '../../../src/engine/world/lab-world.ts';
import type { SimFile } from '../../../src/engine/tls/types.ts';
import { corpusAnswer } from '../smtpd/corpus/replies.ts';

type LabWorld = ReturnType<typeof createLabWorld>;
const MAIN_CF = '/etc/postfix/main.cf';
const EHLO = 'EHLO client.example.com';
const EHLO_MAY = corpusAnswer('p25-level-may', 0, EHLO);
const EHLO_NONE = corpusAnswer('p25-level-none', 0, EHLO);

function setMain(w: LabWorld, settings: Readonly<Record<string, string>>): void {
  w.fs.write(MAIN_CF, MainCf.parse(w.fs.read(MAIN_CF) ?? '').withSettings(Object.entries(settings)));
}

/** A session: EHLO, then a message to root, then QUIT. The EHLO reply and every reply line. */
function probe(w: LabWorld, port = 25): { ehlo: string[]; all: string[] } {
  const c = w.network.connect('127.0.0.1', port);
  if (!c.ok) throw new Error(`connect: ${c.error}`);
  const all: string[] = [c.endpoint.open().data];
  const ehlo = c.endpoint.receive(`${EHLO}\r\n`).data;
  all.push(ehlo);
  for (const cmd of ['MAIL FROM:<a@example.com>', 'RCPT TO:<root@example.org>', 'DATA', 'Subject: x\r\n\r\nhi\r\n.', 'QUIT'])
    all.push(c.endpoint.receive(`${cmd}\r\n`).data);
  return { ehlo: ehlo.split('\r\n').filter((l) => l !== ''), all };
}

/** The learner's world: one session served, then main.cf changed without reload (the smtpd stays idle). */
function learnerWorld(): LabWorld {
  const w = createLabWorld({ clock: steppingClock(LAB_EPOCH, 10) });
  probe(w);
  setMain(w, { smtpd_tls_security_level: 'none' });
  return w;
}

function files(w: LabWorld): Record<string, SimFile> {
  return Object.fromEntries(w.fs.paths().flatMap((p) => (w.fs.stat(p) === undefined ? [] : [[p, w.fs.stat(p) as SimFile]])));
}

function copyOf(w: LabWorld, state: MasterState, at: number): LabWorld {
  return createLabWorld({ files: files(w), clock: steppingClock(at, 10), restore: state });
}

describe('a copy of the world from master.exportState()', () => {
  it('is plain data: the configuration master read, and each live process with the main.cf it read', () => {
    const w = learnerWorld();
    const state = w.master.exportState();
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
    expect(state.pid).toBe(w.master.pid);
    expect(state.mainCf).toContain('smtpd_tls_security_level = may');
    expect(state.processes).toHaveLength(1);
    expect(state.processes[0]).toMatchObject({ service: 'smtp', useCount: 1, busy: false });
    expect(state.processes[0]?.mainCf).toContain('smtpd_tls_security_level = may');
    expect(w.fs.read(MAIN_CF)).toContain('smtpd_tls_security_level = none');
  });

  it('answers like the original: the same idle smtpd, with its stale main.cf, then a new one after max_idle', () => {
    const original = learnerWorld();
    const state = original.master.exportState();
    const copy = copyOf(original, state, LAB_EPOCH + 60_000);
    expect(copy.logLines()).toEqual([]);
    const onCopy = probe(copy);
    const onOriginal = probe(original);
    expect(onCopy.ehlo).toEqual(EHLO_MAY);
    expect(onCopy.all.slice(0, 5)).toEqual(onOriginal.all.slice(0, 5));
    const pid = state.processes[0]?.pid;
    expect(copy.logLines()[0]).toContain(`smtpd[${pid}]: connect from`);
    // Later than max_idle after its last use, the copy's probe gets a new smtpd, as the original would.
    const late = copyOf(original, original.master.exportState(), LAB_EPOCH + 500_000);
    expect(probe(late).ehlo).toEqual(EHLO_NONE);
  });

  it('copies a throttled service: the probe hears nothing, as on the original', () => {
    const original = createLabWorld({ clock: steppingClock(LAB_EPOCH, 10) });
    setMain(original, { smtpd_tls_security_level: 'maybe' });
    original.network.connect('127.0.0.1', 25);
    const state = original.master.exportState();
    expect(state.throttled).toHaveLength(1);
    setMain(original, { smtpd_tls_security_level: 'may' });
    const copy = copyOf(original, state, LAB_EPOCH + 1_000);
    const c = copy.network.connect('127.0.0.1', 25);
    expect(c.ok && c.endpoint.open()).toEqual({ data: '', closed: false });
  });

  it("probing the copy leaves the original's log, next PID and next queue ID as they were", () => {
    const original = learnerWorld();
    const twin = learnerWorld();
    const log = original.logLines();
    const copy = copyOf(original, original.master.exportState(), LAB_EPOCH + 1_000);
    probe(copy);
    copy.postfix(['reload'], false);
    probe(copy);
    expect(copy.logLines().length).toBeGreaterThan(5);
    expect(original.logLines()).toEqual(log);
    expect(original.ids.nextPid()).toBe(twin.ids.nextPid());
    expect(original.ids.nextQueueId()).toBe(twin.ids.nextQueueId());
    expect(original.master.exportState()).toEqual(twin.master.exportState());
  });

  it('copies a stopped Postfix as stopped', () => {
    const original = createLabWorld({ start: false });
    const copy = copyOf(original, original.master.exportState(), LAB_EPOCH);
    expect(copy.master.running).toBe(false);
    expect(copy.network.connect('127.0.0.1', 25)).toMatchObject({ ok: false, error: 'refused' });
  });
});
