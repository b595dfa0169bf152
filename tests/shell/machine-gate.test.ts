/**
 * The lab page's shell before its machine has loaded (issue 12, weight): machine-free lines run at once,
 * any other waits for the machine and then runs on it with the same prompt, directory and history; keys
 * typed meanwhile are kept. And the history keeps bash's HISTSIZE lines, numbered on as bash numbers them.
 */
import { describe, expect, it } from 'vitest';
import { machineFree, machineFreeTable } from '../../src/shell/machine-free.ts';
import { MemoryPort } from '../../src/shell/memory-port.ts';
import { parse } from '../../src/shell/parse.ts';
import { standardPrograms } from '../../src/shell/programs/index.ts';
import { Registry } from '../../src/shell/registry.ts';
import { RelayObserver } from '../../src/shell/relay-observer.ts';
import { DEFAULT_HISTORY_SIZE, Shell } from '../../src/shell/shell.ts';
import { LabEvents } from '../../src/lesson-runtime/events.ts';
import { makeFs, makeHost } from './harness.ts';

const PROMPT = 'root@mail:~# ';
const tick = () => new Promise((r) => setTimeout(r, 0));

function items(line: string) {
  const r = parse(line);
  if (r.kind !== 'ok') throw new Error(`not a complete line: ${line}`);
  return r.items;
}

describe('machineFree', () => {
  it('accepts lines of machine-free builtins only', () => {
    for (const line of ['echo ready', 'echo "a b" && true; pwd', 'history 3', 'false || echo no', 'echo "$HOME"', 'clear', "'echo' hi"])
      expect(machineFree(items(line)), line).toBe(true);
  });
  it('sends anything that may touch a file or the world to the machine', () => {
    for (const line of [
      'ls',
      'cd /etc',
      'echo hi > /tmp/x',
      'echo hi | grep h',
      'echo *',
      'echo $HOME',
      'A=1 echo',
      '$CMD',
      'telnet localhost 25',
      'cat < /etc/hosts',
      'postconf -n',
    ])
      expect(machineFree(items(line)), line).toBe(false);
  });
});

/** A shell on a stand-in machine with a gate, and the "real" machine it is given later. */
function gatedShell() {
  let open: () => void = () => {};
  const arrived = new Promise<void>((r) => {
    open = r;
  });
  let machine = false;
  const real = makeHost(makeFs({ 'etc/hosts': '127.0.0.1 localhost\n' }, ''));
  const shell: Shell = new Shell({
    host: makeHost(makeFs({})),
    programs: machineFreeTable(),
    history: ['echo old'],
    waitFor: (list) => (machine || machineFree(list) ? null : arrived),
  });
  const port = new MemoryPort();
  shell.attach(port);
  port.take();
  const load = () => {
    machine = true;
    shell.useMachine(real, new Registry(standardPrograms()));
    open();
  };
  return { shell, port, load };
}

describe('a shell whose machine comes later', () => {
  it('runs machine-free lines at once and waits with the others, keeping the keys typed meanwhile', async () => {
    const { shell, port, load } = gatedShell();
    port.type('echo ready\r');
    expect(port.take()).toBe(`echo ready\r\nready\r\n${PROMPT}`);
    port.type('cat /etc/hosts\r');
    port.type('echo after\r');
    expect(port.take()).toBe('cat /etc/hosts\r\n');
    await tick();
    expect(port.take()).toBe('');
    load();
    await tick();
    await tick();
    expect(port.take()).toBe(`127.0.0.1 localhost\r\n${PROMPT}echo after\r\nafter\r\n${PROMPT}`);
    expect(shell.history).toEqual(['echo old', 'echo ready', 'cat /etc/hosts', 'echo after']);
  });
  it('keeps the directory and variables across the move', async () => {
    const { shell, port, load } = gatedShell();
    port.type('export GREETING=hi\r');
    load();
    port.type('cd /etc; echo "$GREETING"; pwd\r');
    await tick();
    await tick();
    expect(port.take()).toContain('hi\r\n/etc\r\nroot@mail:/etc# ');
    expect(shell.state.cwd).toBe('/etc');
  });
});

describe('a machine that cannot come', () => {
  it('says why, runs nothing, gives the prompt back with status 126, and lets the line be tried again', async () => {
    let fail = true;
    const shell: Shell = new Shell({
      host: makeHost(makeFs({})),
      programs: machineFreeTable(),
      waitFor: (list) => (machineFree(list) ? null : fail ? Promise.reject(new Error('the machine could not be loaded')) : null),
    });
    const port = new MemoryPort();
    shell.attach(port);
    port.take();
    port.type('ls /\r');
    await tick();
    await tick();
    expect(port.take()).toBe(`ls /\r\nbash: the machine could not be loaded\r\n${PROMPT}`);
    fail = false;
    port.type('echo $?\r');
    expect(port.take()).toBe(`echo $?\r\n126\r\n${PROMPT}`);
  });
});

describe('events of lines run before the machine', () => {
  it('are kept by the relay and reach the lesson recorder in order once it connects', () => {
    const relay = new RelayObserver();
    const shell = new Shell({ host: makeHost(makeFs({})), programs: machineFreeTable(), observer: relay });
    const port = new MemoryPort();
    shell.attach(port);
    port.type('echo ready\rfalse\r');
    const events = new LabEvents();
    relay.connect(events.shellObserver);
    port.type('echo after\r');
    expect(events.commands.map((c) => [c.line, c.status])).toEqual([
      ['echo ready', 0],
      ['false', 1],
      ['echo after', 0],
    ]);
    expect(events.output.map((o) => o.text)).toEqual(['ready', 'after']);
  });
});

describe('bounded history', () => {
  it('keeps the last HISTSIZE lines and numbers them on, as bash does', () => {
    const shell = new Shell({ host: makeHost(makeFs({})), programs: new Registry(standardPrograms()), historySize: 3 });
    const port = new MemoryPort();
    shell.attach(port);
    for (const l of ['echo 1', 'echo 2', 'echo 3', 'echo 4']) port.type(`${l}\r`);
    port.take();
    port.type('history\r');
    expect(port.take()).toBe(`history\r\n    3  echo 3\r\n    4  echo 4\r\n    5  history\r\n${PROMPT}`);
    expect(shell.history).toHaveLength(3);
    port.type('history -c\r');
    port.type('history\r');
    expect(port.take()).toContain('    1  history\r\n');
  });
  it('holds 500 lines by default and restores only the last of a longer saved history', () => {
    expect(DEFAULT_HISTORY_SIZE).toBe(500);
    const saved = Array.from({ length: 600 }, (_, i) => `echo ${i}`);
    const shell = new Shell({ host: makeHost(makeFs({})), programs: new Registry(standardPrograms()), history: saved });
    expect(shell.history).toHaveLength(500);
    expect(shell.history[0]).toBe('echo 100');
    const port = new MemoryPort();
    shell.attach(port);
    for (let i = 0; i < 50; i++) port.type(`true ${i}\r`);
    expect(shell.history).toHaveLength(500);
    expect(shell.history.at(-1)).toBe('true 49');
  });
});
