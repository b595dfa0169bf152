// The embed's split build (src/components/embed/embed-build.ts): the site served by a plain static server
// (no CORS or other special headers, unlike `astro preview`), a blogger's page on another origin framing
// /embed/<name>/ with sandbox="allow-scripts". The lab starts from the small classic /embed/lab.js, and a
// program first used in the frame (swaks) arrives then, as another classic script (no CORS request).
// Expected swaks output: corpus-extra/swaks-25-local (real swaks against real Postfix 3.7.11).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventually, PROMPT, typeInTerminal, waitForScreen } from './lab-helpers.mjs';
import { hostPage } from './host-page.mjs';
import { startStaticServer } from './static-server.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = process.env.E2E_DIST ?? join(ROOT, 'dist');

/** The recorded swaks lines after the EHLO answer, as real swaks printed them. */
function recordedSwaks() {
  const transcript = readFileSync(join(ROOT, 'tests', 'corpus-extra', 'swaks-25-local', 'transcript.txt'), 'utf8');
  return transcript
    .split('\n')
    .filter((l) => l.startsWith('S: '))
    .map((l) => l.slice(3));
}

export const tests = [
  {
    name: 'embed chunks: from a plain static host, the framed lab loads its parts as classic scripts, and a program on first use',
    async run(t) {
      /** What the browser said about each script it fetched from the site (seen by the server). */
      const fetches = [];
      const site = await startStaticServer({
        root: DIST,
        onRequest: (req) => {
          if (req.url?.startsWith('/embed/') && req.url.endsWith('.js'))
            fetches.push({ url: req.url, mode: req.headers['sec-fetch-mode'], dest: req.headers['sec-fetch-dest'] });
        },
      });
      const src = `${site.origin}/embed/lab-default/`;
      const { host, page } = await hostPage(
        t,
        `<iframe src="${src}" title="Postfix TLS Lab" sandbox="allow-scripts" style="width:1200px;height:900px"></iframe>`,
      );
      const scripts = [];
      page.on('request', (request) => {
        if (request.url().startsWith(`${site.origin}/embed/`) && request.url().endsWith('.js')) scripts.push(request);
      });
      const failed = [];
      page.on('requestfailed', (request) => failed.push(request.url()));
      page.on('response', (response) => {
        if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
      });
      try {
        await page.route(`${site.origin}/**`, (route) => route.continue());
        await page.goto(`${host.origin}/`);
        const frame = await eventually(async () => page.frames().find((fr) => fr.url() === src), { what: 'the lab frame' });
        await waitForScreen(frame, PROMPT);
        assert.equal(await frame.evaluate(() => origin), 'null', 'the frame is sandboxed (opaque origin)');
        const atPrompt = scripts.length;
        assert.ok(atPrompt >= 2, `the loader and the entry chunk at least (${scripts.map((r) => r.url()).join(', ')})`);

        await typeInTerminal(page, 'swaks --server 127.0.0.1 --port 25 --from alice@example.org --to root@example.org\n', frame);
        const screen = await waitForScreen(frame, '=== Connection closed with remote host.', { timeout: 20_000 });
        const lines = screen.split('\n').map((l) => l.trimEnd());
        // The connection and the EHLO answer (the recording machine's own name, vm, is in the EHLO line: left out).
        const expected = recordedSwaks().filter((l) => l.startsWith('=== ') || l.startsWith('<-  250-') || l.startsWith('<-  220 '));
        assert.ok(expected.length >= 12);
        for (const line of expected) assert.ok(lines.includes(line), `missing ${line}\n${screen}`);
        assert.ok(scripts.length > atPrompt, 'swaks came as a chunk of its own, fetched when first used');

        assert.equal(fetches.length, scripts.length);
        for (const f of fetches) {
          // A classic <script> without a crossorigin attribute: no CORS request, so a plain host serves it.
          assert.equal(f.mode, 'no-cors', `${f.url} was fetched in mode ${f.mode}`);
          assert.equal(f.dest, 'script', `${f.url} was fetched for ${f.dest}`);
        }
        assert.deepEqual(failed, [], 'no failed request');
      } finally {
        await host.close();
        await site.close();
      }
    },
  },
];
