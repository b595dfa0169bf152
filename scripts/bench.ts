/**
 * Benchmarks (figures, not assertions): `npm run bench`.
 * - one EHLO answer from the simulated smtpd (median of batches);
 * - replaying the whole shared corpus (median of runs).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { replayScenario, type ScenarioFiles } from '../src/corpus/scenario.ts';
import { createLabWorld } from '../src/engine/world/lab-world.ts';

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
  process.stdout.write(`ehlo: median ${median(samples).toFixed(1)} µs per EHLO answer (40 connections x ${perConnection} EHLO)\n`);
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

benchEhlo();
benchCorpus();
