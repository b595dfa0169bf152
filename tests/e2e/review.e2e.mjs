// Browser tests for /review/: paste a configuration, see the lab boot it and the findings listed, follow
// a "Show me"; bad input gets a clear message and leaves stored progress alone; axe in both themes.
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CORPUS, IMAGE_KEY, lessonKey, PROMPT, waitForScreen } from './lab-helpers.mjs';

/** The corpus's base/ main.cf with incoming TLS turned off: EHLO on 25 must lose STARTTLS. */
const MAIN_TLS_OFF = readFileSync(`${CORPUS}/base/main.cf`, 'utf8').replace(
  /^smtpd_tls_security_level = may$/m,
  'smtpd_tls_security_level = none',
);
const STOCK_MASTER = readFileSync(`${CORPUS}/base/master.cf`, 'utf8');

/** Stored progress the review must never touch: a lesson's image and the /lab/ page's. */
const SENTINELS = { [lessonKey('opportunistic-tls')]: '{"sentinel":"lesson"}', [IMAGE_KEY]: '{"sentinel":"lab"}' };

async function plantSentinels(page) {
  await page.evaluate((s) => {
    for (const [k, v] of Object.entries(s)) localStorage.setItem(k, v);
  }, SENTINELS);
}

async function assertSentinels(page) {
  const now = await page.evaluate((keys) => Object.fromEntries(keys.map((k) => [k, localStorage.getItem(k)])), Object.keys(SENTINELS));
  assert.deepEqual(now, SENTINELS, 'the review changed stored course progress');
}

async function expectNoAxeViolations(page, label) {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n        ${v.nodes.map((n) => n.target.join(' ')).join('\n        ')}`,
  );
  assert.deepEqual(summary, [], `axe found violations on ${label}`);
}

export const tests = [
  {
    name: 'review: a pasted configuration boots in the lab, its findings are listed, and "Show me" proves one',
    async run(t) {
      const page = await t.page();
      await page.goto(t.url('/review/'));
      await plantSentinels(page);
      await page.getByLabel('main.cf, or the output of postconf -n').fill(MAIN_TLS_OFF);
      await page.getByLabel(/^master\.cf, or the output of postconf -M/).fill(STOCK_MASTER);
      await page.getByRole('button', { name: 'Review and start the lab' }).click();
      const finding = page.locator('[data-finding="incoming-tls-off"]');
      await finding.waitFor({ timeout: 20_000 });
      assert.match(await finding.textContent(), /port 25 does not offer STARTTLS/);
      assert.equal(await page.locator('[data-finding="no-implicit-tls"]').count(), 1);
      assert.equal(await page.locator('.review-findings a').first().getAttribute('href'), '/lessons/opportunistic-tls/');
      await waitForScreen(page, PROMPT, { what: 'the lab prompt', timeout: 20_000 });
      await finding.getByRole('button', { name: 'Show me' }).click();
      const screen = await waitForScreen(page, /^250 [A-Z0-9]+/m, { what: 'the EHLO reply', timeout: 20_000 });
      assert.match(screen, /telnet localhost 25/);
      assert.match(screen, /^250-PIPELINING$/m);
      assert.doesNotMatch(screen, /250-STARTTLS/, 'EHLO still lists STARTTLS: the lab did not boot the pasted main.cf');
      await assertSentinels(page);
      assert.ok(
        await page.evaluate(() => localStorage.getItem('ptl:lesson:review/pasted-config') !== null),
        'the review lab has its own key',
      );
    },
  },
  {
    name: 'review: "Show me" pressed before the lab’s terminal has come waits for it and still types the probe',
    async run(t) {
      const page = await t.page();
      // Hold the terminal kit (xterm and the shell) back: the lab shows its prompt, but no xterm yet.
      let release = () => {};
      const held = new Promise((resolve) => (release = resolve));
      await page.route(/\/_astro\/lab-terminal-kit\.[^/]*\.js$/, async (route) => {
        await held;
        await route.continue();
      });
      await page.goto(t.url('/review/'));
      await page.getByLabel('main.cf, or the output of postconf -n').fill(MAIN_TLS_OFF);
      await page.getByLabel(/^master\.cf, or the output of postconf -M/).fill(STOCK_MASTER);
      await page.getByRole('button', { name: 'Review and start the lab' }).click();
      const finding = page.locator('[data-finding="incoming-tls-off"]');
      await finding.waitFor({ timeout: 20_000 });
      await waitForScreen(page, PROMPT, { what: 'the pre-screen prompt', timeout: 20_000 });
      assert.equal(await page.evaluate(() => document.querySelector('lab-console')?.terminal ?? null), null, 'xterm came too early');
      await finding.getByRole('button', { name: 'Show me' }).click();
      release();
      const screen = await waitForScreen(page, /^250 [A-Z0-9]+/m, { what: 'the EHLO reply', timeout: 20_000 });
      assert.match(screen, /telnet localhost 25/);
      assert.doesNotMatch(screen, /250-STARTTLS/);
    },
  },
  {
    name: 'review: a 10 MB paste and binary data get a clear message, never a frozen page, and leave progress untouched',
    async run(t) {
      const page = await t.page();
      await page.goto(t.url('/review/'));
      await plantSentinels(page);
      const started = Date.now();
      await page.evaluate(() => {
        const big = 'smtpd_banner = x\n'.repeat(620_000);
        const dt = new DataTransfer();
        dt.setData('text/plain', big);
        document
          .querySelector('#review-main')
          .dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
      });
      const alert = page.locator('.review-problems');
      await alert.getByText(/main\.cf is \d+ KB: the review reads files up to 256 KB/).waitFor({ timeout: 10_000 });
      // Dropped as a file: refused by its size, before a byte of it is read.
      await page.evaluate(() => {
        const dt = new DataTransfer();
        dt.items.add(new File(['a = b\n'.repeat(1_800_000)], 'main.cf', { type: 'text/plain' }));
        document.querySelector('#review-main').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      });
      await alert.getByText(/main\.cf \(for main\.cf\) is \d+ KB/).waitFor({ timeout: 10_000 });
      assert.equal(await page.locator('#review-main').inputValue(), '', 'the big file reached the text box');
      await page.evaluate(() => {
        document.querySelector('#review-main').value = 'myhostname = x\n';
        document.querySelector('#review-master').value = '\u0000\u0001PK\u0003\u0004binary';
      });
      await page.getByRole('button', { name: 'Review and start the lab' }).click();
      await alert.getByText('master.cf is not a text file').waitFor({ timeout: 10_000 });
      assert.ok(Date.now() - started < 30_000, 'the page took too long');
      assert.equal(await page.locator('lab-console').count(), 0, 'a refused input started a lab');
      await assertSentinels(page);
    },
  },
  {
    name: 'review: a master.cf with a broken line shows postconf’s own fatal error',
    async run(t) {
      const page = await t.page();
      await page.goto(t.url('/review/'));
      await page.getByLabel('main.cf, or the output of postconf -n').fill(readFileSync(`${CORPUS}/base/main.cf`, 'utf8'));
      await page.getByLabel(/^master\.cf, or the output of postconf -M/).fill(`${STOCK_MASTER}foo unix - - n\n`);
      await page.getByRole('button', { name: 'Review and start the lab' }).click();
      await page
        .locator('.review-postfix pre')
        .getByText(/fatal: file \/etc\/postfix\/master\.cf: line \d+: bad field count/)
        .waitFor({ timeout: 20_000 });
    },
  },
  ...['light', 'dark'].map((scheme) => ({
    name: `axe finds no violations on /review/ (${scheme})`,
    async run(t) {
      const page = await t.page({ colorScheme: scheme });
      await page.goto(t.url('/review/'));
      assert.equal(await page.locator('html').getAttribute('data-theme'), scheme);
      await expectNoAxeViolations(page, `/review/ (${scheme})`);
      await page.getByLabel('main.cf, or the output of postconf -n').fill(MAIN_TLS_OFF);
      await page.getByRole('button', { name: 'Review and start the lab' }).click();
      await page.locator('[data-finding="incoming-tls-off"]').waitFor({ timeout: 20_000 });
      await page.locator('.review-lab').waitFor();
      await expectNoAxeViolations(page, `/review/ with a review (${scheme})`);
    },
  })),
];
