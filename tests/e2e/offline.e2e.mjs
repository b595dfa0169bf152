// Browser tests for the offline cache: the service worker written by integrations/service-worker.mjs and
// registered by src/scripts/register-sw.js. These tests allow service workers (scripts/e2e.mjs blocks them
// for every other test) and serve the built site with their own server (tests/e2e/static-server.mjs), which
// they stop to go offline and restart on the same origin with another build to simulate a deploy.
//
// Expected server and tool output comes from the ground-truth corpus: p25-level-may (the EHLO reply of the
// stock lab), tests/corpus-extra/swaks-25-local (swaks to port 25) and the recorded nano screens
// (tests/shell/golden/screens.golden.json, GNU nano 7.2 on Debian 12).
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { offlineManifest, writeServiceWorker } from '../../integrations/service-worker.mjs';
import { corpusReply, linesAfter, PROMPT, screenText, typeInTerminal, waitForScreen } from './lab-helpers.mjs';
import { startStaticServer } from './static-server.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = process.env.E2E_DIST ?? join(ROOT, 'dist');
const LESSON = '/lessons/what-encrypting-email-means/';
const CACHE_PREFIX = 'postfix-tls-lab-';

/** The stock lab's EHLO reply (smtpd_tls_security_level = may), as real Postfix sent it. */
const EHLO_REPLY = corpusReply('p25-level-may', 'EHLO client.example.com');
/** swaks to port 25 as recorded: the queued reply's start, the goodbye and swaks's last line. */
const SWAKS = (() => {
  const lines = readFileSync(join(ROOT, 'tests', 'corpus-extra', 'swaks-25-local', 'transcript.normalized.txt'), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('S: '))
    .map((l) => l.slice(3));
  const queued = lines.find((l) => l.startsWith('<-  250 2.0.0 Ok: queued as '));
  assert.ok(queued !== undefined, 'swaks-25-local has the queued reply');
  return { queued: queued.slice(0, queued.indexOf('queued as ') + 'queued as '.length), bye: '<-  221 2.0.0 Bye', closed: lines.at(-1) };
})();
const spaced = (line) => line.trim().replace(/\s+/g, ' ');
/** nano's two help lines at the foot of its screen, as recorded. */
const NANO_FOOT = (() => {
  const golden = JSON.parse(readFileSync(join(ROOT, 'tests', 'shell', 'golden', 'screens.golden.json'), 'utf8'));
  const screen = golden.scenarios['nano-edit'].steps[0].screen;
  // The lab's terminal is wider than the recording's 80 columns: nano spreads the same items over it.
  return { title: screen[0].trim().split(/\s+/).slice(0, 3).join(' '), help: screen.slice(-2).map(spaced) };
})();

/** Waits until `check()` resolves truthy. */
async function poll(check, what, timeout = 45_000) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`never saw ${what}`);
}

/** Waits until a service worker controls the page and is active, i.e. its install (the precache) has finished. */
async function waitForOfflineCache(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 45_000, polling: 200 });
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    const names = await caches.keys();
    const counts = await Promise.all(names.map(async (name) => (await (await caches.open(name)).keys()).length));
    return { state: registration.active?.state, caches: Object.fromEntries(names.map((n, i) => [n, counts[i]])) };
  });
}

/** The file of `build` a URL path is served from. */
function fileFor(build, path) {
  return path.endsWith('/') ? join(build, path, 'index.html') : join(build, path);
}

/** Records every response of the site the page receives: path -> body. */
function recordResponses(page, origin) {
  const seen = new Map();
  const pending = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.origin !== origin) return;
    pending.push(
      response.body().then(
        (body) => seen.set(url.pathname, { body, fromServiceWorker: response.fromServiceWorker() }),
        // Checked by assertAllFrom(); a late response after the test has ended is dropped with its context.
        (error) => seen.set(url.pathname, { error }),
      ),
    );
  });
  return async () => {
    await Promise.all(pending);
    return seen;
  };
}

/** Asserts that every recorded response is byte for byte the file of `build`. */
function assertAllFrom(build, seen, label) {
  assert.ok(seen.size > 5, `${label}: only ${seen.size} responses`);
  for (const [path, { body, error }] of seen) {
    assert.equal(error, undefined, `${label}: ${path} has no readable body`);
    assert.ok(Buffer.compare(body, readFileSync(fileFor(build, path))) === 0, `${label}: ${path} is not the file of ${build}`);
  }
}

/** A copy of `build` as a new deploy would look: content-named files renamed, every text changed, a new sw.js. */
function simulatedDeploy(build) {
  const next = mkdtempSync(join(tmpdir(), 'ptl-next-build-'));
  cpSync(build, next, { recursive: true });
  const astro = join(next, '_astro');
  const names = readdirSync(astro);
  const renamed = new Map(names.map((name) => [name, `next-${name}`]));
  const pattern = new RegExp(names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  for (const name of names) cpSync(join(astro, name), join(astro, renamed.get(name)));
  for (const name of names) rmSync(join(astro, name));
  const marks = {
    '.html': '<!-- next build -->\n',
    '.svg': '<!-- next build -->\n',
    '.js': '\n// next build\n',
    '.mjs': '\n// next build\n',
    '.css': '\n/* next build */\n',
  };
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (Object.hasOwn(marks, extname(name)) && basename(path) !== 'sw.js') {
        writeFileSync(path, readFileSync(path, 'utf8').replace(pattern, (m) => renamed.get(m)) + marks[extname(name)]);
      }
    }
  };
  walk(next);
  return { dir: next, ...writeServiceWorker(next) };
}

/** The lab is up: types `telnet localhost 25` and `EHLO x`, checks the reply against the corpus, quits. */
async function ehloAnswered(page) {
  await waitForScreen(page, PROMPT, { timeout: 30_000, what: 'the prompt' });
  await typeInTerminal(page, 'telnet localhost 25\n');
  await waitForScreen(page, '220 mail.example.org ESMTP Postfix', { timeout: 20_000 });
  await page.keyboard.type('EHLO x\n');
  const screen = await waitForScreen(page, EHLO_REPLY.at(-1), { timeout: 20_000 });
  assert.deepEqual(linesAfter(screen, 'EHLO x').slice(0, EHLO_REPLY.length), EHLO_REPLY);
  await page.keyboard.type('QUIT\n');
  await waitForScreen(page, (s) => s.includes('221 2.0.0 Bye') && s.trimEnd().endsWith(PROMPT.trim()), { what: 'the end of the session' });
}

export const tests = [
  {
    name: 'after one visit the site works with the server stopped: a lesson and its lab, EHLO, swaks and nano never used online',
    timeoutMs: 150_000,
    async run(t) {
      const { buildId, files } = offlineManifest(DIST);
      assert.ok(readFileSync(join(DIST, 'sw.js'), 'utf8').includes(JSON.stringify(buildId)), 'dist/sw.js is this build');
      let server = await startStaticServer({ root: DIST });
      try {
        const page = await t.page({ serviceWorkers: 'allow', siteOrigin: server.origin, missingPaths: ['/lessons/no-such-lesson/'] });
        // One visit, to the home page only: no lab, no program run.
        await page.goto(`${server.origin}/`);
        const cache = await waitForOfflineCache(page);
        assert.deepEqual(cache, { state: 'activated', caches: { [CACHE_PREFIX + buildId]: files.length } });

        await server.close();
        server = undefined;
        await assert.rejects(fetch(`${new URL(page.url()).origin}/`), 'the server is stopped');

        const seen = recordResponses(page, new URL(page.url()).origin);
        await page.goto(`${new URL(page.url()).origin}${LESSON}`);
        await page.locator('lab-console').first().scrollIntoViewIfNeeded();
        await ehloAnswered(page);
        await typeInTerminal(page, 'clear\n');
        await page.keyboard.type('swaks --to root@localhost --server localhost\n');
        await waitForScreen(page, (s) => s.includes(SWAKS.queued) && s.includes(SWAKS.bye) && s.includes(SWAKS.closed), {
          timeout: 20_000,
          what: 'swaks queued, quit and closed',
        });
        await page.keyboard.type('nano /etc/postfix/main.cf\n');
        const nano = await waitForScreen(page, (s) => s.split('\n').map(spaced).includes(NANO_FOOT.help[1]), {
          timeout: 20_000,
          what: 'nano',
        });
        const lines = nano.split('\n').map(spaced);
        assert.ok(
          lines.some((l) => l.startsWith(NANO_FOOT.title) && l.endsWith('/etc/postfix/main.cf')),
          nano,
        );
        assert.ok(lines.includes(NANO_FOOT.help[0]), nano);
        await page.keyboard.press('Control+X');
        await waitForScreen(page, (s) => s.trimEnd().endsWith(PROMPT.trim()), { what: 'the prompt after nano' });
        const responses = await seen();
        assertAllFrom(DIST, responses, 'offline');
        assert.ok([...responses.values()].every((r) => r.fromServiceWorker));
        assert.ok(
          [...responses.keys()].some((p) => /\/swaks\.[^/]+\.js$/.test(p)),
          'swaks came from the cache',
        );
        assert.ok(
          [...responses.keys()].some((p) => /\/nano\.[^/]+\.js$/.test(p)),
          'nano came from the cache',
        );

        await page.goto(`${new URL(page.url()).origin}/lab/`);
        await ehloAnswered(page);

        // A page the build does not have, asked for offline: the cached 404 page, with status 404.
        const missing = await page.goto(`${new URL(page.url()).origin}/lessons/no-such-lesson/`);
        assert.equal(missing.status(), 404);
        assert.ok(missing.fromServiceWorker(), 'the 404 page came from the offline cache');
        assert.equal(await page.title(), 'Page not found · Postfix TLS Lab');
        assert.equal((await page.locator('h1').textContent()).trim(), 'Page not found');
      } finally {
        await server?.close();
      }
    },
  },
  {
    name: 'after a new build is deployed the next visit runs only its files, and its worker replaces the old cache',
    timeoutMs: 180_000,
    async run(t) {
      const old = offlineManifest(DIST);
      const next = simulatedDeploy(DIST);
      let server = await startStaticServer({ root: DIST });
      const { origin, port } = server;
      try {
        assert.notEqual(next.buildId, old.buildId);
        const page = await t.page({ serviceWorkers: 'allow', siteOrigin: origin });
        const context = page.context();
        await page.goto(`${origin}${LESSON}`);
        await waitForOfflineCache(page);

        // The deploy: the same origin now serves the new build.
        await server.close();
        server = await startStaticServer({ root: next.dir, port });
        let seen = recordResponses(page, origin);
        await page.goto(`${origin}${LESSON}`);
        await page.locator('lab-console').first().scrollIntoViewIfNeeded();
        await ehloAnswered(page);
        assertAllFrom(next.dir, await seen(), 'the visit after the deploy');

        // The new worker has precached the new build and waits for the old build's pages to go.
        await poll(
          () => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state === 'installed'),
          'the new worker installed',
        );
        assert.deepEqual(
          Object.keys((await waitForOfflineCache(page)).caches).sort(),
          [CACHE_PREFIX + old.buildId, CACHE_PREFIX + next.buildId].sort(),
        );
        // The last page of the old build goes: the new worker activates and deletes the old build's cache.
        await page.goto('about:blank');
        await poll(async () => {
          const names = await Promise.all(context.serviceWorkers().map((w) => w.evaluate(() => caches.keys()).catch(() => [])));
          return names.some((n) => n.length === 1 && n[0] === CACHE_PREFIX + next.buildId);
        }, 'the old cache deleted');
        await page.goto(`${origin}/`);
        const cache = await waitForOfflineCache(page);
        assert.deepEqual(cache, { state: 'activated', caches: { [CACHE_PREFIX + next.buildId]: next.files.length } });

        // Offline, the new build only.
        await server.close();
        server = undefined;
        seen = recordResponses(page, origin);
        await page.goto(`${origin}${LESSON}`);
        await page.locator('lab-console').first().scrollIntoViewIfNeeded();
        await ehloAnswered(page);
        assertAllFrom(next.dir, await seen(), 'offline after the update');
      } finally {
        await server?.close();
        rmSync(next.dir, { recursive: true, force: true });
      }
    },
  },
  {
    // site.e2e.mjs and lab.e2e.mjs check the same with service workers blocked; here the worker and its
    // precache run too, and requests to every other host are blocked (unreachable) by scripts/e2e.mjs.
    name: 'with the offline cache, pages and the lab load nothing from another host and no request fails',
    timeoutMs: 120_000,
    async run(t) {
      const page = await t.page({ serviceWorkers: 'allow' });
      const context = page.context();
      const hosts = new Set();
      const failed = [];
      context.on('request', (request) => hosts.add(new URL(request.url()).host));
      context.on('requestfailed', (request) => failed.push(`${request.url()} (${request.failure()?.errorText})`));
      await page.goto(t.url('/'));
      await waitForOfflineCache(page);
      assert.ok(context.serviceWorkers().length === 1);
      for (const path of [LESSON, '/lab/', '/handout/', '/review/', '/embed/']) await page.goto(t.url(path), { waitUntil: 'networkidle' });
      await page.goto(t.url('/lab/'));
      await ehloAnswered(page);
      assert.deepEqual([...hosts], [new URL(t.baseURL).host]);
      assert.deepEqual(failed, []);
      assert.ok((await screenText(page)).includes(PROMPT));
    },
  },
];
