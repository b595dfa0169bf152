import { describe, expect, it } from 'vitest';
import { changedLines, diffLines, splitLines } from '../../src/components/lab/line-diff.ts';

describe('diffLines', () => {
  it('no change, no lines', () => {
    expect(diffLines('a\nb\n', 'a\nb\n')).toEqual([]);
    expect(diffLines('', '')).toEqual([]);
  });

  it('a changed line is one removal and one addition, with their line numbers', () => {
    expect(diffLines('a\nb = 1\nc\n', 'a\nb = 2\nc\n')).toEqual([
      { kind: 'del', text: 'b = 1', line: 2 },
      { kind: 'add', text: 'b = 2', line: 2 },
    ]);
  });

  it('appended and removed lines', () => {
    expect(diffLines('a\n', 'a\nb\n')).toEqual([{ kind: 'add', text: 'b', line: 2 }]);
    expect(diffLines('a\nb\nc\n', 'a\nc\n')).toEqual([{ kind: 'del', text: 'b', line: 2 }]);
  });

  it('changes apart from each other stay apart', () => {
    const before = ['1', '2', '3', '4', '5', '6'].join('\n');
    const after = ['1', 'two', '3', '4', 'five', '6'].join('\n');
    expect(diffLines(before, after)).toEqual([
      { kind: 'del', text: '2', line: 2 },
      { kind: 'add', text: 'two', line: 2 },
      { kind: 'del', text: '5', line: 5 },
      { kind: 'add', text: 'five', line: 5 },
    ]);
  });

  it('removals come before additions within a change', () => {
    const d = diffLines('x\na\nb\ny\n', 'x\nc\nd\ne\ny\n');
    expect(d.map((l) => l.kind)).toEqual(['del', 'del', 'add', 'add', 'add']);
  });

  it('past the edit limit, the middle is all removed and all added (no freeze)', () => {
    const d = diffLines('a\nb\nc\nz\n', 'a\nc\nb\nz\n', { maxEdits: 1 });
    expect(d).toEqual([
      { kind: 'del', text: 'b', line: 2 },
      { kind: 'del', text: 'c', line: 3 },
      { kind: 'add', text: 'c', line: 2 },
      { kind: 'add', text: 'b', line: 3 },
    ]);
  });

  it('with pairs, an N-for-N change lists each old line next to its new one', () => {
    expect(diffLines('x\n#a\n#b\ny\n', 'x\na\nb\ny\n', { pairs: true }).map((l) => `${l.kind} ${l.text}`)).toEqual([
      'del #a',
      'add a',
      'del #b',
      'add b',
    ]);
    expect(diffLines('x\n#a\ny\n', 'x\na\nb\ny\n', { pairs: true }).map((l) => l.kind)).toEqual(['del', 'add', 'add']);
  });

  it('a big file diffs to just its changed lines', () => {
    const big = Array.from({ length: 20000 }, (_, i) => `line ${i}`).join('\n');
    const edited = big.replace('line 100\n', 'LINE 100\n') + '\nmore';
    const d = diffLines(big, edited);
    expect(d.filter((l) => l.kind === 'add').map((l) => l.text)).toEqual(['LINE 100', 'more']);
  });

  it('applying the diff to the old lines gives the new ones', () => {
    const cases = [
      ['a\nb\nc', 'c\nb\na'],
      ['', 'x\ny'],
      ['x\ny', ''],
      ['a\na\na', 'a\nb\na'],
      ['p\nq\nr\ns', 'q\ns\nt'],
    ] as const;
    for (const [before, after] of cases) {
      const d = diffLines(before, after);
      const removed = new Set(d.filter((l) => l.kind === 'del').map((l) => l.line));
      const kept = splitLines(before).filter((_, i) => !removed.has(i + 1));
      const added = new Set(d.filter((l) => l.kind === 'add').map((l) => l.line));
      expect(splitLines(after).filter((_, i) => !added.has(i + 1))).toEqual(kept);
    }
  });
});

function lcsLength(a: readonly string[], b: readonly string[]): number {
  const t = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--) t[i]![j] = a[i] === b[j] ? t[i + 1]![j + 1]! + 1 : Math.max(t[i + 1]![j]!, t[i]![j + 1]!);
  return t[0]![0]!;
}

describe('diffLines on random files', () => {
  it('is correct and minimal (as many edits as the longest common subsequence leaves)', () => {
    let seed = 11;
    const rand = (n: number) => Math.floor(((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * n);
    for (let round = 0; round < 400; round++) {
      const a = Array.from({ length: rand(12) }, () => 'abc'[rand(3)] ?? 'a');
      const b = Array.from({ length: rand(12) }, () => 'abc'[rand(3)] ?? 'a');
      const d = diffLines(a.join('\n'), b.join('\n'));
      expect(d.length).toBe(a.length + b.length - 2 * lcsLength(a, b));
      const removed = new Set(d.filter((l) => l.kind === 'del').map((l) => l.line));
      const added = new Set(d.filter((l) => l.kind === 'add').map((l) => l.line));
      expect(a.filter((_, i) => !removed.has(i + 1))).toEqual(b.filter((_, i) => !added.has(i + 1)));
      for (const l of d) expect(l.text).toBe(l.kind === 'del' ? a[l.line - 1] : b[l.line - 1]);
    }
  });
});

describe('changedLines', () => {
  it('numbers the new and changed lines of the new text', () => {
    expect([...changedLines('a\nb\nc\n', 'a\nB\nc\nd\n')]).toEqual([2, 4]);
    expect(changedLines('a\n', 'a\n').size).toBe(0);
  });
});
