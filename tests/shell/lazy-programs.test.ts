/**
 * Programs loaded on first use: the shell waits for a command line's programs, keeps the keys typed
 * meanwhile (none is lost, none runs early), and the lazy table names each program as the program does.
 */
import { describe, expect, it } from 'vitest';
import { createLabWorld } from '../../src/engine/world/lab-world.ts';
import { labPrograms as browserPrograms } from '../../src/shell/lab-programs.browser.ts';
import { labPrograms } from '../../src/shell/lab-programs.ts';
import { lazyLabPrograms } from '../../src/shell/lazy-programs.ts';
import { LAZY_USAGES, usageOf } from '../../src/shell/lazy-usages.ts';
import { MemoryPort } from '../../src/shell/memory-port.ts';
import type { Program } from '../../src/shell/program.ts';
import { corePrograms } from '../../src/shell/programs/core.ts';
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
    expect(Object.keys(LAZY_USAGES)).toEqual(lazy.map((l) => l.name));
    for (const l of lazy) {
      const p = await l.load();
      expect(p.name, l.name).toBe(l.name);
      expect(LAZY_USAGES[l.name], l.name).toBe(p.usage);
      expect(eager.get(l.name)?.usage, l.name).toBe(p.usage);
    }
  });

  it('the browser table has the same programs as the eager one, the heavy ones pending', () => {
    const env: LabEnv = { world: createLabWorld(), pacer: new TimerPacer(), fqdn: 'mail.example.org' };
    const eager = labPrograms(env);
    const browser = browserPrograms(env);
    expect(browser.names()).toEqual(eager.names());
    for (const p of browser.list()) expect(usageOf(p), p.name).toBe(eager.get(p.name)?.usage);
    for (const name of ['telnet', 'postconf', 'openssl', 'nano', 'swaks', 'man']) expect(browser.pending(name), name).toBe(true);
    // Only the shell's builtins are there at once; every coreutil comes on first use.
    const builtins = corePrograms().map((p) => p.name);
    expect(builtins.sort()).toEqual(['cd', 'clear', 'echo', 'exit', 'export', 'false', 'history', 'pwd', 'true']);
    for (const p of browser.list()) expect(browser.pending(p.name), p.name).toBe(!builtins.includes(p.name));
  });
});

const MAIN_CF = '/etc/postfix/main.cf';

/** A terminal shell on the lab's world with the browser's table, as the lab page has it once its machine came. */
function browserShell() {
  const world = createLabWorld();
  const env: LabEnv = { world, pacer: new TimerPacer(), fqdn: 'mail.example.org' };
  const programs = browserPrograms(env);
  const port = new MemoryPort(200, 40);
  const shell = new Shell({ host: { fs: world.fs, hostname: 'mail', clock: world.clock, network: world.network }, programs });
  shell.attach(port);
  port.take();
  /** Types keys and waits until the prompt is back (the programs come by dynamic import). */
  const type = async (keys: string, until = PROMPT): Promise<string> => {
    port.type(keys);
    let out = port.take();
    for (let i = 0; i < 500 && !out.endsWith(until); i++) {
      await new Promise((r) => setTimeout(r, 10));
      out += port.take();
    }
    return out;
  };
  return { world, programs, port, type };
}

describe('the coreutils in the browser table (loaded on first use)', () => {
  it('a pipeline of two lazy coreutils waits for both and filters as in Node', async () => {
    const { world, programs, type } = browserShell();
    const lines = (world.fs.read(MAIN_CF) ?? '').split('\n').filter((l) => l.startsWith('smtpd_tls'));
    expect(lines.length).toBeGreaterThan(1);
    expect(programs.pending('grep') && programs.pending('tail')).toBe(true);
    const out = await type(`grep ^smtpd_tls ${MAIN_CF} | tail -n 1\r`);
    expect(out).toBe(`grep ^smtpd_tls ${MAIN_CF} | tail -n 1\r\n${lines.at(-1) ?? ''}\r\n${PROMPT}`);
    expect(programs.pending('grep') || programs.pending('tail')).toBe(false);
  });

  it('timeout runs a lazy coreutil, both fetched first', async () => {
    const { world, programs, type } = browserShell();
    const count = (world.fs.read(MAIN_CF) ?? '').split('\n').filter((l) => l.includes('tls')).length;
    const out = await type(`timeout 5 grep -c tls ${MAIN_CF}; echo $?\r`);
    expect(out).toBe(`timeout 5 grep -c tls ${MAIN_CF}; echo $?\r\n${count}\r\n0\r\n${PROMPT}`);
    expect(programs.pending('timeout') || programs.pending('grep')).toBe(false);
  });

  it('a command named by a variable is fetched too, set on the same line or before', async () => {
    const { world, type } = browserShell();
    const first = (world.fs.read(MAIN_CF) ?? '').split('\n')[0] ?? '';
    expect(await type(`P=head; $P -n 1 ${MAIN_CF}\r`)).toContain(`\r\n${first}\r\n${PROMPT}`);
    await type('export W=wc\r');
    expect(await type(`echo x | \${W} -l\r`)).toBe(`echo x | \${W} -l\r\n1\r\n${PROMPT}`);
  });

  it('which, help and completion of names know the coreutils before their code is here', async () => {
    const { programs, type } = browserShell();
    expect(programs.pending('grep')).toBe(true);
    expect(await type('gre\t', 'grep ')).toBe('grep ');
    expect(programs.pending('grep')).toBe(true);
    await type('\x15\r');
    expect(await type('which cat grep ls\r')).toBe(`which cat grep ls\r\n/usr/bin/cat\r\n/usr/bin/grep\r\n/usr/bin/ls\r\n${PROMPT}`);
    const help = await type('help\r');
    // The same text as with every program here (the eager table of Node).
    const eager = new MemoryPort(200, 40);
    const world = createLabWorld();
    new Shell({
      host: { fs: world.fs, hostname: 'mail', clock: world.clock, network: world.network },
      programs: labPrograms({ world, pacer: new TimerPacer(), fqdn: 'mail.example.org' }),
    }).attach(eager);
    eager.take();
    eager.type('help\r');
    expect(help).toBe(eager.take());
    for (const name of ['cat', 'grep', 'tail', 'wc', 'ls', 'chmod', 'hostname']) {
      expect(help, name).toContain(`  ${name} `);
    }
    // Neither `help` nor `which` fetched what they did not name.
    expect(programs.pending('chmod') && programs.pending('hostname')).toBe(true);
  });
});

describe('Tab on the arguments of a program still being fetched', () => {
  it('the first Tab after postconf -e waits for postconf and completes as postconf does', async () => {
    const { programs, type } = browserShell();
    expect(programs.pending('postconf')).toBe(true);
    expect(await type('postconf -e smtpd_tls_secu\t', '=')).toBe('postconf -e smtpd_tls_security_level=');
    expect(programs.pending('postconf')).toBe(false);
  });

  it('the first Tab after explain completes a parameter name, and the keys typed after it follow it', async () => {
    const { port, programs } = browserShell();
    expect(programs.pending('explain')).toBe(true);
    port.type('explain smtpd_tls_security_le\tX');
    expect(port.take()).toBe('explain smtpd_tls_security_le');
    let out = '';
    for (let i = 0; i < 500 && !out.endsWith('X'); i++) {
      await new Promise((r) => setTimeout(r, 10));
      out += port.take();
    }
    expect(out).toBe('vel X');
  });

  it('a program whose code does not come: the held Tab completes file names, once', async () => {
    let loads = 0;
    const { port } = lazyShell([
      {
        name: 'shout',
        usage: 'shout WORD',
        load: () => {
          loads++;
          return Promise.reject(new Error('offline'));
        },
      },
    ]);
    port.type('shout x\t');
    await tick();
    await tick();
    expect(loads).toBe(1);
    expect(port.take()).toBe('shout x\x07');
  });

  it('keys typed while a Tab waits are held in order, and reset drops them', async () => {
    const d = deferred<Program>();
    const withComplete: Program = {
      ...shout,
      complete: (req) => ({ candidates: ['hello', 'help'].filter((w) => w.startsWith(req.prefix)) }),
    };
    const { port } = lazyShell([{ name: 'shout', usage: 'shout WORD', load: () => d.promise }]);
    const keys = 'shout he\t\t\tlo\t\r';
    port.type(keys);
    expect(port.take()).toBe('shout he');
    d.resolve(withComplete);
    await tick();
    // The same screen as where the program was there from the start.
    const loaded = lazyShell([]);
    loaded.programs.add(withComplete);
    loaded.port.type(keys);
    const screen = loaded.port.take();
    expect(screen).toContain('hello  help');
    expect(screen.endsWith(`shout hello \r\nHELLO\r\n${PROMPT}`)).toBe(true);
    expect(`shout he${port.take()}`).toBe(screen);
    const e = deferred<Program>();
    const second = lazyShell([{ name: 'shout', usage: 'shout WORD', load: () => e.promise }]);
    second.port.type('shout he\tllo\r');
    second.shell.reset();
    second.port.take();
    e.resolve(withComplete);
    await tick();
    expect(second.port.take()).toBe('');
  });
});
