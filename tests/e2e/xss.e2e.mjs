// XSS and Content Security Policy tests on the built site (issue 12, Security). Payloads go through the
// paths that render text a learner controls: terminal output (echo, cat of a file), main.cf values (the
// file view, the config panel), the EHLO diff (myhostname, smtpd_banner), the handshake diagram (the
// EHLO argument), and URL state (a share link carrying a payload main.cf). After each, no payload ran
// (`window.__xss` unset), no element or attribute from a payload is in the DOM, and the page saw no
// `securitypolicyviolation`. Every built page carries the policy of src/scripts/csp.ts (also in
// public/_headers) and no inline script. The runner fails a test on any console error, which is where
// Chromium reports a blocked script or style.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openLab, PROMPT, typeInTerminal, waitForScreen } from './lab-helpers.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const LESSON = '/lessons/what-encrypting-email-means/';

const PAYLOADS = [
  '<img src=x onerror=window.__xss=1>',
  '"><svg onload=window.__xss=2>',
  "'><script>window.__xss=3</script>",
  '<a href="javascript:window.__xss=4">x</a>',
  '<iframe srcdoc="<script>parent.__xss=5</script>">',
];

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
        'img[src="x"], svg[onload], [onerror], [onload], a[href^="javascript:"], iframe[srcdoc], main script:not([src])',
      ),
    ].map((e) => e.outerHTML.slice(0, 120)),
  }));
  assert.equal(r.xss, undefined, `${where}: a payload ran`);
  assert.deepEqual(r.elements, [], `${where}: payload elements in the DOM`);
  assert.deepEqual(r.csp, [], `${where}: CSP violations`);
}

/** Shell single quotes around any text. */
const q = (s) => `'${s.replaceAll("'", "'\\''")}'`;

function builtPages(dir = process.env.E2E_DIST ?? join(ROOT, 'dist')) {
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
        const rel = file.slice(ROOT.length);
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
];
