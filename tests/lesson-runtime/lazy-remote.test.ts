/**
 * The browser's lazily loaded remote hosts' code (issue 12, weight), run in Node: remote-code.ts is swapped for
 * remote-code.browser.ts here (with the other browser twins and the browser's program table, as the site's
 * build does), so a world boots knowing the remote hosts' addresses but with nothing answering there until
 * `loadRemoteCode()` has run. Each test takes fresh modules (the code absent again) and runs the same lines
 * with the code absent and with it there before the first line, which is what Node gets at once: the same
 * screen and the same mail.log, to the millisecond.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { freshLabMaker } from '../support/fresh-lab.ts';

/** The modules the browser build swaps for their twins (integrations/lab-programs-browser.ts). */
function mockTwins(): void {
  vi.doMock('../../src/engine/world/lab-outbound.ts', async () => await import('../../src/engine/world/lab-outbound.browser.ts'));
  vi.doMock('../../src/engine/tls/tls-code.ts', async () => await import('../../src/engine/tls/tls-code.browser.ts'));
  vi.doMock('../../src/engine/tls/data/lab-tls-boot.ts', async () => await import('../../src/engine/tls/data/lab-tls-boot.browser.ts'));
  vi.doMock('../../src/engine/remote/remote-code.ts', async () => await import('../../src/engine/remote/remote-code.browser.ts'));
  vi.doMock(
    '../../src/engine/smtpd/commands/mail-code.ts',
    async () => await import('../../src/engine/smtpd/commands/mail-code.browser.ts'),
  );
  vi.doMock('../../src/shell/lab-programs.ts', async () => await import('../../src/shell/lab-programs.browser.ts'));
}

function unmockTwins(): void {
  for (const m of [
    '../../src/engine/world/lab-outbound.ts',
    '../../src/engine/tls/tls-code.ts',
    '../../src/engine/tls/data/lab-tls-boot.ts',
    '../../src/engine/remote/remote-code.ts',
    '../../src/engine/smtpd/commands/mail-code.ts',
    '../../src/shell/lab-programs.ts',
  ])
    vi.doUnmock(m);
}

async function fresh() {
  vi.resetModules();
  mockTwins();
  const remoteCode = await import('../../src/engine/remote/remote-code.ts');
  const remoteWorld = await import('../../src/engine/remote/remote-world.ts');
  const { createLabWorld } = await import('../../src/engine/world/lab-world.ts');
  const lazyData = await import('../../src/shell/lazy-data.ts');
  const make = await freshLabMaker();
  /** A lab on the browser's program table; `remote`: the remote hosts (default: the corpus's MXes). */
  const lab = (remote?: readonly import('../../src/engine/remote/remote-world.ts').RemoteHostSpec[]) =>
    make(undefined, remote === undefined ? {} : { remote: new remoteWorld.RemoteWorld(remote) });
  return { remoteCode, remoteWorld, createLabWorld, lab, lazyData };
}

type Lazy = Awaited<ReturnType<typeof fresh>>;

/** Lets the dynamic imports and the promises after them settle. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
}

const PROMPT = 'root@mail:~# ';

/** A line to type and what the screen shows once it is done (default: the prompt back). */
interface Step {
  readonly line: string;
  readonly until?: RegExp;
}

/**
 * Types each step's line once the one before is done (its output seen), on a lab from `lazy`; the code loaded
 * before the first line when `codeFirst`. Returns the screen, mail.log and whether the code was here.
 */
async function run(lazy: Lazy, steps: readonly Step[], codeFirst: boolean, remote?: Parameters<Lazy['lab']>[0]) {
  if (codeFirst) await lazy.remoteCode.loadRemoteCode();
  const { world, port } = lazy.lab(remote);
  let screen = '';
  /** Whether the code was here when the first line had been typed (its output not waited for yet). */
  let atFirstLine: boolean | null = null;
  for (const s of steps) {
    const done = s.until ?? new RegExp(`\\r\\n${PROMPT.replace(/[~$]/g, '\\$&')}$`);
    const start = screen.length;
    port.type(`${s.line}\r`);
    atFirstLine ??= lazy.remoteCode.remoteCodeNow() !== null;
    for (let i = 0; i < 500; i++) {
      screen += port.take();
      if (done.test(screen.slice(start))) break;
      await settle();
    }
    expect(screen.slice(start), s.line).toMatch(done);
  }
  return { screen, log: world.logLines(), atFirstLine, codeAfter: lazy.remoteCode.remoteCodeNow() !== null };
}

/** The same steps with the code absent, then (fresh modules) with it loaded first: both runs. */
async function bothWays(steps: readonly Step[], remote?: Parameters<Lazy['lab']>[0]) {
  const late = await run(await fresh(), steps, false, remote);
  const early = await run(await fresh(), steps, true, remote);
  expect(late.atFirstLine).toBe(false);
  expect(late.codeAfter).toBe(true);
  expect(early.atFirstLine).toBe(true);
  return { late, early };
}

const CONNECTED = /Escape character is '\^\]'\.\r\n/;
const CLOSED = /Connection closed by foreign host\.\r\n/;

/** more/strip-inbound-sclient: a STARTTLS-stripping proxy at 127.0.0.3:2529 in front of the lab's own smtpd. */
const INBOUND_PROXY = { kind: 'strip-proxy', address: '127.0.0.3', port: 2529, upstreamAddress: '127.0.0.1', upstreamPort: 25 } as const;

describe('a world whose remote hosts’ code comes later', { timeout: 120_000 }, () => {
  afterAll(() => {
    unmockTwins();
  });

  it('boots knowing the remote hosts without their code: the same log, addresses and routes', async () => {
    const lazy = await fresh();
    const a = lazy.createLabWorld();
    expect(lazy.remoteCode.remoteCodeNow()).toBeNull();
    const remote = new lazy.remoteWorld.RemoteWorld();
    expect([...remote.addresses()]).toEqual(['127.0.0.2']);
    expect(remote.tlsOf('127.0.0.2', 2530)?.protocols).toEqual(['TLSv1']);
    expect(remote.received('127.0.0.2', 2526)).toEqual([]);
    // Nothing listens there: refused, no code needed.
    expect(remote.remoteEndpoint('127.0.0.2', 25)).toBeNull();
    expect(() => remote.remoteEndpoint('127.0.0.2', 2526)).toThrow(lazy.remoteWorld.RemoteCodeNotLoaded);
    expect(a.network.connect('127.0.0.9', 25)).toEqual({ ok: false, address: '127.0.0.9', error: 'unreachable' });
    expect(a.network.connect('mx.example.net', 25)).toEqual({ ok: false, address: '127.0.0.2', error: 'refused' });
    // The throw started the fetch.
    for (let i = 0; i < 500 && lazy.remoteCode.remoteCodeNow() === null; i++) await settle();
    expect(lazy.remoteCode.remoteCodeNow()).not.toBeNull();
    expect(a.logLines()).toEqual(lazy.createLabWorld().logLines());
  });

  it('telnet localhost 25 and EHLO leave the code where it is', async () => {
    const lazy = await fresh();
    const r = await run(
      lazy,
      [
        { line: 'telnet localhost 25', until: CONNECTED },
        { line: 'EHLO client.example.com', until: /250 CHUNKING\r\n/ },
      ],
      false,
    );
    await settle();
    expect(r.codeAfter).toBe(false);
    expect(lazy.remoteCode.remoteCodeNow()).toBeNull();
  });

  it('telnet to mx.example.net waits for the code before it connects: the same screen and log', async () => {
    const steps: Step[] = [
      { line: 'telnet mx.example.net 2526', until: CONNECTED },
      { line: 'EHLO client.example.com', until: /250 8BITMIME\r\n/ },
      { line: 'MAIL FROM:<alice@mail.example.org>', until: /250 2\.1\.0 Ok\r\n/ },
      { line: 'QUIT', until: CLOSED },
      { line: 'telnet 127.0.0.2 2530', until: CONNECTED },
      { line: 'QUIT', until: CLOSED },
      { line: 'echo after' },
    ];
    const { late, early } = await bothWays(steps);
    expect(late.screen).toContain('220 mx.example.net ESMTP test receiver');
    expect(late.screen).toBe(early.screen);
    expect(late.log).toEqual(early.log);
  });

  it('mail sent out through the queue, directly and through the stripping proxy: the same screen and log', async () => {
    const steps: Step[] = [
      { line: 'echo "Subject: out" | sendmail bob@example.net' },
      { line: "postconf -e 'relayhost = [127.0.0.3]:2528'" },
      { line: 'postfix reload' },
      { line: 'echo "Subject: stripped" | sendmail bob@example.net' },
      { line: 'tail -n 4 /var/log/mail.log' },
    ];
    // The lesson worlds' remote hosts: the corpus's MXes and the proxy of more/strip-outbound-may in front of 2526.
    const rw = (await fresh()).remoteWorld;
    const { late, early } = await bothWays(steps, [...rw.CORPUS_REMOTE_HOSTS, rw.CORPUS_STRIP_PROXY]);
    expect(late.log.some((l) => l.includes('relay=127.0.0.2[127.0.0.2]:2526') && l.includes('status=sent'))).toBe(true);
    expect(late.log.some((l) => l.includes('relay=127.0.0.3[127.0.0.3]:2528') && l.includes('status=sent'))).toBe(true);
    expect(late.screen).toBe(early.screen);
    expect(late.log).toEqual(early.log);
  });

  it('a stripping proxy in front of the lab’s smtpd (more/strip-inbound-sclient): the same screen and log', async () => {
    const steps: Step[] = [
      { line: 'telnet 127.0.0.3 2529', until: CONNECTED },
      { line: 'EHLO client.example.com', until: /250 CHUNKING\r\n/ },
      { line: 'QUIT', until: CLOSED },
      { line: 'swaks --to root@mail.example.org --server 127.0.0.3:2529 --tls' },
      { line: 'echo after' },
    ];
    const remote = [...(await fresh()).remoteWorld.CORPUS_REMOTE_HOSTS, INBOUND_PROXY];
    const { late, early } = await bothWays(steps, remote);
    const ehlo = late.screen.split('\r\n');
    expect(ehlo).toContain('250-SIZE 10240000');
    expect(ehlo).not.toContain('250-STARTTLS');
    // more/strip-inbound-sclient/transcript.txt: swaks --tls through the proxy.
    expect(late.screen).toContain('*** Host did not advertise STARTTLS');
    expect(late.screen).toBe(early.screen);
    expect(late.log).toEqual(early.log);
  });

  it('the shell fetches the code for a telnet that may reach a remote host, not for the lab itself', async () => {
    const lazy = await fresh();
    const hosts: Record<string, string> = {
      localhost: '127.0.0.1',
      'mail.example.org': '127.0.0.1',
      mail: '127.0.0.1',
      'mx.example.net': '127.0.0.2',
    };
    const data = lazy.lazyData.remoteHostsData((h) => (/^\d+(\.\d+){3}$/.test(h) ? h : (hosts[h] ?? null)));
    const wanted = (line: string) => line.split(/\s+/).some((w) => data.wanted(w, { cwd: '/root', line }));
    expect(wanted('telnet localhost 25')).toBe(false);
    expect(wanted('telnet mail.example.org smtp')).toBe(false);
    expect(wanted('telnet -l root 127.0.0.1 25')).toBe(false);
    expect(wanted('printf "QUIT\\r\\n" | telnet localhost 25')).toBe(false);
    expect(wanted('telnet ::1 25')).toBe(false);
    expect(wanted('cat /etc/hosts')).toBe(false);
    expect(wanted('telnet mx.example.net 2526')).toBe(true);
    expect(wanted('telnet 127.0.0.3 2528')).toBe(true);
    expect(wanted('timeout 5 telnet 127.0.0.2 2527 < session.txt')).toBe(true);
    expect(wanted('echo x; telnet "mx.example.net" 2526')).toBe(true);
    // Without a host, telnet's `open` may reach any.
    expect(wanted('telnet')).toBe(true);
    // A name the line may add to /etc/hosts first: fetched, to be safe.
    expect(wanted('telnet other.example 25')).toBe(true);
    expect(data.wanted('telnet', { cwd: '/root', line: 'telnet mx.example.net 2526', tab: true })).toBe(false);
  });
});
