// Browser tests for embeds: /embed/<name>/ in a sandboxed iframe (allow-scripts only) on a page from
// ANOTHER origin served with no special headers (a second tiny static server), and /embed.js's
// <postfix-lab> element, which creates that frame and takes the height the lab reports.
// Expected server output comes from the ground-truth corpus (term-telnet-25-may screens).
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { corpusScreen, eventually, PROMPT, screenText, typeInTerminal, waitForScreen } from './lab-helpers.mjs';
import { hostPage } from './host-page.mjs';

const LESSONS_DIR = new URL('../../lessons/', import.meta.url);

/** One exercise of a lesson, from the lesson's source file (its goals and its solution). */
function lessonExercise(slug, id) {
  const file = readdirSync(LESSONS_DIR.pathname).find((f) => f.replace(/\.mdx?$/, '').replace(/^\d+-/, '') === slug);
  assert.ok(file !== undefined, `no lesson ${slug}`);
  const data = parseYaml(/^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(join(LESSONS_DIR.pathname, file), 'utf8'))[1]);
  const ex = data.exercises.find((e) => e.id === id);
  assert.ok(ex !== undefined, `no exercise ${id} in ${slug}`);
  return ex;
}

export const tests = [
  {
    name: 'embed: a lab in a sandboxed iframe on another origin accepts typing and answers EHLO; storage blocked is said once',
    async run(t) {
      const src = t.url('/embed/lab-default/');
      const { host, page } = await hostPage(
        t,
        `<iframe src="${src}" title="Postfix TLS Lab" sandbox="allow-scripts" style="width:1200px;height:900px"></iframe>`,
      );
      try {
        await page.goto(`${host.origin}/`);
        const frame = await eventually(async () => page.frames().find((f) => f.url() === src), { what: 'the lab frame' });
        await waitForScreen(frame, PROMPT);
        assert.equal(await frame.evaluate(() => origin), 'null', 'the frame is sandboxed (opaque origin)');
        await typeInTerminal(page, 'telnet localhost 25\n', frame);
        await waitForScreen(frame, '220 mail.example.org ESMTP Postfix');
        await page.keyboard.type('EHLO client.example.com\n');
        const screen = await waitForScreen(frame, '250 CHUNKING');
        // The EHLO answer, as real Postfix 3.7.11 gives it (corpus terminal/term-telnet-25-may).
        const expected = corpusScreen('term-telnet-25-may', 'EHLO client.example.com').filter((l) => l.startsWith('250'));
        for (const line of expected)
          assert.ok(
            screen
              .split('\n')
              .map((l) => l.trimEnd())
              .includes(line),
            `missing ${line}\n${screen}`,
          );
        await frame.getByText('does not let the lab keep your work').waitFor();
        assert.equal(await frame.getByText('does not let the lab keep your work').count(), 1);
        assert.equal(await frame.locator('header, nav').count(), 0, 'no site chrome');
      } finally {
        await host.close();
      }
    },
  },
  {
    name: 'embed: <postfix-lab> from /embed.js creates the sandboxed frame, shows one exercise and takes the reported height',
    async run(t) {
      const { host, page } = await hostPage(
        t,
        `<script src="${t.url('/embed.js')}"></script><postfix-lab scenario="opportunistic-tls" exercise="enable-may"><a href="${t.url('/embed/opportunistic-tls/')}">Try it</a></postfix-lab>`,
      );
      try {
        await page.goto(`${host.origin}/`);
        const iframe = page.locator('postfix-lab iframe');
        await iframe.waitFor();
        assert.equal(await iframe.getAttribute('sandbox'), 'allow-scripts');
        const src = t.url('/embed/opportunistic-tls/?exercise=enable-may');
        assert.equal(await iframe.getAttribute('src'), src);
        const frame = await eventually(async () => page.frames().find((f) => f.url() === src), { what: 'the lab frame' });
        await waitForScreen(frame, PROMPT);
        await eventually(
          async () => {
            const reported = await frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
            const height = await iframe.evaluate((f) => f.clientHeight);
            return reported !== 700 && Math.abs(height - reported) <= 1;
          },
          { what: 'the frame to take the reported height' },
        );
        const shown = await frame.locator('[data-exercise]:visible').evaluateAll((els) => els.map((e) => e.dataset.exercise));
        assert.deepEqual(shown, ['enable-may']);
      } finally {
        await host.close();
      }
    },
  },
  {
    name: "embed: in a sandboxed frame with storage blocked, typing the exercise's solution ticks its goals and marks it done",
    async run(t) {
      const ex = lessonExercise('opportunistic-tls', 'enable-may');
      const src = t.url('/embed/opportunistic-tls/?exercise=enable-may');
      const { host, page } = await hostPage(
        t,
        `<iframe src="${src}" title="Postfix TLS Lab" sandbox="allow-scripts" style="width:1200px;height:1000px"></iframe>`,
      );
      try {
        await page.goto(`${host.origin}/`);
        const frame = await eventually(async () => page.frames().find((f) => f.url() === src), { what: 'the lab frame' });
        await waitForScreen(frame, PROMPT);
        const item = frame.locator('.exercise[data-exercise="enable-may"]');
        const goals = item.locator('.goal');
        assert.equal(await goals.count(), ex.goals.length);
        assert.deepEqual(
          await goals.locator('.goal__text').allTextContents(),
          ex.goals.map((g) => g.text),
        );
        // The first check has run: every goal says it is not met yet, in words too. It comes with the machine,
        // which an untouched lab fetches after some quiet seconds: on a loaded machine that is past 10 s.
        await eventually(async () => (await item.locator('.goal[data-met="false"]').count()) === ex.goals.length, {
          what: 'the goals checked as not met',
          timeout: 25_000,
        });
        assert.deepEqual(
          await goals.locator('.goal__state').allTextContents(),
          ex.goals.map(() => 'Not met: '),
        );
        assert.equal(await item.getAttribute('data-done'), 'false');
        // The solution, typed as a learner would (every step of this one is a typed line).
        for (const step of ex.solution) {
          assert.equal(typeof step, 'string', 'a panel step in the solution: this test types lines only');
          const before = await screenText(frame);
          await typeInTerminal(page, `${step}\n`, frame);
          if (/^telnet /.test(step)) await waitForScreen(frame, /^220 /m, { what: 'the greeting' });
          else if (/^EHLO /.test(step)) await waitForScreen(frame, /^250 [A-Z]/m, { what: 'the EHLO answer' });
          else await waitForScreen(frame, (s) => s !== before && s.trimEnd().endsWith(PROMPT.trim()), { what: `the prompt after ${step}` });
        }
        await eventually(async () => (await item.getAttribute('data-done')) === 'true', { what: 'the exercise done' });
        assert.equal(await item.locator('.goal[data-met="true"]').count(), ex.goals.length);
        assert.deepEqual(
          await goals.locator('.goal__state').allTextContents(),
          ex.goals.map(() => 'Met: '),
        );
        assert.match(await item.locator('.exercise__badge').textContent(), /Done/);
        const news = frame.locator('.embed__announcer');
        assert.equal(await news.getAttribute('aria-live'), 'polite');
        assert.match(await news.textContent(), /Exercise done/);
        // Storage is blocked in the opaque-origin frame: said once, and the checks went on regardless.
        assert.equal(await frame.getByText('does not let the lab keep your work').count(), 1);
      } finally {
        await host.close();
      }
    },
  },
  {
    name: 'axe finds no violations on an embed with its exercise checklist, before and after a goal is met',
    async run(t) {
      const page = await t.page();
      await page.goto(t.url('/embed/opportunistic-tls/?exercise=enable-may'));
      await waitForScreen(page, PROMPT);
      const axe = async (label) => {
        const results = await new AxeBuilder({ page }).analyze();
        const summary = results.violations.map(
          (v) => `${v.id} (${v.impact}): ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
        );
        assert.deepEqual(summary, [], `axe found violations on ${label}`);
      };
      await axe('the embed');
      // One goal met (the client's level loaded), then an edit left unapplied: the forgot-reload hint shows.
      await typeInTerminal(page, "postconf -e 'smtp_tls_security_level = may'\npostfix reload\n");
      await eventually(async () => (await page.locator('.goal[data-met="true"]').count()) > 0, { what: 'a goal met' });
      await typeInTerminal(page, "postconf -e 'smtpd_tls_security_level = may'\n");
      await page.locator('.hint').filter({ hasText: 'postfix reload' }).waitFor();
      await axe('the embed with a goal met and a hint shown');
    },
  },
];
