import { describe, expect, it } from 'vitest';
import type { DaemonStart } from '../../../src/engine/master/master.ts';
import { corpusBanner } from './corpus/replies.ts';
import { lab } from './harness.ts';

describe('the seam to master(8)', () => {
  it("startSmtpd's result is master's DaemonStart: accept() gives a ServerEndpoint, a fatal start gives exitStatus 1", () => {
    const good: DaemonStart = lab().start;
    const bad: DaemonStart = lab({ main: { smtpd_tls_security_level: 'maybe' } }).start;
    expect(good.ok && good.accept({ name: 'localhost', addr: '127.0.0.1' }).open().data).toBe(`${corpusBanner('p25-level-may')}\r\n`);
    expect(bad).toMatchObject({ ok: false, exitStatus: 1 });
  });
});
