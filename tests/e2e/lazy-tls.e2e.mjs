// Browser tests for the servers' TLS code fetched on first need (src/engine/tls/tls-code.browser.ts): the first
// EHLO offers STARTTLS without it (smtpd starts on a stand-in that knows the lab's own certificate), telnet waits
// for it before a STARTTLS line, and a line that reads a certificate file gets its text. Expected screen: the
// recording of real telnet (terminal/term-telnet-starttls-then-plaintext).
import assert from 'node:assert/strict';
import { clearScreen, corpusScreen, linesAfter, openLab, PROMPT, waitForScreen } from './lab-helpers.mjs';

const LAB = '/lab/';
const CERT = '/etc/postfix/tls/mail.example.org.crt';

/** /lab/ opened with its requests watched: `tlsCode()` lists the fetches of the TLS code's chunk so far. */
async function labCountingTlsCode(t) {
  const page = await t.page();
  const fetched = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  const tlsCode = () => fetched.filter((p) => /\/tls-code-bundle\.[^/]+\.js$/.test(p));
  await openLab(page, t.url(LAB));
  return { page, tlsCode };
}

export const tests = [
  {
    name: 'EHLO offers STARTTLS without the TLS code; STARTTLS then plaintext shows what real telnet showed',
    async run(t) {
      const { page, tlsCode } = await labCountingTlsCode(t);

      await clearScreen(page);
      await page.keyboard.type('telnet localhost 25\n');
      await waitForScreen(page, '220 mail.example.org ESMTP Postfix');
      await page.keyboard.type('EHLO client.example.com\n');
      const ehlo = await waitForScreen(page, '250 CHUNKING');
      assert.ok(ehlo.split('\n').includes('250-STARTTLS'), ehlo);
      assert.deepEqual(tlsCode(), [], 'the TLS code came for EHLO');

      // Typed at once: telnet holds what follows STARTTLS until the code is here, then sends it as typed.
      await page.keyboard.type('STARTTLS\nEHLO x\n');
      const screen = await waitForScreen(
        page,
        (s) => s.includes('Connection closed by foreign host.') && s.trimEnd().endsWith(PROMPT.trim()),
        {
          what: 'the end of the session',
        },
      );
      assert.deepEqual(
        screen.split('\n').map((l) => l.trimEnd()),
        corpusScreen('term-telnet-starttls-then-plaintext', 'EHLO x'),
      );
      assert.equal(tlsCode().length, 1, 'the TLS code came once');
    },
  },
  {
    name: 'a certificate file: listed and sized as on the machine, its text fetched once for the lines that name it',
    async run(t) {
      const { page, tlsCode } = await labCountingTlsCode(t);

      await clearScreen(page);
      await page.keyboard.type(`ls -l ${CERT}; echo listed\n`);
      const listed = await waitForScreen(page, /\nlisted\n/, { what: 'the listing' });
      assert.match(
        linesAfter(listed, 'echo listed')[0] ?? '',
        /^-rw-r--r-- 1 root root 1172 .* \/etc\/postfix\/tls\/mail\.example\.org\.crt$/,
      );

      await clearScreen(page);
      await page.keyboard.type(`head -1 ${CERT}; wc -c ${CERT}; echo done\n`);
      const screen = await waitForScreen(page, /\ndone\n/, { what: 'the output' });
      const lines = linesAfter(screen, 'echo done').map((l) => l.trimEnd());
      assert.deepEqual(lines.slice(0, 2), ['-----BEGIN CERTIFICATE-----', `1172 ${CERT}`]);
      assert.equal(tlsCode().length, 1, 'the text came once');
    },
  },
];
