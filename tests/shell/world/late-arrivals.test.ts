/**
 * What reaches an interactive network program's connection while it only waits, once time passes
 * (`world.advance()`, then `shell.tick()` as the lab page's pump does after `world.runDue()`).
 * corpus-extra reload-mastercf-broken-service: with the submission block uncommented prose and all, the first
 * client on 587 gets EOF at once; a second one waits in the throttled service's listen queue and gets EOF
 * from the next dying smtpd about 60 s (service_throttle_time) later. A connection that waited for a process
 * of a service that was fixed meanwhile gets its banner late instead.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createLabWorld } from '../../../src/engine/world/lab-world.ts';
import { createLabShell } from '../../../src/shell/lab-shell.ts';
import { MemoryPort } from '../../../src/shell/memory-port.ts';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const LATE_CLOSE = resolve(dirname(fileURLToPath(import.meta.url)), '../../corpus-extra/host-tools/late-close-587');
function recorded(name: string): string {
  return readFileSync(resolve(LATE_CLOSE, name), 'utf8');
}
import { TimerPacer } from '../../../src/shell/programs/index.ts';

const SCENARIO = 'tests/corpus-extra/reload-mastercf-broken-service';
const transcript = readFileSync(`${SCENARIO}/transcript.normalized.txt`, 'utf8');
const recordedLog = readFileSync(`${SCENARIO}/raw.normalized.log`, 'utf8');
/** The banner of the lab's smtpd as the corpus recorded it (port 25 in the same scenario). */
const BANNER = /^S: (220 .*ESMTP Postfix)$/m.exec(transcript)?.[1] ?? '';

const strip = (s: string): string => s.replace(/\r\n/g, '\n');

function brokenLab() {
  const world = createLabWorld();
  const shell = createLabShell(world, { pacer: new TimerPacer() });
  const port = new MemoryPort(120, 50);
  shell.attach(port);
  port.take();
  const run = (line: string): string => {
    port.type(`${line}\r`);
    return strip(port.take());
  };
  run("sed -i '19,34s/^#//' /etc/postfix/master.cf");
  expect(run('postfix reload')).toContain('postfix/postfix-script: refreshing the Postfix mail system');
  /** Lets `ms` pass in the world, then the page's pump reaches the shell. */
  const wait = (ms: number): string => {
    world.advance(ms);
    shell.tick();
    return strip(port.take());
  };
  return { world, shell, port, run, wait };
}

/** The number of master's `bad command startup -- throttling` warnings in the lab's log so far. */
const throttlings = (lines: readonly string[]): number => lines.filter((l) => l.includes('bad command startup -- throttling')).length;

describe('late arrivals on a waiting connection', () => {
  it('the corpus: the second 587 client got EOF about 60 s after connecting, after the first got it at once', () => {
    expect(transcript).toContain('first client) ---\n# connection closed by server (EOF)\n');
    expect(transcript).toContain(
      'while the service is throttled; waiting up to 90 s for a banner) ---\n# connection closed by server (EOF)\n',
    );
    expect(transcript).toContain('# recorder: that took about 60 s after connecting');
    expect(recordedLog.match(/bad command startup -- throttling/g)).toHaveLength(2);
    expect(BANNER).toBe('220 mail.example.org ESMTP Postfix');
  });

  it('telnet: the second client waits, then "Connection closed by foreign host." after the throttle time, not before', () => {
    const { world, shell, run, wait } = brokenLab();
    const first = run('telnet localhost 587');
    expect(first).toContain("Escape character is '^]'.\nConnection closed by foreign host.\n");
    expect(first).toMatch(/root@mail:~# $/);
    const second = run('telnet localhost 587');
    expect(second).toMatch(/Escape character is '\^\]'\.\n$/);
    expect(shell.busy).toBe(true);
    // A tick without time passing, and 50 s: still waiting, nothing shown.
    shell.tick();
    expect(wait(50_000)).toBe('');
    expect(shell.busy).toBe(true);
    expect(throttlings(world.logLines())).toBe(1);
    const after = wait(10_000);
    expect(after).toBe('Connection closed by foreign host.\nroot@mail:~# ');
    expect(shell.busy).toBe(false);
    // The next smtpd died too: master throttled the service again, as the recording logged.
    expect(throttlings(world.logLines())).toBe(2);
    expect(run('echo "rc=$?"')).toContain('rc=0\n');
  });

  it('telnet: a connection that waited gets its banner late once master.cf is fixed and the throttle ends', () => {
    const { shell, port, run, wait } = brokenLab();
    run('telnet localhost 587');
    run('telnet localhost 587');
    expect(shell.busy).toBe(true);
    // Fixing master.cf from a second console is not possible here: fix the files directly, then reload.
    port.type('\x1d');
    port.take();
    port.type('quit\r');
    port.take();
    // The first waiting client is gone; a new one waits while master.cf is fixed and reloaded.
    run("sed -i '25,28s/^/#/' /etc/postfix/master.cf");
    run('postfix reload');
    const waiting = run('telnet localhost 587');
    expect(waiting).toMatch(/Escape character is '\^\]'\.\n$/);
    expect(wait(30_000)).toBe('');
    const late = wait(30_000);
    expect(late).toBe(`${BANNER}\n`);
    expect(shell.busy).toBe(true);
    port.type('QUIT\r');
    expect(strip(port.take())).toContain('221 2.0.0 Bye\nConnection closed by foreign host.\n');
  });

  it('nc: the late close prints nothing; nc ends at its next write, as it does on any close', () => {
    const { shell, port, run, wait } = brokenLab();
    run('nc localhost 587');
    // Closed at once: nc notices at its next write too.
    expect(shell.busy).toBe(true);
    expect(run('')).toBe('\nroot@mail:~# ');
    expect(shell.busy).toBe(false);
    run('nc localhost 587');
    expect(shell.busy).toBe(true);
    expect(wait(60_000)).toBe('');
    expect(shell.busy).toBe(true);
    port.type('\r');
    expect(strip(port.take())).toBe('\nroot@mail:~# ');
    expect(shell.busy).toBe(false);
  });

  it('nc: a late banner shows when it comes', () => {
    const { shell, run, wait } = brokenLab();
    run("sed -i '25,28s/^/#/' /etc/postfix/master.cf");
    run('telnet localhost 587'); // its smtpd dies (the running configuration is the broken one): throttled
    run('postfix reload');
    run('nc localhost 587');
    expect(shell.busy).toBe(true);
    expect(wait(60_000)).toBe(`${BANNER}\n`);
    expect(shell.busy).toBe(true);
  });

  it('openssl s_client -starttls smtp: the late EOF prints what an EOF at once prints', () => {
    const { shell, run, wait } = brokenLab();
    const cmd = 'openssl s_client -connect localhost:587 -starttls smtp';
    const first = run(cmd);
    expect(shell.busy).toBe(false);
    expect(first).toContain("Didn't find STARTTLS in server response, trying anyway...\n");
    const second = run(cmd);
    expect(second).toMatch(/ -starttls smtp\nCONNECTED\(00000003\)\n$/);
    expect(shell.busy).toBe(true);
    expect(wait(50_000)).toBe('');
    const late = wait(10_000);
    expect(shell.busy).toBe(false);
    // Same lines as the first run, after the command line and CONNECTED (the thread id may differ).
    const body = (s: string): string =>
      s
        .slice(s.indexOf('CONNECTED(00000003)\n') + 'CONNECTED(00000003)\n'.length)
        .replace(/^[0-9A-F]{8,}:error:/gm, 'X:error:')
        .replace(/^Start Time: \d+$/m, 'Start Time: T');
    expect(body(`CONNECTED(00000003)\n${late}`)).toBe(body(first));
    // Recorded from the real s_client (OpenSSL 3.0.22, Debian 12) in this setup: corpus-extra
    // host-tools/late-close-587 (only the EHLO got out; the next write found the connection gone).
    expect(late).toContain(`${recorded('sclient.err')}`);
    const lines = `${second}${late}`.split('\n');
    let at = 0;
    for (const want of recorded('sclient.out').trimEnd().split('\n')) {
      const i = lines.indexOf(want, at);
      expect(i, `s_client's recorded line ${JSON.stringify(want)} in order`).toBeGreaterThanOrEqual(at);
      at = i + 1;
    }
    expect(late).not.toContain('unexpected eof');
    const rc = /^rc=(\d+)/.exec(recorded('sclient.rc'))?.[1];
    expect(run('echo "rc=$?"')).toContain(`rc=${rc}\n`);
  });

  it('openssl s_client -starttls smtp: a late greeting lets STARTTLS and the handshake go on', () => {
    const { shell, run, wait } = brokenLab();
    run("sed -i '25,28s/^/#/' /etc/postfix/master.cf");
    run('telnet localhost 587');
    run('postfix reload');
    expect(run('openssl s_client -connect localhost:587 -starttls smtp')).toMatch(/ -starttls smtp\nCONNECTED\(00000003\)\n$/);
    const late = wait(60_000);
    expect(late).not.toContain("Didn't find STARTTLS");
    expect(late).toContain('SSL handshake has read ');
    expect(late).toContain('250 CHUNKING\n');
    expect(shell.busy).toBe(true);
  });
});
