// Browser tests against the built site (dist/, or E2E_DIST: another build's output folder).
//
// Starts `astro preview` on a free port, waits until it answers, runs every tests/e2e/*.e2e.mjs in
// Debian's Chromium through playwright-core, stops the server, and ends with "N passed, M failed".
// An argument limits the run to the test files whose name contains it (`npm run test:e2e -- lab`).
// Each test file exports `tests`: an array of { name, run(t), timeoutMs? (default 60 s) }, where t.page() opens a page in a fresh
// browser context that fails the test on any console error, uncaught exception, failed same-origin
// request, or request to any host other than the preview server (those are blocked, too).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { ensureChromium } from './find-chromium.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TEST_DIR = join(ROOT, 'tests', 'e2e');
const TEST_TIMEOUT_MS = 60_000;
const SERVER_START_TIMEOUT_MS = 90_000;
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/** A TCP port nobody listens on right now, chosen by the OS. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts `astro preview`; resolves once it answers HTTP, rejects if it exits or takes too long. */
async function startPreview(port) {
  const astro = join(ROOT, 'node_modules', 'astro', 'astro.js');
  const outDir = process.env.E2E_DIST === undefined ? [] : ['--outDir', process.env.E2E_DIST];
  const child = spawn(process.execPath, [astro, 'preview', '--host', '127.0.0.1', '--port', String(port), ...outDir], {
    cwd: ROOT,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  let exited = false;
  child.on('exit', () => (exited = true));

  const baseURL = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + SERVER_START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`astro preview exited before answering:\n${output}`);
    try {
      const response = await fetch(`${baseURL}/`);
      if (response.ok) return { child, baseURL };
    } catch {
      // Not listening yet.
    }
    await sleep(250);
  }
  child.kill('SIGTERM');
  throw new Error(`astro preview did not answer on ${baseURL} within ${SERVER_START_TIMEOUT_MS / 1000}s:\n${output}`);
}

function stopPreview(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** The per-test helper: opens guarded pages and reports what they saw go wrong. */
function testContext(browser, baseURL) {
  const contexts = [];
  const problems = [];
  const origin = new URL(baseURL).origin;

  return {
    baseURL,
    url: (path) => new URL(path, baseURL).href,
    /**
     * A page in a fresh context (own storage); `options` go to browser.newContext(). Service workers are
     * blocked (routing does not see what a worker serves, and the site's offline cache would answer instead
     * of the server) unless a test passes `serviceWorkers: 'allow'`. `siteOrigin`: a test's own server of the
     * site, taking the preview server's place in the checks below. `missingPaths`: paths a test asks for on
     * purpose to see the site's 404 page; their 404 (and the console's report of it) is not a problem.
     */
    async page({ siteOrigin = origin, missingPaths = [], ...options } = {}) {
      const expected404 = (url) => new URL(url).origin === siteOrigin && missingPaths.includes(new URL(url).pathname);
      const context = await browser.newContext({ serviceWorkers: 'block', ...options });
      contexts.push(context);
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (new URL(url).origin === siteOrigin) return route.continue();
        problems.push(`request to another host: ${url}`);
        return route.abort('blockedbyclient');
      });
      const page = await context.newPage();
      page.on('console', (message) => {
        const at = message.location()?.url ?? '';
        if (message.type() === 'error' && expected404(at === '' ? page.url() : at) && message.text().includes('404')) return;
        if (message.type() === 'error') problems.push(`console error on ${page.url()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`uncaught exception on ${page.url()}: ${error.message}`));
      page.on('response', (response) => {
        if (response.status() === 404 && expected404(response.url())) return;
        if (response.status() >= 400 && new URL(response.url()).origin === siteOrigin) {
          problems.push(`HTTP ${response.status()} for ${response.url()}`);
        }
      });
      page.on('requestfailed', (request) => {
        const reason = request.failure()?.errorText ?? 'unknown';
        // ERR_ABORTED: the page navigated away while the request was in flight (a late favicon, say).
        if (new URL(request.url()).origin === siteOrigin && reason !== 'net::ERR_ABORTED') {
          problems.push(`request failed: ${request.url()} (${reason})`);
        }
      });
      return page;
    },
    problems,
    async close() {
      await Promise.all(contexts.map((context) => context.close().catch(() => undefined)));
    },
  };
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000}s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** `node scripts/e2e.mjs lesson` runs only the test files whose name contains "lesson"; a second argument, only the tests whose name contains it. */
async function loadTests(only = process.argv[2], grep = process.argv[3]) {
  const files = readdirSync(TEST_DIR)
    .filter((name) => name.endsWith('.e2e.mjs') && (only === undefined || name.includes(only)))
    .sort();
  const tests = [];
  for (const file of files) {
    const module = await import(pathToFileURL(join(TEST_DIR, file)).href);
    if (!Array.isArray(module.tests)) throw new Error(`${file} does not export a "tests" array`);
    for (const test of module.tests) if (grep === undefined || test.name.includes(grep)) tests.push({ file, ...test });
  }
  return tests;
}

async function main() {
  if (!existsSync(join(process.env.E2E_DIST ?? join(ROOT, 'dist'), 'index.html'))) {
    console.error('dist/ has no built site: run `npm run build` first (npm test does it for you).');
    return 1;
  }
  const executablePath = ensureChromium();
  if (executablePath === undefined) {
    console.error('Browser tests cannot run without Chromium.');
    return 1;
  }

  const tests = await loadTests();
  if (tests.length === 0) {
    console.error(`No browser tests found in ${TEST_DIR} (*.e2e.mjs).`);
    return 1;
  }

  const port = await freePort();
  const { child, baseURL } = await startPreview(port);
  const stop = () => child.kill('SIGTERM');
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  console.log(`astro preview at ${baseURL}; Chromium ${executablePath}`);

  let passed = 0;
  let failed = 0;
  let browser;
  try {
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
    for (const test of tests) {
      const t = testContext(browser, baseURL);
      const started = Date.now();
      try {
        await withTimeout(
          Promise.resolve().then(() => test.run(t)),
          test.timeoutMs ?? TEST_TIMEOUT_MS,
          test.name,
        );
        if (t.problems.length > 0) throw new Error(t.problems.join('\n'));
        passed += 1;
        console.log(`  ✓ ${test.file} › ${test.name} (${Date.now() - started} ms)`);
      } catch (error) {
        failed += 1;
        console.log(`  ✗ ${test.file} › ${test.name}`);
        const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
        console.log(text.replace(/^/gm, '      '));
        // What the page reported meanwhile (an exception in a timer, a failed request) often says why.
        const seen = t.problems.filter((p) => !text.includes(p));
        if (seen.length > 0) console.log(`      also seen during the test:\n${seen.join('\n').replace(/^/gm, '        ')}`);
      } finally {
        await t.close();
      }
    }
  } finally {
    await browser?.close().catch(() => undefined);
    await stopPreview(child);
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }

  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
