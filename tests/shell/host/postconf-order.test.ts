/**
 * The order in which postconf's warning (stderr) and its output (stdout) reach a terminal, replayed from
 * tests/corpus-extra/host-tools/postconf-n-unknown-parameter.txt (main.cf plus a misspelt
 * `smtpd_tls_securty_level = may`): the warning comes after the output, on a pty, through `2>&1`, and for a
 * single parameter. The recording machine's main.cf logs to /var/log/postfix.log, the lab's to
 * /var/log/mail.log; that one value is swapped in the expectation.
 */
import { describe, expect, it } from 'vitest';
import { createLabWorld } from '../../../src/engine/world/lab-world.ts';
import { createLabShell } from '../../../src/shell/lab-shell.ts';
import { hostRecords } from './recordings.ts';

const FILE = 'postconf-n-unknown-parameter.txt';
const lab = (t: string): string => t.replace('maillog_file = /var/log/postfix.log', 'maillog_file = /var/log/mail.log');

function machine() {
  const world = createLabWorld();
  world.fs.write('/etc/postfix/main.cf', `${world.fs.read('/etc/postfix/main.cf') ?? ''}smtpd_tls_securty_level = may\n`);
  return createLabShell(world);
}

describe('postconf: warnings after the output', () => {
  const records = hostRecords(FILE).filter((r) => r.cmd.startsWith('postconf'));
  it('has the recordings', () => {
    expect(records.length).toBeGreaterThanOrEqual(3);
  });
  it.each(records.map((r) => [`${r.cmd}${r.pty ? ' (pty)' : ''}`, r] as const))('%s', (_n, r) => {
    const got = machine().runLine(r.cmd, { tty: r.pty });
    if (r.pty) expect(got.output.replace(/\r\n/g, '\n')).toBe(lab(r.terminal));
    else expect({ stdout: got.stdout, stderr: got.stderr }).toEqual({ stdout: lab(r.stdout), stderr: r.stderr });
    expect(got.exitCode).toBe(r.status);
  });
});
