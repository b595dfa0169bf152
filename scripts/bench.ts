/**
 * Benchmarks (figures, not assertions): `npm run bench`.
 * - EHLO answers per second from the simulated smtpd (median of batches);
 * - replaying the whole shared corpus (median of runs);
 * - memory after a 10,000-command session through the lab shell (heap growth; history, mail log and
 *   terminal output sizes, to show what is bounded and what is not);
 * - then scripts/bench-pages.mjs (JavaScript bytes per page, navigation to prompt) on dist/ as built.
 * `npm run bench` runs scripts/bench-keystroke.mjs after this. docs/quality.md has the last figures.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { replayScenario, type ScenarioFiles } from '../src/corpus/scenario.ts';
import { createLabWorld } from '../src/engine/world/lab-world.ts';
import { createLabShell } from '../src/shell/lab-shell.ts';
import { MemoryPort } from '../src/shell/memory-port.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = resolve(ROOT, '../shared/postfix-ground-truth');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

function benchEhlo(): void {
  const world = createLabWorld();
  // smtpd counts EHLO as a junk command: past smtpd_junk_command_limit (100) it hangs up,
  // so each batch uses a fresh connection.
  const perConnection = 50;
  const samples: number[] = [];
  for (let i = 0; i < 40; i++) {
    const r = world.network.connect('127.0.0.1', 25);
    if (!r.ok) throw new Error(`connect failed: ${r.error}`);
    r.endpoint.open();
    const t0 = performance.now();
    for (let j = 0; j < perConnection; j++) r.endpoint.receive('EHLO client.example.com\r\n');
    samples.push(((performance.now() - t0) / perConnection) * 1000);
    r.endpoint.receive('QUIT\r\n');
  }
  const m = median(samples);
  process.stdout.write(
    `ehlo: ${Math.round(1e6 / m).toLocaleString('en')} EHLO answers per second (median ${m.toFixed(1)} µs each, 40 connections x ${perConnection} EHLO)\n`,
  );
}

function benchCorpus(): void {
  if (!existsSync(CORPUS)) {
    process.stdout.write(`corpus: skipped, no corpus at ${CORPUS}\n`);
    return;
  }
  const files: ScenarioFiles[] = readdirSync(CORPUS, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(CORPUS, d.name, 'transcript.normalized.txt')))
    .map((d) => {
      const dir = join(CORPUS, d.name);
      const opt = (p: string): string | null => (existsSync(join(dir, p)) ? readFileSync(join(dir, p), 'utf8') : null);
      return {
        name: d.name,
        baseMainCf: readFileSync(join(CORPUS, 'base/main.cf'), 'utf8'),
        baseMasterCf: readFileSync(join(CORPUS, 'base/master.cf'), 'utf8'),
        config: opt('config.txt') ?? '',
        transcript: opt('transcript.normalized.txt') ?? '',
        log: opt('raw.normalized.log') ?? '',
        wire: opt('wire.txt'),
      };
    });
  const samples: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    for (const f of files) replayScenario(f);
    samples.push(performance.now() - t0);
  }
  process.stdout.write(`corpus: median ${median(samples).toFixed(1)} ms to replay all ${files.length} scenarios (7 runs)\n`);
}

/** A full garbage collection (node's gc, exposed for this process only). */
function collect(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
}

function benchMemory(): void {
  const COMMANDS = 10_000;
  const world = createLabWorld();
  const shell = createLabShell(world, { pacer: { immediate: true, after: (_ms, fn) => (fn(), () => {}) } });
  const port = new MemoryPort(80, 24);
  shell.attach(port);
  // Ten lines per round: the shell, postconf, a telnet session (whose lines the session reads), the log.
  const round = [
    'echo hello',
    'postconf -n smtpd_tls_security_level',
    'telnet localhost 25',
    'EHLO client.example.com',
    'QUIT',
    'grep -c smtpd /var/log/mail.log',
    'ls /etc/postfix',
    'postconf mail_version',
    'mailq',
    'cat /etc/hostname',
  ];
  collect();
  const before = process.memoryUsage().heapUsed;
  let screen = 0;
  const t0 = performance.now();
  for (let i = 0; i < COMMANDS; i++) {
    port.type(`${round[i % round.length] ?? ''}\r`);
    screen += port.take().length;
  }
  const ms = performance.now() - t0;
  collect();
  const after = process.memoryUsage().heapUsed;
  const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`;
  const logFile = world.fs.read('/var/log/mail.log') ?? '';
  process.stdout.write(
    `memory: ${COMMANDS.toLocaleString('en')} commands through the shell in ${(ms / 1000).toFixed(1)} s: heap ${mb(before)} -> ${mb(after)} (growth ${mb(after - before)})\n` +
      `memory: shell history ${shell.history.length} entries; world log ${world.log.records.length} records; /var/log/mail.log ${mb(logFile.length)}; ` +
      `terminal output ${mb(screen)} (the page keeps ${5000} lines of it: xterm scrollback)\n`,
  );
}

benchEhlo();
benchCorpus();
benchMemory();
const pages = spawnSync(process.execPath, [join(ROOT, 'scripts/bench-pages.mjs'), '--runs', '5'], { stdio: 'inherit' });
if (pages.status !== 0) process.stdout.write('pages: failed (see above)\n');
