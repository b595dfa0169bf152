/**
 * The browser's lazily loaded code of telnet's `telnet>` prompt (issue 12, weight), run in Node:
 * telnet-prompt-code.ts is swapped for its browser twin here (with the other twins and the browser's program
 * table, as the site's build does), so telnet shows its prompt at Ctrl-] at once but runs what is typed there
 * once the code has come. Each run takes fresh modules (the code absent again) and types the same keys with the
 * code absent and with it there before the first key, which is what Node gets at once: the same screen and the
 * same mail.log, to the millisecond.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { freshLabMaker } from '../support/fresh-lab.ts';

const TWINS = [
  ['../../src/engine/world/lab-outbound.ts', '../../src/engine/world/lab-outbound.browser.ts'],
  ['../../src/engine/tls/tls-code.ts', '../../src/engine/tls/tls-code.browser.ts'],
  ['../../src/engine/tls/data/lab-tls-boot.ts', '../../src/engine/tls/data/lab-tls-boot.browser.ts'],
  ['../../src/engine/remote/remote-code.ts', '../../src/engine/remote/remote-code.browser.ts'],
  ['../../src/engine/smtpd/commands/mail-code.ts', '../../src/engine/smtpd/commands/mail-code.browser.ts'],
  ['../../src/shell/programs/net/telnet-prompt-code.ts', '../../src/shell/programs/net/telnet-prompt-code.browser.ts'],
  ['../../src/shell/lab-programs.ts', '../../src/shell/lab-programs.browser.ts'],
] as const;

async function fresh() {
  vi.resetModules();
  for (const [file, browser] of TWINS) vi.doMock(file, async () => (await import(browser)) as unknown);
  const promptCode = await import('../../src/shell/programs/net/telnet-prompt-code.ts');
  const make = await freshLabMaker();
  return { promptCode, make };
}

type Lazy = Awaited<ReturnType<typeof fresh>>;

/** Lets the dynamic imports and the promises after them settle. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
}

const PROMPT = 'root@mail:~# ';
const SHELL_PROMPT = /\r\nroot@mail:~# $/;
const TELNET_PROMPT = /telnet> $/;
const CONNECTED = /Escape character is '\^\]'\.\r\n(?:220 .*\r\n)?$/;

/** Keys to type and what the screen shows once they are done. */
interface Step {
  readonly keys: string;
  readonly until: RegExp;
}

/** Types each step's keys once the one before is done; the code loaded before the first key when `codeFirst`. */
async function run(lazy: Lazy, steps: readonly Step[], codeFirst: boolean) {
  if (codeFirst) await lazy.promptCode.loadTelnetPrompt();
  const { world, port } = lazy.make();
  let screen = '';
  /** Whether the code was here once each step's keys had been typed (their output not waited for yet). */
  const codeAtKeys: boolean[] = [];
  for (const s of steps) {
    const start = screen.length;
    port.type(s.keys);
    codeAtKeys.push(lazy.promptCode.telnetPromptNow() !== null);
    for (let i = 0; i < 500; i++) {
      screen += port.take();
      if (s.until.test(screen.slice(start))) break;
      await settle();
    }
    expect(screen.slice(start), JSON.stringify(s.keys)).toMatch(s.until);
  }
  return { screen, log: world.logLines(), codeAtKeys, codeAfter: lazy.promptCode.telnetPromptNow() !== null };
}

/** The same steps with the code absent, then (fresh modules) with it loaded first. */
async function bothWays(steps: readonly Step[]) {
  const late = await run(await fresh(), steps, false);
  const early = await run(await fresh(), steps, true);
  expect(late.codeAfter).toBe(true);
  expect(late.screen).toBe(early.screen);
  expect(late.log).toEqual(early.log);
  return late;
}

describe('telnet whose telnet> prompt code comes later', { timeout: 120_000 }, () => {
  afterAll(() => {
    for (const [file] of TWINS) vi.doUnmock(file);
  });

  it('telnet localhost 25 and EHLO leave the code where it is', async () => {
    const lazy = await fresh();
    const r = await run(
      lazy,
      [
        { keys: 'telnet localhost 25\r', until: CONNECTED },
        { keys: 'EHLO client.example.com\r', until: /250 CHUNKING\r\n$/ },
      ],
      false,
    );
    await settle();
    expect(r.codeAfter).toBe(false);
  });

  it('Ctrl-] then status, ?, send ?, display, an unknown and an ambiguous command, close: the same screen and log', async () => {
    const late = await bothWays([
      { keys: 'telnet localhost 25\r', until: CONNECTED },
      { keys: 'EHLO client.example.com\r', until: /250 CHUNKING\r\n$/ },
      { keys: '\x1d', until: TELNET_PROMPT },
      { keys: 'status\r', until: /Escape character is '\^\]'\.\r\n$/ },
      { keys: '\x1d', until: TELNET_PROMPT },
      { keys: '?\r', until: /print help information\r\ntelnet> $/ },
      { keys: 'send ?\r', until: /Display send options\r\ntelnet> $/ },
      { keys: 'bogus\r', until: /\?Invalid command\r\ntelnet> $/ },
      { keys: 's\r', until: /\?Ambiguous command\r\ntelnet> $/ },
      { keys: 'display\r', until: /ayt {13}\[\^T\]\r\n$/ },
      { keys: 'NOOP\r', until: /250 2\.0\.0 Ok\r\n$/ },
      { keys: '\x1d', until: TELNET_PROMPT },
      { keys: 'close\r', until: SHELL_PROMPT },
      { keys: 'echo after\r', until: SHELL_PROMPT },
    ]);
    // corpus terminal/term-telnet-escape: `status` while connected.
    expect(late.screen).toContain('telnet> status\r\nConnected to localhost.\r\nOperating in obsolete linemode\r\n');
    expect(late.screen).toContain(`close\r\nConnection closed.\r\n${PROMPT}`);
  });

  it('keys typed at the prompt before the code came wait, in order, with the lines after them', async () => {
    const late = await bothWays([
      { keys: 'telnet localhost 25\r', until: CONNECTED },
      { keys: '\x1dstatus\rEHLO a.example\r\x1dquit\recho done\r', until: /\r\ndone\r\nroot@mail:~# $/ },
    ]);
    expect(late.codeAtKeys).toEqual([false, false]);
    expect(late.screen).toContain('telnet> status\r\nConnected to localhost.\r\n');
    expect(late.screen).toContain('250-mail.example.org\r\n');
  });

  it('a prompt whose code cannot be fetched says so, stays, and the session goes on', async () => {
    vi.resetModules();
    for (const [file, browser] of TWINS) vi.doMock(file, async () => (await import(browser)) as unknown);
    // The page lost its network: the fetch fails every time.
    vi.doMock('../../src/shell/programs/net/telnet-prompt-code.ts', () => ({
      telnetPromptNow: () => null,
      loadTelnetPrompt: () => Promise.reject(new Error('offline')),
    }));
    const { world, port } = (await freshLabMaker())();
    let screen = '';
    for (const keys of ['telnet localhost 25\r', '\x1d', 'status\r', '\r']) {
      port.type(keys);
      await settle();
      screen += port.take();
    }
    expect(screen).toContain(
      'telnet> status\r\ntelnet: this part of the lab could not be loaded; check the network and try again\r\ntelnet> ',
    );
    // The empty line went back to the session, as it does with the code.
    port.type('NOOP\r');
    await settle();
    expect(port.take()).toBe('NOOP\r\n250 2.0.0 Ok\r\n');
    expect(world.logLines().some((l) => l.includes('connect from localhost[127.0.0.1]'))).toBe(true);
  });

  it('telnet without a host: open at the prompt, (to), then quit', async () => {
    const late = await bothWays([
      { keys: 'telnet\r', until: TELNET_PROMPT },
      { keys: 'open\r', until: /\(to\) $/ },
      { keys: 'localhost 25\r', until: CONNECTED },
      { keys: '\x1d', until: TELNET_PROMPT },
      { keys: 'open localhost 25\r', until: /\?Already connected to localhost\r\ntelnet> $/ },
      { keys: 'quit\r', until: SHELL_PROMPT },
    ]);
    expect(late.screen).toContain('Connection closed.\r\n');
  });
});
