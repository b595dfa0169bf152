import { describe, expect, it } from 'vitest';
import { InputPacer, sliceEnd } from '../../src/terminal/input-pacer.ts';

function rig(sliceChars: number) {
  const tasks: (() => void)[] = [];
  const got: string[] = [];
  const pacer = new InputPacer({ sliceChars, schedule: (fn) => tasks.push(fn), deliver: (d) => got.push(d) });
  const runAll = () => {
    while (tasks.length > 0) tasks.shift()?.();
  };
  return { pacer, got, tasks, runAll };
}

describe('InputPacer', () => {
  it('hands typed keys over at once', () => {
    const r = rig(100);
    r.pacer.push('a');
    r.pacer.push('\r');
    expect(r.got).toEqual(['a', '\r']);
    expect(r.tasks.length).toBe(0);
  });

  it('feeds a big paste one slice per task, cut after line ends, losing nothing', () => {
    const r = rig(10);
    const paste = 'echo one\recho two\recho three\rtail';
    r.pacer.push(paste);
    expect(r.got).toEqual(['echo one\r']);
    expect(r.pacer.pending).toBe(true);
    r.runAll();
    expect(r.got.join('')).toBe(paste);
    expect(r.got.every((s) => s.length <= 10)).toBe(true);
    expect(r.pacer.pending).toBe(false);
  });

  it('keys typed during a paste come after it', () => {
    const r = rig(4);
    r.pacer.push('abcdefghij');
    r.pacer.push('X');
    r.runAll();
    expect(r.got.join('')).toBe('abcdefghijX');
  });

  it('Ctrl-C drops what is left of a paste', () => {
    const r = rig(4);
    r.pacer.push('abcdefghijklmnop');
    r.pacer.push('\x03');
    r.runAll();
    expect(r.got).toEqual(['abcd', '\x03']);
  });

  it('a megabyte goes through in order', () => {
    const r = rig(16 * 1024);
    const paste = 'echo hello world\r'.repeat(60000);
    r.pacer.push(paste);
    r.runAll();
    expect(r.got.join('')).toBe(paste);
    expect(r.got.length).toBeGreaterThan(60);
  });

  it('does nothing after dispose', () => {
    const r = rig(4);
    r.pacer.push('abcdefgh');
    r.pacer.dispose();
    r.runAll();
    r.pacer.push('z');
    expect(r.got).toEqual(['abcd']);
  });
});

describe('sliceEnd', () => {
  it('never cuts a surrogate pair or an escape sequence', () => {
    expect(sliceEnd('ab😀cd', 0, 3)).toBe(2);
    expect(sliceEnd('abc\x1b[Adef', 0, 5)).toBe(3);
    expect(sliceEnd('short', 0, 100)).toBe(5);
    expect(sliceEnd('a\nbcdef', 0, 4)).toBe(2);
  });
});
