/**
 * timeout(1) on the lab's terminal: the command gets its signal when DURATION has passed on the timer (not
 * before), Ctrl-C still reaches it; and `openssl s_client` with piped stdin under timeout, as the corpus
 * recorder ran it (submissions-465-wrappermode: `-starttls smtp` against 465 waits for a banner, timeout
 * kills it: status 124, nothing on stdout, smtpd logs the lost connection).
 */
import { describe, expect, it, vi } from 'vitest';
import { createLabWorld } from '../../../src/engine/world/lab-world.ts';
import { createLabShell } from '../../../src/shell/lab-shell.ts';
import { MemoryPort } from '../../../src/shell/memory-port.ts';
import { TimerPacer } from '../../../src/shell/programs/index.ts';

const strip = (s: string): string => s.replace(/\r\n/g, '\n');

function lab() {
  const world = createLabWorld();
  const shell = createLabShell(world, { pacer: new TimerPacer() });
  const port = new MemoryPort(120, 50);
  shell.attach(port);
  port.take();
  return { world, shell, port };
}

describe('timeout on the terminal', () => {
  it('kills an interactive command when the time is up: status 124', () => {
    vi.useFakeTimers();
    try {
      const { port } = lab();
      port.type('timeout -v 2 tail -n 1 -f /etc/hosts; echo "rc=$?"\r');
      expect(strip(port.take())).toContain('127.0.0.2\tmx.example.net\n');
      vi.advanceTimersByTime(1999);
      expect(port.take()).toBe('');
      vi.advanceTimersByTime(1);
      const out = strip(port.take());
      expect(out).toContain('timeout: sending signal TERM to command ‘tail’\n');
      expect(out).toContain('rc=124\n');
      expect(out).toMatch(/root@mail:~# $/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('Ctrl-C ends the command as without timeout (130), and the timer goes with it', () => {
    vi.useFakeTimers();
    try {
      const { port } = lab();
      port.type('timeout 5 tail -f /etc/hosts\r');
      port.take();
      port.type('\x03');
      expect(strip(port.take())).toMatch(/root@mail:~# $/);
      vi.advanceTimersByTime(10_000);
      expect(port.take()).toBe('');
      port.type('echo "rc=$?"\r');
      expect(strip(port.take())).toContain('rc=130\n');
    } finally {
      vi.useRealTimers();
    }
  });

  it('a command that ends by itself gives its own status', () => {
    const { shell } = lab();
    expect(shell.runLine('timeout 5 grep -c localhost /etc/hosts', { tty: false })).toMatchObject({ stdout: '1\n', exitCode: 0 });
    expect(shell.runLine('timeout 5 postconf -h mail_version', { tty: false })).toMatchObject({ stdout: '3.7.11\n', exitCode: 0 });
  });
});

describe('openssl s_client with piped stdin', () => {
  it('against the wrapper-mode port with -starttls smtp: killed by timeout, stdout lost, smtpd logs the lost connection', () => {
    const { world, shell } = lab();
    // corpus submissions-465-wrappermode/config.txt
    const service = 'submissions inet n - y - - smtpd\n  -o syslog_name=postfix/submissions\n  -o smtpd_tls_wrappermode=yes\n';
    expect(shell.runLine(`printf '${service}' >> /etc/postfix/master.cf; postfix reload`, { tty: false }).exitCode).toBe(0);
    const before = world.logLines().length;
    const r = shell.runLine('timeout 10 openssl s_client -starttls smtp -connect 127.0.0.1:465', { tty: false, stdin: '' });
    expect(r.exitCode).toBe(124);
    // CONNECTED(...) waited in stdio's buffer: SIGTERM lost it (corpus sclient-starttls-against-465.txt).
    expect(r.stdout).toBe('');
    const log = world.logLines().slice(before).join('\n');
    expect(log).toContain('lost connection after CONNECT from localhost[127.0.0.1]');
    expect(log).toContain('disconnect from localhost[127.0.0.1] commands=0/0');
  });

  it('sends all of stdin in one write: smtpd sees the pipelined QUIT', () => {
    const { world, shell } = lab();
    const before = world.logLines().length;
    const r = shell.runLine('openssl s_client -starttls smtp -connect 127.0.0.1:25 -crlf -ign_eof', {
      tty: false,
      stdin: 'EHLO client.example.com\nQUIT\n',
    });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('221 2.0.0 Bye\r\n');
    const log = world.logLines().slice(before).join('\n');
    expect(log).toContain('improper command pipelining after EHLO from localhost[127.0.0.1]: QUIT\\r\\n');
  });

  it('typed lines on a terminal go one by one: no pipelining', () => {
    const { world, shell } = lab();
    const before = world.logLines().length;
    const r = shell.runLine('openssl s_client -starttls smtp -connect 127.0.0.1:25 -crlf -ign_eof', {
      tty: true,
      stdin: 'EHLO client.example.com\nQUIT\n',
    });
    expect(r.exitCode).toBe(0);
    expect(world.logLines().slice(before).join('\n')).not.toContain('improper command pipelining');
  });
});
