/**
 * The pre-screen (src/components/lab/pre-screen.ts) shows what the shell would show before xterm has come:
 * its first screen, and the echo of a command line being typed. Checked against the real thing: the lab's
 * own terminal shell (lab-terminal-kit.ts) in a headless xterm, fed the same bytes.
 */
import { readFileSync } from 'node:fs';
import { Terminal } from '@xterm/headless';
import { describe, expect, it } from 'vitest';
import { newTerminalShell } from '../../src/components/lab/lab-terminal-kit.ts';
import { echoLines, firstPrompt, keyBytes, rowHeight } from '../../src/components/lab/pre-screen.ts';
import { DARK_THEME, LIGHT_THEME } from '../../src/terminal/theme.ts';
import { portFromXterm } from '../../src/terminal/xterm-port.ts';

/** The lab's terminal shell (as lab-console.ts makes it, host `mail`) in a headless xterm; `typed` fed as xterm would. */
async function realScreen(typed: string): Promise<string[]> {
  const term = new Terminal({ cols: 80, rows: 24, allowProposedApi: true });
  const terminal = newTerminalShell('mail', [], () => Promise.resolve());
  terminal.shell.attach(portFromXterm(term));
  if (typed !== '') term.input(typed, true);
  await new Promise<void>((resolve) => term.write('', resolve));
  const buf = term.buffer.active;
  const out: string[] = [];
  for (let i = 0; i < buf.length; i++) out.push(buf.getLine(i)?.translateToString(true) ?? '');
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  terminal.shell.dispose();
  term.dispose();
  return out;
}

const PROMPT = firstPrompt('mail');

describe('the pre-screen', () => {
  it('shows the shell’s first screen: its prompt, trailing space included', async () => {
    expect(await realScreen('')).toEqual([PROMPT]);
    expect(echoLines(PROMPT, '')).toEqual([PROMPT]);
    expect(PROMPT).toBe('root@mail:~# ');
    expect(firstPrompt('mail.example.org')).toBe(PROMPT);
  });

  it('echoes a command line being typed as the shell does, Backspace included', async () => {
    for (const typed of ['echo ready', 'echo hx\x7fi', 'ls\x7f\x7f\x7fpostconf -n', 'ünïcode 😀\x7f!', '\x7f\x7fpwd']) {
      expect(echoLines(PROMPT, typed), JSON.stringify(typed)).toEqual(await realScreen(typed));
    }
  });

  it('starts a new line at Enter, and leaves escape sequences and control codes to the shell', () => {
    expect(echoLines(PROMPT, 'echo a\rec')).toEqual([`${PROMPT}echo a`, 'ec']);
    expect(echoLines(PROMPT, 'echo a\r\x7f\x7fb')).toEqual([`${PROMPT}echo a`, 'b']);
    expect(echoLines(PROMPT, 'ab\x1b[Dc\x1b[3~\x03\x1bxd')).toEqual([`${PROMPT}abcd`]);
  });

  it('keeps keys as the bytes the shell reads from xterm', async () => {
    const k = (key: string, mods: Partial<Record<'ctrlKey' | 'altKey' | 'metaKey' | 'shiftKey', boolean>> = {}) =>
      keyBytes({ key, ctrlKey: false, altKey: false, metaKey: false, shiftKey: false, ...mods });
    expect(k('a')).toBeNull(); // printable: it comes through the input event
    expect(k('c', { ctrlKey: true })).toBe('\x03');
    expect(k('Tab', { shiftKey: true })).toBe('\x1b[Z');
    expect(k('v', { ctrlKey: true, shiftKey: true })).toBeNull(); // the browser pastes
    // Through the real shell: arrows, Home, End and Delete edit the line, Enter runs it, Ctrl+U kills it.
    const keys = ['x', 'e', 'c', 'h', 'o', ' ', 'k', 'ArrowLeft', 'o', 'Home', 'Delete', 'End', '!', 'Enter'];
    const typed = keys.map((key) => (key.length === 1 ? key : (k(key) ?? '?'))).join('');
    expect(await realScreen(typed)).toEqual([`${PROMPT}echo ok!`, 'ok!', PROMPT]);
    expect(await realScreen(`echo no${k('u', { ctrlKey: true }) ?? ''}echo yes${k('Enter') ?? ''}`)).toEqual([
      `${PROMPT}echo yes`,
      'yes',
      PROMPT,
    ]);
  });

  it('draws in xterm’s colours and row height', () => {
    const css = readFileSync(new URL('../../src/components/lab/lab-console.css', import.meta.url), 'utf8');
    const values = [...css.matchAll(/--lab-term-fg: (#[0-9a-f]{6});/g)].map((m) => m[1]);
    expect(values).toEqual([LIGHT_THEME.foreground, DARK_THEME.foreground, DARK_THEME.foreground]);
    expect(LIGHT_THEME.cursor).toBe(LIGHT_THEME.foreground);
    expect(DARK_THEME.cursor).toBe(DARK_THEME.foreground);
    // 14px DejaVu Sans Mono: 16.3px high, rows of 20px at line height 1.2 (xterm: floor(ceil(16.3) * 1.2)).
    expect(rowHeight(16.3, 1.2, 1)).toBe(20);
    expect(rowHeight(16.3, 1.2, 2)).toBe(19.5);
  });
});
