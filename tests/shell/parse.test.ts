import { describe, expect, it } from 'vitest';
import { parse, wordLiteral, type ParseResult } from '../../src/shell/parse.ts';

function words(r: ParseResult): string[][] {
  if (r.kind !== 'ok') throw new Error(`not ok: ${JSON.stringify(r)}`);
  return r.items.flatMap((it) => it.pipeline.commands.map((c) => c.words.map(wordLiteral)));
}

describe('parse', () => {
  it('splits words with quotes and backslashes', () => {
    expect(words(parse(`echo 'a b' "c d" e\\ f "g\\"h" 'i\\j'`))).toEqual([['echo', 'a b', 'c d', 'e f', 'g"h', 'i\\j']]);
  });
  it('keeps variables as parts', () => {
    const r = parse('echo "rc=$?" $HOME ${PWD}x');
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    const w = r.items[0]?.pipeline.commands[0]?.words ?? [];
    expect(w[1]?.parts).toEqual([
      { kind: 'lit', text: 'rc=', quoted: true },
      { kind: 'var', name: '?', quoted: true },
    ]);
    expect(w[2]?.parts).toEqual([{ kind: 'var', name: 'HOME', quoted: false }]);
    expect(w[3]?.parts).toEqual([
      { kind: 'var', name: 'PWD', quoted: false },
      { kind: 'lit', text: 'x', quoted: false },
    ]);
  });
  it('lists, pipelines and connectors', () => {
    const r = parse('a | b && c || d; e');
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    expect(r.items.map((i) => [i.connector, i.pipeline.commands.length])).toEqual([
      [';', 2],
      ['&&', 1],
      ['||', 1],
      [';', 1],
    ]);
  });
  it('redirections', () => {
    const r = parse('cmd > out 2>&1 >> log 2>/dev/null < in <<< word &> both');
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    const red = r.items[0]?.pipeline.commands[0]?.redirects.map((x) => [x.fd, x.op, x.target.raw]);
    expect(red).toEqual([
      [1, '>', 'out'],
      [2, '>&', '1'],
      [1, '>>', 'log'],
      [2, '>', '/dev/null'],
      [0, '<', 'in'],
      [0, '<<<', 'word'],
      [1, '&>', 'both'],
    ]);
  });
  it('comments', () => {
    expect(words(parse('echo a # b c'))).toEqual([['echo', 'a']]);
    expect(parse('# only').kind).toBe('ok');
  });
  it('asks for more input after an open quote, a trailing pipe or && (PS2)', () => {
    expect(parse('echo "abc')).toEqual({ kind: 'incomplete', eofMessage: 'unexpected EOF while looking for matching `"\'' });
    expect(parse("echo 'abc")).toEqual({ kind: 'incomplete', eofMessage: "unexpected EOF while looking for matching `''" });
    expect(parse('ls |')).toEqual({ kind: 'incomplete', eofMessage: 'syntax error: unexpected end of file' });
    expect(parse('ls &&')).toEqual({ kind: 'incomplete', eofMessage: 'syntax error: unexpected end of file' });
    expect(words(parse('echo "abc\ndef"'))).toEqual([['echo', 'abc\ndef']]);
    expect(words(parse('ls |\ngrep x'))).toEqual([['ls'], ['grep', 'x']]);
  });
  it('refuses what it does not run with a clear message', () => {
    for (const src of ['echo $(pwd)', 'echo `pwd`', 'sleep 1 &', 'if true; then echo; fi', 'cat <<EOF', '( ls )']) {
      const r = parse(src);
      expect(r.kind).toBe('error');
      if (r.kind === 'error') expect(r.message).toMatch(/not supported in this simulated shell$/);
    }
  });
  it('never throws on random input', () => {
    let seed = 12345;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const alphabet = 'ab $?{}()\'"\\|&;<>#*~=\n\t0123`!';
    for (let n = 0; n < 3000; n++) {
      let s = '';
      const len = Math.floor(rand() * 30);
      for (let i = 0; i < len; i++)
        s += rand() < 0.1 ? String.fromCharCode(Math.floor(rand() * 0x3000)) : alphabet[Math.floor(rand() * alphabet.length)];
      const r = parse(s);
      expect(['ok', 'error', 'incomplete']).toContain(r.kind);
    }
  });
});
