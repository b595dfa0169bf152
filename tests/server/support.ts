import { spawn, spawnSync } from 'node:child_process';
import { connect as netConnect, type Socket } from 'node:net';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORPUS } from '../corpus/corpus-path.ts';
import { normalize } from '../../src/corpus/normalize.ts';
import { MAIL_EXAMPLE_ORG_CERT, MAIL_EXAMPLE_ORG_KEY } from '../../src/engine/tls/data/lab-pki.ts';
import { configFolder, initConfigFolder, type ConfigFolder } from '../../src/server/config-folder.ts';
import { LabServer } from '../../src/server/lab-server.ts';
import type { ServiceName } from '../../src/server/options.ts';

export { CORPUS };
/** The project's own recordings. */
export const EXTRA = join(import.meta.dirname, '../corpus-extra');

/** The lab port of each service in the recordings. */
export const RECORDED_PORT: Readonly<Record<ServiceName, number>> = { smtp: 25, submission: 587, submissions: 465 };

/** A program the test runs; a missing one fails the test with what to install (never a silent skip). */
export function need(program: string, pkg = program): void {
  const r = spawnSync('sh', ['-c', `command -v ${program}`]);
  if (r.status !== 0) throw new Error(`${program} is not installed: this test runs it as a real client (apt-get install -y ${pkg})`);
}

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a program with `input` on stdin, killed after `timeoutMs`. */
export function run(cmd: string, args: readonly string[], input = '', timeoutMs = 20_000): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString('latin1')));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString('latin1')));
    const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    p.on('error', reject);
    p.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    p.stdin.on('error', () => undefined);
    p.stdin.end(input);
  });
}

export interface TestLab {
  readonly server: LabServer;
  readonly folder: ConfigFolder;
  port(service: ServiceName): number;
  /** Mail log lines written since `mark()` (or since the start). */
  logSince(mark?: number): string[];
  /** The number of log lines so far. */
  mark(): number;
  /** Waits until the log has a line matching `re` after `mark` (the server finishes its side after the client). */
  waitForLog(re: RegExp, mark?: number, ms?: number): Promise<string[]>;
  readonly warnings: string[];
  stop(): Promise<void>;
}

export interface LabOptions {
  /** Lines appended to main.cf before the start (a later setting wins, as with postconf -e). */
  readonly mainCf?: string;
  /** master.cf to start with instead of the finished set-up (a recording's own). */
  readonly masterCf?: string;
  /** main.cf to start with instead of the lab's. */
  readonly mainCfText?: string;
  /** Present the corpus's own certificate (what the recordings saw) instead of a new one. */
  readonly corpusCert?: boolean;
}

/** Starts `npm run serve`'s server on free loopback ports with a fresh folder. */
export async function startLab(opts: LabOptions = {}): Promise<TestLab> {
  const dir = mkdtempSync(join(tmpdir(), 'serve-test-'));
  const folder = configFolder(dir);
  if (opts.corpusCert ?? true) {
    mkdirSync(join(folder.postfixDir, 'tls'), { recursive: true });
    writeFileSync(folder.certFile, MAIL_EXAMPLE_ORG_CERT);
    writeFileSync(folder.keyFile, MAIL_EXAMPLE_ORG_KEY, { mode: 0o600 });
  }
  mkdirSync(folder.postfixDir, { recursive: true });
  if (opts.masterCf !== undefined) writeFileSync(folder.masterCf, opts.masterCf);
  if (opts.mainCfText !== undefined) writeFileSync(folder.mainCf, opts.mainCfText);
  const init = initConfigFolder(folder);
  if (!init.ok) throw new Error(init.error);
  if (opts.mainCf !== undefined) appendFileSync(folder.mainCf, `${opts.mainCf.trimEnd()}\n`);
  const warnings: string[] = [];
  const server = await LabServer.start({
    folder,
    ports: { smtp: 0, submission: 0, submissions: 0 },
    listen: '127.0.0.1',
    warn: (t) => warnings.push(t),
  });
  const lines = (): string[] =>
    existsSync(folder.logFile)
      ? readFileSync(folder.logFile, 'latin1')
          .split('\n')
          .filter((l) => l !== '')
      : [];
  const lab: TestLab = {
    server,
    folder,
    warnings,
    port: (service) => server.bound().find((b) => b.service === service)?.port ?? 0,
    mark: () => lines().length,
    logSince: (mark = 0) => lines().slice(mark),
    async waitForLog(re, mark = 0, ms = 5000) {
      const until = Date.now() + ms;
      for (;;) {
        const got = lines().slice(mark);
        if (got.some((l) => re.test(l)) || Date.now() > until) return got;
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return lab;
}

/** Normalized as the corpus is, one line each. */
export function normalizedLines(lines: readonly string[]): string[] {
  return normalize(lines.join('\n'))
    .split('\n')
    .filter((l) => l !== '');
}

/** Our ports written where the recording has the lab's (`127.0.0.1:2587` → `127.0.0.1:587`). */
export function asRecordedPorts(text: string, lab: TestLab): string {
  let t = text;
  for (const s of ['smtp', 'submission', 'submissions'] as const) {
    t = t.split(`127.0.0.1:${lab.port(s)}`).join(`127.0.0.1:${RECORDED_PORT[s]}`);
  }
  return t;
}

export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}

/** A plain TCP client that reads SMTP replies line by line (for dialogues the recordings spell out). */
export class LineClient {
  readonly #socket: Socket;
  #buffer = '';
  #closed = false;
  #waiters: (() => void)[] = [];

  private constructor(socket: Socket) {
    this.#socket = socket;
    socket.on('data', (d: Buffer) => {
      this.#buffer += d.toString('latin1');
      this.#wake();
    });
    socket.on('close', () => {
      this.#closed = true;
      this.#wake();
    });
    socket.on('error', () => undefined);
  }

  static open(port: number): Promise<LineClient> {
    return new Promise((resolve, reject) => {
      const s = netConnect({ host: '127.0.0.1', port }, () => resolve(new LineClient(s)));
      s.once('error', reject);
    });
  }

  #wake(): void {
    const w = this.#waiters;
    this.#waiters = [];
    for (const f of w) f();
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Everything received and not read yet. */
  take(): string {
    const b = this.#buffer;
    this.#buffer = '';
    return b;
  }

  /** One whole reply (up to its last line, `NNN text`), without CRLFs; [] if the server closed first. */
  async reply(timeoutMs = 5000): Promise<string[]> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const m = /^(?:\d{3}-[^\n]*\n)*\d{3}(?: [^\n]*)?\n/.exec(this.#buffer);
      if (m !== null) {
        this.#buffer = this.#buffer.slice(m[0].length);
        return m[0]
          .split('\n')
          .filter((l) => l !== '')
          .map((l) => l.replace(/\r$/, ''));
      }
      if (this.#closed || Date.now() > until) return [];
      await new Promise<void>((r) => {
        this.#waiters.push(r);
        setTimeout(r, 100);
      });
    }
  }

  /** Waits until the server closes the connection. */
  async closedWithin(ms: number): Promise<boolean> {
    const until = Date.now() + ms;
    while (!this.#closed && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    return this.#closed;
  }

  send(text: string): void {
    this.#socket.write(Buffer.from(text, 'latin1'));
  }

  async command(line: string): Promise<string[]> {
    this.send(`${line}\r\n`);
    return this.reply();
  }

  close(): void {
    this.#socket.destroy();
  }
}
