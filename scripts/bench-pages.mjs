// Page weight and navigation-to-prompt time on the built site, in headless Chromium (figures, not assertions).
//
//   node scripts/bench-pages.mjs [--runs N]        (BENCH_DIST=<dir> measures a copy of dist/)
//
// Serves dist/ on 127.0.0.1 and opens each page in a fresh browser context (empty cache). JavaScript bytes
// are every script response the page fetched (gzip -9 of its body, as a static host would send it) plus
// the page's inline scripts (gzip -9 of each), counted at a milestone:
//   load   the page has loaded and the network is idle (pages without a lab);
//   ready  the lab's prompt is up and `echo ready` typed at it has printed `ready`;
//   ehlo   then `telnet localhost 25` and `EHLO client.example.com` have printed the last EHLO line.
// Navigation to prompt: performance.now() in the page (from the navigation's start) at the first animation
// frame where the terminal shows the prompt inside the viewport (the pre-screen's rows, or xterm's) next to
// an input that takes keys, taken by the page itself (promptWatch) so that the figure holds no round trip to
// this script. The lab is scrolled into view, in the page too, at the first animation frame that has it in
// the document: a learner who goes straight to a lesson's lab (the prompt is in the built HTML, so nothing
// needs to wait for the page's scripts); the lesson page is also measured the earlier sessions' way, the lab
// scrolled to at DOMContentLoaded, and both figures are printed. Prints medians of N runs (default 5) against
// the issue's targets; never fails
// on a figure. scripts/size-check.mjs reuses measurePage() for the budgets of `npm test`.
/* global document, window, requestAnimationFrame -- the callbacks given to page.evaluate() and addInitScript() run in the page */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../tests/e2e/static-server.mjs';
import { ensureChromium } from './find-chromium.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The built site: dist/, or BENCH_DIST (a copy, when other builds may rewrite dist/ meanwhile). */
export const DIST = process.env.BENCH_DIST ?? join(ROOT, 'dist');
const PROMPT = 'root@mail:~# ';
/** The issue's targets, KB of gzip JavaScript (issue 12, "Weight and speed"). */
export const TARGET_KB = { load: 5, ready: 110, ehlo: 160 };
export const TARGET_PROMPT_MS = 300;
export const LESSON = '/lessons/what-encrypting-email-means/';

const gz = (text) => gzipSync(Buffer.isBuffer(text) ? text : Buffer.from(text), { level: 9 }).length;

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export async function openBrowser() {
  const executablePath = ensureChromium();
  if (executablePath === undefined) throw new Error('no Chromium for the page measurements');
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('dist/ is not built: run `npm run build` first');
  const server = await startStaticServer({ root: DIST });
  const browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  return {
    origin: server.origin,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

async function screen(page) {
  return page.evaluate(() => document.querySelector('lab-console')?.screenText?.() ?? '');
}

async function waitScreen(page, test, what) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (test(await screen(page))) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`the terminal never showed ${what}`);
}

/**
 * Runs in the page before its own scripts (page.addInitScript): scrolls the first lab into view at the first
 * animation frame that has it (or, `scrollAt` 'dcl', at DOMContentLoaded), and checks at every animation
 * frame from the start whether the lab's terminal shows the prompt inside the viewport with a terminal input
 * beside it (the pre-screen's, in the built page before any script has run, or xterm's), keeping the time
 * it first did in `window.__benchPromptMs`.
 */
function promptWatch([prompt, scrollAt]) {
  const scroll = () => document.querySelector('lab-console')?.scrollIntoView({ block: 'center' });
  if (scrollAt === 'dcl') document.addEventListener('DOMContentLoaded', scroll);
  else {
    const early = () => {
      if (document.querySelector('lab-console') === null) requestAnimationFrame(early);
      else scroll();
    };
    requestAnimationFrame(early);
  }
  const shown = () => {
    const lab = document.querySelector('lab-console');
    const rows = lab?.querySelector('[data-part="prescreen-rows"], .xterm-rows');
    const input = lab?.querySelector('[data-part="prescreen-input"], .xterm-helper-textarea');
    if (!rows || !input || !(rows.textContent ?? '').includes(prompt.trimEnd())) return false;
    const r = rows.getBoundingClientRect();
    return r.height > 0 && r.bottom > 0 && r.top < window.innerHeight && rows.checkVisibility();
  };
  const check = () => {
    if (shown()) window.__benchPromptMs = performance.now();
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

/**
 * Opens `path` once and returns { load?, ready?, ehlo?, promptMs?, scripts } in bytes (gzip) per milestone.
 * `lab`: whether the page has a lab to drive to the ready and ehlo milestones.
 */
export async function measurePage(ctx, path, { lab, scrollAt = 'first-frame', promptOnly = false }) {
  // Service workers blocked: the offline cache (integrations/service-worker.mjs) downloads the whole site
  // once the page is idle, which is not the page's weight; offlineCacheDownload() measures it on its own.
  const context = await ctx.browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  const bodies = new Map();
  const pending = [];
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    pending.push(
      response.body().then(
        (b) => bodies.set(response.url(), gz(b)),
        () => {},
      ),
    );
  });
  const inline = async () => {
    const texts = await page.evaluate(() =>
      [...document.scripts].filter((s) => !s.src && ['', 'module', 'text/javascript'].includes(s.type)).map((s) => s.textContent ?? ''),
    );
    return texts.reduce((n, t) => n + gz(t), 0);
  };
  const total = async () => {
    await Promise.all(pending);
    let n = 0;
    for (const v of bodies.values()) n += v;
    return n + (await inline());
  };
  const out = {};
  try {
    if (lab) await page.addInitScript(promptWatch, [PROMPT, scrollAt]);
    await page.goto(`${ctx.origin}${path}`, { waitUntil: lab ? 'domcontentloaded' : 'networkidle' });
    if (!lab) {
      out.load = await total();
      return out;
    }
    const consoleEl = page.locator('lab-console').first();
    await consoleEl.scrollIntoViewIfNeeded();
    const at = await page.waitForFunction(() => window.__benchPromptMs, undefined, { timeout: 30_000 });
    out.promptMs = await at.jsonValue();
    if (promptOnly) return out;
    const input = page.locator('lab-console .xterm-helper-textarea').first();
    await input.focus();
    await page.keyboard.type('echo ready\n');
    await waitScreen(page, (s) => s.includes('\nready\n') || /\nready\s*$/m.test(s), '`ready`');
    out.ready = await total();
    await page.keyboard.type('telnet localhost 25\n');
    await waitScreen(page, (s) => s.includes('220 mail.example.org ESMTP Postfix'), 'the banner');
    await page.keyboard.type('EHLO client.example.com\n');
    await waitScreen(page, (s) => s.includes('250 CHUNKING'), 'the EHLO answer');
    out.ehlo = await total();
    return out;
  } finally {
    await context.close();
  }
}

/**
 * What the offline cache's service worker downloads once (after the page is loaded and idle): { files, bytes }
 * with bytes the gzip -9 of every file it fetched (read from the build: Playwright gives no bodies for a
 * worker's own requests), as a static host would send them. Opens `path` in a context that allows service
 * workers and waits until the worker is active (its cache complete).
 */
export async function offlineCacheDownload(ctx, path = '/') {
  const context = await ctx.browser.newContext({ serviceWorkers: 'allow' });
  const paths = new Set();
  context.on('requestfinished', (request) => {
    if (request.serviceWorker() !== null) paths.add(new URL(request.url()).pathname);
  });
  try {
    const page = await context.newPage();
    await page.goto(`${ctx.origin}${path}`);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    let bytes = 0;
    for (const p of paths) bytes += gz(readFileSync(join(DIST, p.endsWith('/') ? `${p}index.html` : p)));
    return { files: paths.size, bytes };
  } finally {
    await context.close();
  }
}

/** Median per milestone over `runs` openings. */
export async function measureMedian(ctx, path, opts, runs) {
  const all = [];
  for (let i = 0; i < runs; i++) all.push(await measurePage(ctx, path, opts));
  const out = {};
  for (const k of ['load', 'ready', 'ehlo', 'promptMs']) {
    const xs = all.map((r) => r[k]).filter((x) => x !== undefined);
    if (xs.length > 0) out[k] = median(xs);
  }
  return out;
}

export const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

async function main() {
  const args = process.argv.slice(2);
  const at = args.indexOf('--runs');
  const runs = at >= 0 ? Math.max(1, Number(args[at + 1]) || 5) : 5;
  const ctx = await openBrowser();
  try {
    // The pages without a lab that the issue names: home (with its progress display), the embed docs, the handout.
    for (const [label, path] of [
      ['home', '/'],
      ['embed docs', '/embed/'],
      ['handout', '/handout/'],
    ]) {
      const r = await measureMedian(ctx, path, { lab: false }, runs);
      console.log(`pages: ${label} ${path} JavaScript ${kb(r.load)} gzip (target ${TARGET_KB.load} KB)`);
    }
    for (const path of [LESSON, '/lab/']) {
      const r = await measureMedian(ctx, path, { lab: true }, runs);
      console.log(
        `pages: ${path} JavaScript until \`echo ready\` ${kb(r.ready)} gzip (target ${TARGET_KB.ready} KB); ` +
          `until the first EHLO answer ${kb(r.ehlo)} gzip (target ${TARGET_KB.ehlo} KB)`,
      );
      console.log(`pages: ${path} navigation to prompt median ${r.promptMs.toFixed(0)} ms (target < ${TARGET_PROMPT_MS} ms)`);
      if (path === LESSON) {
        // The earlier sessions' way: the lab scrolled into view only at DOMContentLoaded (after the page's scripts).
        const late = await measureMedian(ctx, path, { lab: true, scrollAt: 'dcl', promptOnly: true }, runs);
        console.log(`pages: ${path} navigation to prompt, the lab scrolled to at DOMContentLoaded, median ${late.promptMs.toFixed(0)} ms`);
      }
    }
    // Every lesson page once (sizes barely vary between runs): the heaviest until the first EHLO answer.
    const lessons = readdirSync(join(DIST, 'lessons'), { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(DIST, 'lessons', d.name, 'index.html')))
      .map((d) => `/lessons/${d.name}/`);
    const each = [];
    for (const path of lessons) {
      const html = readFileSync(join(DIST, path, 'index.html'), 'utf8');
      if (html.includes('<lab-console')) each.push({ path, ...(await measurePage(ctx, path, { lab: true })) });
    }
    each.sort((a, b) => b.ehlo - a.ehlo);
    const over = each.filter((r) => r.ehlo > TARGET_KB.ehlo * 1024);
    console.log(
      `pages: every lesson page with a lab (${each.length}), until the first EHLO answer: ` +
        `heaviest ${kb(each[0]?.ehlo ?? 0)} (${each[0]?.path ?? '-'}), lightest ${kb(each.at(-1)?.ehlo ?? 0)}; ` +
        `${over.length} over the ${TARGET_KB.ehlo} KB target${over.length > 0 ? `: ${over.map((r) => `${r.path} ${kb(r.ehlo)}`).join(', ')}` : ''}`,
    );
    console.log(`pages: medians of ${runs} runs, each in a fresh browser context, on dist/ as built`);
    const offline = await offlineCacheDownload(ctx);
    console.log(`pages: offline cache download (once, after idle) ${kb(offline.bytes)} gzip, ${offline.files} files`);
  } finally {
    await ctx.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exit(1);
    },
  );
}
