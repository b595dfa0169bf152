// Browser tests for embeds: /embed/<name>/ in a sandboxed iframe (allow-scripts only) on a page from
// ANOTHER origin served with no special headers (a second tiny static server), and /embed.js's
// <postfix-lab> element, which creates that frame and takes the height the lab reports.
// Expected server output comes from the ground-truth corpus (term-telnet-25-may screens).
import assert from 'node:assert/strict';
import { corpusScreen, PROMPT, typeInTerminal, waitForScreen } from './lab-helpers.mjs';
import { startStaticServer } from './static-server.mjs';

async function eventually(fn, { timeout = 10_000, what = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const v = await fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function hostPage(t, body) {
  const host = await startStaticServer({
    host: 'localhost',
    pages: { '/': `<!doctype html><html lang="en"><head><title>A blog</title></head><body><h1>A blog post</h1>${body}</body></html>` },
  });
  const page = await t.page({ viewport: { width: 1280, height: 1000 } });
  await page.route(`${host.origin}/**`, (route) => route.continue());
  return { host, page };
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
];
