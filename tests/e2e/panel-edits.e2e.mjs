// Browser tests for the config panel's editing code, which the lab page fetches apart from the machine
// (src/components/lab/config-panel.ts: control-edits.ts comes when the pointer or the focus reaches the
// panel, or at the first change). The panel shows the files' values without it; a change made with the
// keyboard before it has come is kept, and an Apply pressed meanwhile waits behind the change, so the
// reload loads the changed file. Expected output comes from the ground-truth corpus: terminal/
// term-postfix-cli (postfix reload on a terminal) and p25-level-encrypt (MAIL before STARTTLS).
import assert from 'node:assert/strict';
import { corpusReply, corpusTerminalLine, eventually, openLab, smtpSession, typeInTerminal, waitForScreen } from './lab-helpers.mjs';

const LAB = '/lab/';
const RELOAD_OUTPUT = corpusTerminalLine('term-postfix-cli', 'postfix/postfix-script: refreshing');

export const tests = [
  {
    name: 'a keyboard change and Apply made before the edit code has come both count, in order',
    async run(t) {
      const page = await t.page();
      /** The requests for the edit chunk, held until `release()`. */
      const held = [];
      let release = () => {};
      const released = new Promise((r) => (release = r));
      await page.route('**/_astro/control-edits.*.js', async (route) => {
        held.push(route.request().url());
        await released;
        await route.continue();
      });
      await openLab(page, t.url(LAB));
      // The panel shows the files' values at once, without the edit code.
      const level = page.getByLabel('smtpd_tls_security_level', { exact: true });
      assert.equal(await level.inputValue(), 'may');
      assert.equal(held.length, 0, 'the edit code was fetched before the panel was reached');
      // Keyboard only: focus the control (this asks for the code), pick the next value, then Apply.
      await level.focus();
      await eventually(async () => held.length > 0, { what: 'the edit code asked for on focus' });
      await page.keyboard.press('ArrowDown');
      assert.equal(await level.inputValue(), 'encrypt', 'the pick shows while the code comes');
      await page.getByRole('button', { name: 'Apply (postfix reload)' }).focus();
      await page.keyboard.press('Enter');
      const output = page.locator('.lab-panel__output');
      assert.equal(await output.textContent(), '', 'Apply ran before the change it follows');
      release();
      await eventually(async () => (await output.textContent()) === RELOAD_OUTPUT, { what: 'the reload output' });
      assert.equal(await level.inputValue(), 'encrypt');
      assert.equal(await page.locator('.lab-diff').count(), 0, 'the reload did not load the change');
      await typeInTerminal(page, 'postconf smtpd_tls_security_level\n');
      await waitForScreen(page, /\nsmtpd_tls_security_level = encrypt\n/);
      // What Postfix loaded answers MAIL before STARTTLS as the corpus's server at level encrypt does.
      const [refused] = corpusReply('p25-level-encrypt', 'MAIL FROM:<alice@example.org>');
      assert.ok(refused?.startsWith('530 '), refused);
      await smtpSession(page, [{ send: 'MAIL FROM:<alice@example.org>', expect: `\n${refused}` }]);
    },
  },
];
