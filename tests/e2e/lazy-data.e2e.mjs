// Browser tests for the lab's data fetched on use (src/shell/lazy-data.ts): the text of /etc/ssl/openssl.cnf
// comes as its own chunk the first time a command line may read it, never on the way to the first EHLO, and
// the certificates' text (ca-certificates) is not fetched for it. Expected text: the recording of real
// `head` on Debian 12 (tests/corpus-extra/host-tools/openssl-cnf-head.txt). /etc/services comes with it: until
// then master and the client programs look names up in its table of TCP entries.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { clearScreen, openLab, PROMPT, smtpSession, waitForScreen, linesAfter } from './lab-helpers.mjs';

const LAB = '/lab/';
const CNF = '/etc/ssl/openssl.cnf';
const SERVICES = '/etc/services';

/** Debian 12's /etc/services as the lab's source holds it (its md5 is checked by tests/engine/config/etc-services.test.ts). */
function servicesText() {
  const src = readFileSync(new URL('../../src/engine/config/data/etc-services-text.ts', import.meta.url), 'utf8');
  return JSON.parse(src.split('ETC_SERVICES_TEXT =')[1].trim().replace(/;$/, ''));
}

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
  {
    name: '/etc/services: not fetched for a service name on the way to EHLO, its text fetched by a line that reads it',
    async run(t) {
      const page = await t.page();
      const fetched = [];
      page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
      const texts = () => fetched.filter((p) => /\/host-etc-texts\.[^/]+\.js$/.test(p));
      await openLab(page, t.url(LAB));

      // telnet looks `smtp` up in /etc/services: the boot table answers.
      await clearScreen(page);
      await page.keyboard.type('telnet localhost smtp\n');
      await waitForScreen(page, '220 mail.example.org ESMTP Postfix');
      await page.keyboard.type('QUIT\n');
      await waitForScreen(page, (s) => s.includes('221 2.0.0 Bye') && s.trimEnd().endsWith(PROMPT.trim()), {
        what: 'the end of the session',
      });
      assert.deepEqual(texts(), [], 'the text came for a service name');

      await clearScreen(page);
      await page.keyboard.type(`grep -n -e ^submission -e ^smtp ${SERVICES}; wc -c ${SERVICES}; echo done\n`);
      const screen = await waitForScreen(page, /\ndone\n/, { what: 'the output' });
      const text = servicesText();
      const want = text
        .split('\n')
        .map((l, i) => `${i + 1}:${l}`)
        .filter((l) => /^\d+:(?:submission|smtp)/.test(l));
      const lines = linesAfter(screen, 'echo done');
      // The terminal shows tabs as spaces: compare the fields.
      const fields = (l) => l.trim().split(/\s+/);
      assert.deepEqual(lines.slice(0, want.length).map(fields), want.map(fields));
      assert.equal(lines[want.length], `${Buffer.byteLength(text)} ${SERVICES}`);
      assert.equal(texts().length, 1, 'the text came once');
    },
  },
];
