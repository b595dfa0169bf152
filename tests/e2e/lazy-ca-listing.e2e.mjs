// Browser tests for the CA listing fetched on use (src/shell/lazy-data.ts caListingData): the names, sizes and
// links of /etc/ssl/certs and /usr/share/ca-certificates/mozilla come as their own chunk, never on the way to
// the first EHLO; the first Tab into /etc/ssl/certs/ waits for it (and fetches no certificate text); a
// recursive grep that reaches the certificates only through the current folder fetches their text first.
// 142 certificates: the count of BEGIN lines in the bundle of ca-certificates 20230311+deb12u1
// (tests/shell/host/ca-certificates.test.ts checks it against the recordings).
import assert from 'node:assert/strict';
import { clearScreen, openLab, smtpSession, waitForScreen } from './lab-helpers.mjs';

const LAB = '/lab/';

export const tests = [
  {
    name: 'the CA listing: not fetched for EHLO; the first Tab into /etc/ssl/certs/ completes from it; grep -r from the folder above reads the certificates',
    async run(t) {
      const page = await t.page();
      const fetched = [];
      page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
      const listing = () => fetched.filter((p) => /\/ca-certificates-list\.[^/]+\.js$/.test(p));
      const certs = () => fetched.filter((p) => /\/ca-certificates-pem\.[^/]+\.js$/.test(p));
      await openLab(page, t.url(LAB));

      await smtpSession(page);
      assert.deepEqual(listing(), [], 'the listing came before a line could read it');

      await clearScreen(page);
      // The first Tab completes from the listing, which comes alone; a key typed at once after it follows it.
      await page.keyboard.type('ls -l /etc/ssl/certs/ISRG_Root_X1.p');
      await page.keyboard.press('Tab');
      await page.keyboard.type('X');
      await waitForScreen(page, 'ls -l /etc/ssl/certs/ISRG_Root_X1.pem X', { what: 'the completed name, then X' });
      assert.equal(listing().length, 1, 'the listing came once');
      assert.deepEqual(certs(), [], "the certificates' text came for a Tab");
      await page.keyboard.press('Control+U');

      await clearScreen(page);
      await page.keyboard.type('cd /etc/postfix\n');
      await page.keyboard.type('cd ..\n');
      await waitForScreen(page, 'root@mail:/etc# ', { what: 'the prompt in /etc' });
      assert.deepEqual(certs(), [], "the certificates' text came before a line could read it");
      await page.keyboard.type('grep -rc BEGIN . | grep ca-certificates.crt; echo done\n');
      const grep = await waitForScreen(page, /\ndone\n/, { what: 'the grep output' });
      assert.match(grep, /\n\.\/ssl\/certs\/ca-certificates\.crt:142\n/);
      assert.equal(certs().length, 1, "the certificates' text came once");
      assert.equal(listing().length, 1, 'the listing came once');
    },
  },
];
