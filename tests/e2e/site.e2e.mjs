// Browser tests for the site chrome: home page, lesson pages, previous/next, theme, accessibility.
// Run by scripts/e2e.mjs against `astro preview` of the built site; every page opened with t.page()
// also fails its test on console errors, uncaught exceptions and requests to any other host.
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

const LESSONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'lessons');

/** The routed lessons in course order, read from the source files (not from the site under test). */
function expectedLessons() {
  const files = readdirSync(LESSONS_DIR, { recursive: true, encoding: 'utf8' })
    .filter((path) => /\.mdx?$/.test(path) && !(path.split('/').pop() ?? '').startsWith('_'))
    .map((path) => join(LESSONS_DIR, path));
  return files
    .map((file) => {
      const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(file, 'utf8'));
      assert.ok(match, `${relative(LESSONS_DIR, file)} has no frontmatter`);
      const data = parseYaml(match[1]);
      return { title: data.title, order: data.order };
    })
    .sort((a, b) => a.order - b.order);
}

/** Every lesson's address, from the file names (the numeric prefix dropped, as lesson-slug.ts does). */
/** Every lesson's page, in the course's order (the files' number prefixes). */
function lessonPaths() {
  return readdirSync(LESSONS_DIR, { recursive: true, encoding: 'utf8' })
    .filter((path) => /\.mdx?$/.test(path) && !(path.split('/').pop() ?? '').startsWith('_'))
    .sort()
    .map(
      (path) =>
        `/lessons/${path
          .replace(/\.mdx?$/, '')
          .split('/')
          .map((p) => p.replace(/^\d+-(?=.)/, ''))
          .join('/')
          .toLowerCase()}/`,
    );
}

async function homeLessonLinks(page) {
  return page
    .locator('.lesson-list a')
    .evaluateAll((links) => links.map((a) => ({ title: a.textContent?.trim() ?? '', href: a.getAttribute('href') ?? '' })));
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
    name: 'the home page lists every lesson in order, with its summary',
    async run(t) {
      const page = await t.page();
      await page.goto(t.url('/'));
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
      const links = await homeLessonLinks(page);
      assert.deepEqual(
        links.map((l) => l.title),
        expectedLessons().map((l) => l.title),
      );
      for (const link of links) assert.match(link.href, /^\/lessons\/[a-z0-9/-]+\/$/);
      const summaries = await page.locator('.lesson-list__summary').allTextContents();
      assert.equal(summaries.length, links.length);
      for (const summary of summaries) assert.ok(summary.trim().length > 0, 'empty summary');
    },
  },
  {
    name: 'clicking a lesson opens its page with its title as the heading',
    async run(t) {
      const page = await t.page();
      await page.goto(t.url('/'));
      const [first] = expectedLessons();
      assert.ok(first);
      await page.getByRole('link', { name: first.title }).click();
      await page.waitForURL(/\/lessons\/.+\/$/);
      assert.equal((await page.getByRole('heading', { level: 1 }).textContent())?.trim(), first.title);
      assert.match(await page.title(), new RegExp(`^${first.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} · `));
    },
  },
  {
    name: 'previous and next links walk the lessons in order',
    async run(t) {
      const page = await t.page();
      await page.goto(t.url('/'));
      const links = await homeLessonLinks(page);
      for (const [index, link] of links.entries()) {
        await page.goto(t.url(link.href));
        const previous = page.locator('a[rel="prev"]');
        const next = page.locator('a[rel="next"]');
        if (index === 0) assert.equal(await previous.count(), 0, `${link.href} has a previous link`);
        else assert.equal(await previous.getAttribute('href'), links[index - 1]?.href);
        if (index === links.length - 1) {
          assert.equal(await next.count(), 0, `${link.href} has a next link`);
          await page.getByRole('link', { name: /Back to all lessons/ }).click();
          await page.waitForURL(t.url('/'));
        } else {
          assert.equal(await next.getAttribute('href'), links[index + 1]?.href);
          await next.click();
          await page.waitForURL(t.url(links[index + 1]?.href ?? '/'));
        }
      }
    },
  },
  {
    name: 'the theme toggle switches themes and the choice survives a reload without a flash',
    async run(t) {
      const page = await t.page({ colorScheme: 'light' });
      // Records the theme at the moment <body> first exists: a stored choice must already be applied.
      await page.addInitScript(() => {
        new MutationObserver((_records, observer) => {
          if (document.body) {
            window.__themeAtBody = document.documentElement.dataset.theme ?? null;
            observer.disconnect();
          }
        }).observe(document, { childList: true, subtree: true });
      });
      await page.goto(t.url('/'));
      const html = page.locator('html');
      const toggle = page.getByRole('button', { name: 'Dark theme' });
      assert.equal(await html.getAttribute('data-theme'), 'light');
      assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
      const lightBackground = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);

      await toggle.click();
      assert.equal(await html.getAttribute('data-theme'), 'dark');
      assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
      assert.equal(await page.evaluate(() => localStorage.getItem('theme')), 'dark');
      const darkBackground = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
      assert.notEqual(darkBackground, lightBackground);

      await page.reload();
      assert.equal(await page.evaluate(() => window.__themeAtBody), 'dark');
      assert.equal(await html.getAttribute('data-theme'), 'dark');
      assert.equal(await toggle.getAttribute('aria-pressed'), 'true');

      await toggle.click();
      assert.equal(await html.getAttribute('data-theme'), 'light');
      assert.equal(await page.evaluate(() => localStorage.getItem('theme')), 'light');
    },
  },
  {
    name: 'without a stored choice the theme follows prefers-color-scheme',
    async run(t) {
      for (const scheme of ['dark', 'light']) {
        const page = await t.page({ colorScheme: scheme });
        await page.goto(t.url('/'));
        assert.equal(await page.locator('html').getAttribute('data-theme'), scheme);
        const pressed = await page.getByRole('button', { name: 'Dark theme' }).getAttribute('aria-pressed');
        assert.equal(pressed, String(scheme === 'dark'));
      }
    },
  },
  {
    name: 'the skip link moves focus to the main content',
    async run(t) {
      const page = await t.page();
      await page.goto(t.url('/'));
      await page.keyboard.press('Tab');
      const skip = page.getByRole('link', { name: 'Skip to content' });
      assert.ok(await skip.evaluate((a) => a === document.activeElement), 'the first Tab does not reach the skip link');
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
    },
  },
  {
    name: 'pages fit a phone-sized screen without scrolling sideways',
    async run(t) {
      const page = await t.page({ viewport: { width: 360, height: 740 } });
      await page.goto(t.url('/'));
      for (const path of ['/', ...(await homeLessonLinks(page)).map((l) => l.href)]) {
        await page.goto(t.url(path));
        const { scrollWidth, clientWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
        }));
        assert.ok(scrollWidth <= clientWidth, `${path} is ${scrollWidth}px wide in a ${clientWidth}px window`);
      }
    },
  },
  {
    name: 'pages load nothing from another host',
    async run(t) {
      const page = await t.page();
      const hosts = new Set();
      page.on('request', (request) => hosts.add(new URL(request.url()).host));
      await page.goto(t.url('/'));
      for (const link of await homeLessonLinks(page)) await page.goto(t.url(link.href), { waitUntil: 'networkidle' });
      assert.deepEqual([...hosts], [new URL(t.baseURL).host]);
    },
  },
  {
    name: 'the home page ships only a few kilobytes of script, and none of the lab',
    async run(t) {
      const page = await t.page();
      const scripts = [];
      page.on('response', async (response) => {
        if (response.request().resourceType() === 'script') scripts.push({ url: response.url(), bytes: (await response.body()).length });
      });
      await page.goto(t.url('/'), { waitUntil: 'networkidle' });
      const total = scripts.reduce((n, s) => n + s.bytes, 0);
      assert.ok(total < 8 * 1024, `the home page loads ${total} bytes of script: ${scripts.map((s) => s.url).join(', ')}`);
      assert.ok(!scripts.some((s) => /lab-console|xterm|progress-transfer\./.test(s.url)), scripts.map((s) => s.url).join(', '));
    },
  },
  // One test per page and theme: axe takes a while on a busy machine. Every lesson page is checked in both
  // themes with its lab running by lessons.e2e.mjs; here the home page and one lesson page as they first
  // load (the lab's pre-screen and stand-ins, before the lab is near the viewport).
  ...['/', lessonPaths()[0] ?? '/'].flatMap((path) =>
    ['light', 'dark'].map((scheme) => ({
      name: `axe finds no violations on ${path} (${scheme})`,
      async run(t) {
        const page = await t.page({ colorScheme: scheme });
        await page.goto(t.url(path));
        assert.equal(await page.locator('html').getAttribute('data-theme'), scheme);
        await expectNoAxeViolations(page, `${path} (${scheme})`);
      },
    })),
  ),
];
