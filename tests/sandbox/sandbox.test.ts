/**
 * The Node sandbox (issue 11), tested through its SandboxHost interface with a fake host.
 *
 * The real adapter (src/sandbox/webcontainer-host.ts) is not booted here: booting StackBlitz's WebContainer
 * needs StackBlitz's servers, which no machine that runs these tests can reach. What the fake proves is the
 * order of the steps, what is mounted, and what the learner is told when the sandbox cannot run.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TerminalPort } from '../../src/shell/terminal-port.ts';
import { sandboxAvailability, type PageEnvironment, type UnavailableReason } from '../../src/sandbox/availability.ts';
import {
  bundleLabServer,
  ISOLATION_HEADERS,
  makeLabCertificate,
  SANDBOX_PAGE_PREFIX,
} from '../../src/sandbox/build/sandbox-integration.ts';
import { SANDBOX_PACKAGE_JSON, sandboxFiles } from '../../src/sandbox/example-client.ts';
import type { FileTree, SandboxHost, SandboxProcess, SpawnOptions } from '../../src/sandbox/host.ts';
import { openSandbox } from '../../src/sandbox/open-sandbox.ts';
import { SERVE_HINT, unavailableText } from '../../src/sandbox/texts.ts';

class FakeProcess implements SandboxProcess {
  readonly typed: string[] = [];
  readonly sizes: { cols: number; rows: number }[] = [];
  readonly exit: Promise<number>;
  constructor(
    private readonly output: string,
    code: number,
  ) {
    this.exit = Promise.resolve(code);
  }
  readOutput(onChunk: (text: string) => void): Promise<void> {
    onChunk(this.output);
    return Promise.resolve();
  }
  write(data: string): void {
    this.typed.push(data);
  }
  resize(size: { cols: number; rows: number }): void {
    this.sizes.push(size);
  }
}

class FakeHost implements SandboxHost {
  readonly calls: string[] = [];
  readonly processes: FakeProcess[] = [];
  mounted: FileTree | undefined;
  constructor(private readonly failBoot = false) {}
  boot(): Promise<void> {
    this.calls.push('boot');
    return this.failBoot ? Promise.reject(new Error('no route to StackBlitz')) : Promise.resolve();
  }
  mount(tree: FileTree): Promise<void> {
    this.calls.push('mount');
    this.mounted = tree;
    return Promise.resolve();
  }
  spawn(command: string, args: readonly string[], options?: SpawnOptions): Promise<SandboxProcess> {
    this.calls.push([command, ...args].join(' ') + (options?.terminal ? ` (${options.terminal.cols}x${options.terminal.rows})` : ''));
    const p = new FakeProcess(`${command} output\r\n`, 0);
    this.processes.push(p);
    return Promise.resolve(p);
  }
}

class FakePort implements TerminalPort {
  screen = '';
  readonly cols = 80;
  readonly rows = 24;
  private data: ((d: string) => void)[] = [];
  private resize: ((s: { cols: number; rows: number }) => void)[] = [];
  write(text: string): void {
    this.screen += text;
  }
  onData(l: (d: string) => void): () => void {
    this.data.push(l);
    return () => undefined;
  }
  onResize(l: (s: { cols: number; rows: number }) => void): () => void {
    this.resize.push(l);
    return () => undefined;
  }
  type(d: string): void {
    for (const l of this.data) l(d);
  }
  resizeTo(s: { cols: number; rows: number }): void {
    for (const l of this.resize) l(s);
  }
}

function fileText(tree: FileTree | undefined, name: string): string {
  const node = tree?.[name];
  if (node === undefined || !('file' in node)) throw new Error(`${name} is not mounted as a file`);
  return node.file.contents;
}

describe('openSandbox through the SandboxHost interface', () => {
  it('boots, mounts, installs nodemailer, then opens one jsh per terminal, in that order', async () => {
    const host = new FakeHost();
    const ports = [new FakePort(), new FakePort()];
    await openSandbox(host, sandboxFiles('// the server build'), ports);
    expect(host.calls).toEqual(['boot', 'mount', 'npm install (80x24)', 'jsh (80x24)', 'jsh (80x24)']);
  });

  it('mounts the server build, a package.json that lists nodemailer, and a client that uses it', async () => {
    const host = new FakeHost();
    await openSandbox(host, sandboxFiles('// the server build'), [new FakePort()]);
    expect(Object.keys(host.mounted ?? {}).sort()).toEqual(['README.txt', 'lab-server.mjs', 'package.json', 'send-mail.mjs']);
    expect(fileText(host.mounted, 'lab-server.mjs')).toBe('// the server build');
    const pkg = JSON.parse(fileText(host.mounted, 'package.json')) as {
      dependencies: Record<string, string>;
      scripts: Record<string, string>;
    };
    expect(Object.keys(pkg.dependencies)).toEqual(['nodemailer']);
    expect(pkg.scripts['start']).toMatch(/^node lab-server\.mjs\b/);
    expect(pkg.scripts['send']).toBe('node send-mail.mjs');
    expect(fileText(host.mounted, 'send-mail.mjs')).toMatch(/^import nodemailer from 'nodemailer';$/m);
    expect(fileText(host.mounted, 'README.txt')).toMatch(/TLS may not work inside the sandbox/);
  });

  it('pipes each jsh to its terminal: output to the screen, keys and resizes to the process', async () => {
    const host = new FakeHost();
    const ports = [new FakePort(), new FakePort()];
    await openSandbox(host, sandboxFiles(''), ports);
    const [, jsh1, jsh2] = host.processes;
    ports[1]?.type('npm run send\r');
    ports[0]?.resizeTo({ cols: 100, rows: 30 });
    expect(jsh2?.typed).toEqual(['npm run send\r']);
    expect(jsh1?.typed).toEqual([]);
    expect(jsh1?.sizes).toEqual([{ cols: 100, rows: 30 }]);
    expect(ports[1]?.screen).toBe('jsh output\r\n');
    expect(ports[0]?.screen).toContain('npm output\r\n');
  });

  it('stops at boot when the host cannot boot (StackBlitz unreachable)', async () => {
    const host = new FakeHost(true);
    await expect(openSandbox(host, sandboxFiles(''), [new FakePort()])).rejects.toThrow('no route to StackBlitz');
    expect(host.calls).toEqual(['boot']);
  });
});

describe('availability and its explanations', () => {
  const ready: PageEnvironment = { crossOriginIsolated: true, embedded: false, online: true, apisPresent: true, sharedMemory: true };
  const cases: [Partial<PageEnvironment>, UnavailableReason][] = [
    [{ crossOriginIsolated: false }, 'not-isolated'],
    [{ embedded: true }, 'embedded'],
    [{ online: false }, 'offline'],
    [{ apisPresent: false }, 'unsupported'],
    [{ sharedMemory: false }, 'unsupported'],
  ];

  it('is available only on an isolated, top-level, online page of a capable browser', () => {
    expect(sandboxAvailability(ready)).toEqual({ ok: true });
    for (const [change, reason] of cases) expect(sandboxAvailability({ ...ready, ...change })).toEqual({ ok: false, reason });
  });

  it('a page that is not isolated is explained as such, though browsers then also hide SharedArrayBuffer', () => {
    expect(sandboxAvailability({ ...ready, crossOriginIsolated: false, sharedMemory: false })).toEqual({
      ok: false,
      reason: 'not-isolated',
    });
  });

  it('an embed is explained as an embed even when it is also not isolated', () => {
    expect(sandboxAvailability({ ...ready, embedded: true, crossOriginIsolated: false })).toEqual({ ok: false, reason: 'embedded' });
  });

  it('gives each reason its own explanation, naming what is missing', () => {
    const expected: Record<UnavailableReason, RegExp> = {
      'not-isolated': /Cross-Origin-Opener-Policy and Cross-Origin-Embedder-Policy/,
      embedded: /embedded frame/,
      offline: /offline/,
      unsupported: /SharedArrayBuffer/,
      'boot-failed': /StackBlitz’s servers/,
    };
    const texts = Object.keys(expected).map((r) => unavailableText(r as UnavailableReason));
    expect(new Set(texts).size).toBe(texts.length);
    for (const [reason, pattern] of Object.entries(expected)) expect(unavailableText(reason as UnavailableReason)).toMatch(pattern);
    expect(SERVE_HINT).toContain('npm run serve');
  });
});

describe('headers and the server build', () => {
  it('public/_headers isolates the sandbox page and nothing else', () => {
    const text = readFileSync(join(import.meta.dirname, '..', '..', 'public', '_headers'), 'utf8');
    // The file's rules: a path line, then its indented header lines (comments and blank lines aside).
    const rules: { path: string; headers: string[] }[] = [];
    for (const line of text.split('\n')) {
      if (line.startsWith('/')) rules.push({ path: line.trim(), headers: [] });
      else if (/^\s+\S/.test(line) && !line.trim().startsWith('#')) rules.at(-1)?.headers.push(line.trim());
    }
    for (const [k, v] of Object.entries(ISOLATION_HEADERS)) {
      const where = rules.filter((r) => r.headers.some((h) => h.toLowerCase().startsWith(`${k.toLowerCase()}:`)));
      expect(where.map((r) => r.path)).toEqual([`${SANDBOX_PAGE_PREFIX}*`]);
      expect(where[0]?.headers).toContain(`${k}: ${v}`);
    }
  });

  it('the bundle is one ESM file that Node runs as `npm run serve` (--help)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-bundle-'));
    try {
      const file = join(dir, 'lab-server.mjs');
      writeFileSync(file, await bundleLabServer());
      const help = execFileSync(process.execPath, [file, '--help'], { encoding: 'utf8', cwd: dir });
      expect(help).toMatch(/^Usage: npm run serve -- \[options\]/);
      expect(help).toContain('--port-smtp');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});

/** Writes a FileTree to disk, as WebContainer's mount() would. */
function writeTree(dir: string, tree: FileTree): void {
  for (const [name, node] of Object.entries(tree)) {
    const path = join(dir, name);
    if ('file' in node) writeFileSync(path, node.file.contents);
    else {
      mkdirSync(path, { recursive: true });
      writeTree(path, node.directory);
    }
  }
}

describe('the mounted files run as the sandbox would run them', () => {
  it('`npm start`’s command starts the server with the mounted certificate (no openssl needed for it)', async () => {
    const pair = makeLabCertificate();
    if (pair === undefined) throw new Error('this test needs openssl on the machine, as the site build does');
    expect(pair.cert).toMatch(/^-----BEGIN CERTIFICATE-----/);
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-tree-'));
    try {
      writeTree(dir, sandboxFiles(await bundleLabServer(), pair));
      const start = (JSON.parse(SANDBOX_PACKAGE_JSON) as { scripts: { start: string } }).scripts.start.split(' ');
      const base = 20000 + Math.floor(Math.random() * 20000);
      const args = [
        ...start.slice(1),
        '--port-smtp',
        String(base),
        '--port-submission',
        String(base + 1),
        '--port-submissions',
        String(base + 2),
      ];
      const child = spawn(process.execPath, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (out += c.toString()));
      const exited = new Promise((resolve) => child.on('exit', resolve));
      for (let i = 0; i < 100 && !out.includes('Three things to try'); i++) await new Promise((r) => setTimeout(r, 100));
      child.kill('SIGTERM');
      await exited;
      expect(out).toContain(`smtp         127.0.0.1:${base}`);
      // The configuration files are made on this start; the certificate and key are the mounted ones.
      expect(out).toMatch(/Created on this start:\n.*main\.cf\n.*master\.cf\n\n/);
      expect(readFileSync(join(dir, 'lab-serve', 'postfix', 'tls', 'mail.example.org.crt'), 'utf8')).toBe(pair.cert);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
