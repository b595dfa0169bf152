/**
 * The browser's lazily loaded server TLS code (issue 12, weight), run in Node: tls-code.ts is swapped for
 * tls-code.browser.ts here (and lab-outbound.ts for its browser twin), as the site's build does, so a world
 * starts with smtpd's stand-in TLS engine (engine/tls/server-tls.ts) and the lab's certificate files without
 * their text until `loadTlsCode()` has run. Each test takes fresh modules (the code absent again) and compares
 * with the same steps after the code came, which is what Node gets at once: the same screen, the same replies,
 * the same log to the millisecond, the same goal answers.
 */
import { describe, expect, it, vi } from 'vitest';
import { MX_EXAMPLE_NET_CERT } from '../../src/engine/tls/data/lab-certs.ts';
import type { LabWorld } from '../../src/shell/programs/net/lab-env.ts';
import { freshLabMaker } from '../support/fresh-lab.ts';

async function fresh() {
  vi.resetModules();
  vi.doMock('../../src/engine/world/lab-outbound.ts', async () => await import('../../src/engine/world/lab-outbound.browser.ts'));
  vi.doMock('../../src/engine/tls/tls-code.ts', async () => await import('../../src/engine/tls/tls-code.browser.ts'));
  vi.doMock('../../src/engine/tls/data/lab-tls-boot.ts', async () => await import('../../src/engine/tls/data/lab-tls-boot.browser.ts'));
  const tls = await import('../../src/engine/world/lab-server-tls.ts');
  const { createLabWorld } = await import('../../src/engine/world/lab-world.ts');
  const { createLessonSession } = await import('../../src/lesson-runtime/session.ts');
  const lazyData = await import('../../src/shell/lazy-data.ts');
  const lab = await freshLabMaker();
  return { tls, createLabWorld, lab, createLessonSession, lazyData };
}

/** Lets the dynamic import and the promises after it settle. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
}

type Lazy = Awaited<ReturnType<typeof fresh>>;

/**
 * Runs `lines` in a telnet session on a lab without the TLS code, waiting for it (settle) where the session
 * holds; then the same on a lab built after the code came. Returns both screens and logs.
 */
async function bothWays(lazy: Lazy, args: string, lines: readonly string[], setup?: (world: LabWorld) => void) {
  const a = lazy.lab(setup);
  expect(lazy.tls.tlsCodeNow()).toBeNull();
  a.port.type(`telnet ${args}\r`);
  for (const l of lines) a.port.type(`${l}\r`);
  let screenA = a.port.take();
  await settle();
  screenA += a.port.take();
  const logA = a.world.logLines();
  await lazy.tls.loadTlsCode();
  const b = lazy.lab(setup);
  b.port.type(`telnet ${args}\r`);
  for (const l of lines) b.port.type(`${l}\r`);
  const screenB = b.port.take();
  return { screenA, screenB, logA, logB: b.world.logLines(), a, b };
}

/** The server's replies among what the terminal showed (echoes left out). */
const replies = (screen: string): string[] => screen.split('\r\n').filter((l) => /^\d{3}[ -]/.test(l));

const setMain = (world: LabWorld, lines: string) => {
  world.fs.write('/etc/postfix/main.cf', `${world.fs.read('/etc/postfix/main.cf') ?? ''}${lines}`);
  world.postfix(['reload'], false);
};

describe('a world whose server TLS code comes later', { timeout: 60_000 }, () => {
  it('answers EHLO with STARTTLS without the code, exactly as with it', async () => {
    const lazy = await fresh();
    const a = lazy.lab();
    a.port.type('telnet localhost 25\r');
    a.port.type('EHLO client.example.com\r');
    let screenA = a.port.take();
    expect(replies(screenA)).toContain('250-STARTTLS');
    await settle();
    expect(lazy.tls.tlsCodeNow()).toBeNull();
    // A line past EHLO fetches the outbound code in the background, and the TLS code with it (lab-outbound.browser.ts).
    a.port.type('QUIT\r');
    screenA += a.port.take();
    // The certificate files are listed and sized, their text not here yet.
    expect(a.world.fs.stat('/etc/postfix/tls/mail.example.org.crt')?.size).toBe(1172);
    expect(a.world.fs.read('/etc/postfix/tls/mail.example.org.crt')).toBe('');
    const logA = a.world.logLines();
    await lazy.tls.loadTlsCode();
    expect(a.world.fs.read('/etc/postfix/tls/mail.example.org.crt')).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
    const b = lazy.lab();
    b.port.type('telnet localhost 25\r');
    b.port.type('EHLO client.example.com\r');
    b.port.type('QUIT\r');
    expect(screenA).toBe(b.port.take());
    expect(logA).toEqual(b.world.logLines());
  });

  it('at smtpd_tls_loglevel 2 logs the engine start without the code, then the handshake as with it', async () => {
    const lazy = await fresh();
    const r = await bothWays(lazy, 'localhost 25', ['EHLO client.example.com', 'STARTTLS', 'hello there', 'QUIT'], (w) =>
      setMain(w, 'smtpd_tls_loglevel = 2\n'),
    );
    expect(r.logA.some((l) => l.endsWith('initializing the server-side TLS engine'))).toBe(true);
    expect(r.logB.some((l) => l.includes('setting up TLS connection from localhost[127.0.0.1]'))).toBe(true);
    expect(r.screenA).toBe(r.screenB);
    expect(r.logA).toEqual(r.logB);
    expect(replies(r.screenB)).toContain('220 2.0.0 Ready to start TLS');
  });

  it('telnet holds STARTTLS and what follows until the code is here: the same screen and log', async () => {
    const lazy = await fresh();
    const a = lazy.lab();
    a.port.type('telnet localhost 25\r');
    a.port.type('EHLO client.example.com\r');
    const before = a.port.take();
    a.port.type('STARTTLS\r');
    a.port.type('not a ClientHello\r');
    a.port.type('echo after\r');
    // The STARTTLS line is echoed as typed; it and what follows are held (unechoed) while the code loads.
    expect(a.port.output).toBe('STARTTLS\r\n');
    expect(lazy.tls.tlsCodeNow()).toBeNull();
    await settle();
    expect(lazy.tls.tlsCodeNow()).not.toBeNull();
    const screenA = before + a.port.take();
    const b = lazy.lab();
    b.port.type('telnet localhost 25\r');
    for (const l of ['EHLO client.example.com', 'STARTTLS', 'not a ClientHello', 'echo after']) b.port.type(`${l}\r`);
    const screenB = b.port.take();
    expect(screenA).toBe(screenB);
    expect(screenB).toContain('Connection closed by foreign host.');
    expect(screenB.split('\r\n')).toContain('after');
    expect(a.world.logLines()).toEqual(b.world.logLines());
  });

  it('a certificate written since boot: telnet waits for the code before it connects', async () => {
    const lazy = await fresh();
    // The MX's certificate in place of the lab's: its key no longer matches.
    const other = (w: LabWorld) => w.fs.write('/etc/postfix/tls/mail.example.org.crt', MX_EXAMPLE_NET_CERT);
    const c = lazy.lab();
    expect(lazy.tls.serverTlsNeeded(c.world, 25)).toBe(false);
    other(c.world);
    expect(lazy.tls.serverTlsNeeded(c.world, 25)).toBe(true);
    c.port.type('telnet localhost 25\r');
    c.port.type('EHLO client.example.com\r');
    c.port.type('QUIT\r');
    // Nothing after the command line's echo: not even `Trying`.
    expect(c.port.output).toBe('telnet localhost 25\r\n');
    expect(c.world.logLines().some((l) => l.includes('connect from'))).toBe(false);
    await settle();
    const screenC = c.port.take();
    const b = lazy.lab(other);
    b.port.type('telnet localhost 25\r');
    b.port.type('EHLO client.example.com\r');
    b.port.type('QUIT\r');
    const screenB = b.port.take();
    expect(screenC).toBe(screenB);
    expect(c.world.logLines()).toEqual(b.world.logLines());
    expect(b.world.logLines().some((l) => l.includes('cannot get RSA private key from file'))).toBe(true);
  });

  it('a key removed: the same warnings and EHLO once the code is here', async () => {
    const lazy = await fresh();
    const r = await bothWays(lazy, 'localhost 25', ['EHLO client.example.com', 'QUIT'], (w) => {
      w.fs.remove('/etc/postfix/tls/mail.example.org.key');
    });
    expect(lazy.tls.serverTlsNeeded(r.a.world, 25)).toBe(false);
    expect(r.screenA).toBe(r.screenB);
    expect(r.logA).toEqual(r.logB);
    expect(r.logB.some((l) => l.includes('cannot get RSA private key from file'))).toBe(true);
  });

  it('a key file that does not exist (lesson 4): EHLO, the warnings and the log without the code, as with it', async () => {
    const lazy = await fresh();
    const missingKey = (w: LabWorld) => setMain(w, 'smtpd_tls_key_file = /etc/ssl/private/mail.example.org.key\n');
    const c = lazy.lab(missingKey);
    expect(lazy.tls.serverTlsNeeded(c.world, 25)).toBe(false);
    c.port.type('telnet localhost 25\r');
    c.port.type('EHLO client.example.com\r');
    const screenC = c.port.take();
    expect(lazy.tls.tlsCodeNow()).toBeNull();
    expect(replies(screenC)).toContain('250-STARTTLS');
    const logC = c.world.logLines();
    expect(logC.some((l) => l.includes('warning: cannot get RSA private key from file "/etc/ssl/private/mail.example.org.key"'))).toBe(
      true,
    );
    await lazy.tls.loadTlsCode();
    const b = lazy.lab(missingKey);
    b.port.type('telnet localhost 25\r');
    b.port.type('EHLO client.example.com\r');
    expect(screenC).toBe(b.port.take());
    expect(logC).toEqual(b.world.logLines());
  });

  it('a certificate file that does not exist: no wait, the same warnings as with the code', async () => {
    const lazy = await fresh();
    const noCert = (w: LabWorld) => setMain(w, 'smtpd_tls_cert_file = /etc/postfix/tls/nowhere.crt\n');
    expect(lazy.tls.serverTlsNeeded(lazy.lab(noCert).world, 25)).toBe(false);
    const r = await bothWays(lazy, 'localhost 25', ['EHLO client.example.com', 'QUIT'], noCert);
    expect(r.screenA).toBe(r.screenB);
    expect(r.logA).toEqual(r.logB);
    expect(r.logB.some((l) => l.includes('cannot get RSA certificate from file "/etc/postfix/tls/nowhere.crt"'))).toBe(true);
  });

  it('a key that is a directory, or a missing key with a certificate written since boot: only the code can tell', async () => {
    const lazy = await fresh();
    const dirKey = lazy.lab((w) => setMain(w, 'smtpd_tls_key_file = /etc/postfix/tls\n'));
    expect(lazy.tls.serverTlsNeeded(dirKey.world, 25)).toBe(true);
    const written = lazy.lab((w) => {
      w.fs.write('/etc/postfix/tls/mail.example.org.crt', MX_EXAMPLE_NET_CERT);
      w.fs.remove('/etc/postfix/tls/mail.example.org.key');
    });
    expect(lazy.tls.serverTlsNeeded(written.world, 25)).toBe(true);
  });

  it('a chmod keeps the lab’s files pristine: no wait, the same answers', async () => {
    const lazy = await fresh();
    const a = lazy.lab((w) => {
      w.fs.chmod('/etc/postfix/tls/mail.example.org.key', 0o000);
    });
    expect(lazy.tls.serverTlsNeeded(a.world, 25)).toBe(false);
  });

  it('a wrapper-mode port waits before connecting; a plaintext line then logs as with the code', async () => {
    const lazy = await fresh();
    const wrapper = (w: LabWorld) => {
      w.fs.write(
        '/etc/postfix/master.cf',
        `${w.fs.read('/etc/postfix/master.cf') ?? ''}submissions inet n - y - - smtpd\n  -o syslog_name=postfix/submissions\n  -o smtpd_tls_wrappermode=yes\n`,
      );
      w.postfix(['reload'], false);
    };
    const c = lazy.lab(wrapper);
    expect(lazy.tls.serverTlsNeeded(c.world, 465)).toBe(true);
    expect(lazy.tls.serverTlsNeeded(c.world, 25)).toBe(false);
    // A goal check may probe any port.
    expect(lazy.tls.serverTlsNeeded(c.world)).toBe(true);
    expect(lazy.tls.serverTlsNeeded(lazy.lab().world)).toBe(false);
    const r = await bothWays(lazy, 'localhost 465', ['EHLO client.example.com'], wrapper);
    expect(r.screenA).toBe(r.screenB);
    expect(r.logA).toEqual(r.logB);
    expect(r.logB.some((l) => l.includes('postfix/submissions/smtpd'))).toBe(true);
  });

  it('a goal that needs a handshake asks for the code and leaves the learner’s world alone', async () => {
    const lesson = {
      exercises: [{ id: 'v', goals: [{ text: 'STARTTLS works', check: 'starttls-works', args: { port: 25 } }] }],
    };
    const lazy = await fresh();
    const a = lazy.createLessonSession({ scenario: 'lab-default' });
    const logBefore = a.world.logLines();
    let thrown: unknown = null;
    try {
      a.evaluate(lesson);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(lazy.tls.ServerTlsNotLoaded);
    expect(a.world.logLines()).toEqual(logBefore);
    await lazy.tls.loadTlsCode();
    const statusA = a.evaluate(lesson);
    const b = lazy.createLessonSession({ scenario: 'lab-default' });
    expect(statusA).toEqual(b.evaluate(lesson));
    expect(a.world.logLines()).toEqual(b.world.logLines());
  });

  it('a saved lab with the lab’s own certificates restores without the code', async () => {
    const lazy = await fresh();
    const source = lazy.createLessonSession({ scenario: 'lab-default' });
    source.runLine("postconf -e 'smtpd_tls_loglevel = 2'");
    source.runLine('postfix reload');
    const image = source.image();
    expect(Object.keys(image.files)).not.toContain('/etc/postfix/tls/mail.example.org.crt');
    const again = await fresh();
    const a = again.createLessonSession({ scenario: 'lab-default', image });
    expect(again.tls.tlsCodeNow()).toBeNull();
    expect(again.tls.serverTlsNeeded(a.world, 25)).toBe(false);
  });

  it('the lazy files are sized as their text', async () => {
    const lazy = await fresh();
    const a = lazy.lab();
    await lazy.tls.loadTlsCode();
    for (const p of ['mail.example.org.crt', 'mail.example.org.key', 'mx.example.net.crt', 'mx.example.net.key']) {
      const f = a.world.fs.stat(`/etc/postfix/tls/${p}`);
      expect(f?.size, p).toBe(new TextEncoder().encode(f?.content ?? '').length);
      expect(f?.content.length, p).toBeGreaterThan(1000);
    }
  });

  it('the shell fetches the certificates’ text for a line that may read them, not for EHLO or main.cf', async () => {
    const lazy = await fresh();
    const data = lazy.lazyData.labTlsFilesData();
    const at = (cwd: string, line: string) => ({ cwd, line });
    const wanted = (line: string, cwd = '/root') => line.split(/\s+/).some((w) => data.wanted(w, at(cwd, line)));
    expect(wanted('cat /etc/postfix/tls/mail.example.org.crt')).toBe(true);
    expect(wanted('openssl x509 -in mail.example.org.crt -noout -subject', '/etc/postfix/tls')).toBe(true);
    expect(wanted('cat *', '/etc/postfix/tls')).toBe(true);
    expect(wanted('cd tls; cat mail.example.org.key', '/etc/postfix')).toBe(true);
    expect(wanted('grep -r BEGIN /etc')).toBe(true);
    expect(wanted('telnet localhost 25')).toBe(false);
    expect(wanted('printf "EHLO x\\r\\n" | telnet localhost 25')).toBe(true);
    expect(wanted('telnet localhost 25 < session.txt')).toBe(true);
    expect(wanted('cat /etc/postfix/main.cf')).toBe(false);
    expect(wanted('grep smtpd_tls main.cf', '/etc/postfix')).toBe(false);
    // A word that names the folder from where the line runs may be a path: fetched, to be safe.
    expect(wanted('grep tls main.cf', '/etc/postfix')).toBe(true);
    expect(wanted('cat *', '/root')).toBe(false);
    expect(data.wanted('/etc/postfix/tls/', { cwd: '/root', line: 'ls /etc/postfix/tls/', tab: true })).toBe(false);
  });

  it('a telnet fed from a pipe with another certificate gets the code first: the screen and log as with it', async () => {
    // A certificate that is not the lab's own, named so that no word of a line asks for the certificates' text.
    const lines = [
      'postconf -e smtpd_tls_cert_file=/root/mail.cert',
      'printf "EHLO x\\r\\nQUIT\\r\\n" | telnet localhost 25',
      'echo after',
    ];
    // Both runs on the browser's program table (lab-programs.browser.ts: telnet, printf and the data fetched on
    // use), one with the TLS code there before the first line.
    const run = async (codeFirst: boolean) => {
      vi.doMock('../../src/shell/lab-programs.ts', async () => await import('../../src/shell/lab-programs.browser.ts'));
      const lazy = await fresh();
      if (codeFirst) await lazy.tls.loadTlsCode();
      const { world, port } = lazy.lab();
      for (const l of lines) port.type(`${l}\r`);
      // telnet, printf and the TLS code are real imports here: wait for the last line.
      let screen = '';
      for (let i = 0; i < 500 && !/\r\nafter\r\n/.test(screen); i++) {
        await settle();
        screen += port.take();
      }
      vi.doUnmock('../../src/shell/lab-programs.ts');
      return { screen, log: world.logLines(), code: lazy.tls.tlsCodeNow() !== null };
    };
    const late = await run(false);
    const first = await run(true);
    expect(late.code).toBe(true);
    expect(late.screen).toContain('Connected to localhost.');
    expect(late.screen).not.toContain('internal error');
    expect(late.screen).toBe(first.screen);
    expect(late.log).toEqual(first.log);
    expect(late.log.some((l) => l.includes('postfix/smtpd['))).toBe(true);
  });
});
