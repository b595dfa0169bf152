// XSS and Content Security Policy tests on the built site (issue 12, Security). Payloads go through the
// paths that render text a learner controls: terminal output (echo, cat of a file), main.cf values (the
// file view, the config panel), the EHLO diff (myhostname, smtpd_banner), the handshake diagram (the
// EHLO argument), URL state (a share link carrying a payload main.cf), imported progress (slugs, scenario
// names, unknown keys, file paths and contents, exercise ids; the shell history kept beside it), embed
// attributes (<postfix-lab>'s scenario/exercise/height and fallback text, /embed/<name>/?exercise=) and
// /review/'s pasted main.cf and master.cf (values, comments, parameter and service names). After each, the
// payload shows as text, no payload ran (`window.__xss` unset, no dialog), no element or attribute from a
// payload is in the DOM, and the page saw no `securitypolicyviolation`; a control test proves that check
// fails for every payload put in as HTML. Every built page carries the policy of src/scripts/csp.ts (also in
// public/_headers) and no inline script. The runner fails a test on any console error, which is where
// Chromium reports a blocked script or style.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hostPage } from './host-page.mjs';
import { CORPUS, eventually, openLab, PREFS_KEY, PROMPT, typeInTerminal, waitForScreen } from './lab-helpers.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const LESSON = '/lessons/what-encrypting-email-means/';

const PAYLOADS = [
  '<img src=x onerror=window.__xss=1>',
  '"><svg onload=window.__xss=2>',
  "'><script>window.__xss=3</script>",
  '<a href="javascript:window.__xss=4">x</a>',
  '<iframe srcdoc="<script>parent.__xss=5</script>">',
];

/** Payloads without spaces or slashes-as-paths, for places that split on white space (master.cf fields, a name). */
const BARE = ['<img/src/onerror=window.__xss=6>', '"><svg/onload=window.__xss=7>', '<xss-probe>x</xss-probe>'];

/** Counts CSP violations from the first script on, before the page's own scripts. */
async function watch(page) {
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}

/** Nothing from a payload ran or became an element; no CSP violation. */
async function assertClean(page, where) {
  const r = await page.evaluate(() => ({
    xss: window.__xss,
    csp: window.__csp ?? [],
    elements: [
      ...document.querySelectorAll(
        'img[src="x"], svg[onload], [onerror], [onload], a[href^="javascript:"], iframe[srcdoc], script:not([src]), xss-probe',
      ),
    ].map((e) => e.outerHTML.slice(0, 120)),
  }));
  assert.equal(r.xss, undefined, `${where}: a payload ran`);
  assert.deepEqual(r.elements, [], `${where}: payload elements in the DOM`);
  assert.deepEqual(r.csp, [], `${where}: CSP violations`);
}

/** Records any dialog (alert, confirm, prompt) a payload might open: there must be none. */
function noDialogs(page) {
  const seen = [];
  page.on('dialog', (d) => {
    seen.push(d.message());
    void d.dismiss();
  });
  return () => assert.deepEqual(seen, [], 'a payload opened a dialog');
}

/** The page shows `needle` as text (so the payload went through the rendering path under test). */
async function assertShownAsText(target, needle, where) {
  const text = await target.evaluate(() => document.body.innerText);
  assert.ok(text.includes(needle), `${where}: ${needle} is not on the page as text`);
}

/** Shell single quotes around any text. */
const q = (s) => `'${s.replaceAll("'", "'\\''")}'`;

const DIST = process.env.E2E_DIST ?? join(ROOT, 'dist');

function builtPages(dir = DIST) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...builtPages(p));
    else if (name.endsWith('.html')) out.push(p);
  }
  return out;
}

function policyOfCspModule() {
  const src = readFileSync(join(ROOT, 'src', 'scripts', 'csp.ts'), 'utf8');
  return [...src.matchAll(/^\s*"([^"]+)",$/gm)].map((m) => m[1]).join('; ');
}

export const tests = [
  {
    name: 'csp: every built page has the policy and no inline script; public/_headers sends the same policy',
    async run() {
      const policy = policyOfCspModule();
      assert.match(policy, /script-src 'self'(;|$)/);
      assert.doesNotMatch(policy, /script-src[^;]*unsafe-inline/);
      const headers = readFileSync(join(ROOT, 'public', '_headers'), 'utf8');
      assert.ok(headers.includes(`Content-Security-Policy: ${policy}\n`), 'public/_headers has the policy of src/scripts/csp.ts');
      const pages = builtPages();
      assert.ok(pages.length > 10);
      for (const file of pages) {
        const html = readFileSync(file, 'utf8');
        const rel = file.slice(DIST.length); // /embed/…/index.html
        if (rel.includes('/embed/') || rel.includes('/lab/sandbox/')) continue; // not Base.astro pages (embeds, the WebContainer page)
        const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html);
        assert.ok(meta !== null, `${rel}: no CSP meta`);
        assert.equal(meta[1].replaceAll('&#39;', "'"), policy, `${rel}: the meta's policy`);
        for (const tag of html.match(/<script\b[^>]*>/g) ?? []) assert.match(tag, /\ssrc=/, `${rel}: inline script ${tag}`);
      }
    },
  },
  {
    name: 'xss: payloads in terminal output, files, main.cf, the EHLO diff and the handshake diagram stay text',
    async run(t) {
      const page = await t.page();
      await watch(page);
      await page.goto(t.url(LESSON));
      await page.locator('lab-console').first().scrollIntoViewIfNeeded(); // the lesson's lab loads when in view
      await waitForScreen(page, PROMPT, { what: 'the prompt' });
      for (const p of PAYLOADS) await typeInTerminal(page, `echo ${q(p)}\n`);
      await typeInTerminal(page, `printf '%s\\n' ${PAYLOADS.map(q).join(' ')} > /root/payload.html\n`);
      await typeInTerminal(page, 'cat /root/payload.html\n');
      await typeInTerminal(page, `postconf -e ${q(`smtpd_banner=$myhostname ESMTP ${PAYLOADS[0]}`)}\n`);
      await typeInTerminal(page, `postconf -e ${q(`myhostname=mail${PAYLOADS[1]}.example.org`)}\n`);
      await typeInTerminal(page, `postconf -e ${q(`smtpd_tls_cert_file=${PAYLOADS[2]}`)}\n`);
      await typeInTerminal(page, 'postfix reload\n');
      await typeInTerminal(page, 'telnet localhost 25\n');
      await waitForScreen(page, (s) => s.includes('220 '), { what: 'the banner' });
      await typeInTerminal(page, `EHLO ${PAYLOADS[3]}\n`);
      await waitForScreen(page, (s) => /\n250 [A-Z]/.test(s), { what: 'the EHLO answer' });
      await typeInTerminal(page, 'QUIT\n');
      await waitForScreen(page, (s) => s.trimEnd().endsWith(PROMPT.trim()), { what: 'the prompt after QUIT' });
      await new Promise((r) => setTimeout(r, 1000)); // the pictures redraw on a timer
      const text = await page.evaluate(() => document.body.innerText);
      assert.ok(text.includes('window.__xss=1'), 'the payload shows as text somewhere on the page');
      await assertClean(page, 'lesson lab');
    },
  },
  {
    name: 'xss: a share link whose main.cf holds payloads opens as text',
    async run(t) {
      const a = await t.page();
      await watch(a);
      await openLab(a, t.url('/lab/'));
      await typeInTerminal(a, `postconf -e ${q(`smtpd_banner=$myhostname ${PAYLOADS[0]} ${PAYLOADS[1]}`)}\n`);
      await typeInTerminal(a, `printf '%s\\n' ${q(PAYLOADS[4])} >> /etc/postfix/main.cf\n`);
      await new Promise((r) => setTimeout(r, 300));
      await a.getByRole('button', { name: 'Copy link' }).click();
      const box = a.getByRole('textbox', { name: 'Link to this lab' });
      await box.waitFor();
      const link = await box.inputValue();
      await assertClean(a, 'the lab that made the link');
      const b = await t.page();
      await watch(b);
      await b.goto(link);
      await b.getByText('You opened a shared lab').waitFor();
      await waitForScreen(b, PROMPT, { what: 'the prompt' });
      await new Promise((r) => setTimeout(r, 500));
      await assertClean(b, 'the shared lab');
    },
  },
  {
    name: 'xss: the detection catches every payload rendered as HTML (the control for the tests below)',
    async run(t) {
      // The tests below pass when a payload shows as text AND assertClean finds nothing. Here each payload
      // goes in through innerHTML, as a rendering bug would put it, on a page with no CSP (as the embed's
      // host): assertClean must then fail, by the element it made or by the script it ran.
      const { host, page } = await hostPage(t, '<main><div id="sink"></div></main>');
      await page.route(`${host.origin}/x`, (route) => route.fulfill({ status: 204, body: '' }));
      const dialogs = noDialogs(page);
      try {
        await page.goto(`${host.origin}/`);
        for (const p of [...PAYLOADS, ...BARE]) {
          await page.evaluate((html) => {
            document.querySelector('#sink').innerHTML = html;
          }, p);
          await new Promise((r) => setTimeout(r, 200));
          await assert.rejects(assertClean(page, 'control'), /a payload ran|payload elements/, `not caught as HTML: ${p}`);
          await page.evaluate(() => {
            document.querySelector('#sink').replaceChildren();
            delete window.__xss;
          });
        }
        dialogs();
      } finally {
        await host.close();
      }
    },
  },
  {
    name: 'xss: imported progress files with payloads in every string field stay text, refused or imported',
    async run(t) {
      const page = await t.page();
      await watch(page);
      const dialogs = noDialogs(page);
      await page.goto(t.url('/'));
      const known = JSON.parse(await page.locator('[data-known-lessons]').getAttribute('data-known-lessons'));
      const slug = 'what-encrypting-email-means';
      const scenario = known[slug];
      assert.ok(scenario !== undefined, `the home page does not know ${slug}`);
      const mainCf = [
        readFileSync(join(CORPUS, 'base', 'main.cf'), 'utf8').trimEnd(),
        ...PAYLOADS.map((p) => `# ${p}`),
        `smtpd_banner = $myhostname ESMTP ${PAYLOADS[0]}`,
        `${BARE[2]} = ${PAYLOADS[1]}`,
        '',
      ].join('\n');
      const masterCf = readFileSync(join(CORPUS, 'base', 'master.cf'), 'utf8');
      const image = (over = {}) => ({
        format: 'postfix-tls-lab/image',
        version: 1,
        scenario,
        files: {
          '/etc/postfix/main.cf': { content: mainCf, mode: 0o644 },
          [`/root/${PAYLOADS[0]}`]: { content: `${PAYLOADS.join('\n')}\n`, mode: 0o644 },
          [`/root/${PAYLOADS[1]}`]: { content: `${BARE.join('\n')}\n`, mode: 0o644 },
        },
        loaded: { mainCf, masterCf },
        exercisesDone: [...PAYLOADS, ...BARE],
        ...over,
      });
      const doc = (lessons, extra = {}) => JSON.stringify({ format: 'postfix-tls-lab/progress', version: 1, lessons, ...extra });
      const input = page.locator('[data-progress-import]');
      const message = page.locator('[data-progress-message]');
      const importText = async (text, expect) => {
        await input.setInputFiles({ name: 'progress.json', mimeType: 'application/json', buffer: Buffer.from(text) });
        await page.waitForFunction(
          (re) => new RegExp(re).test(document.querySelector('[data-progress-message]')?.textContent ?? ''),
          expect.source,
        );
        return message.textContent();
      };
      // Refused: a payload as a lesson slug, as the scenario's name, as keys the format does not have
      // (a "history" list among them), as a file path with a bad mode. Each message quotes what it
      // refused: it must show as text.
      const refused = [
        doc({ [PAYLOADS[0]]: image() }),
        doc({ [slug]: image({ scenario: { name: PAYLOADS[1], version: scenario.version } }) }),
        doc({ [slug]: image({ history: [...PAYLOADS] }) }),
        doc({ [slug]: image() }, { [PAYLOADS[2]]: PAYLOADS[3] }),
        doc({ [slug]: image({ files: { [`/root/${PAYLOADS[4]}`]: { content: PAYLOADS[4], mode: PAYLOADS[4] } } }) }),
      ];
      const said = [];
      for (const text of refused) {
        const m = await importText(text, /could not be imported/);
        said.push(m);
        if (m.includes('window.__xss')) await assertShownAsText(page, m, 'the refusal');
        await assertClean(page, 'a refused import');
      }
      assert.ok(
        said.some((m) => m.includes('window.__xss')),
        `no refusal quoted a payload, so none reached the page:\n${said.join('\n')}`,
      );
      // Imported: payloads in file paths and contents, the loaded main.cf and the exercise ids.
      const good = doc({ [slug]: image() });
      await importText(good, /Imported the progress of 1 lesson/);
      await assertClean(page, 'the home page after the import');
      // The shell history is kept beside the image (lab-prefs.ts): payloads there too.
      await page.evaluate(
        ([key, history]) => localStorage.setItem(key, JSON.stringify({ history, screenReader: false })),
        [`${PREFS_KEY}:${slug}`, [...PAYLOADS.map((p) => `echo ${q(p)}`)]],
      );
      await page.goto(t.url(`/lessons/${slug}/`));
      await assertClean(page, 'the lesson before its lab');
      await page.locator('lab-console').first().scrollIntoViewIfNeeded();
      await waitForScreen(page, PROMPT, { what: 'the prompt', timeout: 20_000 });
      await typeInTerminal(page, 'ls /root; cat /root/*\n');
      await waitForScreen(page, 'window.__xss=7', { what: 'the payload files' });
      await typeInTerminal(page, 'history\n');
      await waitForScreen(page, (s) => s.includes(`echo ${q(PAYLOADS[4])}`), { what: 'the history' });
      await typeInTerminal(page, 'postconf smtpd_banner\n');
      await waitForScreen(page, `ESMTP ${PAYLOADS[0]}`, { what: 'the banner' });
      await new Promise((r) => setTimeout(r, 1000)); // the pictures redraw on a timer
      await assertShownAsText(page, PAYLOADS[1], 'the lesson lab (main.cf view)');
      await assertClean(page, 'the lesson lab with the imported image');
      dialogs();
    },
  },
  {
    name: 'xss: <postfix-lab> attributes and fallback text with payloads, and ?exercise=<payload>, stay text',
    async run(t) {
      // On the host page the attributes and the fallback are the blogger's markup, escaped as text (a payload
      // written there raw would be the host's own script). /embed.js must not turn any of it into HTML, and
      // the embed must not render ?exercise= as HTML either. The same escaped text stands in a <p> of the
      // host page, to show it reads as the payload's text; had /embed.js put an attribute or the fallback
      // through innerHTML (as the frame's title, say), its element would be in the host page (control test).
      const esc = (s) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
      const fallback = esc(PAYLOADS.join(' '));
      const elements = [
        `<postfix-lab scenario="${esc(PAYLOADS[0])}" exercise="${esc(PAYLOADS[1])}" height="${esc(PAYLOADS[2])}">${fallback}</postfix-lab>`,
        `<postfix-lab scenario="opportunistic-tls" exercise="${esc(BARE[0])}" height="${esc(BARE[1])}">${fallback}</postfix-lab>`,
      ];
      const direct = t.url(`/embed/opportunistic-tls/?exercise=${encodeURIComponent(PAYLOADS[0] + PAYLOADS[3])}`);
      const { host, page } = await hostPage(
        t,
        // The first element stands before the script (upgraded with its fallback in place), the second after it.
        `<p>${fallback}</p>${elements[0]}<script src="${t.url('/embed.js')}"></script>${elements[1]}` +
          `<iframe src="${direct}" title="direct" sandbox="allow-scripts" style="width:1200px;height:900px"></iframe>`,
      );
      await watch(page);
      const dialogs = noDialogs(page);
      try {
        await page.goto(`${host.origin}/`);
        const frames = page.locator('postfix-lab iframe');
        await frames.nth(1).waitFor();
        // Each element holds its frame only: the fallback is replaced, also for the element parsed after the script.
        for (const i of [0, 1])
          assert.deepEqual(
            await page
              .locator('postfix-lab')
              .nth(i)
              .evaluate((el) => [...el.childNodes].map((n) => n.nodeName)),
            ['IFRAME'],
          );
        await assertShownAsText(page, 'window.__xss=1', 'the host page');
        await assertClean(page, 'the host page');
        // The names did not pass the element's check: the default lab, no exercise, the default height.
        assert.equal(await frames.nth(0).getAttribute('src'), t.url('/embed/lab-default/'));
        assert.equal(await frames.nth(1).getAttribute('src'), t.url('/embed/opportunistic-tls/'));
        // A height that is no number is ignored: the frame takes the height the lab reports.
        assert.match(await frames.nth(0).evaluate((f) => f.style.height), /^\d+px$/);
        await frames.nth(1).scrollIntoViewIfNeeded();
        const frame = await eventually(async () => page.frames().find((fr) => fr.url() === direct), {
          what: 'the directly framed embed',
        });
        await waitForScreen(frame, PROMPT, { what: 'the prompt in the framed embed' });
        // An unknown ?exercise= shows every exercise; the payload is used for nothing else.
        assert.ok((await frame.locator('[data-exercise]:visible').count()) > 0);
        await assertClean(frame, 'the embed with ?exercise=<payload>');
        for (const f of page.frames()) if (f.url().startsWith(t.url('/embed/'))) await assertClean(f, f.url());
        dialogs();
      } finally {
        await host.close();
      }
    },
  },
  {
    name: "xss: /review/'s pasted main.cf and master.cf with payloads in values, comments and names stay text",
    async run(t) {
      const page = await t.page();
      await watch(page);
      const dialogs = noDialogs(page);
      await page.goto(t.url('/review/'));
      const main = [
        `# ${PAYLOADS.join(' ')}`,
        readFileSync(join(CORPUS, 'base', 'main.cf'), 'utf8').trimEnd(),
        `smtpd_banner = $myhostname ESMTP ${PAYLOADS[0]}`,
        `myhostname = mail${BARE[1]}.example.org`,
        `smtpd_tls_cert_file = /etc/ssl/${PAYLOADS[3]}`,
        `${BARE[2]} = ${PAYLOADS[4]}`,
        `${BARE[0]}_tls = yes`,
        `smtpd_tls_security_level = ${BARE[0]}`,
        '',
      ].join('\n');
      const master = [
        readFileSync(join(CORPUS, 'base', 'master.cf'), 'utf8').trimEnd(),
        `# ${PAYLOADS.join(' ')}`,
        `2525 inet n - y - - smtpd`,
        `  -o smtpd_banner=${BARE[0]}`,
        `  -o ${BARE[2]}=yes`,
        `  -o syslog_name=${BARE[1]}`,
        `${BARE[2]} unix - - n - - ${BARE[1]}`,
        '',
      ].join('\n');
      await page.getByLabel('main.cf, or the output of postconf -n').fill(main);
      await page.getByLabel(/^master\.cf, or the output of postconf -M/).fill(master);
      await page.getByRole('button', { name: 'Review and start the lab' }).click();
      await page.locator('.review-results:not([hidden])').waitFor({ timeout: 20_000 });
      await new Promise((r) => setTimeout(r, 1500)); // the lab boots, its views render
      await assertShownAsText(page, 'xss-probe', 'the review');
      await assertClean(page, 'the review');
      // The lab boots the pasted files: its file views show them, and postconf prints them in the terminal.
      await page.locator('.review-lab:not([hidden]) lab-console').waitFor();
      await waitForScreen(page, PROMPT, { what: 'the review lab prompt', timeout: 20_000 });
      await typeInTerminal(page, 'postconf -n; postconf -M\n');
      await waitForScreen(page, 'window.__xss=6', { what: 'postconf output' });
      await new Promise((r) => setTimeout(r, 500));
      await assertShownAsText(page, PAYLOADS[0], 'the review lab');
      await assertClean(page, 'the review lab');
      dialogs();
    },
  },
];
