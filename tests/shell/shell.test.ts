/** The shell as a whole: prompt, cd, history, help, completion sources, resize, errors. */
import { describe, expect, it } from 'vitest';
import type { Program } from '../../src/shell/program.ts';
import type { InteractiveSession } from '../../src/shell/session.ts';
import { makeShell } from './harness.ts';

describe('prompt and cd', () => {
  it("shows the directory as bash's \\w does", () => {
    const { port } = makeShell({ 'x/y': '' });
    port.type('cd /etc/postfix\r');
    expect(port.take().endsWith('root@mail:/etc/postfix# ')).toBe(true);
    port.type('cd ~/x\r');
    expect(port.take().endsWith('root@mail:~/x# ')).toBe(true);
    port.type('cd\r');
    expect(port.take().endsWith('root@mail:~# ')).toBe(true);
  });
});

describe('history and help', () => {
  it('history numbers the lines as bash does', () => {
    const { port } = makeShell();
    port.type('echo a\rtrue\r');
    port.take();
    port.type('history\r');
    expect(port.take()).toBe('history\r\n    1  echo a\r\n    2  true\r\n    3  history\r\nroot@mail:~# ');
    port.type('history 1\r');
    expect(port.take()).toBe('history 1\r\n    4  history 1\r\nroot@mail:~# ');
  });
  it('help lists every program with its usage', () => {
    const { port } = makeShell();
    port.take();
    port.type('help\r');
    const out = port.take();
    for (const name of ['cat', 'cd', 'grep', 'less', 'ls', 'nano', 'tail']) expect(out).toMatch(new RegExp(`\\r\\n  ${name} +\\S`));
  });
});

describe('errors never throw', () => {
  it('a program that throws gets an internal error line and status 1', () => {
    const bad: Program = {
      name: 'boom',
      usage: 'boom',
      run() {
        throw new Error('kaput');
      },
    };
    const { port, shell } = makeShell({}, { programs: [bad] });
    port.type('boom; echo $?\r');
    expect(port.output).toContain('bash: boom: internal error: kaput\r\n1\r\n');
    expect(shell.busy).toBe(false);
  });
  it('syntax errors and unknown commands print bash texts', () => {
    const { port, shell } = makeShell();
    port.take();
    port.type('| ls\r');
    expect(port.take()).toBe("| ls\r\nbash: syntax error near unexpected token `|'\r\nroot@mail:~# ");
    expect(shell.state.lastStatus).toBe(2);
    port.type('postconf -n\r');
    expect(port.take()).toBe('postconf -n\r\nbash: postconf: command not found\r\nroot@mail:~# ');
    expect(shell.state.lastStatus).toBe(127);
  });
  it('Ctrl-D on an empty PS2 line reports the open quote', () => {
    const { port } = makeShell();
    port.take();
    port.type('echo "x\r\x04');
    expect(port.take()).toBe('echo "x\r\n> \r\nbash: unexpected EOF while looking for matching `"\'\r\n> ');
  });
  it('random bytes into the shell never throw', () => {
    const { port, shell } = makeShell({ 'a.txt': 'alpha\n' });
    let seed = 5;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const words = [
      'ls ',
      'cat a.txt',
      '|',
      ' grep a',
      '\r',
      '\x03',
      '\x04',
      '\t',
      '"',
      "'",
      '$?',
      '>',
      ' x',
      '\x1b[A',
      '\x7f',
      'less a.txt\r',
      'q',
      'nano b\r',
      '\x18',
      'n',
    ];
    for (let n = 0; n < 3000; n++) {
      const w = rand() < 0.2 ? String.fromCharCode(Math.floor(rand() * 0x80)) : (words[Math.floor(rand() * words.length)] ?? '');
      port.type(w);
    }
    // Whatever happened, Ctrl-C and q leave the shell at a prompt.
    port.type('\x03q\x18n\x03\x03');
    shell.reset();
    port.take();
    port.type('echo ok\r');
    expect(port.take()).toBe('echo ok\r\nok\r\nroot@mail:~# ');
  });
});

describe('completion sources', () => {
  it("a program's own completion, then the injected completer, then files", () => {
    const postconf: Program = {
      name: 'postconf',
      usage: 'postconf [NAME]...',
      run: () => 0,
      complete: (req) => ({ candidates: ['smtpd_tls_security_level', 'smtpd_tls_cert_file'].filter((p) => p.startsWith(req.prefix)) }),
    };
    const { port } = makeShell({ 'smtpd.txt': '' }, { programs: [postconf] });
    port.take();
    port.type('postconf smtpd_tls_s\t');
    expect(port.take()).toBe('postconf smtpd_tls_security_level ');
  });
});

describe('resize', () => {
  it('reaches the running session', () => {
    const sizes: [number, number][] = [];
    const prog: Program = {
      name: 'sized',
      usage: 'sized',
      run(): InteractiveSession {
        return { mode: 'raw', start() {}, onInput() {}, onResize: (c, r) => sizes.push([c, r]) };
      },
    };
    const { port, shell } = makeShell({}, { programs: [prog] });
    port.type('sized\r');
    port.resize(100, 30);
    expect(sizes).toEqual([[100, 30]]);
    expect([shell.cols, shell.rows]).toEqual([100, 30]);
  });
});
