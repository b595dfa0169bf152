import { connect as netConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXTRA, LineClient, normalizedLines, readText, startLab, type TestLab } from './support.ts';

/**
 * `npm run serve` under load, on loopback only, with the replies and log lines of the corpus-extra limits-*
 * recordings (made with lowered limits, here scaled to the defaults). Every client is bounded in time and
 * closed by the test; the server is stopped after each case.
 */

let lab: TestLab | null = null;
const clients: LineClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await lab?.stop();
  lab = null;
});

/** 127.0.0.1 outside mynetworks, as in the recordings' base, so that anvil's limits apply to it. */
const NOT_EXEMPT = 'mynetworks = 192.0.2.0/32';

function recorded(scenario: string, file: 'transcript.normalized.txt' | 'raw.normalized.log'): string[] {
  return readText(join(EXTRA, scenario, file)).split('\n');
}

/** The lines of a recording that start with `prefix` (for one reply or log text). */
function recordedLine(scenario: string, file: 'transcript.normalized.txt' | 'raw.normalized.log', re: RegExp): string {
  const l = recorded(scenario, file).find((x) => re.test(x));
  if (l === undefined) throw new Error(`${scenario}/${file} has no line matching ${re.source}`);
  return l;
}

async function open(port: number): Promise<LineClient> {
  const c = await LineClient.open(port);
  clients.push(c);
  return c;
}

async function openMany(port: number, n: number): Promise<LineClient[]> {
  const out: LineClient[] = [];
  for (let i = 0; i < n; i++) out.push(await open(port));
  return out;
}

/** A well-behaved client: banner, EHLO, QUIT, and how long it took. */
async function wellBehaved(port: number): Promise<{ ms: number; ehlo: string[] }> {
  const t0 = Date.now();
  const c = await open(port);
  await c.reply();
  const ehlo = await c.command('EHLO client.example.com');
  await c.command('QUIT');
  return { ms: Date.now() - t0, ehlo };
}

/** The bytes the recorder sent as "random" (wire.txt of limits-random-bytes, first client packet). */
function recordedRandomBytes(): string {
  const line = readText(join(EXTRA, 'limits-random-bytes', 'wire.txt'))
    .split('\n')
    .find((l) => l.startsWith('C> '));
  if (line === undefined) throw new Error('limits-random-bytes/wire.txt has no client packet');
  // Python bytes repr: \xNN, \\, \', \r, \n, \t and printable ASCII.
  const body = line.slice(5, -1);
  return body.replace(/\\(x[0-9a-f]{2}|.)/g, (_, e: string) => {
    if (e.startsWith('x')) return String.fromCharCode(parseInt(e.slice(1), 16));
    return { r: '\r', n: '\n', t: '\t' }[e] ?? e;
  });
}

describe('npm run serve under load (loopback, bounded)', () => {
  it('default limits: the 51st simultaneous connection from 127.0.0.1 gets what limits-connection-count recorded (limit 50 instead of 2)', async () => {
    lab = await startLab({ mainCf: NOT_EXEMPT });
    const port = lab.port('smtp');
    const reply421 = recordedLine('limits-connection-count', 'transcript.normalized.txt', /^S: 421 /).slice(3);
    const warning = recordedLine('limits-connection-count', 'raw.normalized.log', /concurrency limit exceeded/).replace(
      ': 3 from',
      ': 51 from',
    );
    const held = await openMany(port, 50);
    const banners = await Promise.all(held.map((c) => c.reply()));
    expect(banners.every((b) => b[0] === '220 mail.example.org ESMTP Postfix')).toBe(true);
    const mark = lab.mark();
    const extra = await open(port);
    expect(await extra.reply()).toEqual([reply421]);
    expect(await extra.closedWithin(3000)).toBe(true);
    const log = normalizedLines(await lab.waitForLog(/commands=0\/0/, mark));
    expect(log).toEqual([
      '<TIMESTAMP> mail postfix/smtpd[<PID>]: connect from localhost[127.0.0.1]',
      warning,
      '<TIMESTAMP> mail postfix/smtpd[<PID>]: disconnect from localhost[127.0.0.1] commands=0/0',
    ]);
    // One leaves: the next connection is served again (as connection D of the recording).
    held[0]?.send('QUIT\r\n');
    expect(await held[0]?.reply()).toEqual(['221 2.0.0 Bye']);
    await lab.waitForLog(/quit=1 commands=1/, mark);
    const again = await open(port);
    expect(await again.reply()).toEqual(['220 mail.example.org ESMTP Postfix']);
  }, 30_000);

  it('process_limit 100: the 101st client waits without a banner until one quits, as limits-process-limit recorded (limit 2)', async () => {
    lab = await startLab({ mainCf: `${NOT_EXEMPT}\nsmtpd_client_connection_count_limit = 0` });
    const port = lab.port('smtp');
    const held = await openMany(port, 100);
    const banners = await Promise.all(held.map((c) => c.reply()));
    expect(banners.every((b) => b[0] === '220 mail.example.org ESMTP Postfix')).toBe(true);
    const waiting = await open(port);
    expect(await waiting.reply(1500)).toEqual([]);
    expect(waiting.closed).toBe(false);
    held[0]?.send('QUIT\r\n');
    expect(await held[0]?.reply()).toEqual(['221 2.0.0 Bye']);
    expect(await waiting.reply(3000)).toEqual(['220 mail.example.org ESMTP Postfix']);
    // master says nothing about the limit in the recording, nor here.
    expect(recorded('limits-process-limit', 'raw.normalized.log').some((l) => l.includes('process limit'))).toBe(false);
    expect(lab.logSince().some((l) => l.includes('process limit'))).toBe(false);
  }, 30_000);

  it('with the limits raised, 200 concurrent STARTTLS sessions complete', async () => {
    lab = await startLab({ mainCf: `${NOT_EXEMPT}\nsmtpd_client_connection_count_limit = 0\ndefault_process_limit = 250` });
    const port = lab.port('smtp');
    const session = (): Promise<string> =>
      new Promise<string>((resolve) => {
        const raw = netConnect({ host: '127.0.0.1', port });
        let buf = '';
        let step = 0;
        const timer = setTimeout(() => {
          raw.destroy();
          resolve(`timeout at step ${step}: ${buf}`);
        }, 30_000);
        const done = (r: string): void => {
          clearTimeout(timer);
          raw.destroy();
          resolve(r);
        };
        raw.on('error', (e) => done(`error: ${e.message}`));
        raw.on('data', (d: Buffer) => {
          buf += d.toString('latin1');
          if (step === 0 && buf.endsWith('ESMTP Postfix\r\n')) {
            step = 1;
            buf = '';
            raw.write('EHLO client.example.com\r\n');
          } else if (step === 1 && buf.endsWith('250 CHUNKING\r\n')) {
            step = 2;
            buf = '';
            raw.write('STARTTLS\r\n');
          } else if (step === 2 && buf === '220 2.0.0 Ready to start TLS\r\n') {
            step = 3;
            raw.removeAllListeners('data');
            const t = tlsConnect({ socket: raw, rejectUnauthorized: false, servername: 'mail.example.org' });
            let tbuf = '';
            t.on('error', (e: Error) => done(`TLS error: ${e.message}`));
            t.on('secureConnect', () => t.write('EHLO client.example.com\r\nQUIT\r\n'));
            t.on('data', (x: Buffer) => {
              tbuf += x.toString('latin1');
              if (tbuf.includes('221 2.0.0 Bye\r\n')) {
                t.destroy();
                done('ok');
              }
            });
          }
        });
      });
    const results = await Promise.all(Array.from({ length: 200 }, () => session()));
    expect(results.filter((r) => r !== 'ok')).toEqual([]);
    const log = await lab.waitForLog(/x/, 0, 0);
    expect(log.filter((l) => l.includes('Anonymous TLS connection established'))).toHaveLength(200);
  }, 40_000);

  it('slow-loris, idle, random bytes, TLS garbage and vanishing clients; a well-behaved client stays served throughout', async () => {
    lab = await startLab({ mainCf: `${NOT_EXEMPT}\nsmtpd_timeout = 3s` });
    const port = lab.port('smtp');
    const idleReply = recordedLine('limits-timeout', 'transcript.normalized.txt', /^S: 421 4\.4\.2 /).slice(3);
    const badUtf8 = recordedLine('limits-random-bytes', 'transcript.normalized.txt', /^S: 500 /).slice(3);
    const tlsLines = recorded('limits-tls-garbage', 'raw.normalized.log').slice(1, 5);

    const slow = await open(port);
    await slow.reply();
    const idle = await open(port);
    await idle.reply();
    const random = await open(port);
    await random.reply();
    random.send(`${recordedRandomBytes()}`);
    const garbage = await open(port);
    await garbage.reply();
    await garbage.command('EHLO client.example.com');
    expect(await garbage.command('STARTTLS')).toEqual(['220 2.0.0 Ready to start TLS']);
    garbage.send(recordedRandomBytes().slice(0, 64));
    for (let i = 0; i < 5; i++) (await open(port)).close(); // connect and vanish

    // One byte a second: each read comes within smtpd_timeout, so the session goes on (limits-timeout's slow client).
    const times: number[] = [];
    for (const ch of 'EHLO x\r\n') {
      slow.send(ch);
      const w = await wellBehaved(port);
      expect(w.ehlo.at(-1)).toBe('250 CHUNKING');
      times.push(w.ms);
      await new Promise((r) => setTimeout(r, 1000 - Math.min(w.ms, 900)));
    }
    expect((await slow.reply()).at(-1)).toBe('250 CHUNKING');
    expect(Math.max(...times)).toBeLessThan(2000);

    expect(await random.reply()).toEqual([badUtf8]);
    expect(garbage.closed).toBe(true);
    // The idle client was cut at smtpd_timeout (3 s), long before the slow client finished.
    expect(idle.take()).toBe(`${idleReply}\r\n`);
    expect(idle.closed).toBe(true);

    const log = normalizedLines(lab.logSince());
    expect(log).toContain('<TIMESTAMP> mail postfix/smtpd[<PID>]: timeout after CONNECT from localhost[127.0.0.1]');
    for (const l of tlsLines) expect(log).toContain(l);
    expect(log.filter((l) => l.endsWith('lost connection after CONNECT from localhost[127.0.0.1]')).length).toBeGreaterThanOrEqual(5);
    expect(lab.warnings).toEqual([]);
    expect((await wellBehaved(port)).ehlo[0]).toBe('250-mail.example.org');
  }, 40_000);
});
