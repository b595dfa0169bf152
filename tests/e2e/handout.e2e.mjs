// Browser tests for printing: a lesson printed by Chromium shows each exercise's expected screen and no
// button or live lab; /handout/ has every lesson and the cheat sheet, links the workshop bundle, loads no
// script of its own, and passes axe in both themes.
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

const LESSONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'lessons');

/** Every lesson's title, from its frontmatter. */
function lessonTitles() {
  return readdirSync(LESSONS_DIR)
    .filter((f) => /\.mdx?$/.test(f) && !f.startsWith('_'))
    .map((f) => {
      const text = readFileSync(join(LESSONS_DIR, f), 'utf8');
      const yaml = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text)?.[1] ?? '';
      return String(parseYaml(yaml).title);
    });
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
    name: 'a printed lesson shows the expected screen and no buttons; page.pdf succeeds',
    async run(t) {
      const page = await t.page();
      await page.goto(t.url('/lessons/opportunistic-tls/'));
      const screen = page.locator('pre.expected-screen').first();
      assert.equal(await screen.isVisible(), false, 'the expected screen is for print only');
      await page.emulateMedia({ media: 'print' });
      assert.equal(await screen.isVisible(), true, 'the expected screen prints');
      const text = (await screen.textContent()) ?? '';
      assert.match(text, /^250-STARTTLS$/m);
      assert.match(text, /^root@mail:~# postfix reload$/m);
      const visibleButtons = await page.locator('button').evaluateAll((els) => els.filter((el) => el.checkVisibility()).length);
      assert.equal(visibleButtons, 0, 'no button is visible in print');
      assert.equal(await page.locator('lab-console').isVisible(), false, 'the live lab does not print');
      assert.equal(await page.locator('.site-header nav').isVisible(), false, 'navigation does not print');
      const pdf = await page.pdf({ format: 'A4' });
      assert.ok(pdf.length > 10_000 && pdf.subarray(0, 5).toString('latin1') === '%PDF-', `a PDF of ${pdf.length} bytes`);
    },
  },
  {
    name: '/handout/ has every lesson, the cheat sheet and the bundle link, and ships no script of its own',
    async run(t) {
      const page = await t.page();
      const scripts = [];
      page.on('request', (r) => {
        if (r.resourceType() === 'script') scripts.push(r.url());
      });
      await page.goto(t.url('/handout/'), { waitUntil: 'networkidle' });
      const headings = await page.locator('.handout__lesson h2').allTextContents();
      for (const title of lessonTitles()) assert.ok(headings.includes(title), `lesson "${title}" is in the handout`);
      assert.equal(await page.getByRole('heading', { name: 'Cheat sheet' }).count(), 1);
      assert.ok((await page.locator('.cheat-sheet').textContent())?.includes('530 5.7.0 Must issue a STARTTLS command first'));
      assert.ok((await page.locator('.handout__note').count()) >= lessonTitles().length, 'instructor notes for each lesson');
      assert.ok(!scripts.some((u) => /handout/.test(u)), scripts.join(', '));
      const href = await page.getByRole('link', { name: /workshop bundle/ }).getAttribute('href');
      const zip = await page.request.get(t.url(href ?? ''));
      assert.equal(zip.status(), 200);
      const body = await zip.body();
      assert.equal(body.subarray(0, 4).toString('latin1'), 'PK\u0003\u0004', 'the bundle is a zip');
      assert.ok(body.includes('handout/index.html') && body.includes('index.html'), 'the bundle holds the built pages');
      await page.emulateMedia({ media: 'print' });
      const pdf = await page.pdf({ format: 'A4' });
      assert.ok(pdf.subarray(0, 5).toString('latin1') === '%PDF-');
    },
  },
  ...['light', 'dark'].map((scheme) => ({
    name: `axe finds no violations on /handout/ (${scheme})`,
    async run(t) {
      const page = await t.page({ colorScheme: scheme });
      await page.goto(t.url('/handout/'));
      assert.equal(await page.locator('html').getAttribute('data-theme'), scheme);
      await expectNoAxeViolations(page, `/handout/ (${scheme})`);
    },
  })),
];
