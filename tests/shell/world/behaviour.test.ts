/**
 * The lab shell's own behaviour: server pauses shown with a timer, tail -f following the world's log,
 * completion of parameter names, runLine state, and bad input that never throws or hangs.
 */
import { describe, expect, it, vi } from 'vitest';
import { createLabWorld } from '../../../src/engine/world/lab-world.ts';
import { createLabShell } from '../../../src/shell/lab-shell.ts';
import { MemoryPort } from '../../../src/shell/memory-port.ts';
import { TimerPacer } from '../../../src/shell/programs/index.ts';
import { ServerStream } from '../../../src/shell/programs/net/server-stream.ts';

function lab(pacer?: TimerPacer) {
  const world = createLabWorld();
  const shell = createLabShell(world, pacer === undefined ? {} : { pacer });
  const port = new MemoryPort(120, 50);
  shell.attach(port);
  port.take();
  return { world, shell, port };
}

const strip = (s: string): string => s.replace(/\r\n/g, '\n');

describe('server pauses', () => {
  it('the part after a pause appears only when the timer fires; in runLine at once', () => {
    vi.useFakeTimers();
    try {
      const shown: string[] = [];
      let closed = false;
      const stream = new ServerStream(
        new TimerPacer(),
        (t) => shown.push(t),
        () => (closed = true),
      );
      stream.push({ data: '250 ok\r\n550 no\r\n', closed: true, pauses: [{ at: 8, ms: 1000 }] });
      expect(shown.join('')).toBe('250 ok\r\n');
      expect(closed).toBe(false);
      // Input meanwhile queues behind the pause.
      stream.push({ data: 'late\r\n', closed: false });
      vi.advanceTimersByTime(999);
      expect(shown.join('')).toBe('250 ok\r\n');
      vi.advanceTimersByTime(1);
      expect(shown.join('')).toBe('250 ok\r\n550 no\r\n');
      expect(closed).toBe(true);
    } finally {
      vi.useRealTimers();
    }
    const immediate = new TimerPacer();
    immediate.immediate = true;
    const shown: string[] = [];
    new ServerStream(
      immediate,
      (t) => shown.push(t),
      () => {},
    ).push({ data: 'a\r\nb\r\n', closed: false, pauses: [{ at: 3, ms: 5000 }] });
    expect(shown.join('')).toBe('a\r\nb\r\n');
  });

  it('telnet shows a tarpit reply after smtpd_error_sleep_time on the terminal', () => {
    vi.useFakeTimers();
    try {
      const { port, world } = lab(new TimerPacer());
      const r = createLabShell(world).runLine("postconf -e 'smtpd_soft_error_limit = 0' 'smtpd_error_sleep_time = 1s'; postfix reload", {
        tty: false,
      });
      expect(r.exitCode).toBe(0);
      port.type('telnet localhost 25\r');
      port.type('FOO\r');
      port.type('FOO\r');
      const before = strip(port.take());
      vi.advanceTimersByTime(60_000);
      const after = strip(port.take());
      // smtpd pauses before each reply (smtpd_soft_error_limit = 0): nothing shows before the timers run,
      // then everything does, in order.
      expect(before).toContain("Escape character is '^]'.");
      expect(before).not.toContain('command not recognized');
      expect(after.match(/^5\d\d 5\.5\.2 Error: command not recognized$/gm)?.length).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('tail -f follows the world log', () => {
  it('shows each new log line as smtpd writes it', () => {
    const { port, world, shell } = lab();
    port.type('tail -n 0 -f /var/log/mail.log\r');
    port.take();
    const r = shell.runLine('telnet localhost 25', { tty: true, stdin: 'QUIT\n' });
    expect(r.exitCode).toBe(0);
    const out = strip(port.take());
    expect(out).toContain('postfix/smtpd');
    expect(out).toContain('connect from localhost[127.0.0.1]');
    expect(out).toContain(world.logLines().at(-1) ?? 'missing');
    port.type('\x03');
    expect(strip(port.take())).toContain('root@mail:~# ');
  });
});

describe('completion', () => {
  it('completes Postfix parameter names after postconf and explain', () => {
    const { port } = lab();
    port.type('postconf smtpd_tls_secu\t');
    expect(port.take()).toContain('rity_level ');
    port.type('\x15explain smtpd_sasl_auth_en\t');
    expect(port.take()).toContain('able ');
    port.type('\x15postconf -e smtpd_tls_auth_o\t');
    expect(port.take()).toContain('nly=');
  });
});

describe('runLine', () => {
  it('keeps the machine and the shell state between calls', () => {
    const { shell } = lab();
    expect(shell.runLine('cd /etc/postfix', { tty: false }).exitCode).toBe(0);
    expect(shell.runLine('pwd', { tty: false }).stdout).toBe('/etc/postfix\n');
    shell.runLine("echo 'smtpd_tls_security_level encrypt' >> main.cf", { tty: false });
    const check = shell.runLine('postfix check', { tty: true });
    expect(check.exitCode).toBe(1);
    expect(check.stderr).toContain("missing '=' after attribute name");
    expect(shell.runLine('echo $?', { tty: false }).stdout).toBe('1\n');
  });

  it('postfix-script talks only on a terminal', () => {
    const { shell } = lab();
    expect(shell.runLine('postfix status', { tty: true }).stderr).toMatch(
      /^postfix\/postfix-script: the Postfix mail system is running: PID: \d+\n$/,
    );
    expect(shell.runLine('postfix status', { tty: false }).stderr).toBe('');
  });

  it('interactive programs read stdin as typed lines, then end of file', () => {
    const { shell } = lab();
    const r = shell.runLine('nc -C localhost 25', { tty: true, stdin: 'EHLO x\nQUIT\n' });
    expect(r.stdout).toContain('221 2.0.0 Bye');
    // nc still waits for a write after the server closed: end of file ends it.
    expect(r.exitCode).toBe(0);
    const cat = shell.runLine('cat', { tty: true, stdin: 'a\nb\n' });
    expect(cat.stdout).toBe('a\nb\n');
    const sendmail = shell.runLine('sendmail root', { tty: true, stdin: 'Subject: hi\n\nbody\n.\nignored\n' });
    expect(sendmail.exitCode).toBe(0);
  });
});

describe('bad input never throws or hangs', () => {
  const PROGRAMS = [
    'telnet',
    'nc',
    'postconf',
    'postfix',
    'sendmail',
    'mail',
    'mailq',
    'postqueue',
    'postsuper',
    'openssl',
    'swaks',
    'explain',
    'man',
    'printf',
    'timeout 5',
    'timeout 1 openssl s_client -connect localhost:465 -starttls smtp',
    'getent hosts',
    'getent ahosts',
    'dpkg -l',
    'dpkg-query',
  ];
  const ARGS = [
    '',
    '-',
    '--',
    '-zzz',
    '--nope',
    'localhost',
    'localhost 99999',
    'localhost -1',
    '"" ""',
    '::1 25',
    '-e',
    '-d -n -M -P',
    's_client -connect',
    's_client -connect localhost:465 -starttls smtp',
    '--to',
    '--server localhost:587 --to a@b --tls --auth',
    'x'.repeat(3000),
    '%s%d%b%q%*.*f%c%5%%z',
    '"\\0777\\x\\u\\Uffffffff\\c%b" "\\c"',
    '-v',
    '99999999999999999999999 -1 0x 08 1e999',
    '"\x01\x02\x7f\u00ff\u2603"',
  ];
  const rnd = (() => {
    let x = 12345;
    return (): number => {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      return x;
    };
  })();
  const junk = (n: number): string => Array.from({ length: n }, () => String.fromCharCode(rnd() % 256)).join('');

  it('argument lists', () => {
    const { shell } = lab();
    for (const p of PROGRAMS) {
      for (const a of ARGS) {
        for (const tty of [true, false]) {
          const r = shell.runLine(`${p} ${a}`, { tty, stdin: junk(40) });
          expect(typeof r.exitCode, `${p} ${a}`).toBe('number');
        }
      }
    }
  });

  it('random keys into the interactive programs on the terminal', () => {
    const { port } = lab();
    for (const cmd of [
      'telnet localhost 25',
      'nc localhost 25',
      'telnet',
      'openssl s_client -connect localhost:25 -starttls smtp',
      'mail root',
      'sendmail root',
      'swaks',
    ]) {
      port.type(`${cmd}\r`);
      for (let i = 0; i < 30; i++) port.type(junk(1 + (rnd() % 20)));
      port.type('\x03\x03\x1d\rquit\r\x04\x03');
      port.take();
    }
    port.type('echo alive\r');
    expect(strip(port.take())).toContain('alive');
  });
});
