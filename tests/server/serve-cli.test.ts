import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CORPUS, startLab, need, run, type TestLab } from './support.ts';
import { isLoopback, parseServeArgs } from '../../src/server/options.ts';
import { configFolder, initConfigFolder } from '../../src/server/config-folder.ts';
import { LabServer } from '../../src/server/lab-server.ts';
import { listenWarning } from '../../src/server/texts.ts';

/** `npm run serve` as a user starts it: the entry script, its folder, its addresses, reload. */

const ROOT = join(import.meta.dirname, '../..');
let child: ChildProcess | null = null;
let dir: string | null = null;
let lab: TestLab | null = null;

afterEach(async () => {
  if (child !== null && child.exitCode === null) {
    const c = child;
    await new Promise<void>((r) => {
      c.once('exit', () => r());
      c.kill('SIGTERM');
      setTimeout(() => c.kill('SIGKILL'), 5000).unref();
    });
  }
  child = null;
  if (dir !== null) rmSync(dir, { recursive: true, force: true });
  dir = null;
  await lab?.stop();
  lab = null;
});

/** Starts scripts/serve.ts and resolves with what it printed once it is listening. */
function serve(args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const c = spawn(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'scripts/serve.ts'), ...args], { cwd: ROOT });
    child = c;
    let out = '';
    let err = '';
    c.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Ctrl-C stops the server.')) resolve(out);
    });
    c.stderr.on('data', (d: Buffer) => (err += d.toString()));
    c.on('exit', (code) => reject(new Error(`serve exited (${String(code)}) before listening:\n${out}${err}`)));
    setTimeout(() => reject(new Error(`serve did not start within 40 s:\n${out}${err}`)), 40_000).unref();
  });
}

function banner(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port });
    let got = '';
    s.on('data', (d: Buffer) => {
      got += d.toString('latin1');
      if (got.endsWith('\r\n')) {
        s.end('QUIT\r\n');
        resolve(got);
      }
    });
    s.on('error', reject);
    setTimeout(() => reject(new Error('no banner')), 5000).unref();
  });
}

describe('npm run serve', () => {
  it('binds only to loopback by default', async () => {
    lab = await startLab();
    const bound = lab.server.bound();
    expect(bound.map((b) => b.service).sort()).toEqual(['smtp', 'submission', 'submissions']);
    for (const b of bound) expect(isLoopback(b.address), `${b.service} on ${b.address}`).toBe(true);
    const defaults = parseServeArgs([]);
    expect(defaults.ok && defaults.options.listen).toBe('127.0.0.1');
    expect(defaults.ok && defaults.options.ports).toEqual({ smtp: 2525, submission: 2587, submissions: 2465 });
  }, 30_000);

  it('first start: makes the folder and a self-signed certificate for mail.example.org with openssl, prints where things are, answers, reloads', async () => {
    need('openssl');
    dir = mkdtempSync(join(tmpdir(), 'serve-cli-'));
    const out = await serve(['--config', dir, '--port-smtp', '0', '--port-submission', '0', '--port-submissions', '0']);
    const listeners = [...out.matchAll(/^ {2}(smtp|submission|submissions) +(\S+):(\d+)$/gm)].map((m) => ({
      service: m[1],
      address: m[2] ?? '',
      port: Number(m[3]),
    }));
    expect(listeners.map((l) => l.service)).toEqual(['smtp', 'submission', 'submissions']);
    for (const l of listeners) expect(l.address).toBe('127.0.0.1');
    expect(out).toContain(join(dir, 'mail.log'));
    expect(out.match(/^ {2}(openssl|swaks) /gm)?.length).toBe(3);
    // The greeting real Postfix gives (corpus swaks-25-local: `<-  220 mail.example.org ESMTP Postfix`).
    expect(await banner(listeners[0]?.port ?? 0)).toBe('220 mail.example.org ESMTP Postfix\r\n');
    const cert = await run('openssl', [
      'x509',
      '-in',
      join(dir, 'postfix/tls/mail.example.org.crt'),
      '-noout',
      '-subject',
      '-ext',
      'subjectAltName',
    ]);
    expect(cert.stdout).toContain('subject=CN = mail.example.org');
    expect(cert.stdout).toContain('DNS:mail.example.org');
    // One session ticket after TLSv1.3, as Postfix sends (the recording's s_client saw one).
    const recorded = readFileSync(join(CORPUS, 'submissions-465-wrappermode', 'sclient-465.normalized.txt'), 'utf8');
    const tickets = (text: string): number => text.split('Post-Handshake New Session Ticket arrived:').length - 1;
    const wrapped = await run('openssl', ['s_client', '-connect', `127.0.0.1:${listeners[2]?.port ?? 0}`, '-crlf', '-ign_eof'], 'QUIT\n');
    expect(tickets(recorded)).toBe(1);
    expect(tickets(wrapped.stdout)).toBe(1);
    const reload = await run(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'scripts/serve.ts'), 'reload', '--config', dir], '', 30_000);
    expect(reload.code).toBe(0);
    const until = Date.now() + 10_000;
    let log = '';
    while (Date.now() < until && !log.includes('reload --')) {
      await new Promise((r) => setTimeout(r, 100));
      log = readFileSync(join(dir, 'mail.log'), 'utf8');
    }
    // master(8)'s line for a reload (corpus reload-mastercf-submission).
    expect(log).toMatch(/postfix\/master\[\d+\]: reload -- version 3\.7\.11, configuration \/etc\/postfix/);
  }, 90_000);

  it('--listen takes another address, which is then not loopback-only (the command warns)', () => {
    const r = parseServeArgs(['--listen', '0.0.0.0', '--port-smtp', '2626']);
    expect(r.ok && r.options.listen).toBe('0.0.0.0');
    expect(r.ok && r.options.ports.smtp).toBe(2626);
    expect(isLoopback('0.0.0.0')).toBe(false);
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(listenWarning('0.0.0.0')).toContain('0.0.0.0');
    expect(parseServeArgs(['--port-smtp', 'x']).ok).toBe(false);
  });

  it('a port in use is named with the option that moves it', async () => {
    lab = await startLab();
    const taken = lab.port('smtp');
    const dir2 = mkdtempSync(join(tmpdir(), 'serve-busy-'));
    try {
      const folder = configFolder(dir2);
      const init = initConfigFolder(folder);
      expect(init.ok).toBe(true);
      await expect(
        LabServer.start({ folder, ports: { smtp: taken, submission: 0, submissions: 0 }, listen: '127.0.0.1', warn: () => undefined }),
      ).rejects.toThrow(`127.0.0.1:${taken} is already in use, so the smtp service cannot listen there`);
    } finally {
      rmSync(dir2, { recursive: true, force: true });
    }
  }, 30_000);

  it('--help lists the options', async () => {
    const r = await run(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'scripts/serve.ts'), '--help'], '', 30_000);
    expect(r.code).toBe(0);
    for (const o of ['--port-smtp', '--port-submission', '--port-submissions', '--config', '--listen', '--help', 'reload'])
      expect(r.stdout).toContain(o);
  }, 30_000);
});
