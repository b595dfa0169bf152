import { readdirSync } from 'node:fs';
import { connect as netConnect, type Socket } from 'node:net';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { compareLogs } from '../../src/corpus/compare.ts';
import { maskVolatile, normalize } from '../../src/corpus/normalize.ts';
import { LAB_MAIN_CF } from '../../src/engine/world/data/lab-files.ts';
import { LAB_MASTER_CF } from '../../src/engine/world/data/lab-master-cf.ts';
import { CORPUS, normalizedLines, readText, RECORDED_PORT, startLab, type TestLab } from './support.ts';

/**
 * The ground truth's own SMTP sessions (the recorder's client: `C:` sent, `S:` read, `# TLS handshake
 * complete` after STARTTLS or at connect on 465) replayed on real sockets with real TLS against
 * `npm run serve` set up as the recording was: every reply line and smtpd's log must be the same.
 */

/** Scenarios made only of such sessions (others run shell commands or watch the fake MX). */
const SCENARIOS = [
  'p25-level-encrypt',
  'p25-level-may',
  'p25-level-none',
  'p25-may-sasl-global',
  'submission-587-auth-only',
  'submission-587-no-auth-only',
  'p25-sasl-broken-clients',
  'smtp-edge-cases',
  'p25-may-cert-missing',
  'p25-encrypt-cert-missing',
  'invalid-loglevel-high',
  'log-smtpd-tls-loglevel-0',
  'log-smtpd-tls-loglevel-2',
];
// Not here: invalid-level-maybe (waits 20 s for a banner that never comes) and log-smtpd-tls-loglevel-3,
// whose level-3 dump shows the ClientHello's size: the recorder's Python client padded it to 517 bytes,
// Node's client here sends fewer, and the server logs what it really read.

let lab: TestLab | null = null;
afterEach(async () => {
  await lab?.stop();
  lab = null;
});

function delta(config: string, part: 'main.cf' | 'master.cf'): string {
  const m = new RegExp(`^# --- ${part.replace('.', '\\.')} .*---$([\\s\\S]*?)(?=^# ---|$(?![\\s\\S]))`, 'm').exec(config);
  return (m?.[1] ?? '')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => `${l}\n`)
    .join('');
}

/** One connection of the replay: plain, then maybe TLS; reads line by line. */
class Conn {
  #socket: Socket;
  #buffer = '';
  #closed = false;

  constructor(socket: Socket) {
    this.#socket = socket;
    this.#listen(socket);
  }

  #listen(s: Socket): void {
    s.on('data', (d: Buffer) => (this.#buffer += d.toString('utf8')));
    s.on('close', () => (this.#closed = true));
    s.on('error', () => undefined);
  }

  static open(port: number, tls: boolean): Promise<Conn> {
    return new Promise((resolve, reject) => {
      if (tls) {
        const s = tlsConnect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => resolve(new Conn(s)));
        s.once('error', reject);
      } else {
        const s = netConnect({ host: '127.0.0.1', port }, () => resolve(new Conn(s)));
        s.once('error', reject);
      }
    });
  }

  startTls(): Promise<void> {
    const raw = this.#socket;
    raw.removeAllListeners('data');
    return new Promise((resolve, reject) => {
      const t = tlsConnect({ socket: raw, rejectUnauthorized: false }, () => resolve());
      t.once('error', reject);
      this.#socket = t;
      this.#closed = false;
      this.#listen(t);
    });
  }

  async line(ms = 5000): Promise<string | null> {
    const until = Date.now() + ms;
    for (;;) {
      const i = this.#buffer.indexOf('\n');
      if (i >= 0) {
        const l = this.#buffer.slice(0, i).replace(/\r$/, '');
        this.#buffer = this.#buffer.slice(i + 1);
        return l;
      }
      if (this.#closed || Date.now() > until) return null;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** What arrived and was not read yet. */
  get unread(): string {
    return this.#buffer;
  }

  async closedWithin(ms: number): Promise<boolean> {
    const until = Date.now() + ms;
    while (!this.#closed && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    return this.#closed;
  }

  send(text: string): void {
    if (!this.#socket.destroyed) this.#socket.write(Buffer.from(text, 'utf8'));
  }

  destroy(): void {
    this.#socket.destroy();
  }
}

async function replay(scenario: string): Promise<void> {
  const dir = join(CORPUS, scenario);
  const config = readText(join(dir, 'config.txt'));
  lab = await startLab({ mainCfText: LAB_MAIN_CF + delta(config, 'main.cf'), masterCf: LAB_MASTER_CF + delta(config, 'master.cf') });
  // The raw transcript: the normalized one masks some of what the client sent (a sender that looks like hex).
  const t = readText(join(dir, 'transcript.txt')).split('\n');
  const mark = lab.mark();
  let conn: Conn | null = null;
  let pending: string[] = [];
  const flush = (): void => {
    if (pending.length > 0) conn?.send(pending.map((l) => `${l}\r\n`).join(''));
    pending = [];
  };
  for (const [n, line] of t.entries()) {
    const where = `${scenario} transcript line ${n + 1}: ${line}`;
    const opened = /^# --- new TCP connection to 127\.0\.0\.1:(\d+)(?: \((.*)\))? ---$/.exec(line);
    if (opened !== null) {
      flush();
      conn?.destroy();
      const service = (Object.keys(RECORDED_PORT) as (keyof typeof RECORDED_PORT)[]).find((s) => RECORDED_PORT[s] === Number(opened[1]));
      expect(service, where).toBeDefined();
      conn = await Conn.open(lab.port(service ?? 'smtp'), /implicit TLS/.test(opened[2] ?? ''));
    } else if (line.startsWith('C: ')) {
      pending.push(line.slice(3));
    } else if (line.startsWith('S: ')) {
      flush();
      const got = (await conn?.line()) ?? null;
      expect(got === null ? null : maskVolatile(normalize(got)), where).toBe(maskVolatile(normalize(line.slice(3))));
    } else if (line.startsWith('# TLS handshake complete')) {
      flush();
      if (
        !/implicit TLS/.test(
          t
            .slice(0, n)
            .reverse()
            .find((l) => l.startsWith('# --- new TCP')) ?? '',
        )
      )
        await conn?.startTls();
    } else if (line.startsWith('# connection closed by server') || line.startsWith('# connection error while reading')) {
      // A reset (Postfix closing with input unread) is not told apart from a close here.
      flush();
      expect(await conn?.closedWithin(3000), where).toBe(true);
    } else if (line === "# buffered after 220: b''") {
      // STARTTLS command injection: the command pipelined after STARTTLS got no plaintext answer.
      await new Promise((r) => setTimeout(r, 200));
      expect(conn?.unread, where).toBe('');
    } else if (line.trim() !== '') {
      throw new Error(`${where}: not a session event this replay knows`);
    }
  }
  flush();
  await new Promise((r) => setTimeout(r, 300));
  conn?.destroy();
  await lab.waitForLog(/disconnect from/, mark);
  await new Promise((r) => setTimeout(r, 300));
  const recorded = readText(join(dir, 'raw.normalized.log'));
  const ours = normalizedLines(lab.logSince(mark)).join('\n');
  expect(compareLogs(recorded, ours, (d) => d.endsWith('/smtpd'))).toEqual([]);
}

describe('ground-truth SMTP sessions on real sockets', () => {
  it('lists scenarios that exist', () => {
    const all = readdirSync(CORPUS);
    for (const s of SCENARIOS) expect(all).toContain(s);
  });
  for (const scenario of SCENARIOS) {
    it(`replays ${scenario}`, async () => {
      await replay(scenario);
    }, 90_000);
  }
});
