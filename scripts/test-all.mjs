// `npm test`: every check in order, stopping at the first failure.
//
//   browser   find Chromium for the browser tests (or install it: root on Debian), before the long steps
//   clients   find swaks, openssl and python3 for the real-socket tests (or install them: root on Debian)
//   check     astro check && tsc -b
//   lint      eslint . && prettier --check .
//   unit      vitest run
//   corpus    npm run corpus -- check, only when scripts/corpus.ts exists (says so either way)
//   build     astro build -> dist/
//   size      page-weight budgets on dist/ in Chromium (scripts/size-check.mjs): sizes, never times
//   e2e       browser tests against the built site (scripts/e2e.mjs)
//
// Prints a header per step and a summary; the last line is "Total: N passed, M failed" over the unit
// tests, the corpus scenarios and the browser tests. Exits non-zero when any step fails.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from './find-chromium.mjs';
import { ensureClients } from './find-clients.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const scratch = mkdtempSync(join(tmpdir(), 'postfix-tls-lab-test-'));
const vitestJson = join(scratch, 'vitest.json');

/** Runs a command with output shown as it comes; resolves to its exit code and what it printed. */
function run(command, args) {
  return new Promise((resolve) => {
    console.log(`$ ${[command, ...args].join(' ')}`);
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
      process.stderr.write(chunk);
    });
    child.on('error', (error) => resolve({ code: 1, output: `${output}\n${error.message}` }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

/** Test counts from vitest's JSON report, if it wrote one. */
function unitCounts() {
  if (!existsSync(vitestJson)) return undefined;
  try {
    const report = JSON.parse(readFileSync(vitestJson, 'utf8'));
    return { passed: report.numPassedTests ?? 0, failed: (report.numFailedTests ?? 0) + (report.numFailedTestSuites ?? 0) };
  } catch {
    return undefined;
  }
}

/** Counts from the plain "N passed, M failed" line the browser tests and the corpus check end with. */
function closingLineCounts(output) {
  const matches = [...output.matchAll(/^(\d+) passed, (\d+) failed(?:, \d+ \w+)*$/gm)];
  const last = matches.at(-1);
  return last ? { passed: Number(last[1]), failed: Number(last[2]) } : undefined;
}

const steps = [
  {
    name: 'browser',
    title: 'Chromium for the browser tests',
    async run() {
      const path = ensureChromium();
      if (path === undefined) return { ok: false };
      console.log(`Using ${path}`);
      return { ok: true };
    },
  },
  {
    name: 'clients',
    title: 'swaks, openssl and python3 for the real-socket tests',
    async run() {
      return { ok: ensureClients() };
    },
  },
  { name: 'check', title: 'Type check (astro check && tsc -b)', command: [NPM, ['run', '-s', 'check']] },
  { name: 'lint', title: 'Lint and format (eslint, prettier --check)', command: [NPM, ['run', '-s', 'lint']] },
  {
    name: 'unit',
    title: 'Unit tests (vitest run)',
    command: [NPM, ['run', '-s', 'test:unit', '--', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]],
    counts: () => unitCounts(),
  },
  {
    name: 'corpus',
    title: 'Corpus conformance check (npm run corpus -- check)',
    async run() {
      if (!existsSync(join(ROOT, 'scripts', 'corpus.ts'))) {
        console.log('scripts/corpus.ts not found: no conformance harness yet, so there is no corpus check to run.');
        return { ok: true, note: 'not present' };
      }
      console.log('scripts/corpus.ts found: running the corpus check.');
      const { code, output } = await run(NPM, ['run', '-s', 'corpus', '--', 'check']);
      return { ok: code === 0, counts: closingLineCounts(output) };
    },
  },
  { name: 'build', title: 'Build the static site (astro build)', command: [NPM, ['run', '-s', 'build']] },
  {
    name: 'size',
    title: 'Page-weight budgets (scripts/size-check.mjs)',
    command: [process.execPath, [join(ROOT, 'scripts', 'size-check.mjs')]],
    counts: (output) => closingLineCounts(output),
  },
  {
    name: 'e2e',
    title: 'Browser tests against the built site',
    command: [NPM, ['run', '-s', 'test:e2e']],
    counts: (output) => closingLineCounts(output),
  },
];

const results = [];
let failedStep;
for (const [index, step] of steps.entries()) {
  console.log(`\n━━ [${index + 1}/${steps.length}] ${step.title} ━━`);
  const started = Date.now();
  let ok;
  let note;
  let counts;
  if (step.run) {
    ({ ok, note, counts } = await step.run());
  } else {
    const [command, args] = step.command;
    const { code, output } = await run(command, args);
    ok = code === 0;
    counts = step.counts?.(output);
  }
  results.push({ step, ok, note, counts, seconds: (Date.now() - started) / 1000 });
  if (!ok) {
    failedStep = step;
    break;
  }
}
rmSync(scratch, { recursive: true, force: true });

console.log('\n━━ Summary ━━');
let passed = 0;
let failed = 0;
for (const step of steps) {
  const result = results.find((r) => r.step === step);
  if (result === undefined) {
    console.log(`  -  ${step.name.padEnd(8)} not run`);
    continue;
  }
  const extra = [result.note, result.counts && `${result.counts.passed} passed, ${result.counts.failed} failed`].filter(Boolean);
  console.log(
    `  ${result.ok ? '✓' : '✗'}  ${step.name.padEnd(8)} ${result.seconds.toFixed(1).padStart(6)} s${extra.length ? `  (${extra.join('; ')})` : ''}`,
  );
  passed += result.counts?.passed ?? 0;
  failed += result.counts?.failed ?? 0;
}
if (failedStep) {
  console.log(`\nnpm test FAILED at step "${failedStep.name}" (${failedStep.title}).`);
  if (failed === 0) failed = 1;
}
console.log(`Total: ${passed} passed, ${failed} failed`);
process.exit(failedStep ? 1 : 0);
