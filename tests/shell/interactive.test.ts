/** Interactive programs own the terminal until they end: cooked and raw input, Ctrl-C, pipes, tail -f. */
import { describe, expect, it } from 'vitest';
import type { Program } from '../../src/shell/program.ts';
import type { InteractiveSession, SessionIo } from '../../src/shell/session.ts';
import { makeShell } from './harness.ts';

const PROMPT = 'root@mail:~# ';

/** A stand-in for nc/telnet: a banner, one reply per line, QUIT ends it; ^] ends a line at once. */
function fakeServer(opts: { catchInterrupt?: boolean } = {}): Program & { sessions: SessionIo[]; lines: string[] } {
  const sessions: SessionIo[] = [];
  const lines: string[] = [];
  return {
    name: 'fakesrv',
    usage: 'fakesrv',
    sessions,
    lines,
    run(): InteractiveSession {
      let io: SessionIo | null = null;
      return {
        mode: 'cooked',
        lineEnders: '\x1d',
        start(i) {
          io = i;
          sessions.push(i);
          i.write('220 ready\n');
        },
        onInput(line) {
          lines.push(line);
          if (line.endsWith('\x1d')) io?.write('\ntelnet> ');
          else if (line === 'QUIT\n') {
            io?.write('221 Bye\n');
            io?.exit(0);
          } else io?.write('250 ok\n');
        },
        ...(opts.catchInterrupt === true ? { onInterrupt: () => true } : {}),
      };
    },
  };
}

function rawProgram(received: string[]): Program {
  return {
    name: 'rawprog',
    usage: 'rawprog',
    run(): InteractiveSession {
      let io: SessionIo | null = null;
      return {
        mode: 'raw',
        start(i) {
          io = i;
        },
        onInput(data) {
          received.push(data);
          if (data.includes('q')) io?.exit(3);
        },
      };
    },
  };
}

describe('cooked sessions', () => {
  it('echo what is typed, hand over whole lines and give the terminal back with the status', () => {
    const srv = fakeServer();
    const { port } = makeShell({}, { programs: [srv] });
    port.take();
    port.type('fakesrv; echo "rc=$?"\r');
    expect(port.take()).toBe('fakesrv; echo "rc=$?"\r\n220 ready\r\n');
    port.type('NOOP');
    expect(port.take()).toBe('NOOP');
    port.type('\r');
    expect(port.take()).toBe('\r\n250 ok\r\n');
    port.type('QUIT\r');
    expect(port.take()).toBe(`QUIT\r\n221 Bye\r\nrc=0\r\n${PROMPT}`);
    expect(srv.lines).toEqual(['NOOP\n', 'QUIT\n']);
  });

  it('a paste runs on: lines for the program, then the rest for the shell', () => {
    const srv = fakeServer();
    const { port, shell } = makeShell({}, { programs: [srv] });
    port.type('fakesrv\rNOOP\rQUIT\recho after\r');
    expect(srv.lines).toEqual(['NOOP\n', 'QUIT\n']);
    expect(port.output.endsWith(`221 Bye\r\n${PROMPT}echo after\r\nafter\r\n${PROMPT}`)).toBe(true);
    expect(shell.history).toEqual(['fakesrv', 'echo after']);
  });

  it('Backspace, Ctrl-U and Ctrl-W edit the pending line; control characters echo as ^X', () => {
    const srv = fakeServer();
    const { port } = makeShell({}, { programs: [srv] });
    port.type('fakesrv\r');
    port.take();
    port.type('EHLX\x7fO x\x17y');
    expect(port.take()).toBe('EHLX\b \bO x\b \by');
    port.type('\x15');
    expect(port.take()).toBe('\b \b'.repeat(6));
    port.type('\x1b[A\r');
    expect(port.take()).toBe('^[[A\r\n250 ok\r\n');
    expect(srv.lines).toEqual(['\x1b[A\n']);
  });

  it('a line ender (telnet escape ^]) delivers at once and echoes ^]', () => {
    const srv = fakeServer();
    const { port } = makeShell({}, { programs: [srv] });
    port.type('fakesrv\r');
    port.take();
    port.type('\x1d');
    expect(port.take()).toBe('^]\r\ntelnet> ');
    expect(srv.lines).toEqual(['\x1d']);
  });

  it('Ctrl-C kills the program with 130 and drops the rest of the line (as the corpus nc -v screen shows ^C)', () => {
    const srv = fakeServer();
    const { port, shell } = makeShell({}, { programs: [srv] });
    port.type('fakesrv; echo not-run\r');
    port.take();
    port.type('NO\x03');
    expect(port.take()).toBe(`NO^C\r\n${PROMPT}`);
    expect(shell.state.lastStatus).toBe(130);
    expect(shell.busy).toBe(false);
  });

  it('a program that catches SIGINT keeps the terminal', () => {
    const srv = fakeServer({ catchInterrupt: true });
    const { port, shell } = makeShell({}, { programs: [srv] });
    port.type('fakesrv\r\x03');
    expect(shell.busy).toBe(true);
    port.type('QUIT\r');
    expect(shell.busy).toBe(false);
    expect(port.output.endsWith(`^CQUIT\r\n221 Bye\r\n${PROMPT}`)).toBe(true);
  });

  it('an end from outside the input (a timer, the server closing) brings the prompt back', () => {
    const srv = fakeServer();
    const { port, shell } = makeShell({}, { programs: [srv] });
    port.type('fakesrv && echo closed\r');
    port.take();
    srv.sessions[0]?.write('Connection closed by foreign host.\n');
    srv.sessions[0]?.exit(1);
    expect(port.take()).toBe(`Connection closed by foreign host.\r\n${PROMPT}`);
    expect(shell.state.lastStatus).toBe(1);
  });

  it('streams through a filter after it: fakesrv | grep 250', () => {
    const srv = fakeServer();
    const { port } = makeShell({}, { programs: [srv] });
    port.type('fakesrv | grep -n 250\r');
    port.take();
    port.type('NOOP\r');
    // The banner was line 1.
    expect(port.take()).toBe('NOOP\r\n2:250 ok\r\n');
    port.type('QUIT\r');
    expect(port.take()).toBe(`QUIT\r\n${PROMPT}`);
  });
});

describe('mode changes inside one paste', () => {
  it('the tty reads lineEnders again after each line (telnet leaving its escape mode)', () => {
    const got: string[] = [];
    let enders = '\x1d';
    const prog: Program = {
      name: 'esc',
      usage: 'esc',
      run(): InteractiveSession {
        let io: SessionIo | null = null;
        return {
          mode: 'cooked',
          get lineEnders() {
            return enders;
          },
          start(i) {
            io = i;
          },
          onInput(line) {
            got.push(line);
            if (line.endsWith('\x1d')) enders = '';
            if (line === 'quit\n') io?.exit(0);
          },
        };
      },
    };
    const { port } = makeShell({}, { programs: [prog] });
    port.type('esc\ra\x1db\x1d\rquit\recho done\r');
    expect(got).toEqual(['a\x1d', 'b\x1d\n', 'quit\n']);
    expect(port.output.endsWith('done\r\nroot@mail:~# ')).toBe(true);
  });
  it('several programs in one paste each get their lines', () => {
    const srv = fakeServer();
    const { port } = makeShell({}, { programs: [srv] });
    port.type('fakesrv\rQUIT\r'.repeat(6) + 'echo end\r');
    expect(srv.lines).toEqual(Array(6).fill('QUIT\n'));
    expect(port.output.endsWith('end\r\nroot@mail:~# ')).toBe(true);
  });
});

describe('raw sessions give back the rest of a paste', () => {
  it('less then q then a command', () => {
    const { port } = makeShell({ 'f.txt': 'one\n' });
    port.type('less f.txt\rqecho after\r');
    expect(port.output.endsWith('after\r\nroot@mail:~# ')).toBe(true);
  });
  it('nano then ^X then a command', () => {
    const { port } = makeShell({ 'f.txt': 'one\n' });
    port.type('nano f.txt\r\x18echo after\r');
    expect(port.output.endsWith('after\r\nroot@mail:~# ')).toBe(true);
  });
});

describe('raw sessions', () => {
  it('get every byte unechoed, Ctrl-C included', () => {
    const got: string[] = [];
    const { port, shell } = makeShell({}, { programs: [rawProgram(got)] });
    port.type('rawprog; echo "rc=$?"\r');
    port.take();
    port.type('a\x03\x1b[A');
    expect(port.take()).toBe('');
    expect(shell.busy).toBe(true);
    port.type('q');
    expect(got).toEqual(['a\x03\x1b[A', 'q']);
    expect(port.take()).toBe(`rc=3\r\n${PROMPT}`);
  });
});

describe('programs reading the terminal', () => {
  it('cat copies lines until Ctrl-D; cat > file writes them', () => {
    const { port, fs } = makeShell();
    port.type('cat\r');
    port.take();
    port.type('hello\r');
    expect(port.take()).toBe('hello\r\nhello\r\n');
    port.type('\x04');
    expect(port.take()).toBe(PROMPT);
    port.type('cat > /root/notes\rline one\rline two\r\x04');
    expect(fs.read('/root/notes')).toBe('line one\nline two\n');
  });

  it('head -n 2 stops after two lines', () => {
    const { port } = makeShell();
    port.type('head -n 2\ra\rb\r');
    expect(port.output.endsWith(`a\r\na\r\nb\r\nb\r\n${PROMPT}`)).toBe(true);
  });
});

describe('tail -f', () => {
  it('prints what is appended, says when the file is truncated, and ends on Ctrl-C', () => {
    const { port, fs, shell } = makeShell({ 'log.txt': 'a\nb\n' });
    port.take();
    port.type('tail -f log.txt\r');
    expect(port.take()).toBe('tail -f log.txt\r\na\r\nb\r\n');
    fs.write('/root/log.txt', 'a\nb\nc\n');
    expect(port.take()).toBe('c\r\n');
    fs.write('/root/log.txt', 'x\n');
    expect(port.take()).toBe('tail: log.txt: file truncated\r\nx\r\n');
    fs.write('/root/other.txt', 'ignored\n');
    expect(port.take()).toBe('');
    port.type('\x03');
    expect(port.take()).toBe(`^C\r\n${PROMPT}`);
    expect(shell.state.lastStatus).toBe(130);
    fs.write('/root/log.txt', 'x\ny\n');
    expect(port.take()).toBe('');
  });

  it('tail -f log | grep streams the matching lines', () => {
    const { port, fs } = makeShell({ 'log.txt': 'TLS one\nplain\n' });
    port.take();
    port.type('tail -f log.txt | grep TLS\r');
    expect(port.take()).toBe('tail -f log.txt | grep TLS\r\nTLS one\r\n');
    fs.write('/root/log.txt', 'TLS one\nplain\nplain 2\nTLS two\n');
    expect(port.take()).toBe('TLS two\r\n');
    port.type('\x03');
    expect(port.take()).toBe(`^C\r\n${PROMPT}`);
  });
});

describe('exit', () => {
  it('calls onExit and starts a fresh shell in the home directory', () => {
    const { port, shell } = makeShell({ 'dir/x': '' });
    port.type('cd dir\r');
    port.take();
    port.type('exit 3\r');
    expect(port.take()).toBe(`exit 3\r\nexit\r\n${PROMPT}`);
    expect(shell.state.cwd).toBe('/root');
  });
});
