/**
 * The conformance harness: replays corpus scenarios against the lab and compares.
 *
 *   npm run -s corpus -- replay <scenario-dir> <out-dir>
 *   npm run -s corpus -- check [--strict] [scenario-dir ...]
 *
 * `check` defaults to every scenario folder of ../shared/postfix-ground-truth, of its more/
 * folder and of the project's own tests/corpus-extra, and ends
 * with `N passed, M failed, K pending`; it exits 1 when any scenario failed.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkScenario, replayScenario, type ScenarioFiles } from '../src/corpus/scenario.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_CORPUS = resolve(ROOT, '../shared/postfix-ground-truth');
/** More recordings of the shared corpus (stripping proxy, TLS 1.0-only MX, policy maps...; its README). */
const MORE_CORPUS = 'more';
/** The project's own recordings from real Postfix (same format; see its README). */
const PROJECT_CORPUS = resolve(ROOT, 'tests/corpus-extra');

function readOpt(path: string): string | null {
  return existsSync(path) ? readFileSync(path, 'utf8') : null;
}

function load(dir: string): ScenarioFiles {
  const base = join(dirname(resolve(dir)), 'base');
  const need = (p: string): string => {
    const t = readOpt(p);
    if (t === null) throw new Error(`missing ${p}`);
    return t;
  };
  return {
    name: basename(resolve(dir)),
    baseMainCf: need(join(base, 'main.cf')),
    baseMasterCf: need(join(base, 'master.cf')),
    config: readOpt(join(dir, 'config.txt')) ?? '',
    transcript: need(join(dir, 'transcript.normalized.txt')),
    log: readOpt(join(dir, 'raw.normalized.log')) ?? '',
    wire: readOpt(join(dir, 'wire.txt')),
    toolRuns: readdirSync(dir)
      .filter((n) => /^sclient-.*\.normalized\.txt$/.test(n))
      .sort()
      .map((n) => ({ name: n, text: readFileSync(join(dir, n), 'utf8') })),
  };
}

function scenarioDirs(root: string): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'transcript.normalized.txt')))
    .map((d) => join(root, d.name))
    .sort();
}

/**
 * Every scenario of the shared corpus, of its more/ folder (its own base/; README.md, next.py and
 * base are no scenarios) and of the project's own corpus.
 */
function defaultScenarioDirs(): string[] {
  const more = join(DEFAULT_CORPUS, MORE_CORPUS);
  return [
    ...scenarioDirs(DEFAULT_CORPUS),
    ...(existsSync(more) ? scenarioDirs(more) : []),
    ...(existsSync(PROJECT_CORPUS) ? scenarioDirs(PROJECT_CORPUS) : []),
  ];
}

function usage(): never {
  process.stderr.write('usage: corpus replay <scenario-dir> <out-dir>\n       corpus check [scenario-dir ...]\n');
  process.exit(2);
}

const [cmd, ...args] = process.argv.slice(2);
if (cmd === 'replay') {
  const [dir, out] = args;
  if (dir === undefined || out === undefined) usage();
  const r = replayScenario(load(dir));
  if (r.pending !== null) {
    process.stderr.write(`${basename(dir)}: pending: ${r.pending}\n`);
    process.exit(3);
  }
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'transcript.normalized.txt'), r.transcript);
  writeFileSync(join(out, 'raw.normalized.log'), r.log);
  process.stdout.write(`wrote ${join(out, 'transcript.normalized.txt')} and ${join(out, 'raw.normalized.log')}\n`);
} else if (cmd === 'check') {
  // --strict: report scenarios of later issues as failures too (to see their diffs).
  const strict = args[0] === '--strict';
  if (strict) args.shift();
  if (args.length === 0 && !existsSync(DEFAULT_CORPUS)) {
    process.stderr.write(`corpus: no corpus at ${DEFAULT_CORPUS}\n`);
    process.exit(2);
  }
  const dirs = args.length > 0 ? args : defaultScenarioDirs();
  let passed = 0;
  let failed = 0;
  let pending = 0;
  for (const dir of dirs) {
    const name = basename(resolve(dir));
    let res;
    try {
      res = checkScenario(load(dir), { strict });
    } catch (e) {
      failed++;
      process.stdout.write(`FAIL ${name}: the replay threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      continue;
    }
    if (res.status === 'pending') {
      pending++;
      process.stdout.write(`pending ${name}: ${res.reason}\n`);
    } else if (res.status === 'passed') {
      passed++;
      process.stdout.write(`ok   ${name}\n`);
    } else {
      failed++;
      process.stdout.write(`FAIL ${name}\n`);
      for (const m of res.mismatches) {
        process.stdout.write(`  --- ${m.what} (- recorded, + lab)\n`);
        for (const l of m.diff) process.stdout.write(`  ${l}\n`);
      }
    }
  }
  process.stdout.write(`${passed} passed, ${failed} failed, ${pending} pending\n`);
  process.exit(failed > 0 ? 1 : 0);
} else {
  usage();
}
