/**
 * hostname, which, ss and nc -z against the host-tool recordings of a Debian 12 machine running Postfix
 * with the corpus's main.cf (tests/corpus-extra/host-tools/: hostname.txt, which.txt, ss-ltn*.txt,
 * nc-z-v.txt by helper H1's host_tools.py; h4-host-misc.json by record_host_misc.py). Where the lab
 * machine differs from the recording machine on purpose, the test says so and adjusts the expectation.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createLabWorld } from '../../../src/engine/world/lab-world.ts';
import { createLabShell } from '../../../src/shell/lab-shell.ts';
import { HOST_TOOLS_DIR, hostRecords } from './recordings.ts';
import type { CommandRecord, HostRecord } from './recordings.ts';

function lab() {
  const world = createLabWorld();
  return { world, shell: createLabShell(world) };
}

const misc = (JSON.parse(readFileSync(`${HOST_TOOLS_DIR}h4-host-misc.json`, 'utf8')) as { records: CommandRecord[] }).records;
function miscRecord(cmd: string): CommandRecord {
  const r = misc.find((m) => m.cmd === cmd);
  if (r === undefined) throw new Error(`no recording of ${cmd}`);
  return r;
}
function record(file: string, cmd: string, pty = false): HostRecord {
  const r = hostRecords(file).find((h) => h.cmd === cmd && h.pty === pty);
  if (r === undefined) throw new Error(`no recording of ${cmd} in ${file}`);
  return r;
}

describe('which', () => {
  it.each(['which', 'which -x ls', 'which -a ls', 'which -a postconf', 'which ls nosuchcommand cat', 'which -a nosuchcommand'])(
    '%s as recorded',
    (cmd) => {
      const r = miscRecord(cmd);
      const got = lab().shell.runLine(cmd);
      expect({ stdout: got.stdout, stderr: got.stderr, status: got.exitCode }).toEqual({
        stdout: r.stdout,
        stderr: r.stderr,
        status: r.status,
      });
    },
  );

  it.each(['which postfix', 'which nosuchcommand'])('%s as recorded (which.txt)', (cmd) => {
    const r = record('which.txt', cmd);
    const got = lab().shell.runLine(cmd);
    expect({ stdout: got.stdout, stderr: got.stderr, status: got.exitCode }).toEqual({
      stdout: r.stdout,
      stderr: r.stderr,
      status: r.status,
    });
  });

  it('which postfix postconf openssl swaks telnet: as recorded, plus telnet, which the lab installs for its lessons', () => {
    const r = record('which.txt', 'which postfix postconf openssl swaks telnet');
    const got = lab().shell.runLine('which postfix postconf openssl swaks telnet');
    expect(got.stdout).toBe(`${r.stdout}/usr/bin/telnet\n`);
    expect(r.status).toBe(1); // the recording machine had no telnet
    expect(got.exitCode).toBe(0);
  });
});

describe('hostname', () => {
  it('prints the machine name (the recording machine is vm, the lab machine mail)', () => {
    const r = record('hostname.txt', 'hostname');
    expect(r.stdout).toBe('vm\n');
    const got = lab().shell.runLine('hostname');
    expect(got.stdout).toBe('mail\n');
    expect(got.exitCode).toBe(r.status);
  });

  it('-f, -d, -s, -i follow /etc/hosts (127.0.0.1 mail.example.org mail)', () => {
    const { shell } = lab();
    expect(shell.runLine('hostname -f').stdout).toBe('mail.example.org\n');
    expect(shell.runLine('hostname -d').stdout).toBe('example.org\n');
    expect(shell.runLine('hostname -s').stdout).toBe('mail\n');
    expect(shell.runLine('hostname -i').stdout).toBe('127.0.0.1\n');
  });

  it('-f and -d on a name without a domain: the name, and nothing at all (recorded on vm)', () => {
    const { world, shell } = lab();
    world.fs.write('/etc/hosts', '127.0.0.1\tlocalhost\n127.0.1.1\tmail\n');
    expect(shell.runLine('hostname -f').stdout).toBe('mail\n');
    const d = miscRecord('hostname -d');
    const got = shell.runLine('hostname -d');
    expect({ stdout: got.stdout, status: got.exitCode }).toEqual({ stdout: d.stdout, status: d.status });
  });

  it.each(['hostname -x', 'hostname --version'])('%s as recorded', (cmd) => {
    const r = miscRecord(cmd);
    const got = lab().shell.runLine(cmd);
    expect({ stdout: got.stdout, stderr: got.stderr, status: got.exitCode }).toEqual({
      stdout: r.stdout,
      stderr: r.stderr,
      status: r.status,
    });
  });
});

describe('ss', () => {
  /** The recording machine's 0.0.0.0:2024 listener is its own infrastructure: the lab machine has none. */
  const withoutInfra = (text: string): string =>
    text
      .split('\n')
      .filter((l) => !l.includes(':2024 '))
      .join('\n');
  const maskPid = (text: string): string => text.replace(/pid=\d+/g, 'pid=<PID>');

  it.each([
    ['ss-ltn.txt', 'ss -ltn'],
    ['ss-ltnp.txt', 'ss -ltnp'],
  ])('%s: master listening on 127.0.0.1:25', (file, cmd) => {
    const r = record(file, cmd);
    const got = lab().shell.runLine(cmd);
    // The Process column is as wide as its text, which holds master's PID: compare with the PID masked and
    // trailing blanks dropped, and check the padding rule (every line as long as the longest) on both sides.
    const trimmed = (t: string): string => maskPid(t).replace(/ +$/gm, '');
    expect(trimmed(got.stdout)).toBe(trimmed(withoutInfra(r.stdout)));
    for (const text of [got.stdout, r.stdout]) {
      const lengths = new Set(
        text
          .split('\n')
          .filter((l) => l !== '')
          .map((l) => l.length),
      );
      expect(lengths.size).toBe(1);
    }
    expect(got.exitCode).toBe(r.status);
  });

  it('follows master: nothing after postfix stop, submission after a reload that adds it', () => {
    const { world, shell } = lab();
    shell.runLine('postfix stop');
    expect(shell.runLine('ss -ltn').stdout.split('\n').length).toBe(2);
    shell.runLine('postfix start');
    world.fs.write('/etc/postfix/master.cf', `${world.fs.read('/etc/postfix/master.cf') ?? ''}submission inet n - y - - smtpd\n`);
    expect(shell.runLine('ss -ltn').stdout).not.toContain(':587');
    shell.runLine('postfix reload');
    expect(shell.runLine('ss -ltn').stdout).toContain('127.0.0.1:587 ');
  });
});

describe('nc -z', () => {
  it.each([
    ['nc -z -v 127.0.0.1 25', false],
    ['nc -z -v 127.0.0.1 587', false],
    ['nc -zv 127.0.0.1 25', true],
    ['nc -zv 127.0.0.1 587', true],
  ] as const)('%s as recorded', (cmd, pty) => {
    const r = record('nc-z-v.txt', cmd, pty);
    const got = lab().shell.runLine(cmd, { tty: pty });
    if (pty) expect(got.output.replace(/\r\n/g, '\n')).toBe(r.terminal);
    else expect({ stdout: got.stdout, stderr: got.stderr }).toEqual({ stdout: r.stdout, stderr: r.stderr });
    expect(got.exitCode).toBe(r.status);
  });
});
