// Browser tests for the lab's prompt before xterm (issue 12, "navigation to prompt under 300 ms"): the
// pre-screen (src/components/lab/pre-screen.ts) shows the shell's first screen and takes keys while the
// terminal kit (lab-terminal-kit.ts: xterm and the shell) is still on its way; once it comes, the shell
// gets those keys as if typed there. The kit's chunk is held back here until the test lets it go.
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { eventually, PROMPT, screenText, waitForScreen } from './lab-helpers.mjs';

/** The lesson scripts/bench-pages.mjs measures. */
const LESSON = '/lessons/what-encrypting-email-means/';

const KIT = /\/_astro\/lab-terminal-kit\.[^/]*\.js$/;
const LINKS = /\/_astro\/addon-web-links\.[^/]*\.js$/;

/** Holds the terminal kit's chunk until `release()`; `requested` tells whether the page has asked for it. */
async function holdKit(page) {
  let release;
  const gate = new Promise((resolve) => (release = resolve));
  const state = { requested: false, release: () => release() };
  await page.route(KIT, async (route) => {
    state.requested = true;
    await gate;
    await route.continue();
  });
  return state;
}

/** The keys of the typing tests: a typo taken back, a line run, a second line typed before the first has answered. */
async function typeKeys(page) {
  await page.keyboard.type('echo onx');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('e two');
  await page.keyboard.press('Enter');
  await page.keyboard.type('echo three');
  await page.keyboard.press('Enter');
}

const DONE = (s) => s.endsWith(`three\n${PROMPT}`);

export const tests = [
  {
    name: 'keys typed at the pre-screen reach the shell once xterm comes: the same screen as typing after the mount',
    async run(t) {
      // Typed after the mount, in xterm.
      const after = await t.page();
      await after.goto(t.url('/lab/'));
      await after.locator('.xterm-helper-textarea').focus();
      await typeKeys(after);
      const expected = await waitForScreen(after, DONE, { what: 'both lines run' });

      // Typed at the pre-screen, the kit held back.
      const page = await t.page();
      const kit = await holdKit(page);
      await page.goto(t.url('/lab/'));
      await waitForScreen(page, (s) => s === PROMPT.trimEnd() || s === PROMPT, { what: 'the pre-screen prompt' });
      assert.equal(await screenText(page), PROMPT, 'the pre-screen shows the prompt, trailing space included');
      assert.equal(await page.locator('lab-console .xterm').count(), 0, 'xterm is not there yet');
      await eventually(() => kit.requested, { what: 'the kit asked for' });
      // "Go to the terminal" reaches the pre-screen's input.
      await page.getByRole('button', { name: 'Go to the terminal' }).click();
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Terminal input');
      await typeKeys(page);
      assert.equal(await screenText(page), `${PROMPT}echo one two\necho three`, 'the pre-screen echoes, the lines wait');
      assert.equal(await page.locator('lab-console .xterm').count(), 0, 'xterm is still held back');
      // Nothing typed is HTML: the echo is one text node.
      assert.deepEqual(
        await page
          .locator('.lab-prescreen__rows > span')
          .first()
          .evaluate((el) => [...el.childNodes].map((n) => n.nodeType)),
        [3],
      );

      kit.release();
      const got = await waitForScreen(page, DONE, { what: 'both lines run after the mount' });
      assert.equal(got, expected, 'the same screen as typing after the mount');
      assert.equal(got.split('\n').filter((l) => l === 'one two').length, 1, 'the first line ran once');
      await eventually(async () => (await page.locator('.lab-prescreen').count()) === 0, { what: 'the pre-screen gone' });
      assert.equal(
        await page.evaluate(() => document.activeElement?.classList.contains('xterm-helper-textarea')),
        true,
        'the focus moved into xterm',
      );
      // And typing goes on in xterm.
      await page.keyboard.type('echo four\n');
      await waitForScreen(page, `four\n${PROMPT}`, { what: 'a line typed after the mount' });
    },
  },
  {
    name: 'the pre-screen is labelled like xterm’s input, passes axe, and xterm’s first row lands where its prompt was',
    async run(t) {
      const page = await t.page();
      const kit = await holdKit(page);
      await page.goto(t.url('/lab/'));
      await waitForScreen(page, PROMPT, { what: 'the pre-screen prompt' });
      const input = page.getByRole('textbox', { name: 'Terminal input' });
      assert.equal(await input.count(), 1);
      const hint = await input.evaluate((el) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent ?? '');
      assert.match(hint, /To leave the terminal, press Esc, then Tab/);
      const results = await new AxeBuilder({ page }).analyze();
      const summary = results.violations.map(
        (v) => `${v.id} (${v.impact}): ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      );
      assert.deepEqual(summary, [], 'axe found violations on the pre-screen');
      // The cursor blinks when focused, unless motion is reduced.
      await input.focus();
      const animation = () => page.locator('.lab-prescreen__cursor').evaluate((el) => getComputedStyle(el).animationName);
      assert.equal(await animation(), 'lab-cursor-blink');
      await page.emulateMedia({ reducedMotion: 'reduce' });
      assert.equal(await animation(), 'none');
      await input.blur();
      // Where the prompt's first character sits, before and after xterm comes.
      const firstChar = (selector) =>
        page
          .locator(selector)
          .first()
          .evaluate((el) => {
            const text = document.createTreeWalker(el, NodeFilter.SHOW_TEXT).nextNode();
            const range = document.createRange();
            range.setStart(text, 0);
            range.setEnd(text, 1);
            const r = range.getBoundingClientRect();
            return { x: r.x, y: r.y, height: r.height, lineHeight: getComputedStyle(el).lineHeight };
          });
      const before = await firstChar('.lab-prescreen__rows');
      kit.release();
      await page.locator('lab-console .xterm-rows > div').first().waitFor();
      await eventually(async () => (await page.locator('.lab-prescreen').count()) === 0, { what: 'the pre-screen gone' });
      const after = await firstChar('lab-console .xterm-rows > div');
      assert.equal(after.lineHeight, before.lineHeight, 'the same row height');
      assert.ok(
        Math.abs(after.x - before.x) < 1 && Math.abs(after.y - before.y) < 1,
        `the prompt moved: ${JSON.stringify({ before, after })}`,
      );
      assert.ok(Math.abs(after.height - before.height) < 1, `the text's height changed: ${JSON.stringify({ before, after })}`);
    },
  },
  {
    name: 'a lesson’s lab shows its prompt at once and fetches the terminal only near the viewport; web links come later',
    async run(t) {
      const page = await t.page();
      const kit = await holdKit(page);
      const links = { requested: false };
      page.on('request', (r) => {
        if (LINKS.test(r.url())) links.requested = true;
      });
      await page.goto(t.url(LESSON));
      await waitForScreen(page, PROMPT, { what: 'the prompt, far below the viewport' });
      await page.waitForTimeout(300);
      assert.equal(kit.requested, false, 'the kit is not fetched while the lab is far from the viewport');
      kit.release();
      await page.locator('lab-console').scrollIntoViewIfNeeded();
      await page.locator('lab-console .xterm-helper-textarea').focus();
      await page.keyboard.type('echo ready\n');
      await waitForScreen(page, `ready\n${PROMPT}`, { what: '`ready`' });
      assert.equal(kit.requested, true);
      assert.equal(links.requested, false, 'the web-links addon waits for the pointer or a quiet page');
      await page.locator('lab-console .xterm').hover();
      await eventually(() => links.requested, { what: 'the web-links addon fetched when the pointer reaches the terminal' });
    },
  },
  {
    name: 'the built page shows the prompt and takes keys before any script has run; the element then runs them',
    async run(t) {
      // Typed after the mount, in xterm.
      const after = await t.page();
      await after.goto(t.url('/lab/'));
      await after.locator('.xterm-helper-textarea').focus();
      await after.keyboard.type('echo before\n');
      const expected = await waitForScreen(after, (s) => s.endsWith(`before\n${PROMPT}`), { what: 'the line run' });

      // Every module script of the page held back (the theme's, which the parser waits for, goes): what shows is
      // the HTML alone (LabFirstLook.astro).
      const page = await t.page();
      let release;
      const gate = new Promise((resolve) => (release = resolve));
      await page.route(/\/_astro\/.*\.js$/, async (route) => {
        if (!/\/theme-init\.[^/]*\.js$/.test(route.request().url())) await gate;
        await route.continue();
      });
      await page.goto(t.url('/lab/'), { waitUntil: 'commit' });
      const rows = page.locator('lab-console [data-part="prescreen-rows"]');
      await rows.waitFor();
      assert.equal(await rows.textContent(), `${PROMPT} `, 'the prompt (and the cursor cell) is in the HTML');
      assert.equal(await page.evaluate(() => customElements.get('lab-console')), undefined, 'no script has run');
      const input = page.getByRole('textbox', { name: 'Terminal input' });
      assert.equal(await input.count(), 1, 'the input is labelled in the HTML');
      assert.equal(
        await input.evaluate((el) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent),
        'Tab completes commands and file names. To leave the terminal, press Esc, then Tab.',
      );
      await input.focus();
      await page.keyboard.type('echo beforf');
      await page.keyboard.press('Backspace');
      await page.keyboard.type('e');
      await page.keyboard.press('Enter');
      release();
      const got = await waitForScreen(page, (s) => s.endsWith(`before\n${PROMPT}`), { what: 'the line run once the scripts came' });
      assert.equal(got, expected, 'the same screen as typing after the mount');
      assert.equal(await page.locator('lab-console > :not(.lab)').count(), 0, 'the element keeps the first look and nothing else');
      assert.equal(await page.locator('lab-console .lab').count(), 1);
    },
  },
];
