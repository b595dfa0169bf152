/**
 * systemctl, journalctl and service for Postfix. The recording machines do not boot systemd, so:
 * - systemctl's and journalctl's TEXTS are DERIVED (src/shell/programs/systemctl-texts.ts). This test checks
 *   them against what they come from: Debian's postfix unit files (copied into
 *   tests/corpus-extra/host-tools/systemd/ by recorder/record_systemd_sources.sh) and the printf formats
 *   found verbatim in Debian 12's systemd 252 binaries (systemd-252-formats.txt).
 * - What each action DOES to Postfix is RECORDED: `service postfix reload|restart|stop|start` on the
 *   recording machine (sysvinit path, host-tools/service-postfix-*.txt) wrote these mail.log lines, and
 *   systemd's units run the same `postfix` commands (through postmulti), so the lab's lines must be the same.
 *   What `service` PRINTS differs on purpose: the lab boots systemd, where service hands over to systemctl
 *   and prints nothing on success; the recording's `.` lines are the sysvinit script's.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createLabWorld } from '../../../src/engine/world/lab-world.ts';
import { createLabShell } from '../../../src/shell/lab-shell.ts';
import { HOST_TOOLS_DIR, hostRecords, normalizeLogLine } from './recordings.ts';

function lab() {
  const world = createLabWorld();
  const shell = createLabShell(world);
  const logSize = (): number => (world.fs.read('/var/log/mail.log') ?? '').length;
  const logSince = (from: number): string[] =>
    (world.fs.read('/var/log/mail.log') ?? '')
      .slice(from)
      .split('\n')
      .filter((l) => l !== '')
      .map(normalizeLogLine);
  return { world, shell, logSize, logSince };
}

function unitFile(name: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of readFileSync(`${HOST_TOOLS_DIR}systemd/${name}`, 'utf8').split('\n')) {
    const kv = /^(\w+)=(.*)$/.exec(line);
    if (kv !== null) m.set(kv[1] ?? '', kv[2] ?? '');
  }
  return m;
}

/** systemd's printf formats (from its binaries) as anchored regular expressions. */
const FORMATS = readFileSync(`${HOST_TOOLS_DIR}systemd/systemd-252-formats.txt`, 'utf8')
  .split('\n')
  .filter((l) => l.includes('%'))
  .map(
    (f) =>
      new RegExp(
        `^${f
          .replace(/^MESSAGE=/, '')
          .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
          .replace(/%[si]/g, '.*?')
          .replace(/%m/g, '.*')}$`,
      ),
  );

function fromSystemdFormat(line: string): boolean {
  return FORMATS.some((re) => re.test(line));
}

describe('systemctl status: derived from the unit files and systemd 252', () => {
  it('postfix.service is the oneshot wrapper: active (exited), ExecStart=/bin/true', () => {
    const u = unitFile('postfix.service');
    expect(u.get('Type')).toBe('oneshot');
    const { shell } = lab();
    const r = shell.runLine('systemctl status postfix');
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(`● postfix.service - ${u.get('Description') ?? ''}`);
    expect(lines[1]).toBe('     Loaded: loaded (/lib/systemd/system/postfix.service; enabled; preset: enabled)');
    expect(lines[2]).toMatch(/^ {5}Active: active \(exited\) since [A-Z][a-z]{2} 2026-12-01 \d\d:\d\d:\d\d UTC; .* ago$/);
    expect(lines[3]).toBe(`       Docs: ${u.get('Documentation') ?? ''}`);
    expect(lines[4]).toMatch(new RegExp(`^ {4}Process: \\d+ ExecStart=${u.get('ExecStart') ?? ''} \\(code=exited, status=0/SUCCESS\\)$`));
    expect(r.stdout).toContain(`systemd[1]: Finished postfix.service - ${u.get('Description') ?? ''}.`);
  });

  it('postfix@-.service runs master through configure-instance.sh and postmulti', () => {
    const u = unitFile('postfix@.service');
    const inst = (v: string | undefined): string => (v ?? '').replace(/%i/g, '-');
    const { shell, world } = lab();
    const r = shell.runLine('systemctl status postfix@-');
    expect(r.stdout.split('\n')[0]).toBe(`● postfix@-.service - ${inst(u.get('Description'))}`);
    expect(r.stdout).toContain(`ExecStartPre=${inst(u.get('ExecStartPre'))} (code=exited, status=0/SUCCESS)`);
    expect(r.stdout).toContain(`ExecStart=${inst(u.get('ExecStart'))} (code=exited, status=0/SUCCESS)`);
    expect(r.stdout).toContain(`└─${world.master.pid ?? 0} /usr/lib/postfix/sbin/master -w`);
  });

  it('every line systemctl and journalctl print about the units follows a systemd 252 format', () => {
    const { shell } = lab();
    const out: string[] = [];
    for (const cmd of [
      'systemctl reload postfix',
      'systemctl restart postfix',
      'postfix stop',
      'systemctl reload postfix@-',
      'postfix start',
      'systemctl start postfix@-',
      'systemctl status postfix postfix@-',
      'systemctl stop postfix',
      'systemctl reload postfix',
      'systemctl status nosuch',
      'systemctl frobnicate postfix',
      'journalctl -u postfix -u postfix@-',
    ]) {
      const r = shell.runLine(cmd);
      out.push(...`${r.stdout}${r.stderr}`.split('\n'));
    }
    const lines = out
      .filter((l) => l !== '')
      // Journal lines: the message after `host ident[pid]: ` (postmulti's lines are Postfix's own stderr).
      .map((l) => /^[A-Z][a-z]{2} \d\d \d\d:\d\d:\d\d mail systemd\[1\]: (.*)$/.exec(l)?.[1] ?? l)
      .filter((l) => !/ postmulti\[\d+\]: /.test(l))
      // Unit headline, Docs and CGroup tree lines are data, not formats.
      .filter((l) => !/^[●○×] postfix|^ {7}Docs:|^ {13}└─/.test(l));
    // `Process:` and `Main PID:` lines are printed in pieces: `    Process: %i %s=%s `, `%s(code=%s, `, `status=%i`, `/NAME)`.
    const pieces = lines.flatMap((l) => {
      const m = /^( {4}Process: \d+ \S+=.* | {3}Main PID: \d+)( ?\(code=exited, )(status=\d+)\/(?:SUCCESS|FAILURE)\)$/.exec(l);
      return m === null ? [l] : [m[1] ?? '', m[2] ?? '', m[3] ?? ''];
    });
    const strange = pieces.filter((l) => !fromSystemdFormat(l));
    expect(strange).toEqual([]);
  });

  it("journalctl: systemd's lines for the unit; -- No entries -- for others", () => {
    const { shell } = lab();
    expect(shell.runLine('journalctl -u postfix').stdout).toMatch(
      /^\w{3} \d\d \d\d:\d\d:\d\d mail systemd\[1\]: Starting postfix\.service - Postfix Mail Transport Agent\.\.\.\n.*Finished postfix\.service/s,
    );
    expect(shell.runLine('journalctl -u nosuch').stdout).toBe('-- No entries --\n');
    expect(shell.runLine('journalctl -n 1 -u postfix@-').stdout.split('\n').length).toBe(2);
  });

  it('a master started from the shell is not the unit: postfix@- fails to start, and says so', () => {
    const { shell } = lab();
    shell.runLine('postfix stop');
    shell.runLine('postfix start');
    expect(shell.runLine('systemctl is-active postfix@-').stdout).toBe('inactive\n');
    const r = shell.runLine('systemctl start postfix@-');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(
      'Job for postfix@-.service failed because the control process exited with error code.\n' +
        'See "systemctl status postfix@-.service" and "journalctl -xeu postfix@-.service" for details.\n',
    );
    expect(shell.runLine('systemctl is-active postfix@-').stdout).toBe('failed\n');
  });
});

describe('what each action does to Postfix: the mail.log lines recorded with `service postfix ...`', () => {
  const cases: readonly (readonly [string, string, string, boolean])[] = [
    // [lab command, recording, recorded command, use the pty run (the non-pty restart lost its stopping line to postlogd's shutdown)]
    ['systemctl reload postfix', 'service-postfix-reload.normalized.txt', 'service postfix reload', false],
    ['service postfix reload', 'service-postfix-reload.normalized.txt', 'service postfix reload', false],
    ['systemctl restart postfix', 'service-postfix-restart.normalized.txt', 'service postfix restart', true],
    ['service postfix restart', 'service-postfix-restart.normalized.txt', 'service postfix restart', true],
    ['service postfix stop', 'service-postfix-stop.normalized.txt', 'service postfix stop', false],
  ];
  it.each(cases)('%s writes what %s recorded', (labCmd, file, recorded, pty) => {
    const rec = hostRecords(file).find((r) => r.cmd === recorded && r.pty === pty);
    expect(rec?.log).not.toBeNull();
    const { shell, logSize, logSince } = lab();
    const from = logSize();
    const r = shell.runLine(labCmd);
    expect(logSince(from)).toEqual(rec?.log);
    // systemd path (derived): nothing on the terminal.
    expect(`${r.stdout}${r.stderr}`).toBe('');
    expect(r.exitCode).toBe(0);
  });

  it("service postfix status: what applies of the recording (no log line, status 0); its text is systemctl's", () => {
    const rec = hostRecords('service-postfix-status.txt').find((r) => r.cmd === 'service postfix status' && !r.pty);
    // RECORDED (sysvinit host): the init script's status line, nothing logged, status 0.
    expect(rec?.stdout).toBe('postfix is running.\n');
    expect(rec?.log).toEqual([]);
    const { shell, logSize, logSince } = lab();
    const from = logSize();
    const r = shell.runLine('service postfix status');
    expect(logSince(from)).toEqual(rec?.log);
    expect(r.exitCode).toBe(rec?.status);
    // DERIVED (systemd host): service hands over to `systemctl status postfix.service`, whose text the first
    // describe block checks against the unit files; the init script's line is not printed there.
    const ago = (t: string): string => t.replace(/; [^;\n]* ago$/m, '; <AGO> ago');
    expect(ago(r.stdout)).toBe(ago(shell.runLine('systemctl status postfix.service').stdout));
    expect(r.stdout).not.toContain(rec?.stdout ?? '');
  });

  it("service postfix reload on a terminal: the recording showed postfix-script's line, systemd runs it off the terminal", () => {
    const rec = hostRecords('service-postfix-reload.normalized.txt').find((r) => r.cmd === 'service postfix reload' && r.pty);
    // RECORDED (sysvinit host): the init script ran `postfix reload` on the terminal, so postfix-script said so there.
    expect(rec?.terminal).toBe('postfix/postfix-script: refreshing the Postfix mail system\n');
    const { shell, logSize, logSince } = lab();
    const from = logSize();
    const r = shell.runLine('service postfix reload', { tty: true });
    // What applies: the same log lines and status. DERIVED: systemctl reload prints nothing (ExecReload runs in the unit).
    expect(logSince(from)).toEqual(rec?.log);
    expect(r.exitCode).toBe(rec?.status);
    expect(r.output).toBe('');
  });

  it('service postfix start after a stop writes what the recording did', () => {
    const rec = hostRecords('service-postfix-start.normalized.txt').find(
      (r) => r.cmd === 'service postfix start' && r.log !== null && r.log.length > 0,
    );
    const { shell, logSize, logSince } = lab();
    shell.runLine('service postfix stop');
    const from = logSize();
    shell.runLine('service postfix start');
    expect(logSince(from)).toEqual(rec?.log);
  });
});
