/**
 * anvil(8)'s statistics: their text and the reload case are recorded (tests/corpus-extra/reload-*); when
 * anvil exits on its own (idle for max(max_idle, anvil_rate_time_unit) once smtpd's connection to it,
 * closed ipc_idle after the last request, is gone) and whom smtpd reports follow anvil.c,
 * multi_server.c and smtpd.c of Postfix 3.7.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { maskVolatile, normalize } from '../../../src/corpus/normalize.ts';
import { MainCf } from '../../../src/engine/config/main-cf.ts';
import { steppingClock, type SteppingClock } from '../../../src/engine/world/clock.ts';
import { createLabWorld, LAB_EPOCH } from '../../../src/engine/world/lab-world.ts';

type LabWorld = ReturnType<typeof createLabWorld>;
const MAIN_CF = '/etc/postfix/main.cf';
const EXTRA = join(import.meta.dirname, '../../corpus-extra');

function world(main: Readonly<Record<string, string>> = {}): { w: LabWorld; clock: SteppingClock } {
  const clock = steppingClock(LAB_EPOCH, 10);
  const w = createLabWorld({ clock, start: false });
  w.fs.write(MAIN_CF, MainCf.parse(w.fs.read(MAIN_CF) ?? '').withSettings(Object.entries(main)));
  w.postfix(['start'], false);
  return { w, clock };
}

function session(w: LabWorld): void {
  const c = w.network.connect('127.0.0.1', 25);
  if (!c.ok) throw new Error('connect');
  c.endpoint.open();
  c.endpoint.receive('EHLO client.example.com\r\n');
  c.endpoint.receive('QUIT\r\n');
}

const anvilLines = (lines: readonly string[]): string[] =>
  normalize(lines.join('\n'))
    .split('\n')
    .filter((l) => l.includes('postfix/anvil['))
    .map(maskVolatile);

function recordedAnvil(scenario: string): string[] {
  return anvilLines(
    readFileSync(join(EXTRA, scenario, 'raw.normalized.log'), 'utf8')
      .trim()
      .split('\n'),
  );
}

describe('anvil(8)', () => {
  it('logs the peak rate, count and cache size at postfix reload, as recorded', () => {
    const { w } = world();
    session(w);
    session(w);
    // Two at once: A stays open while B comes and goes.
    const a = w.network.connect('127.0.0.1', 25);
    if (!a.ok) throw new Error('connect');
    a.endpoint.open();
    session(w);
    a.endpoint.receive('QUIT\r\n');
    w.postfix(['reload'], false);
    expect(anvilLines(w.logLines())).toEqual(recordedAnvil('reload-maincf-no-reload'));
    // anvil is gone: the next reload has nothing to say until smtpd talks to a new anvil.
    w.postfix(['reload'], false);
    expect(anvilLines(w.logLines())).toHaveLength(3);
  });

  it('exits max(max_idle, anvil_rate_time_unit) after its last client left, ipc_idle after the last request', () => {
    const { w, clock } = world();
    session(w);
    clock.advance(104_000);
    w.runDue();
    expect(anvilLines(w.logLines())).toEqual([]);
    clock.advance(2_000);
    w.runDue();
    const lines = anvilLines(w.logLines());
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/statistics: max connection rate 1\/60s for \(smtp:127\.0\.0\.1\) at <TIMESTAMP>$/);
  });

  it('hears nothing of clients in smtpd_client_event_limit_exceptions ($mynetworks by default)', () => {
    const { w } = world({ mynetworks: '127.0.0.0/8' });
    session(w);
    w.postfix(['reload'], false);
    expect(anvilLines(w.logLines())).toEqual([]);
  });

  it('is copied with the rest of master state', () => {
    const { w } = world();
    session(w);
    const state = w.master.exportState();
    expect(state.anvil?.remotes).toHaveLength(1);
    const copy = createLabWorld({ files: {}, clock: steppingClock(LAB_EPOCH + 1_000, 10), restore: state });
    copy.postfix(['reload'], false);
    expect(anvilLines(copy.logLines())).toHaveLength(3);
    expect(anvilLines(w.logLines())).toEqual([]);
  });
});
