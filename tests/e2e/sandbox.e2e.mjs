// Browser tests for the Node sandbox button (issue 11). Run by scripts/e2e.mjs against `astro preview` of
// the built site, which sends no cross-origin isolation headers (it cannot scope them to a path), so every
// page here is not isolated: the button must explain that and point to `npm run serve`, and no page may
// load @webcontainer/api. Booting the real sandbox needs StackBlitz's servers, which no test machine reaches.
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIST = process.env.E2E_DIST ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');
const BUTTON = 'Open a Node sandbox';

/** The built chunks that hold @webcontainer/api (found by the host its code names: stackblitz.com). */
function webcontainerChunks() {
  const dir = join(DIST, '_astro');
  const chunks = readdirSync(dir).filter((f) => f.endsWith('.js') && readFileSync(join(dir, f), 'utf8').includes('stackblitz.com'));
  assert.ok(chunks.length > 0, 'no built chunk contains @webcontainer/api: the check below would prove nothing');
  return chunks;
}

/** Opens `path`, recording every URL the page requests. */
async function openRecording(t, path) {
  const page = await t.page();
  const requested = [];
  page.on('request', (r) => requested.push(r.url()));
  await page.goto(t.url(path));
  return { page, requested };
}

async function clickAndReadExplanation(page) {
  await page.getByRole('button', { name: BUTTON }).click();
  const status = page.locator('.sandbox-status');
  await status.waitFor({ state: 'visible' });
  return status.innerText();
}

export const tests = [
  {
    name: '/lab/ is not isolated: the sandbox button explains why and points to npm run serve',
    async run(t) {
      const { page } = await openRecording(t, '/lab/');
      assert.equal(await page.evaluate(() => globalThis.crossOriginIsolated), false);
      const text = await clickAndReadExplanation(page);
      assert.match(text, /not cross-origin isolated|this page is not one/);
      assert.match(text, /Cross-Origin-Opener-Policy and Cross-Origin-Embedder-Policy/);
      assert.match(text, /npm run serve/);
      assert.equal(await page.getByRole('link', { name: 'Try the sandbox page' }).getAttribute('href'), '/lab/sandbox/');
      assert.equal(await page.locator('.sandbox-terminals').isHidden(), true);
    },
  },
  {
    name: '/lab/ never loads @webcontainer/api, not even after the button is pressed',
    async run(t) {
      const chunks = webcontainerChunks();
      const { page, requested } = await openRecording(t, '/lab/');
      await page.waitForLoadState('networkidle');
      await clickAndReadExplanation(page);
      await page.waitForLoadState('networkidle');
      const loaded = requested.filter((url) => chunks.some((c) => url.endsWith(`/_astro/${c}`)));
      assert.deepEqual(loaded, []);
      assert.ok(
        requested.some((url) => url.includes('/_astro/')),
        'the page loaded no scripts at all: the check proves nothing',
      );
    },
  },
  {
    name: '/lab/sandbox/ without the headers says so, offers no link to itself, and passes axe',
    async run(t) {
      const chunks = webcontainerChunks();
      const { page, requested } = await openRecording(t, '/lab/sandbox/');
      const text = await clickAndReadExplanation(page);
      assert.match(text, /Cross-Origin-Opener-Policy and Cross-Origin-Embedder-Policy/);
      assert.match(text, /npm run serve/);
      assert.equal(await page.getByRole('link', { name: 'Try the sandbox page' }).count(), 0);
      assert.deepEqual(
        requested.filter((url) => chunks.some((c) => url.endsWith(`/_astro/${c}`))),
        [],
      );
      const results = await new AxeBuilder({ page }).analyze();
      assert.deepEqual(
        results.violations.map((v) => `${v.id}: ${v.help}`),
        [],
      );
    },
  },
  {
    name: 'the site serves the sandbox server bundle and the lab certificate',
    async run(t) {
      const bundle = await fetch(t.url('/sandbox/lab-server.mjs'));
      assert.equal(bundle.status, 200);
      assert.match(await bundle.text(), /Usage: npm run serve -- \[options\]/);
      const cert = await fetch(t.url('/sandbox/mail.example.org.crt'));
      assert.equal(cert.status, 200);
      assert.match(await cert.text(), /^-----BEGIN CERTIFICATE-----/);
    },
  },
];
