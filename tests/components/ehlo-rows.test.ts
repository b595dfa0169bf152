import { describe, expect, it } from 'vitest';
import { ehloRows } from '../../src/components/course/ehlo-rows.ts';

// EHLO replies of the corpus: p25-level-none (no STARTTLS) and p25-level-may (with it).
const NONE = [
  '250-mail.example.org',
  '250-PIPELINING',
  '250-SIZE 10240000',
  '250-VRFY',
  '250-ETRN',
  '250-ENHANCEDSTATUSCODES',
  '250-8BITMIME',
  '250-DSN',
  '250-SMTPUTF8',
  '250 CHUNKING',
];
const MAY = [
  '250-mail.example.org',
  '250-PIPELINING',
  '250-SIZE 10240000',
  '250-VRFY',
  '250-ETRN',
  '250-STARTTLS',
  '250-ENHANCEDSTATUSCODES',
  '250-8BITMIME',
  '250-DSN',
  '250-SMTPUTF8',
  '250 CHUNKING',
];

describe('ehloRows', () => {
  it('marks the one added line and keeps the rest in order', () => {
    const rows = ehloRows(NONE, MAY);
    expect(rows.filter((r) => r.kind !== 'same')).toEqual([{ kind: 'add', text: '250-STARTTLS' }]);
    expect(rows.map((r) => r.text)).toEqual(MAY);
  });

  it('marks a removed line going the other way', () => {
    expect(ehloRows(MAY, NONE).filter((r) => r.kind !== 'same')).toEqual([{ kind: 'del', text: '250-STARTTLS' }]);
  });

  it('a changed last line is one removed and one added', () => {
    expect(ehloRows(['250-a', '250 b'], ['250-a', '250-b', '250 c'])).toEqual([
      { kind: 'same', text: '250-a' },
      { kind: 'del', text: '250 b' },
      { kind: 'add', text: '250-b' },
      { kind: 'add', text: '250 c' },
    ]);
  });

  it('from nothing, everything is added', () => {
    expect(ehloRows([], ['250 x'])).toEqual([{ kind: 'add', text: '250 x' }]);
  });
});
