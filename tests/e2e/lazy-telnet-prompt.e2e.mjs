// Browser tests for code the first EHLO does without: telnet's `telnet>` prompt (its commands and replies,
// src/shell/programs/net/telnet-prompt.ts) comes as its own chunk when the prompt first shows, and the usages
// that `help` lists come with `help` (src/shell/lazy-usages.ts). Expected text: corpus terminal/term-telnet-escape.
import assert from 'node:assert/strict';
import { clearScreen, corpusScreen, openLab, PROMPT, waitForScreen } from './lab-helpers.mjs';

const LAB = '/lab/';

export const tests = [
  {
    name: 'telnet> prompt: not fetched for EHLO; Ctrl-] then status and quit show what real telnet showed (term-telnet-escape)',
    async run(t) {
      const page = await t.page();
      const fetched = [];
      page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
      const promptCode = () => fetched.filter((p) => /\/telnet-prompt\.[^/]+\.js$/.test(p));
      await openLab(page, t.url(LAB));

      await clearScreen(page);
      await page.keyboard.type('telnet localhost 25\n');
      await waitForScreen(page, '220 mail.example.org ESMTP Postfix');
      await page.keyboard.type('EHLO client.example.com\n');
      await waitForScreen(page, '250 CHUNKING');
      assert.deepEqual(promptCode(), [], 'the prompt code came for EHLO');

      // Ctrl-] and `status` typed at once: the line waits for the code if need be.
      await page.keyboard.press('Control+BracketRight');
      await page.keyboard.type('status\n');
      await waitForScreen(page, "Operating in obsolete linemode\nLocal character echo\nEscape character is '^]'.");
      await page.keyboard.press('Control+BracketRight');
      await page.keyboard.type('quit\n');
      const screen = await waitForScreen(page, (s) => s.trimEnd().endsWith(PROMPT.trim()) && s.includes('Connection closed.'), {
        what: 'the shell after quit',
      });
      const lines = screen.split('\n').map((l) => l.trimEnd());
      const from = lines.indexOf('^]');
      const corpus = corpusScreen('term-telnet-escape', 'quit');
      assert.deepEqual(lines.slice(from, from + 10), corpus.slice(corpus.indexOf('^]'), corpus.indexOf('^]') + 10));
      assert.equal(promptCode().length, 1, 'the prompt code came once');
    },
  },
  {
    name: 'help lists every program with its usage before their code is here',
    async run(t) {
      const page = await t.page();
      await openLab(page, t.url(LAB));
      await clearScreen(page);
      await page.keyboard.type('help\n');
      const screen = await waitForScreen(page, (s) => s.trimEnd().endsWith(PROMPT.trim()) && s.includes('  ss '), { what: 'help' });
      const lines = screen.split('\n').map((l) => l.trimEnd());
      assert.ok(lines.includes('  telnet          telnet [HOST [PORT]]'), screen);
      assert.ok(
        lines.some((l) => /^ {2}postconf {8}postconf \[-n\|-d\|-h\|-x\|-M\|-P\] /.test(l)),
        screen,
      );
      for (const l of lines.filter((x) => x.startsWith('  '))) assert.match(l, /^ {2}\S+ +\S/, 'a program without its usage');
    },
  },
];
