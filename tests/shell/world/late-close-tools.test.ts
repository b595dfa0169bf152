/**
 * Clients on a throttled submission service, against corpus-extra host-tools/late-close-587 (read below): the
 * stock submission (master.cf 19-34) and submissions (37-51) blocks uncommented prose and all, so each smtpd of
 * theirs dies at start and master throttles the service for service_throttle_time (60 s). A client that connects
 * meanwhile waits in the listen queue. Checked: the bytes each tool printed, its exit status, and how long it took
 * on the lab's clock against the recorded seconds (rerun/*.rc, each client timed from its start to its exit), in
 * LabShell.runLine (the clock moves at once) and on the terminal (the output comes when the world's time passed).
 * Also master(8): when the throttle ends it starts one smtpd per waiting connection (rerun/mail.log).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createLabWorld } from '../../../src/engine/world/lab-world.ts';
import { createLabShell } from '../../../src/shell/lab-shell.ts';
import { MemoryPort } from '../../../src/shell/memory-port.ts';
import { TimerPacer } from '../../../src/shell/programs/index.ts';

const DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../corpus-extra/host-tools/late-close-587');
const rec = (name: string): string => readFileSync(resolve(DIR, name), 'utf8');

interface Recorded {
  readonly out: string;
  readonly err: string;
  readonly rc: number;
  /** Seconds from the client's start to its exit (rerun/: each client timed on its own). */
  readonly seconds: number;
}

function recorded(name: string): Recorded {
  const base = name === 'sclient465' ? `rerun/${name}` : name;
  const out = rec(`${base}.out`);
  const err = rec(`${base}.err`);
  const m = /^rc=(\d+) t=([\d.]+)$/m.exec(rec(`rerun/${name}.rc`));
  if (m === null) throw new Error(`rerun/${name}.rc`);
  // The first recording and the rerun printed the same bytes; the rerun adds s_client on 465.
  if (name !== 'sclient465') {
    expect(rec(`rerun/${name}.out`)).toBe(out);
    expect(rec(`rerun/${name}.err`)).toBe(err);
    expect(rec(`${name}.rc`)).toMatch(new RegExp(`^rc=${m[1]} `));
  }
  return { out, err, rc: Number(m[1]), seconds: Number(m[2]) };
}

const COMMANDS = {
  swaks: 'swaks --server 127.0.0.1 --port 587 --to root@example.org',
  ptf: "posttls-finger -c '[127.0.0.1]:587'",
  sclient: 'openssl s_client -connect localhost:587 -starttls smtp </dev/null',
  sclient465: 'openssl s_client -connect localhost:465 </dev/null',
} as const;

/** The recording's set-up: both services broken, Postfix (re)loaded, a first client on each dies at once. */
function brokenLab() {
  const world = createLabWorld();
  const shell = createLabShell(world, { pacer: new TimerPacer() });
  const port = new MemoryPort(120, 50);
  shell.attach(port);
  port.take();
  const type = (line: string): string => {
    port.type(`${line}\r`);
    return port.take().replace(/\r\n/g, '\n');
  };
  const sed = shell.runLine("sed -i '19,34s/^#//;37,51s/^#//' /etc/postfix/master.cf");
  expect(sed.exitCode).toBe(0);
  expect(shell.runLine('postfix reload').exitCode).toBe(0);
  for (const p of [587, 465]) {
    const c = world.network.connect('127.0.0.1', p);
    if (!c.ok) throw new Error(`connect ${p}`);
    // raw.txt: `first client on 587: data=b'' ...`: EOF at once.
    expect(rec('rerun/raw.txt')).toContain(`first client on ${p}: data=b'' `);
    expect(c.endpoint.open()).toEqual({ data: '', closed: true });
  }
  /** Lets `ms` pass in the world, then the page's pump reaches the shell. */
  const wait = (ms: number): string => {
    world.advance(ms);
    shell.tick();
    return port.take().replace(/\r\n/g, '\n');
  };
  return { world, shell, port, type, wait };
}

/** The lab clock's elapsed seconds match the recorded ones within a second (the recording's start-up and rounding). */
function expectSeconds(ms: number, seconds: number): void {
  expect(Math.abs(ms / 1000 - seconds)).toBeLessThan(1);
}

describe('late-close-587: tools on a throttled service, in runLine', () => {
  for (const name of Object.keys(COMMANDS) as (keyof typeof COMMANDS)[]) {
    it(`${name}: the recorded bytes, exit status and time`, () => {
      const want = recorded(name);
      const { world, shell } = brokenLab();
      const t0 = world.clock.now();
      const r = shell.runLine(COMMANDS[name]);
      const ms = world.clock.now() - t0;
      expect(r.stdout).toBe(want.out);
      expect(r.stderr).toBe(want.err);
      expect(r.exitCode).toBe(want.rc);
      expectSeconds(ms, want.seconds);
    });
  }

  it('s_client as the FIRST client on 465 (its smtpd dies at once): first465/, the same reset at once', () => {
    const out = rec('first465/sclient465.out');
    const err = rec('first465/sclient465.err');
    const m = /^rc=(\d+) t=([\d.]+)$/m.exec(rec('first465/sclient465.rc'));
    const world = createLabWorld();
    const shell = createLabShell(world);
    shell.runLine("sed -i '37,51s/^#//' /etc/postfix/master.cf");
    shell.runLine('postfix reload');
    const t0 = world.clock.now();
    const r = shell.runLine(COMMANDS.sclient465);
    expect(r.stdout).toBe(out);
    expect(r.stderr).toBe(err);
    expect(r.exitCode).toBe(Number(m?.[1]));
    // The recorded 1.2 s is the dying smtpd's start-up, which the lab does not spend.
    expect(Number(m?.[2])).toBeLessThan(2);
    expect(world.clock.now() - t0).toBeLessThan(2000);
  });

  it('timeout(1) around a blocked tool: killed at its limit, the lab clock moved by that much', () => {
    const { world, shell } = brokenLab();
    const t0 = world.clock.now();
    const r = shell.runLine(`timeout 10 ${COMMANDS.swaks}`);
    expect(r.exitCode).toBe(124);
    expect(r.stdout).toBe('=== Trying 127.0.0.1:587...\n=== Connected to 127.0.0.1.\n');
    expectSeconds(world.clock.now() - t0, 10);
  });
});

describe('a service fixed while a tool waits: the late greeting lets the tool go on', () => {
  // Not recorded as such: the greeting is the corpus's banner, and the tools' sessions are those of their own recordings.
  const BANNER = /^S: (220 .*ESMTP Postfix)$/m.exec(
    readFileSync(resolve(DIR, '../../reload-mastercf-broken-service/transcript.normalized.txt'), 'utf8'),
  )?.[1];
  const cases = [
    ['swaks --server 127.0.0.1 --port 587 --to root@example.org --quit-after EHLO', 0, `<-  ${BANNER ?? ''}\n`],
    ["posttls-finger -l may '[127.0.0.1]:587'", 0, `posttls-finger: < ${BANNER ?? ''}\n`],
    ['openssl s_client -connect localhost:587 -starttls smtp </dev/null', 0, 'DONE\n'],
    ['openssl s_client -connect localhost:465 </dev/null', 0, 'DONE\n'],
  ] as const;
  for (const [cmd, status, shows] of cases) {
    it(cmd, () => {
      const { world, shell } = brokenLab();
      world.advance(40_000);
      // Both services' prose lines commented out again, then a reload: the throttles stay until they end (20 s on).
      expect(shell.runLine("sed -i '25,28s/^/#/;42,45s/^/#/' /etc/postfix/master.cf").exitCode).toBe(0);
      expect(shell.runLine('postfix check').output).toBe('');
      shell.runLine('postfix reload');
      const t0 = world.clock.now();
      const r = shell.runLine(cmd);
      expect(r.output).toContain(shows);
      expect(r.exitCode).toBe(status);
      expectSeconds(world.clock.now() - t0, 20);
    });
  }
});

describe('late-close-587: tools on a throttled service, on the terminal', () => {
  it('swaks: the timeout line after 30 s, the close after 60 s', () => {
    const want = recorded('swaks');
    const { shell, type, wait } = brokenLab();
    const [trying, connected, timeout, quit] = want.out.split(/(?<=\n)/);
    expect(type(COMMANDS.swaks)).toBe(`${COMMANDS.swaks}\n${trying}${connected}`);
    expect(wait(29_000)).toBe('');
    expect(wait(1_000)).toBe(`${timeout}${quit}`);
    expect(wait(29_000)).toBe('');
    expect(shell.busy).toBe(true);
    expect(wait(1_000)).toBe(`${want.err}root@mail:~# `);
    expect(type('echo $?')).toContain(`\n${want.rc}\n`);
  });

  it('posttls-finger: the greeting timeout after 30 s', () => {
    const want = recorded('ptf');
    const { type, wait } = brokenLab();
    expect(type(COMMANDS.ptf)).toBe(`${COMMANDS.ptf}\n`);
    expect(wait(29_000)).toBe('');
    expect(wait(1_000)).toBe(`${want.out}root@mail:~# `);
    expect(type('echo $?')).toContain(`\n${want.rc}\n`);
  });

  it('openssl s_client on 465: the ClientHello waits; the close at the throttle end resets it', () => {
    const want = recorded('sclient465');
    const { type, wait } = brokenLab();
    // stdout is the terminal here: CONNECTED shows at once (into the recording's pipe stdio held it to the end).
    const connected = 'CONNECTED(00000003)\n';
    expect(want.out.startsWith(connected)).toBe(true);
    expect(type(COMMANDS.sclient465)).toBe(`${COMMANDS.sclient465}\n${connected}`);
    expect(wait(59_000)).toBe('');
    expect(wait(1_000)).toBe(`${want.err}${want.out.slice(connected.length)}root@mail:~# `);
    expect(type('echo $?')).toContain(`\n${want.rc}\n`);
  });

  it('Ctrl-C while swaks waits: status 130, and the connection is gone from the queue', () => {
    const { world, shell, port, type, wait } = brokenLab();
    type(COMMANDS.swaks);
    port.type('\x03');
    port.take();
    expect(shell.busy).toBe(false);
    expect(type('echo $?')).toContain('\n130\n');
    wait(60_000);
    // Its smtpd still took the connection (the kernel had accepted it) and died: one exit status more.
    expect(world.logLines().filter((l) => l.includes('exit status 1')).length).toBe(3);
  });
});

describe('late-close-587: master when the throttle ends', () => {
  /** Per service, what master said of each of its processes, in order: `exit` and `throttling`. */
  function perService(lines: readonly string[]): Map<string, string[]> {
    const service = new Map<string, string>();
    const out = new Map<string, string[]>();
    for (const l of lines) {
      // The word is the first of the prose line: the lab's master.cf words its comments in its own way.
      const fatal = /postfix\/(submissions?)\/smtpd\[(\d+)\]: fatal: unexpected command-line argument: \S+$/.exec(l);
      if (fatal !== null) service.set(fatal[2] ?? '', fatal[1] ?? '');
      const exit = /postfix\/master\[\d+\]: warning: process \/usr\/lib\/postfix\/sbin\/smtpd pid (\d+) exit status 1$/.exec(l);
      if (exit !== null) {
        const s = service.get(exit[1] ?? '') ?? '?';
        out.set(s, [...(out.get(s) ?? []), 'exit']);
        // master's next line, when it throttles, names no service: it follows the exit that caused it.
        const next = lines[lines.indexOf(l) + 1] ?? '';
        if (next.endsWith('/usr/lib/postfix/sbin/smtpd: bad command startup -- throttling')) out.get(s)?.push('throttling');
      }
    }
    return out;
  }

  it('starts one smtpd per waiting connection (five on 587, one on 465), and throttles each service once', () => {
    const log = rec('rerun/mail.log').trimEnd().split('\n');
    const want = perService(log);
    expect(want.get('submission')).toEqual(['exit', 'throttling', 'exit', 'throttling', 'exit', 'exit', 'exit', 'exit']);
    expect(want.get('submissions')).toEqual(['exit', 'throttling', 'exit', 'throttling']);
    const { world } = brokenLab();
    const eps = [587, 587, 587, 587, 587, 465].map((p) => {
      const c = world.network.connect('127.0.0.1', p);
      if (!c.ok) throw new Error('connect');
      return c.endpoint;
    });
    for (const ep of eps) expect(ep.open()).toEqual({ data: '', closed: false });
    world.advance(59_000);
    for (const ep of eps) expect(ep.poll?.()).toEqual({ data: '', closed: false });
    world.advance(1_000);
    // raw.txt: every waiting client got EOF at the throttle end.
    for (const ep of eps) expect(ep.poll?.()).toEqual({ data: '', closed: true });
    const got = perService(world.logLines());
    expect(got.get('submission')).toEqual(want.get('submission'));
    expect(got.get('submissions')).toEqual(want.get('submissions'));
    const fatal = (l: string): boolean => l.includes('fatal: unexpected command-line argument: ');
    expect(world.logLines().filter(fatal)).toHaveLength(log.filter(fatal).length);
  });
});
