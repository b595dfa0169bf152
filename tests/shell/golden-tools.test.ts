/**
 * Every command recorded from the real tools (tests/shell/golden/record-tools.py: coreutils 9.1, grep 3.8,
 * bash 5.2.15 on Debian 12) gives the same stdout, stderr and exit status in the simulated shell.
 */
import { describe, expect, it } from 'vitest';
import golden from './golden/tools.golden.json';
import { makeFs, makeHost, runCaptured } from './harness.ts';

interface Case {
  cmd: string;
  stdout: string;
  stderr: string;
  status: number;
}

const cases = (golden as { fixture: Record<string, string>; cases: Case[] }).cases;
const fixture = (golden as { fixture: Record<string, string> }).fixture;

/** Syntax the simulated bash refuses on purpose, with its own message (status 2) instead of running it. */
const UNSUPPORTED: Readonly<Record<string, string>> = {
  'echo $((1+2))': '$((...))',
  'echo `pwd`': '`...`',
  'echo $(pwd)': '$(...)',
  'echo a &': '&',
};

/** The recording's dates are when it ran; the simulation's are the world clock's. */
function normalizeDates(s: string): string {
  return s.replace(/[A-Z][a-z]{2} [ \d]\d \d\d:\d\d/g, '<DATE>');
}

describe('coreutils, grep and bash builtins against the recording', () => {
  it('has the recorded cases', () => {
    expect(cases.length).toBeGreaterThan(150);
  });
  for (const c of cases) {
    it(c.cmd, () => {
      const host = makeHost(makeFs(fixture));
      const r = runCaptured(c.cmd, host);
      const unsupported = UNSUPPORTED[c.cmd];
      if (unsupported !== undefined) {
        expect(r.stderr).toBe(`bash: ${unsupported}: not supported in this simulated shell\n`);
        expect(r.status).toBe(2);
        return;
      }
      // An interactive bash says "exit" before it leaves; `bash -c` does not.
      const stderr = c.cmd.startsWith('exit') ? `exit\n${c.stderr}` : c.stderr;
      expect({ stdout: normalizeDates(r.stdout), stderr: r.stderr, status: r.status }).toEqual({
        stdout: normalizeDates(c.stdout),
        stderr,
        status: c.status,
      });
    });
  }
});
