// Browser tests for the lab's data fetched on use (src/shell/lazy-data.ts): the text of /etc/ssl/openssl.cnf
// comes as its own chunk the first time a command line may read it, never on the way to the first EHLO, and
// the certificates' text (ca-certificates) is not fetched for it. Expected text: the recording of real
// `head` on Debian 12 (tests/corpus-extra/host-tools/openssl-cnf-head.txt).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { clearScreen, openLab, smtpSession, waitForScreen, linesAfter } from './lab-helpers.mjs';

const LAB = '/lab/';
const CNF = '/etc/ssl/openssl.cnf';

/** The first `n` lines `head -30 /etc/ssl/openssl.cnf` printed on the recording machine. */
function recordedHead(n) {
  const text = readFileSync(new URL('../corpus-extra/host-tools/openssl-cnf-head.txt', import.meta.url), 'utf8');
  const out = text.split('--- stdout ---\n')[1]?.split('--- stderr')[0] ?? '';
  return out.split('\n').slice(0, n);
}

export const tests = [
  {
    name: "openssl.cnf: listed at once, its text fetched on use (not for EHLO), the certificates' text not at all",
    async run(t) {
      const page = await t.page();
      const fetched = [];
      page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
      const texts = () => fetched.filter((p) => /\/host-etc-texts\.[^/]+\.js$/.test(p));
      const certs = () => fetched.filter((p) => /\/ca-certificates-pem\.[^/]+\.js$/.test(p));
      await openLab(page, t.url(LAB));

      await smtpSession(page);
      assert.deepEqual(texts(), [], 'the text came before a line could read it');

      await clearScreen(page);
      await page.keyboard.type(`head -5 ${CNF}; ls -l ${CNF}; wc -c ${CNF}; echo done\n`);
      const screen = await waitForScreen(page, /\ndone\n/, { what: 'the output' });
      const lines = linesAfter(screen, `echo done`).map((l) => l.trimEnd());
      assert.deepEqual(
        lines.slice(0, 5),
        recordedHead(5).map((l) => l.trimEnd()),
      );
      const size = /^-rw-r--r-- 1 root root (\d+) .* \/etc\/ssl\/openssl\.cnf$/.exec(lines[5] ?? '')?.[1];
      assert.ok(size !== undefined, lines.join('\n'));
      assert.equal(lines[6], `${size} ${CNF}`, 'wc -c counts the size ls -l gave before the text came');
      assert.equal(texts().length, 1, 'the text came once');
      assert.deepEqual(certs(), [], "the certificates' text came for openssl.cnf");
    },
  },
];
