/**
 * Pasting a megabyte must not freeze the page: one pass, no redraw per character. Tests assert sizes, never
 * times (a loaded CI machine is slow): a redraw per character would write output quadratic in the paste, so
 * the bound is on what reaches the terminal. `npm run bench` measures the time.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_HISTORY_SIZE } from '../../src/shell/shell.ts';
import { makeShell } from './harness.ts';

describe('1 MB paste', () => {
  it('a 1 MB line is inserted and run in one pass', () => {
    const { port, shell } = makeShell();
    const big = 'x'.repeat(1024 * 1024);
    port.type(`echo ${big}\r`);
    // The echo of the line and echo's output, plus prompts: linear, not one redraw per character.
    expect(port.output.length).toBeLessThan(3 * big.length);
    expect(shell.history[0]?.length).toBe(big.length + 5);
    expect(port.output.endsWith(`${big}\r\nroot@mail:~# `)).toBe(true);
  });

  it('1 MB of command lines runs line by line in one pass', () => {
    const { port, shell } = makeShell();
    const line = `echo ${'y'.repeat(95)}\r`;
    const count = Math.ceil((1024 * 1024) / line.length);
    port.type(line.repeat(count));
    expect(port.output.length).toBeLessThan(4 * line.length * count);
    // Every line ran; the history keeps the last HISTSIZE of them, numbered on from the first.
    expect(shell.history.length).toBe(DEFAULT_HISTORY_SIZE);
    expect(shell.state.historyBase).toBe(count - DEFAULT_HISTORY_SIZE);
  });

  it('1 MB pasted into cat > file lands in the file', () => {
    const { port, fs } = makeShell();
    port.type('cat > /root/big.txt\r');
    const body = 'z'.repeat(99) + '\n';
    const count = Math.ceil((1024 * 1024) / body.length);
    port.type(body.repeat(count).replace(/\n/g, '\r'));
    port.type('\x04');
    expect(port.output.length).toBeLessThan(3 * body.length * count);
    expect(fs.read('/root/big.txt')?.length).toBe(body.length * count);
  });
});
