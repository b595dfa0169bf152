import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readLogicalLines, splitNameValue } from '../../../src/engine/config/cf-syntax.ts';
import { applyMainCfEdit, hotReadCount, MainCf } from '../../../src/engine/config/main-cf.ts';
import { CORPUS as GROUND_TRUTH } from '../../corpus/corpus-path.ts';

const BASE = readFileSync(`${GROUND_TRUTH}/base/main.cf`, 'utf8');

describe('logical lines (readlline rules)', () => {
  it.each([
    ['a = 1\n b\n', [['a = 1 b', 1]]],
    ['a = 1\n\n  b\n#x\n c\n', [['a = 1  b c', 1]]],
    [
      '#c\n\nx = 1\ny = 2',
      [
        ['x = 1', 3],
        ['y = 2', 4],
      ],
    ],
    ['a\n #comment after space\n b\n', [['a b', 1]]],
    [
      'a\r\nb\r\n',
      [
        ['a\r', 1],
        ['b\r', 2],
      ],
    ],
  ])('%j', (input, want) => {
    expect(readLogicalLines(input).lines.map((l) => [l.text, l.firstLine])).toEqual(want);
  });
  it('skips a logical line that starts with whitespace', () => {
    const r = readLogicalLines('  a = 1\nb = 2\n');
    expect(r.skipped.map((s) => s.text)).toEqual(['  a = 1']);
    expect(r.lines.map((l) => l.text)).toEqual(['b = 2']);
  });
});

describe('name = value', () => {
  it.each([
    ['a = b', { ok: true, name: 'a', value: 'b' }],
    ['a=b', { ok: true, name: 'a', value: 'b' }],
    ['  a \t=\t b c  \r', { ok: true, name: 'a', value: 'b c' }],
    ['a =', { ok: true, name: 'a', value: '' }],
    ['a = b = c', { ok: true, name: 'a', value: 'b = c' }],
    ['a b', { ok: false, error: "missing '=' after attribute name" }],
    ['= b', { ok: false, error: 'missing attribute name' }],
    ['a = b\0c', { ok: true, name: 'a', value: 'b' }],
  ])('%j', (input, want) => {
    expect(splitNameValue(input)).toEqual(want);
  });
});

describe('MainCf', () => {
  it('reads the corpus base main.cf', () => {
    const m = MainCf.parse(BASE);
    expect(m.fatal).toBeNull();
    expect(m.warnings).toEqual([]);
    expect(m.get('myhostname')).toBe('mail.example.org');
    expect(m.get('mydestination')).toBe('$myhostname, localhost, example.org');
    expect(m.entry('smtpd_tls_security_level')?.line).toBe(24);
    expect(m.get('smtpd_tls_auth_only')).toBeUndefined();
  });
  it('the last entry wins and an override with another value warns (corpus text)', () => {
    const m = MainCf.parse('a = 1\na = 2\na = 2\n');
    expect(m.get('a')).toBe('2');
    expect(m.warnings).toEqual(['/etc/postfix/main.cf, line 2: overriding earlier entry: a=1']);
  });
  it('a line without = is fatal, as data (corpus text)', () => {
    const m = MainCf.parse(`${BASE}smtpd_tls_security_level encrypt\n`);
    expect(m.fatal).toBe(`/etc/postfix/main.cf, line 32: missing '=' after attribute name: "smtpd_tls_security_level encrypt"`);
  });
  it('the corpus continuation line joins into the value (two spaces kept)', () => {
    const m = MainCf.parse(`${BASE}smtpd_tls_loglevel = 1\n  smtpd_tls_auth_only = yes\n`);
    expect(m.get('smtpd_tls_loglevel')).toBe('1  smtpd_tls_auth_only = yes');
    expect(m.warnings).toEqual(['/etc/postfix/main.cf, line 32: overriding earlier entry: smtpd_tls_loglevel=1']);
  });
  it('repeated reads of a hot file repeat the warnings like the corpus', () => {
    const m = MainCf.parse(`${BASE}smtpd_tls_loglevel = 1\n  smtpd_tls_auth_only = yes\n`, { reads: 7 });
    expect(m.warnings).toHaveLength(13);
    expect(m.warnings[1]).toBe('/etc/postfix/main.cf, line 25: overriding earlier entry: smtpd_tls_loglevel=1  smtpd_tls_auth_only = yes');
  });
  it('hotReadCount: one read for a cool file, 5 to 9 for a just-written one', () => {
    expect(hotReadCount(0, 10_000)).toBe(1);
    for (let f = 0; f < 1000; f += 37) {
      const n = hotReadCount(5_000_000 + f, 5_000_000 + f + 1);
      expect(n).toBeGreaterThanOrEqual(5);
      expect(n).toBeLessThanOrEqual(9);
    }
  });
});

describe('postconf -e / -X / -# editing', () => {
  it('rewrites in place and keeps every other byte', () => {
    const r = applyMainCfEdit(BASE, 'set', [{ name: 'smtpd_tls_security_level', value: 'encrypt' }]);
    expect(r.text).toBe(BASE.replace('smtpd_tls_security_level = may', 'smtpd_tls_security_level = encrypt'));
    expect(r.text.split('\n')[23]).toBe('smtpd_tls_security_level = encrypt');
  });
  it('appends a new setting at the end', () => {
    expect(applyMainCfEdit(BASE, 'set', [{ name: 'smtpd_tls_auth_only', value: 'yes' }]).text).toBe(`${BASE}smtpd_tls_auth_only = yes\n`);
  });
  it('replaces a multi-line entry but keeps the comments inside it', () => {
    const text = 'biff = no\nrelayhost = a\n  b\n# c\n d\nmyorigin = x\n';
    expect(applyMainCfEdit(text, 'set', [{ name: 'relayhost', value: 'new' }]).text).toBe(
      'biff = no\nrelayhost = new\n# c\nmyorigin = x\n',
    );
    expect(applyMainCfEdit(text, 'remove', [{ name: 'relayhost', value: null }]).text).toBe('biff = no\n# c\nmyorigin = x\n');
    expect(applyMainCfEdit(text, 'comment', [{ name: 'relayhost', value: null }]).text).toBe(
      'biff = no\n#relayhost = a\n#  b\n# c\n# d\nmyorigin = x\n',
    );
  });
  it('keeps CRLF lines it does not touch', () => {
    expect(applyMainCfEdit('a = 1\r\nb = 2\r\n', 'set', [{ name: 'b', value: '3' }]).text).toBe('a = 1\r\nb = 3\n');
  });
  it('rewrites every duplicate and warns once', () => {
    const r = applyMainCfEdit('a = 1\nb = 2\na = 3\na = 4\n', 'set', [{ name: 'a', value: '9' }]);
    expect(r.text).toBe('a = 9\nb = 2\na = 9\na = 9\n');
    expect(r.warnings).toEqual(['/etc/postfix/main.cf: multiple entries for "a"']);
  });
  it('MainCf helpers', () => {
    const m = MainCf.parse(BASE);
    expect(MainCf.parse(m.withSettings([['biff', 'yes']])).get('biff')).toBe('yes');
    expect(MainCf.parse(m.withoutSettings(['biff'])).has('biff')).toBe(false);
  });
});
