/**
 * getent and timeout against what the real ones printed (tests/shell/golden/record-programs.py: glibc 2.36
 * and coreutils 9.1 on Debian 12, stdin /dev/null, stdout and stderr pipes, each getent case with its own
 * /etc/hosts): the lab shell's runLine with the same /etc/hosts gives the same stdout, stderr and status.
 */
import { describe, expect, it } from 'vitest';
import { createLabWorld } from '../../../src/engine/world/lab-world.ts';
import { createLabShell } from '../../../src/shell/lab-shell.ts';
import golden from '../golden/programs.golden.json';

const cases = golden.cases;

/** Python reports a process killed by signal N as -N; bash says 128+N. */
const shellStatus = (s: number): number => (s < 0 ? 128 - s : s);

describe('getent and timeout against the recording', () => {
  it('has the recorded cases', () => {
    expect(cases.filter((c) => c.cmd.startsWith('getent')).length).toBeGreaterThan(60);
    expect(cases.filter((c) => c.cmd.startsWith('timeout')).length).toBeGreaterThan(25);
  });
  cases.forEach((c, i) => {
    it(`${c.cmd}  [hosts #${i}]`, () => {
      const world = createLabWorld();
      world.fs.write('/etc/hosts', c.hosts);
      const shell = createLabShell(world);
      const r = shell.runLine(c.cmd, { tty: false });
      expect({ stdout: r.stdout, stderr: r.stderr, status: r.exitCode }).toEqual({
        stdout: c.stdout,
        stderr: c.stderr,
        status: shellStatus(c.status),
      });
    });
  });
});
