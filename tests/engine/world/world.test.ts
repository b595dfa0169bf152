import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { maskVolatile, normalize } from '../../../src/corpus/normalize.ts';
import { createLabWorld } from '../../../src/engine/world/lab-world.ts';
import { resolveHost, reverseName } from '../../../src/engine/world/sim-network.ts';
import { CORPUS } from '../../corpus/corpus-path.ts';

const screen = readFileSync(join(CORPUS, 'terminal/term-postfix-cli/screen.normalized.txt'), 'utf8');

/** The output lines of each `postfix ACTION; echo "rc=$?"` in the recorded terminal session (captures repeat earlier steps). */
function recorded(action: string): string[][] {
  const runs: string[][] = [];
  const lines = screen.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== `root@mail:~# postfix ${action}; echo "rc=$?"`) continue;
    const out: string[] = [];
    for (let j = i + 1; j < lines.length && !(lines[j] ?? '').startsWith('root@mail:~#') && !(lines[j] ?? '').startsWith('==='); j++)
      out.push(lines[j] ?? '');
    runs.push(out);
  }
  return runs;
}

function run(world: ReturnType<typeof createLabWorld>, action: string): string[] {
  const r = world.postfix([action], true);
  return [
    ...normalize(r.stderr)
      .split('\n')
      .filter((l) => l !== ''),
    `rc=${r.exitCode}`,
  ];
}

describe('postfix(1) on the lab machine, against the recorded terminal (term-postfix-cli)', () => {
  it('prints what real postfix prints, stopped and running', () => {
    const w = createLabWorld({ start: false });
    expect(run(w, 'status')).toEqual(recorded('status')[0]);
    expect(run(w, 'reload')).toEqual(recorded('reload')[0]);
    expect(run(w, 'stop')).toEqual(recorded('stop')[0]);
    expect(run(w, 'start')).toEqual(recorded('start')[0]);
    expect(run(w, 'status').map((l) => l.replace(/PID: \d+/, 'PID: <PID>'))).toContain(
      'postfix/postfix-script: the Postfix mail system is running: PID: <PID>',
    );
    const again = recorded('start').flat();
    expect(again).toContain('postfix/postfix-script: fatal: the Postfix mail system is already running');
    expect(run(w, 'start')).toEqual(['postfix/postfix-script: fatal: the Postfix mail system is already running', 'rc=1']);
    expect(run(w, 'stop')).toEqual(['postfix/postfix-script: stopping the Postfix mail system', 'rc=0']);
    expect(recorded('stop').flat()).toContain('postfix/postfix-script: stopping the Postfix mail system');
  });

  it('logs as the recording did', () => {
    const w = createLabWorld({ start: false });
    for (const a of ['status', 'reload', 'stop', 'start', 'status', 'start', 'reload', 'stop', 'status']) w.postfix([a], true);
    const want = readFileSync(join(CORPUS, 'terminal/term-postfix-cli/raw.normalized.log'), 'utf8').trim().split('\n');
    // This recording lost "stopping the Postfix mail system" to postlogd's shutdown; the two other
    // recordings of a stop (postconf-behaviours, corpus-extra/cli-postqueue-stopped) have it.
    const stops = w.logLines().filter((l) => l.endsWith(': stopping the Postfix mail system'));
    expect(stops).toHaveLength(1);
    const mine = w.logLines().filter((l) => !stops.includes(l));
    expect(normalize(mine.join('\n')).split('\n').map(maskVolatile)).toEqual(want.map(maskVolatile));
  });

  it('refuses to start or reload on a main.cf line without "=", like postfix check', () => {
    const w = createLabWorld();
    w.fs.write('/etc/postfix/main.cf', `${w.fs.read('/etc/postfix/main.cf') ?? ''}smtpd_tls_security_level encrypt\n`);
    const want = 'postfix: fatal: /etc/postfix/main.cf, line 32: missing \'=\' after attribute name: "smtpd_tls_security_level encrypt"';
    expect(screen).toContain(want);
    for (const a of ['check', 'reload']) {
      const r = w.postfix([a], true);
      expect([r.stderr.trim(), r.exitCode]).toEqual([want, 1]);
    }
  });
});

describe('the lab network', () => {
  it('resolves as /etc/hosts says and names the client as smtpd logs it', () => {
    const hosts = '127.0.0.1 localhost\n127.0.0.1 mail.example.org mail\n127.0.0.2 mx.example.net\n';
    expect(resolveHost(hosts, 'MAIL.example.org')).toBe('127.0.0.1');
    expect(resolveHost(hosts, 'nowhere.example')).toBeNull();
    expect(reverseName(hosts, '127.0.0.1')).toBe('localhost');
    expect(reverseName(hosts, '10.1.2.3')).toBe('unknown');
  });

  it('connects to smtpd on 25, refuses closed ports, and follows reloads of master.cf', () => {
    const w = createLabWorld();
    const c = w.network.connect('localhost', 25);
    expect(c.ok && c.endpoint.open().data).toBe('220 mail.example.org ESMTP Postfix\r\n');
    expect(w.network.connect('127.0.0.1', 587)).toMatchObject({ ok: false, error: 'refused' });
    expect(w.network.connect('no.such.host', 25)).toMatchObject({ ok: false, error: 'unknown-host' });
    expect(w.network.connect('192.0.2.9', 25)).toMatchObject({ ok: false, error: 'unreachable' });
    const master = w.fs.read('/etc/postfix/master.cf') ?? '';
    w.fs.write(
      '/etc/postfix/master.cf',
      master.replace(/^#submission inet/m, 'submission inet').replace(/^#( {2}-o syslog_name=postfix\/submission)$/m, '$1'),
    );
    expect(w.network.connect('127.0.0.1', 587)).toMatchObject({ ok: false, error: 'refused' });
    expect(w.postfix(['reload'], false).exitCode).toBe(0);
    const s = w.network.connect('127.0.0.1', 587);
    expect(s.ok && s.endpoint.open().data).toBe('220 mail.example.org ESMTP Postfix\r\n');
    expect(w.logLines().at(-1)).toMatch(/ postfix\/submission\/smtpd\[\d+\]: connect from localhost\[127\.0\.0\.1\]$/);
  });

  it('writes the log to maillog_file', () => {
    const w = createLabWorld();
    w.network.connect('127.0.0.1', 25);
    expect(w.logFile).toBe('/var/log/mail.log');
    expect(w.fs.read('/var/log/mail.log')?.trim().split('\n')).toEqual(w.logLines());
  });
});
