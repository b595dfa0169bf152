/**
 * runPostconfEdit, postconf for the lab's controls (edits only, without postconf's display code), against
 * the recorded runs of the real postconf 3.7.11 that edited main.cf or master.cf (golden/real-postconf.json).
 */
import { describe, expect, it } from 'vitest';
import { runPostconfEdit } from '../../../src/engine/postconf/run-core.ts';
import { loadRealCases, resolveSpec } from './real-cases.ts';

/** Cases where 3.7 appends new main.cf lines in hash-table order (varies per run; see real-postconf.test.ts). */
const UNORDERED_APPEND = new Set(['e-append-sorted', 'opt-e-names']);

describe('runPostconfEdit edits as the real postconf 3.7.11 does', () => {
  const edits = loadRealCases().filter((c) => (c.mainAfter ?? c.masterAfter) != null && !UNORDERED_APPEND.has(c.name));
  it('has recorded edits of both files', () => {
    expect(edits.filter((c) => c.mainAfter != null).length).toBeGreaterThan(10);
    expect(edits.filter((c) => c.masterAfter != null).length).toBeGreaterThan(10);
  });
  for (const c of edits) {
    it(`${c.name}: postconf ${c.argv.join(' ')}`, () => {
      const r = runPostconfEdit(c.argv, { mainCf: resolveSpec(c.main), masterCf: resolveSpec(c.master) }, { pid: 4242 });
      expect([r.stdout, r.stderr, r.exitCode]).toEqual([c.stdout, c.stderr, c.exit]);
      if (c.mainAfter != null) expect(r.mainCf).toBe(c.mainAfter);
      if (c.masterAfter != null) expect(r.masterCf).toBe(c.masterAfter);
    });
  }
  it('refuses a command that does not edit', () => {
    const r = runPostconfEdit(['-n'], { mainCf: 'biff = no\n', masterCf: '' });
    expect(r.exitCode).toBe(1);
    expect(r.mainCf).toBeUndefined();
  });
});
