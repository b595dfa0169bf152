/** Pasting a megabyte must not freeze the page: one pass, no redraw per character. */
import { describe, expect, it } from 'vitest';
import { makeShell } from './harness.ts';

describe('1 MB paste', () => {
  it('a 1 MB line is inserted and run in well under a second', () => {
    const { port, shell } = makeShell();
    const big = 'x'.repeat(1024 * 1024);
    const t0 = performance.now();
    port.type(`echo ${big}\r`);
    const ms = performance.now() - t0;
    expect(ms).toBeLessThan(500);
    expect(shell.history[0]?.length).toBe(big.length + 5);
    expect(port.output.endsWith(`${big}\r\nroot@mail:~# `)).toBe(true);
  });

  it('1 MB of command lines runs line by line in well under a second', () => {
    const { port, shell } = makeShell();
    const line = `echo ${'y'.repeat(95)}\r`;
    const count = Math.ceil((1024 * 1024) / line.length);
    const t0 = performance.now();
    port.type(line.repeat(count));
    const ms = performance.now() - t0;
    expect(ms).toBeLessThan(900);
    expect(shell.history.length).toBe(count);
  });

  it('1 MB pasted into cat > file lands in the file', () => {
    const { port, fs } = makeShell();
    port.type('cat > /root/big.txt\r');
    const body = 'z'.repeat(99) + '\n';
    const count = Math.ceil((1024 * 1024) / body.length);
    const t0 = performance.now();
    port.type(body.repeat(count).replace(/\n/g, '\r'));
    port.type('\x04');
    expect(performance.now() - t0).toBeLessThan(900);
    expect(fs.read('/root/big.txt')?.length).toBe(body.length * count);
  });
});
