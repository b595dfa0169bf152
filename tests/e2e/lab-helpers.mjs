// Helpers for the lab's browser tests (tests/e2e/lab.e2e.mjs) and the keystroke benchmark.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CORPUS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'postfix-ground-truth');
export const PROMPT = 'root@mail:~# ';
/** The /lab/ page's lab image (src/components/lab/image-store.ts, through progress.ts) and its prefs (lab-prefs.ts). */
export const IMAGE_KEY = 'ptl:lesson:_lab';
export const PREFS_KEY = 'postfix-tls-lab:lab-prefs:v1';
/** A lesson lab's image key (progress.ts: ptl:lesson:<slug>). */
export const lessonKey = (slug) => `ptl:lesson:${slug}`;

export function corpusText(...parts) {
  return readFileSync(join(CORPUS, ...parts), 'utf8');
}

/** The `S:` lines of a corpus transcript answering the client line `command`, its first occurrence. */
export function corpusReply(scenario, command) {
  const lines = corpusText(scenario, 'transcript.normalized.txt').split('\n');
  const at = lines.indexOf(`C: ${command}`);
  if (at < 0) throw new Error(`${scenario} has no "C: ${command}"`);
  const out = [];
  for (const line of lines.slice(at + 1)) {
    if (!line.startsWith('S: ')) break;
    out.push(line.slice(3));
  }
  return out;
}

/** One `=== after: <keys> ===` block of a corpus terminal screen, as lines (trailing blanks dropped). */
export function corpusScreen(scenario, keys) {
  const text = corpusText('terminal', scenario, 'screen.normalized.txt');
  const head = `=== after: ${keys} ===\n`;
  const at = text.indexOf(head);
  if (at < 0) throw new Error(`terminal/${scenario} has no block after "${keys}"`);
  const rest = text.slice(at + head.length);
  const end = rest.indexOf('\n=== ');
  const lines = (end < 0 ? rest : rest.slice(0, end)).split('\n').map((l) => l.trimEnd());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The first line of a corpus terminal screen that starts with `prefix`. */
export function corpusTerminalLine(scenario, prefix) {
  const line = corpusText('terminal', scenario, 'screen.normalized.txt')
    .split('\n')
    .find((l) => l.startsWith(prefix));
  if (line === undefined) throw new Error(`terminal/${scenario} has no line starting "${prefix}"`);
  return line.trimEnd();
}

export function screenText(target) {
  return target.evaluate(() => document.querySelector('lab-console')?.screenText?.() ?? '');
}

/** Waits until the terminal's text satisfies `test` (a string it contains, a RegExp or a function). */
export async function waitForScreen(target, test, { timeout = 10_000, what = String(test) } = {}) {
  const check = typeof test === 'function' ? test : typeof test === 'string' ? (s) => s.includes(test) : (s) => test.test(s);
  const deadline = Date.now() + timeout;
  let last = '';
  while (Date.now() < deadline) {
    last = await screenText(target);
    if (check(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the terminal never showed ${what}; it shows:\n${last}`);
}

/** Opens the lab and waits for the shell prompt. */
export async function openLab(page, url) {
  await page.goto(url);
  await waitForScreen(page, PROMPT, { what: 'the prompt' });
  await labStarted(page);
}

/**
 * Waits until the lab's machine has come (its session runs: panel, mail.log, files, notices). The prompt
 * comes first, on the light part alone; the machine loads on the first command that needs it, or when
 * the page is quiet (src/components/lab/lab-console.ts): whenStarted() fetches it at once.
 */
export async function labStarted(target) {
  await target
    .locator('lab-console')
    .first()
    .evaluate((el) => el.whenStarted?.());
}

/** Focuses the terminal's input and types (`\n` presses Enter). */
export async function typeInTerminal(page, text, frame = page) {
  await frame.locator('.xterm-helper-textarea').focus();
  await page.keyboard.type(text);
}

/** The lines of the screen after the last line that is exactly `marker` (or after its last occurrence as a prefix). */
export function linesAfter(screen, marker) {
  const lines = screen.split('\n');
  let at = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    if ((lines[i] ?? '').endsWith(marker)) {
      at = i;
      break;
    }
  }
  return at < 0 ? [] : lines.slice(at + 1);
}

/** Polls `fn` until it returns something truthy (returned), or throws after `timeout` ms naming `what`. */
export async function eventually(fn, { timeout = 10_000, what = 'condition', every = 100 } = {}) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const v = await fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, every));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Clears the terminal and waits for the bare prompt. */
export async function clearScreen(page) {
  await typeInTerminal(page, 'clear\n');
  await waitForScreen(page, (s) => s.trim() === PROMPT.trim(), { what: 'a cleared screen' });
}

/** A telnet session to port 25 on a cleared screen: EHLO, then the extra commands; returns the screen after QUIT. */
export async function smtpSession(page, commands = []) {
  await clearScreen(page);
  await page.keyboard.type('telnet localhost 25\n');
  await waitForScreen(page, '220 mail.example.org ESMTP Postfix');
  await page.keyboard.type('EHLO client.example.com\n');
  await waitForScreen(page, '250 CHUNKING');
  for (const { send, expect } of commands) {
    await page.keyboard.type(`${send}\n`);
    await waitForScreen(page, expect);
  }
  await page.keyboard.type('QUIT\n');
  return waitForScreen(page, (s) => s.includes('221 2.0.0 Bye') && s.trimEnd().endsWith(PROMPT.trim()), { what: 'the end of the session' });
}
