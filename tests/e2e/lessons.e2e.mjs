// Browser tests for the course: a lesson's lab inline (loaded when it scrolls into view), exercises
// checked live and kept across reloads, progress on the home page with export and import, a corrupt
// stored lesson, the EHLO diff and the handshake diagram, and axe on every lesson page with its lab.
// Run by scripts/e2e.mjs against `astro preview` of the built site (see site.e2e.mjs for the chrome).
//
// Expected server output comes from the ground-truth corpus, never from the simulator:
// p25-level-may (EHLO with STARTTLS), p25-may-cert-missing (the 454 reply to STARTTLS).
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { corpusReply, eventually, labStarted, lessonKey, PROMPT, screenText, typeInTerminal, waitForScreen } from './lab-helpers.mjs';

const LESSONS_DIR = new URL('../../lessons/', import.meta.url);
const SCENARIOS_DIR = new URL('../../src/lesson-runtime/scenarios/', import.meta.url);

/** Every routed lesson: slug, exercises and whether it has a lab, from the source files. */
function lessons() {
  return readdirSync(LESSONS_DIR)
    .filter((f) => /^[^_].*\.mdx?$/.test(f))
    .map((f) => {
      const data = parseYaml(/^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(join(LESSONS_DIR.pathname, f), 'utf8'))[1]);
      return { slug: f.replace(/\.mdx?$/, '').replace(/^\d+-/, ''), order: data.order, lab: data.lab, exercises: data.exercises ?? [] };
    })
    .sort((a, b) => a.order - b.order);
}

/** A scenario's version as its source file says (stored images carry it). */
function scenarioVersion(name) {
  for (const f of readdirSync(SCENARIOS_DIR)) {
    if (!f.endsWith('.ts')) continue;
    const text = readFileSync(join(SCENARIOS_DIR.pathname, f), 'utf8');
    const m = new RegExp(`name: '${name}',\\s*version: (\\d+)`).exec(text);
    if (m) return Number(m[1]);
  }
  throw new Error(`no scenario ${name}`);
}

const TYPING = '/lessons/what-encrypting-email-means/';
const TOGGLING = '/lessons/opportunistic-tls/';
const CERTS = '/lessons/certificates/';
const EHLO_MAY = corpusReply('p25-level-may', 'EHLO client.example.com');
const STARTTLS_454 = corpusReply('p25-may-cert-missing', 'STARTTLS')[0];

/** Opens a lesson, scrolls its lab into view and waits for the prompt. */
async function openLessonLab(page, url) {
  await page.goto(url);
  await page.locator('.lesson-lab__console').scrollIntoViewIfNeeded();
  await waitForScreen(page, PROMPT, { timeout: 20_000, what: 'the prompt' });
  await labStarted(page);
  // The goals are checked once the lab's session runs: every exercise is then marked done or not.
  await eventually(async () => (await page.locator('.exercise:not([data-done])').count()) === 0, { what: 'the first goal check' });
}

function exercise(page, id) {
  return page.locator(`.exercise[data-exercise="${id}"]`);
}

async function waitDone(page, id) {
  await eventually(async () => (await exercise(page, id).getAttribute('data-done')) === 'true', { what: `exercise ${id} done` });
  assert.match(await exercise(page, id).locator('.exercise__badge').textContent(), /Done/);
}

/** Lines typed at the prompt or in a session, each waited for. */
async function typeLines(page, lines) {
  for (const { send, expect } of lines) {
    await typeInTerminal(page, `${send}\n`);
    if (expect !== undefined) await waitForScreen(page, expect);
  }
}

const TELNET_EHLO = [
  { send: 'telnet localhost 25', expect: '220 mail.example.org ESMTP Postfix' },
  { send: 'EHLO client.example.com', expect: '250 CHUNKING' },
  { send: 'QUIT', expect: '221 2.0.0 Bye' },
];

async function expectNoAxeViolations(page, label) {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n        ${v.nodes.map((n) => n.target.join(' ')).join('\n        ')}`,
  );
  assert.deepEqual(summary, [], `axe found violations on ${label}`);
}

/** Completes lesson 1's exercise by typing, as a learner would. */
async function completeByTyping(page, t) {
  await openLessonLab(page, t.url(TYPING));
  await typeLines(page, TELNET_EHLO);
  await waitDone(page, 'see-starttls');
}

export const tests = [
  {
    name: 'the terminal loads only when the lab scrolls into view (its prompt shows before)',
    async run(t) {
      const page = await t.page({ viewport: { width: 1000, height: 600 } });
      const scripts = [];
      page.on('request', (r) => {
        if (r.resourceType() === 'script') scripts.push(r.url());
      });
      await page.goto(t.url(TOGGLING), { waitUntil: 'networkidle' });
      // The light element is there at once, its prompt on the pre-screen (lab-console.ts); xterm is not.
      await waitForScreen(page, PROMPT);
      assert.equal(await page.locator('.xterm').count(), 0, 'xterm came before the lab was in view');
      assert.equal(scripts.filter((u) => /\/(lab-terminal-kit|mount-terminal|lesson-lab-main)\./.test(u)).length, 0);
      const before = scripts.length;
      await page.locator('.lesson-lab__console').scrollIntoViewIfNeeded();
      await page.locator('lab-console .xterm').waitFor({ timeout: 20_000 });
      await waitForScreen(page, PROMPT, { timeout: 20_000 });
      assert.ok(scripts.length > before, 'no script was loaded when the lab came into view');
      await labStarted(page);
      // Only the controls the lesson lists (the panel's code comes just after the machine: lab-machine.ts).
      await page.locator('.lab-panel .lab-field__label').first().waitFor();
      const labels = await page.locator('.lab-panel .lab-field__label').allTextContents();
      assert.deepEqual(labels.sort(), ['smtp_tls_security_level', 'smtpd_tls_security_level']);
    },
  },
  {
    name: 'an exercise completed by typing is marked done, announced, and still done after a reload',
    async run(t) {
      const page = await t.page();
      await openLessonLab(page, t.url(TYPING));
      assert.equal(await exercise(page, 'see-starttls').getAttribute('data-done'), 'false', 'done before anything was typed');
      await typeLines(page, TELNET_EHLO);
      await waitDone(page, 'see-starttls');
      const screen = await screenText(page);
      for (const line of EHLO_MAY) assert.ok(screen.split('\n').includes(line), `the terminal lacks ${line}`);
      assert.equal(await exercise(page, 'see-starttls').locator('.goal[data-met="true"]').count(), 1);
      assert.match(await page.locator('.lesson-lab__announcer').textContent(), /Exercise done/);
      assert.equal(await page.locator('.lesson-lab__announcer').getAttribute('aria-live'), 'polite');
      await eventually(
        async () =>
          (await page.evaluate((k) => localStorage.getItem(k), lessonKey('what-encrypting-email-means')))?.includes('see-starttls'),
        {
          what: 'the progress saved',
        },
      );

      await page.reload();
      // Marked from storage before the lab loads...
      assert.equal(await exercise(page, 'see-starttls').getAttribute('data-done'), 'true');
      // ...and still after it has.
      await page.locator('.lesson-lab__console').scrollIntoViewIfNeeded();
      await waitForScreen(page, PROMPT, { timeout: 20_000 });
      await new Promise((r) => setTimeout(r, 500));
      assert.equal(await exercise(page, 'see-starttls').getAttribute('data-done'), 'true');
    },
  },
  {
    name: 'an exercise completed with the panel: the forgot-reload hint, the EHLO diff gains STARTTLS, done after a reload',
    async run(t) {
      const page = await t.page();
      await openLessonLab(page, t.url(TOGGLING));
      const ex = exercise(page, 'enable-may');
      assert.equal(await ex.getAttribute('data-done'), 'false');
      await page.getByLabel('smtpd_tls_security_level', { exact: true }).selectOption('may');
      await page.getByLabel('smtp_tls_security_level', { exact: true }).selectOption('may');
      // Not applied yet: the hint for a forgotten reload shows.
      await eventually(async () => (await ex.locator('.hint:not([hidden])').allTextContents()).some((h) => /reload/.test(h)), {
        what: 'the forgot-reload hint',
      });
      await page.getByRole('button', { name: 'Apply (postfix reload)' }).click();
      // The EHLO diff: port 25 gained 250-STARTTLS, marked in words and by a sign, not by colour alone.
      const port25 = page.locator('.ehlo-service[data-port="25"]');
      await eventually(async () => (await port25.locator('ins').count()) === 1, { what: 'the EHLO diff' });
      assert.equal((await port25.locator('ins').textContent()).trim(), 'added: + 250-STARTTLS');
      assert.equal(await port25.locator('del').count(), 0);
      const lines = (await port25.locator('li').allTextContents()).map((l) => l.replace(/^added: \+ /, '').trim());
      assert.deepEqual(lines, EHLO_MAY);
      await eventually(async () => (await ex.locator('.hint:not([hidden])').count()) === 0, { what: 'the hint gone' });

      await typeLines(page, TELNET_EHLO);
      await waitDone(page, 'enable-may');
      await page.reload();
      assert.equal(await exercise(page, 'enable-may').getAttribute('data-done'), 'true');
      await page.locator('.lesson-lab__console').scrollIntoViewIfNeeded();
      await waitForScreen(page, PROMPT, { timeout: 20_000 });
      await new Promise((r) => setTimeout(r, 500));
      assert.equal(await exercise(page, 'enable-may').getAttribute('data-done'), 'true');
    },
  },
  {
    name: 'the handshake diagram draws the last connection: STARTTLS, the TLS flights, the version and cipher s_client printed',
    async run(t) {
      const page = await t.page();
      await openLessonLab(page, t.url(TYPING));
      await typeLines(page, [{ send: 'openssl s_client -starttls smtp -connect localhost:25 -crlf', expect: /Cipher is \S+/ }]);
      const [, version, cipher] = /New, (TLSv[\d.]+), Cipher is (\S+)/.exec(await screenText(page));
      // A line starting with Q ends s_client (it prints DONE), as the corpus's term-sclient-587-interactive shows.
      await typeLines(page, [{ send: 'QUIT', expect: /\nDONE\n/ }]);
      const picture = page.locator('[data-picture="handshake"]');
      await eventually(async () => (await picture.locator('svg').count()) === 1, { what: 'the diagram' });
      const svg = picture.locator('svg');
      assert.equal(await svg.getAttribute('role'), 'img');
      const alt = await picture.locator('.hs-alt li').allTextContents();
      const at = (re) => alt.findIndex((l) => re.test(l));
      assert.ok(at(/: STARTTLS$/) >= 0, alt.join('\n'));
      assert.ok(at(/220 2\.0\.0 Ready to start TLS/) > at(/: STARTTLS$/));
      assert.ok(at(/TLS ClientHello/) > at(/220 2\.0\.0 Ready to start TLS/));
      assert.ok(at(/TLS ServerHello/) > at(/TLS ClientHello/));
      assert.equal(alt.at(-1), `Encrypted with ${version}, cipher ${cipher}`);
      // The drawing says the same, in text nodes.
      assert.match(await svg.textContent(), new RegExp(`Encrypted with ${version.replace('.', '\\.')}`));
      // Keyboard: the drawing can be reached (and scrolled), the text version opened. The lab's views (panel,
      // mail.log, files) replace their stand-ins a quiet moment after the last key, and what lies below the lab
      // moves when they do: the click waits for them.
      assert.equal(await picture.locator('.hs-scroll').getAttribute('tabindex'), '0');
      await eventually(async () => (await page.locator('lab-console .lab-standin').count()) === 0, { what: 'the lab views' });
      await picture.locator('summary').click();
      assert.ok(await picture.locator('.hs-alt').isVisible());
    },
  },
  {
    name: 'the handshake diagram shows a failure: STARTTLS answered 454 with the key missing',
    async run(t) {
      const page = await t.page();
      await openLessonLab(page, t.url(CERTS));
      await typeLines(page, [
        { send: 'telnet localhost 25', expect: '220 mail.example.org ESMTP Postfix' },
        { send: 'EHLO client.example.com', expect: '250 CHUNKING' },
        { send: 'STARTTLS', expect: STARTTLS_454 },
        { send: 'QUIT', expect: '221 2.0.0 Bye' },
      ]);
      const picture = page.locator('[data-picture="handshake"]');
      await eventually(async () => (await picture.locator('.hs-alt li').allTextContents()).at(-1)?.startsWith('Failed: '), {
        what: 'the failure in the diagram',
      });
      const alt = await picture.locator('.hs-alt li').allTextContents();
      assert.equal(alt.at(-1), `Failed: ${STARTTLS_454}`);
      assert.ok(
        alt.some((l) => l === `Server to the client: ${STARTTLS_454}`),
        alt.join('\n'),
      );
    },
  },
  {
    name: 'progress exports to a file; cleared and imported again, it is back; a bad file changes nothing',
    async run(t) {
      const page = await t.page();
      await completeByTyping(page, t);
      await page.goto(t.url('/'));
      const status = page.locator('[data-progress-slug="what-encrypting-email-means"] .lesson-status');
      assert.match(await status.textContent(), /Done/);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export progress' }).click()]);
      const file = readFileSync(await download.path(), 'utf8');
      assert.deepEqual(JSON.parse(file).lessons['what-encrypting-email-means'].exercisesDone, ['see-starttls']);
      assert.match(await page.locator('[data-progress-message]').textContent(), /Exported the progress of 1 lesson/);

      await page.evaluate(() => localStorage.clear());
      await page.reload();
      assert.equal(await status.isVisible(), false);

      const input = page.locator('[data-progress-import]');
      await input.setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"something else"}') });
      await eventually(async () => /could not be imported/.test(await page.locator('[data-progress-message]').textContent()), {
        what: 'the bad-file message',
      });
      assert.equal(await status.isVisible(), false);

      await input.setInputFiles({ name: 'progress.json', mimeType: 'application/json', buffer: Buffer.from(file) });
      await eventually(async () => /Imported the progress of 1 lesson/.test(await page.locator('[data-progress-message]').textContent()), {
        what: 'the import message',
      });
      assert.match(await status.textContent(), /Done/);
      await page.goto(t.url(TYPING));
      assert.equal(await exercise(page, 'see-starttls').getAttribute('data-done'), 'true');
    },
  },
  {
    name: 'a corrupt stored value for one lesson is reported and reset there; the other lessons keep theirs',
    async run(t) {
      const page = await t.page();
      const good = JSON.stringify({
        format: 'postfix-tls-lab/image',
        version: 1,
        scenario: { name: 'lab-default', version: scenarioVersion('lab-default') },
        files: {},
        loaded: null,
        exercisesDone: ['see-starttls'],
      });
      await page.addInitScript(
        ([goodKey, goodValue, badKey]) => {
          if (sessionStorage.getItem('seeded') !== null) return;
          localStorage.setItem(goodKey, goodValue);
          localStorage.setItem(badKey, '{"format":"postfix-tls-lab/image","version":1,');
          sessionStorage.setItem('seeded', '1');
        },
        [lessonKey('what-encrypting-email-means'), good, lessonKey('opportunistic-tls')],
      );
      await openLessonLab(page, t.url(TOGGLING));
      assert.match(await page.locator('.lab-notice').textContent(), /could not be used/);
      assert.equal(await exercise(page, 'enable-may').getAttribute('data-done'), 'false');
      assert.equal(await page.evaluate((k) => localStorage.getItem(k), lessonKey('what-encrypting-email-means')), good);
      await page.goto(t.url('/'));
      assert.match(await page.locator('[data-progress-slug="what-encrypting-email-means"] .lesson-status').textContent(), /Done/);
      await page.goto(t.url(TYPING));
      assert.equal(await exercise(page, 'see-starttls').getAttribute('data-done'), 'true');
    },
  },
  {
    name: 'a lesson whose scenario changed since the progress was stored says so, keeps what was done, and offers a reset',
    async run(t) {
      const page = await t.page();
      const current = scenarioVersion('lab-default');
      const old = JSON.stringify({
        format: 'postfix-tls-lab/image',
        version: 1,
        scenario: { name: 'lab-default', version: current + 1 },
        files: { '/etc/postfix/kept-note': { content: 'from the old lab\n', mode: 0o644 } },
        loaded: null,
        exercisesDone: ['see-starttls'],
      });
      await page.addInitScript(
        ([key, value]) => {
          if (sessionStorage.getItem('seeded') !== null) return;
          localStorage.setItem(key, value);
          sessionStorage.setItem('seeded', '1');
        },
        [lessonKey('what-encrypting-email-means'), old],
      );
      await openLessonLab(page, t.url(TYPING));
      assert.match(await page.locator('.lab-notice').textContent(), /has changed since you last worked in it/);
      assert.equal(await exercise(page, 'see-starttls').getAttribute('data-done'), 'true');
      await typeLines(page, [{ send: 'cat /etc/postfix/kept-note', expect: /^from the old lab$/m }]);
      await page.getByRole('button', { name: 'Reset the lab…' }).click();
      await page.getByRole('dialog', { name: 'Reset the lab?' }).getByRole('button', { name: 'Reset' }).click();
      await eventually(
        async () => {
          const raw = await page.evaluate((k) => localStorage.getItem(k), lessonKey('what-encrypting-email-means'));
          return raw !== null && JSON.parse(raw).scenario.version === current;
        },
        { what: 'the image stored on the current scenario' },
      );
      const stored = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), lessonKey('what-encrypting-email-means')));
      assert.deepEqual(stored.files, {});
      assert.deepEqual(stored.exercisesDone, ['see-starttls']);
    },
  },
  {
    name: 'a lesson with its lab running and both pictures drawn fits a phone-sized screen',
    async run(t) {
      const page = await t.page({ viewport: { width: 360, height: 740 } });
      await openLessonLab(page, t.url(TYPING));
      await typeLines(page, [{ send: 'openssl s_client -starttls smtp -connect localhost:25 -crlf', expect: /Cipher is \S+/ }]);
      await typeLines(page, [{ send: 'QUIT', expect: /\nDONE\n/ }]);
      await eventually(async () => (await page.locator('[data-picture="handshake"] svg').count()) === 1, { what: 'the diagram' });
      await eventually(async () => (await page.locator('[data-picture="ehlo"] .ehlo-service').count()) > 0, { what: 'the EHLO picture' });
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }));
      assert.ok(scrollWidth <= clientWidth, `the page is ${scrollWidth}px wide in a ${clientWidth}px window`);
    },
  },
  // Both themes on one page (the light one, then the site's toggle): one lab boot per lesson keeps the suite short.
  ...lessons()
    .filter((l) => l.lab !== undefined)
    .map((l) => ({
      name: `axe finds no violations on /lessons/${l.slug}/ with its lab running and a connection drawn (light, then dark)`,
      async run(t) {
        const page = await t.page({ colorScheme: 'light' });
        await openLessonLab(page, t.url(`/lessons/${l.slug}/`));
        await typeLines(page, [
          { send: 'telnet localhost 25', expect: /220 mail\.example\.org ESMTP Postfix|Unable to connect/ },
          { send: 'QUIT', expect: (s) => s.trimEnd().endsWith(PROMPT.trim()) },
        ]);
        await page
          .locator('details.solution')
          .first()
          .evaluate((d) => (d.open = true));
        assert.equal(await page.locator('html').getAttribute('data-theme'), 'light');
        await expectNoAxeViolations(page, `/lessons/${l.slug}/ (light)`);
        await page.getByRole('button', { name: 'Dark theme' }).click();
        await eventually(async () => (await page.locator('html').getAttribute('data-theme')) === 'dark', { what: 'the dark theme' });
        await expectNoAxeViolations(page, `/lessons/${l.slug}/ (dark)`);
      },
    })),
];
