/**
 * Programs loaded on first use: the shell waits for a command line's programs, keeps the keys typed
 * meanwhile (none is lost, none runs early), and the lazy table names each program as the program does.
 */
import { describe, expect, it } from 'vitest';
import { createLabWorld } from '../../src/engine/world/lab-world.ts';
import { labPrograms as browserPrograms } from '../../src/shell/lab-programs.browser.ts';
import { labPrograms } from '../../src/shell/lab-programs.ts';
import { lazyLabPrograms } from '../../src/shell/lazy-programs.ts';
import { MemoryPort } from '../../src/shell/memory-port.ts';
import type { Program } from '../../src/shell/program.ts';
import { standardPrograms, worldPrograms } from '../../src/shell/programs/index.ts';
import { TimerPacer, type LabEnv } from '../../src/shell/programs/net/lab-env.ts';
import type { InteractiveSession, SessionIo } from '../../src/shell/session.ts';
import { Registry, wordsOfLine } from '../../src/shell/registry.ts';
import { Shell } from '../../src/shell/shell.ts';
import { makeFs, makeHost } from './harness.ts';

const PROMPT = 'root@mail:~# ';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

function lazyShell(lazy: { name: string; usage: string; load: () => Promise<Program> }[]) {
  const programs = new Registry(standardPrograms());
  for (const l of lazy) programs.addLazy(l);
  const port = new MemoryPort();
  const shell = new Shell({ host: makeHost(makeFs({})), programs });
  shell.attach(port);
  port.take();
  return { shell, port, programs };
}

const shout: Program = {
  name: 'shout',
  usage: 'shout WORD',
  run(ctx) {
    ctx.stdout.write(`${(ctx.argv[1] ?? '').toUpperCase()}\n`);
    return 0;
  },
};

/** A cooked session that answers every line (a stand-in for telnet). */
const talker: Program = {
  name: 'talk',
  usage: 'talk',
  run(): InteractiveSession {
    let io: SessionIo | null = null;
    return {
      mode: 'cooked',
      start(i) {
        io = i;
        i.write('220 hello\n');
      },
      onInput(line) {
        if (line === 'QUIT\n') {
          io?.write('221 bye\n');
          io?.exit(0);
        } else io?.write(`250 got ${line}`);
      },
    };
  },
};

describe('lazily loaded programs', () => {
  it('waits for a program named in the line, then runs it; keys typed meanwhile run after it, in order', async () => {
    const d = deferred<Program>();
    const { port, programs } = lazyShell([{ name: 'shout', usage: 'shout WORD', load: () => d.promise }]);
    port.type('shout hi\r');
    port.type('echo after\r');
    port.type('echo la');
    port.type('st\r');
    expect(port.take()).toBe('shout hi\r\n');
    expect(programs.pending('shout')).toBe(true);
    d.resolve(shout);
    await tick();
    const out = port.take();
    expect(out).toBe(`HI\r\n${PROMPT}echo after\r\nafter\r\n${PROMPT}echo last\r\nlast\r\n${PROMPT}`);
    expect(programs.pending('shout')).toBe(false);
  });

  it('a program that reads the terminal gets the lines typed while it loaded', async () => {
    const d = deferred<Program>();
    const { port } = lazyShell([{ name: 'talk', usage: 'talk', load: () => d.promise }]);
    port.type('talk\rEHLO a\rQUIT\recho done\r');
    d.resolve(talker);
    await tick();
    expect(port.take()).toBe(`talk\r\n220 hello\r\nEHLO a\r\n250 got EHLO a\r\nQUIT\r\n221 bye\r\n${PROMPT}echo done\r\ndone\r\n${PROMPT}`);
  });

  it('a line naming only loaded programs runs at once, in the same turn', () => {
    const { port } = lazyShell([{ name: 'shout', usage: 'shout WORD', load: () => new Promise<Program>(() => {}) }]);
    port.type('echo now\r');
    expect(port.take()).toBe(`echo now\r\nnow\r\n${PROMPT}`);
  });

  it('help, which and completion know a program before it is loaded', () => {
    const { port, programs } = lazyShell([{ name: 'shout', usage: 'shout WORD', load: () => new Promise<Program>(() => {}) }]);
    expect(programs.list().map((p) => p.name)).toContain('shout');
    port.type('sho\t');
    expect(port.take()).toBe('shout ');
  });

  it('a failed load says so and a later line tries again', async () => {
    let calls = 0;
    const { port } = lazyShell([
      {
        name: 'shout',
        usage: 'shout WORD',
        load: () => (++calls === 1 ? Promise.reject(new Error('offline')) : Promise.resolve(shout)),
      },
    ]);
    port.type('shout a\r');
    await tick();
    const first = port.take();
    expect(first).toContain('shout: this program of the lab could not be loaded');
    expect(first.endsWith(PROMPT)).toBe(true);
    port.type('shout b\r');
    await tick();
    expect(port.take()).toBe(`shout b\r\nB\r\n${PROMPT}`);
  });

  it('reset drops a line still waiting for its program', async () => {
    const d = deferred<Program>();
    const { shell, port } = lazyShell([{ name: 'shout', usage: 'shout WORD', load: () => d.promise }]);
    port.type('shout x\rshout y\r');
    shell.reset();
    port.take();
    d.resolve(shout);
    await tick();
    expect(port.take()).toBe('');
  });

  it('the words of a line, with base names of paths', () => {
    expect(wordsOfLine("timeout 5 /usr/sbin/postconf -n | grep 'tls'")).toEqual(
      expect.arrayContaining(['timeout', 'postconf', '/usr/sbin/postconf', 'grep', 'tls']),
    );
  });
});

describe('the lab table', () => {
  it('names each program with the usage of the loaded program, and loads the same program as the eager table', async () => {
    const env: LabEnv = { world: createLabWorld(), pacer: new TimerPacer(), fqdn: 'mail.example.org' };
    const eager = new Map([...standardPrograms(), ...worldPrograms(env)].map((p) => [p.name, p]));
    const lazy = lazyLabPrograms(env);
    expect(lazy.length).toBeGreaterThan(20);
    for (const l of lazy) {
      const p = await l.load();
      expect(p.name, l.name).toBe(l.name);
      expect(l.usage, l.name).toBe(p.usage);
      expect(eager.get(l.name)?.usage, l.name).toBe(p.usage);
    }
  });

  it('the browser table has the same programs as the eager one, the heavy ones pending', () => {
    const env: LabEnv = { world: createLabWorld(), pacer: new TimerPacer(), fqdn: 'mail.example.org' };
    const eager = labPrograms(env);
    const browser = browserPrograms(env);
    expect(browser.names()).toEqual(eager.names());
    for (const p of browser.list()) expect(p.usage, p.name).toBe(eager.get(p.name)?.usage);
    for (const name of ['telnet', 'postconf', 'openssl', 'nano', 'swaks', 'man']) expect(browser.pending(name), name).toBe(true);
    for (const name of ['echo', 'cd', 'ls', 'cat']) expect(browser.pending(name), name).toBe(false);
  });
});
