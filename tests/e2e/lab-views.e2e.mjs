// Browser tests for the lab's views chunk (issue 12, weight): the configuration panel, the mail.log pane and
// the file views (src/components/lab/lab-views.ts) come after the machine, when the learner turns to them
// (the pointer on a stand-in), when the page has been quiet for a moment, or at once for a reset. A first
// `telnet localhost 25` and EHLO never fetch them; when they come they show the files and the log as they
// are then, announce only the lines logged after, and a change made as they arrive edits the files.
import assert from 'node:assert/strict';
import { clearScreen, eventually, openLab, PROMPT, typeInTerminal, waitForScreen } from './lab-helpers.mjs';

const LAB = '/lab/';
const VIEWS_CHUNK = '/_astro/lab-views.';
const STANDINS = 'lab-console .lab-standin';

/** The script URLs the page asks for, in order. */
function recordScripts(page) {
  const urls = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') urls.push(new URL(request.url()).pathname);
  });
  return urls;
}

const fetched = (urls, part) => urls.some((u) => u.includes(part));

/** telnet to port 25, EHLO, then QUIT (the prompt back). */
async function ehloSession(page) {
  await typeInTerminal(page, 'telnet localhost 25\n');
  await waitForScreen(page, '220 mail.example.org ESMTP Postfix');
  await page.keyboard.type('EHLO client.example.com\n');
  await waitForScreen(page, '250 CHUNKING');
}

export const tests = [
  {
    name: 'the first EHLO is answered before the views are fetched; the pointer on a stand-in brings them, with the log so far',
    async run(t) {
      const page = await t.page();
      const scripts = recordScripts(page);
      await page.goto(t.url(LAB));
      await waitForScreen(page, PROMPT, { what: 'the prompt' });
      await ehloSession(page);
      assert.equal(fetched(scripts, VIEWS_CHUNK), false, `the views came before the first EHLO answer:\n${scripts.join('\n')}`);
      assert.equal(await page.locator(STANDINS).count(), 3, 'the stand-ins stay until the views come');
      assert.equal(await page.locator(`${STANDINS}[aria-busy="true"]`).count(), 3);

      // The pointer reaches the panel's stand-in: the views come, and the panel's editing code with them.
      await page.locator('lab-console .lab-panel.lab-standin').hover();
      const level = page.getByLabel('smtpd_tls_security_level', { exact: true });
      assert.equal(await level.inputValue(), 'may');
      assert.ok(fetched(scripts, VIEWS_CHUNK));
      await eventually(() => fetched(scripts, '/_astro/control-edits.'), { what: 'the edit code, asked for at the panel' });
      assert.equal(await page.locator(STANDINS).count(), 0);
      // The lines logged before the pane came are in it; none of them is announced.
      const log = page.locator('.lab-log__lines');
      assert.match(await log.textContent(), /connect from localhost\[127\.0\.0\.1\]/);
      const live = page.locator('.lab-log [aria-live="polite"]');
      await new Promise((r) => setTimeout(r, 2500));
      assert.equal(await live.textContent(), '', 'the backlog was announced');
      // A line logged from now on is.
      await page.keyboard.type('QUIT\n');
      await waitForScreen(page, (s) => s.includes('221 2.0.0 Bye') && s.trimEnd().endsWith(PROMPT.trim()), {
        what: 'the end of the session',
      });
      let said = '';
      await eventually(async () => /disconnect from/.test((said = (await live.textContent()) ?? '')), {
        what: 'the disconnect line announced',
      }).catch((e) => assert.fail(`${e.message}: ${said}`));
      assert.match(said, /^New mail\.log line: postfix\/smtpd: disconnect from localhost\[127\.0\.0\.1\]/);

      // The panel works: a change is in the file, shown as pending.
      await level.selectOption('encrypt');
      await eventually(async () => /^\+ smtpd_tls_security_level = encrypt$/m.test((await page.locator('.lab-diff').textContent()) ?? ''), {
        what: 'the pending diff',
      });
    },
  },
  {
    name: 'without the pointer, the views come once the page has been quiet for a moment after the machine',
    async run(t) {
      const page = await t.page();
      const scripts = recordScripts(page);
      await openLab(page, t.url(LAB));
      // Keys keep it waiting.
      await typeInTerminal(page, '');
      for (let i = 0; i < 8; i++) {
        await page.keyboard.type('echo busy\n');
        await new Promise((r) => setTimeout(r, 300));
      }
      assert.equal(fetched(scripts, VIEWS_CHUNK), false, 'the views came while keys were typed');
      await eventually(async () => (await page.locator(STANDINS).count()) === 0, {
        what: 'the views after a quiet spell',
        timeout: 10_000,
      });
      assert.equal(fetched(scripts, '/_astro/control-edits.'), false, 'the edit code came without the panel being reached');
      assert.equal(await page.getByLabel('smtpd_tls_loglevel', { exact: true }).inputValue(), '1');
    },
  },
  {
    name: 'the views show the files as they are when they come, and a change made as they arrive is kept',
    async run(t) {
      const page = await t.page();
      let release = () => {};
      const released = new Promise((r) => (release = r));
      await page.route(`**${VIEWS_CHUNK}*.js`, async (route) => {
        await released;
        await route.continue();
      });
      await openLab(page, t.url(LAB));
      // Asked for (the pointer on the log's stand-in) and held; meanwhile the terminal edits main.cf and runs a session.
      await page.locator('lab-console .lab-log.lab-standin').hover();
      await typeInTerminal(page, 'postconf -e smtpd_tls_loglevel=2\n');
      await waitForScreen(page, `${PROMPT}postconf -e smtpd_tls_loglevel=2\n${PROMPT}`);
      await ehloSession(page);
      await page.keyboard.type('QUIT\n');
      await waitForScreen(page, '221 2.0.0 Bye');
      assert.equal(await page.locator(STANDINS).count(), 3);
      release();
      // The change, made the moment the control is there.
      const loglevel = page.getByLabel('smtpd_tls_loglevel', { exact: true });
      await loglevel.waitFor({ state: 'attached', timeout: 10_000 });
      assert.equal(await loglevel.inputValue(), '2', 'the views did not show the file as the terminal left it');
      await loglevel.selectOption('4');
      await clearScreen(page);
      await typeInTerminal(page, 'postconf smtpd_tls_loglevel\n');
      await waitForScreen(page, /\nsmtpd_tls_loglevel = 4\n/);
      assert.equal(await loglevel.inputValue(), '4');
      assert.match(await page.locator('.lab-log__lines').textContent(), /disconnect from localhost\[127\.0\.0\.1\]/);
      // Pending (the edit is not loaded yet), then loaded by Apply.
      const diff = page.locator('.lab-diff');
      await eventually(async () => /^\+ smtpd_tls_loglevel = 4$/m.test((await diff.textContent()) ?? ''), { what: 'the pending diff' });
      await page.getByRole('button', { name: 'Apply (postfix reload)' }).click();
      await eventually(async () => (await diff.count()) === 0, { what: 'nothing pending after Apply' });
    },
  },
  {
    name: 'Tab onto the panel’s stand-in brings the views, and the focus goes on to the first control',
    async run(t) {
      const page = await t.page();
      const scripts = recordScripts(page);
      await openLab(page, t.url(LAB));
      await page.getByRole('button', { name: 'Reset the lab…' }).focus();
      assert.equal(fetched(scripts, VIEWS_CHUNK), false, 'the views came before the Tab');
      await page.keyboard.press('Tab');
      const level = page.getByLabel('smtpd_tls_security_level', { exact: true });
      await level.waitFor({ state: 'attached', timeout: 5000 });
      await eventually(() => level.evaluate((el) => el === document.activeElement), { what: 'the focus on the first control' });
      await eventually(() => fetched(scripts, '/_astro/control-edits.'), { what: 'the edit code, asked for at the panel' });
      await page.keyboard.press('ArrowDown');
      await eventually(async () => /^\+ smtpd_tls_security_level = encrypt$/m.test((await page.locator('.lab-diff').textContent()) ?? ''), {
        what: 'the change made with the keyboard',
      });
    },
  },
  {
    name: 'a reset brings the views at once',
    async run(t) {
      const page = await t.page();
      const scripts = recordScripts(page);
      await openLab(page, t.url(LAB));
      await typeInTerminal(page, 'echo before-reset\n');
      assert.equal(fetched(scripts, VIEWS_CHUNK), false, 'the views came before the reset');
      await page.getByRole('button', { name: 'Reset the lab…' }).click();
      await page.getByRole('dialog', { name: 'Reset the lab?' }).getByRole('button', { name: 'Reset' }).click();
      // Sooner than the quiet spell would bring them (keys keep that one waiting).
      const started = Date.now();
      await eventually(() => fetched(scripts, VIEWS_CHUNK), { what: 'the views asked for by the reset', timeout: 1000, every: 20 });
      assert.ok(Date.now() - started < 1000);
      assert.equal(await page.getByLabel('smtpd_tls_security_level', { exact: true }).inputValue(), 'may');
    },
  },
];
