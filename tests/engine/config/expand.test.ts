import { describe, expect, it } from 'vitest';
import { expandMacros, parseCompatLevel, scanMacros } from '../../../src/engine/config/expand.ts';

const VARS: Record<string, string> = {
  myhostname: 'mail.example.org',
  mydomain: 'example.org',
  myorigin: '$mydomain',
  empty: '',
  yes: 'yes',
  compatibility_level: '3.6',
  old_level: '0',
  loop_a: '$loop_b',
  loop_b: '$loop_a',
  self: 'x $self',
};
const lookup = (n: string): string | undefined => VARS[n];

function ex(pattern: string): { value: string; error: boolean; warnings: string[] } {
  const warnings: string[] = [];
  const r = expandMacros(pattern, lookup, { warn: (w) => warnings.push(w) });
  return { value: r.value, error: r.error, warnings };
}

describe('expansion forms', () => {
  it.each([
    ['$myhostname', 'mail.example.org'],
    ['${myhostname}', 'mail.example.org'],
    ['$(myhostname)', 'mail.example.org'],
    ['$myorigin', 'example.org'],
    ['a$$b', 'a$b'],
    ['$$$yes', '$yes'],
    ['[$unknown]', '[]'],
    ['${yes?set}|${unknown?x}', 'set|'],
    ['${yes:x}|${empty:unset}|${unknown:undef}', '|unset|undef'],
    ['${yes?{ a b }:{ c d }}', ' a b '],
    ['${empty?{a}:{c}}', 'c'],
    ['${yes?{$myhostname}}', 'mail.example.org'],
    ['${ yes ? {y} }', 'y'],
    ['${yes??foo:{b}ar}', '?foo:{b}ar'],
  ])('%s -> %s', (pattern, want) => {
    expect(ex(pattern)).toEqual({ value: want, error: false, warnings: [] });
  });
});

describe('relational expressions', () => {
  it.each([
    ['${{$yes} == {yes} ? {eq} : {ne}}', 'eq'],
    ['${{$yes} != {yes} ? {ne} : {eq}}', 'eq'],
    ['${{3} < {10} ? {num} : {lex}}', 'num'],
    ['${{abc} < {abd} ? {lt} : {ge}}', 'lt'],
    ['[${{a} == {a}}] [${{a} == {b}}]', '[true] []'],
    [
      '${{$compatibility_level} <level {1} ? {} : {permit_mynetworks, permit_sasl_authenticated, defer_unauth_destination}}',
      'permit_mynetworks, permit_sasl_authenticated, defer_unauth_destination',
    ],
    ['${{$old_level} <level {1} ? {} : {permit}}', ''],
    ['${{$compatibility_level} <level {3.6} ? {md5} : {sha256}}', 'sha256'],
    ['${{3.6.1} >=level {3.6} ? {ge} : {lt}}', 'ge'],
    ['${{1} <=level {1} ? {le} : {gt}}', 'le'],
    ['${{10} >level {9} ? {gt} : {le}}', 'gt'],
    ['${{3.10} ==level {3.010} ? {eq} : {ne}}', 'eq'],
    ['${{2} !=level {2.0}?{ne}:{eq}}', 'eq'],
  ])('%s -> %s', (pattern, want) => {
    expect(ex(pattern)).toEqual({ value: want, error: false, warnings: [] });
  });
});

describe('errors are data (texts recorded from the real postconf)', () => {
  it.each([
    ['a ${biff b', 'truncated macro reference: "a ${biff b"', 'a '],
    ['a $ b', 'empty macro name: "a $ b"', 'a '],
    ['a ${bi-ff} b', 'attribute name syntax error at: "...bi>>>-ff"', 'a '],
    ['a ${{x} =~ {y}?{a}:{b}} b', '"==" or "!="" or "<"" or "<="" or ">="" or ">" expected at: "...x}>>>=~ {y}?{a}:{b}"', 'a '],
    ['a ${{x} == {y} z} b', '"?" or ":" expected at: "...}>>>z"', 'a '],
    ['a ${yes?{x} y} b', '":" expected at: "...x}>>>y"', 'a x'],
    ['a ${yes:{x} y} b', 'unexpected input at: "...x}>>>y"', 'a '],
    ['a ${{x} == y} b', '"{expression}" expected at: "...{x} ==>>> y"', 'a '],
    ['${{abc} <level {3.6} ? {old} : {new}}', 'malformed compatibility level syntax: "abc"', ''],
    ['${{1} <foo {2}}', 'bad operator suffix at: "...<>>>foo"', ''],
  ])('%s', (pattern, warning, partial) => {
    const r = ex(pattern);
    expect(r.error).toBe(true);
    expect(r.warnings).toEqual([warning]);
    expect(r.value).toBe(partial);
  });
  it('a loop stops at nesting depth 100', () => {
    const r = ex('$loop_a');
    expect(r.error).toBe(true);
    expect(r.warnings).toEqual(['unreasonable macro call nesting: "loop_b"']);
    expect(ex('$self').error).toBe(true);
  });
  it('an exploding expansion stops instead of hanging', () => {
    const vars: Record<string, string> = { v0: 'x' };
    for (let i = 1; i <= 40; i++) vars[`v${i}`] = `$v${i - 1}$v${i - 1}$v${i - 1}`;
    const r = expandMacros('$v40', (n) => vars[n]);
    expect(r.error).toBe(true);
  });
  it('relational operands that recurse through relational expressions stop too', () => {
    const vars: Record<string, string> = { a: '${{$a} == {x}}' };
    expect(expandMacros('$a', (n) => vars[n]).error).toBe(true);
  });
});

describe('scan and compatibility levels', () => {
  it('visits every name, both branches, without expanding', () => {
    const seen: string[] = [];
    expect(scanMacros('${a?$b:{$c}} ${{$d} == {e} ? {$f} : {$g}} $h', (n) => seen.push(n))).toBe(false);
    expect(seen).toEqual(['a', 'b', 'c', 'd', 'f', 'g', 'h']);
  });
  it.each([
    ['0', [0, 0, 0]],
    ['3.6', [3, 6, 0]],
    ['3.6.1', [3, 6, 1]],
    ['abc', null],
    ['', null],
    ['3.', null],
  ])('parseCompatLevel(%j)', (text, want) => {
    expect(parseCompatLevel(text)).toEqual(want);
  });
});
