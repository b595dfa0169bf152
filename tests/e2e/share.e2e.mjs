// Browser tests for share links (src/lesson-runtime/share-link.ts, src/components/embed/share-bar.ts):
// "Copy link" on /lab/ gives a link that reopens the lab's files in a fresh browser context as an
// unsaved copy (the learner's saved lab untouched until "Keep this lab"); a crafted bad link is refused
// with its reason and the starting lab, and stored progress stays as it was. The bar's actions
// (share-bar-actions.ts) come only when the bar is approached, and its first press works from the keyboard.
import assert from 'node:assert/strict';
import { IMAGE_KEY, openLab, PROMPT, typeInTerminal, waitForScreen } from './lab-helpers.mjs';

const LAB = '/lab/';

function stored(page) {
  return page.evaluate((key) => localStorage.getItem(key), IMAGE_KEY);
}

async function waitStored(page, test, what) {
  const deadline = Date.now() + 5000;
  let last = null;
  while (Date.now() < deadline) {
    last = await stored(page);
    if (last !== null && test(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the lab never stored ${what}; stored: ${last}`);
}

/** A lab with a saved change of its own (smtpd_tls_loglevel = 2), and what it stored. */
async function labWithSavedWork(t) {
  const page = await t.page();
  await openLab(page, t.url(LAB));
  await typeInTerminal(page, 'postconf -e smtpd_tls_loglevel=2\n');
  const saved = await waitStored(page, (v) => v.includes('smtpd_tls_loglevel = 2'), 'the loglevel edit');
  return { page, saved };
}

async function postconfN(page, name) {
  await typeInTerminal(page, 'clear\n');
  await waitForScreen(page, (s) => s.trim() === PROMPT.trim(), { what: 'a cleared screen' });
  await typeInTerminal(page, `postconf -n ${name}\n`);
  await new Promise((r) => setTimeout(r, 300));
  return waitForScreen(page, (s) => s.trimEnd().endsWith(PROMPT.trim()) && s.includes(`postconf -n ${name}\n`), {
    what: 'postconf output',
  });
}

export const tests = [
  {
    name: 'share: a copied link reopens the lab in a fresh context as an unsaved copy; Keep this lab saves it',
    async run(t) {
      const a = await t.page();
      await openLab(a, t.url(LAB));
      await typeInTerminal(a, "printf 'example.net encrypt\\n' > /etc/postfix/tls_policy\n");
      await typeInTerminal(a, 'postconf -e smtpd_tls_security_level=encrypt\n');
      await new Promise((r) => setTimeout(r, 300));
      await a.getByRole('button', { name: 'Copy link' }).click();
      const box = a.getByRole('textbox', { name: 'Link to this lab' });
      await box.waitFor();
      const link = await box.inputValue();
      assert.match(link, /\/lab\/#lab=v1\.z[A-Za-z0-9_-]+$/);

      const { page: b, saved } = await labWithSavedWork(t);
      await b.goto(t.url('/'));
      await b.goto(link);
      await b.getByText('You opened a shared lab').waitFor();
      const screen = await postconfN(b, 'smtpd_tls_security_level');
      assert.ok(screen.includes('smtpd_tls_security_level = encrypt'), screen);
      await typeInTerminal(b, 'cat /etc/postfix/tls_policy\n');
      await waitForScreen(b, 'example.net encrypt');
      // Nothing typed in the copy reaches the saved lab, not even when the page goes.
      await b.goto(t.url('/'));
      assert.equal(await stored(b), saved);

      await b.goto(link);
      await b.getByText('You opened a shared lab').waitFor();
      await b.getByRole('button', { name: 'Keep this lab' }).click();
      await waitStored(b, (v) => v.includes('smtpd_tls_security_level = encrypt'), 'the kept copy');
      assert.ok(!b.url().includes('#lab='), 'the link left the address bar once kept');
    },
  },
  {
    name: 'share: a crafted bad link says why, opens the starting lab and leaves stored progress intact',
    async run(t) {
      const { page, saved } = await labWithSavedWork(t);
      for (const bad of ['#lab=v1.zAAAAAAAA', '#lab=v9.zAAAA', `#lab=v1.j${'A'.repeat(70_000)}`]) {
        await page.goto(t.url('/'));
        await page.goto(t.url(`${LAB}${bad}`));
        const notice = page.getByText('This link’s lab could not be opened');
        await notice.waitFor();
        assert.match(await notice.textContent(), /damaged|newer version|too big/);
        const screen = await postconfN(page, 'smtpd_tls_loglevel');
        assert.ok(!screen.includes('smtpd_tls_loglevel = 2'), 'the starting lab, not the saved one');
        await page.goto(t.url('/'));
        assert.equal(await stored(page), saved);
      }
      // The saved lab is still there for the next plain visit.
      await openLab(page, t.url(LAB));
      const screen = await postconfN(page, 'smtpd_tls_loglevel');
      assert.ok(screen.includes('smtpd_tls_loglevel = 2'), screen);
    },
  },
  {
    name: 'share: the bar’s code comes when it is approached; Copy link works from the keyboard at the first press',
    async run(t) {
      const page = await t.page();
      const scripts = [];
      page.on('request', (r) => {
        if (r.resourceType() === 'script') scripts.push(r.url());
      });
      await openLab(page, t.url(LAB));
      await typeInTerminal(page, 'postconf -e smtpd_tls_loglevel=1\n');
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(scripts.filter((u) => /\/share-bar-actions\./.test(u)).length, 0, 'the bar’s code came before the bar was approached');
      await page.getByRole('button', { name: 'Copy link' }).focus();
      await page.keyboard.press('Enter');
      const box = page.getByRole('textbox', { name: 'Link to this lab' });
      await box.waitFor();
      assert.match(await box.inputValue(), /\/lab\/#lab=v1\.z[A-Za-z0-9_-]+$/);
      await page.getByText(/Link copied|Copy the link from the box/).waitFor();
    },
  },
];
