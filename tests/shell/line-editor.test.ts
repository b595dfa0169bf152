import { describe, expect, it } from 'vitest';
import { feed, formatMatchList, newLine, type EditorState } from '../../src/shell/line-editor.ts';

const P = 'root@mail:~# ';

function type(s: EditorState, data: string) {
  return feed(s, data, 0);
}

describe('line editor reducer', () => {
  it('inserts a run of text with one write', () => {
    const r = type(newLine(P, [], 80), 'echo hi');
    expect(r.output).toBe('echo hi');
    expect(r.state.line).toBe('echo hi');
    expect(r.event).toBeNull();
  });
  it('stops at Enter and says where the rest starts', () => {
    const r = type(newLine(P, [], 80), 'ls\rpwd\r');
    expect(r.event).toEqual({ kind: 'accept', line: 'ls' });
    expect(r.next).toBe(3);
    expect(r.output).toBe('ls\r\n');
  });
  it('treats CR LF as one Enter', () => {
    const r = type(newLine(P, [], 80), 'ls\r\npwd');
    expect(r.next).toBe(4);
  });
  it('inserting in the middle rewrites the tail and moves back', () => {
    const s = type(newLine(P, [], 80), 'ac').state;
    const r = type(type(s, '\x1b[D').state, 'b');
    expect(r.state.line).toBe('abc');
    expect(r.output).toBe('bc\x1b[D');
  });
  it('Backspace at the end erases below and rewrites nothing', () => {
    const s = type(newLine(P, [], 80), 'abc').state;
    const r = type(s, '\x7f');
    expect(r.state.line).toBe('ab');
    expect(r.output).toBe('\x1b[D\x1b[J');
  });
  it('Ctrl-C gives ^C and a new line; Ctrl-D on an empty line is EOF, elsewhere delete-char', () => {
    const s = type(newLine(P, [], 80), 'xyz').state;
    expect(type(s, '\x03')).toMatchObject({ output: '^C\r\n', event: { kind: 'interrupt' } });
    expect(type(newLine(P, [], 80), '\x04').event).toEqual({ kind: 'eof' });
    const home = type(s, '\x01\x04');
    expect(home.state.line).toBe('yz');
    expect(home.event).toBeNull();
  });
  it('keeps an escape sequence cut between two chunks', () => {
    const s = type(newLine(P, ['echo old'], 80), '\x1b[').state;
    expect(s.pendingEscape).toBe('\x1b[');
    const r = feed(s, 'Ax', 0);
    expect(r.state.line).toBe('echo oldx');
    expect(r.next).toBe(2);
  });
  it('history keeps the edited new line', () => {
    let s = newLine(P, ['one', 'two'], 80);
    s = type(s, 'draft').state;
    s = type(s, '\x1b[A').state;
    expect(s.line).toBe('two');
    s = type(s, '\x1b[A\x1b[A').state;
    expect(s.line).toBe('one');
    s = type(s, '\x1b[B\x1b[B').state;
    expect(s.line).toBe('draft');
  });
  it('completion: unique, common prefix, bell, list on the second Tab', () => {
    const completer = (line: string) => {
      const cands = ['main.cf', 'master.cf'].filter((c) => c.startsWith(line.split(' ').pop() ?? ''));
      return { start: line.lastIndexOf(' ') + 1, candidates: cands.map((c) => ({ word: c, display: c, suffix: ' ' })) };
    };
    let r = feed(newLine(P, [], 80), 'cat mai\t', 0, completer);
    expect(r.state.line).toBe('cat main.cf ');
    r = feed(newLine(P, [], 80), 'cat m\t', 0, completer);
    expect(r.state.line).toBe('cat ma');
    r = feed(r.state, '\t', 0, completer);
    expect(r.output).toContain('main.cf    master.cf');
    r = feed(newLine(P, [], 80), 'cat ma\t', 0, completer);
    expect(r.output).toBe('cat ma\x07');
  });
  it('asks before listing more than 100 matches', () => {
    const many = Array.from({ length: 150 }, (_, i) => `p${String(i).padStart(3, '0')}`);
    const completer = () => ({ start: 0, candidates: many.map((c) => ({ word: c, display: c, suffix: ' ' })) });
    let r = feed(newLine(P, [], 80), 'p\t\t', 0, completer);
    expect(r.output).toContain('\r\nDisplay all 150 possibilities? (y or n)');
    r = feed(r.state, 'n', 0, completer);
    expect(r.output).toBe(`\r\n${P}p`);
  });
  it('formats listings in columns read downwards', () => {
    expect(formatMatchList(['a', 'bb', 'c', 'd', 'e'], 13)).toBe('a   c   e   \r\nbb  d   \r\n');
    // Three columns of 4 would fill 12 columns exactly: readline takes two.
    expect(formatMatchList(['a', 'bb', 'c', 'd', 'e'], 12)).toBe('a   d   \r\nbb  e   \r\nc   \r\n');
  });
  it('never throws on random bytes', () => {
    let seed = 99;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    let s = newLine(P, ['a', 'b'], 17, 3);
    const completer = () => ({
      start: 0,
      candidates: [
        { word: 'zz', display: 'zz', suffix: ' ' },
        { word: 'zy', display: 'zy', suffix: ' ' },
      ],
    });
    for (let n = 0; n < 2000; n++) {
      let chunk = '';
      const len = 1 + Math.floor(rand() * 8);
      for (let i = 0; i < len; i++)
        chunk += String.fromCharCode(
          rand() < 0.5 ? Math.floor(rand() * 0x20) : rand() < 0.9 ? 0x20 + Math.floor(rand() * 0x60) : Math.floor(rand() * 0xffff),
        );
      const r = feed(s, chunk, 0, completer);
      expect(r.next).toBeGreaterThan(0);
      s = r.event === null ? r.state : newLine(P, [], 17);
      expect(s.cursor).toBeGreaterThanOrEqual(0);
      expect(s.cursor).toBeLessThanOrEqual(s.line.length);
    }
  });
});
