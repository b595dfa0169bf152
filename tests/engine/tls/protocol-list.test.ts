import { describe, expect, it } from 'vitest';
import { parseProtocolList } from '../../../src/engine/tls/protocol-list.ts';
import type { TlsVersion } from '../../../src/engine/tls/types.ts';

const ALL: TlsVersion[] = ['SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

// postfix-facts.md §4 (tls_misc.c syntax); the first rows are values the corpus recorded.
const CASES: readonly (readonly [string, TlsVersion[] | null])[] = [
  ['>=TLSv1', ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3']], // 3.7 default (postconf-defaults-tls-sasl)
  ['!SSLv2, !SSLv3, !TLSv1, !TLSv1.1', ['TLSv1.2', 'TLSv1.3']], // tls-protocols-restricted-may
  ['>=TLSv1.3', ['TLSv1.3']], // tls-protocols-ge-syntax-may, tls-mandatory-ignored-at-may
  ['!SSLv2, !SSLv3', ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3']], // 3.4 default
  ['', ALL],
  ['!sslv2:!SSLV3 !tlsv1', ['TLSv1.1', 'TLSv1.2', 'TLSv1.3']],
  ['TLSv1.2', ['TLSv1.2']],
  ['TLSv1.2, TLSv1.3', ['TLSv1.2', 'TLSv1.3']],
  ['TLSv1.2 TLSv1.3 !TLSv1.3', ['TLSv1.2']],
  ['<=TLSv1.2', ['SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2']],
  ['>=TLSv1.1 <=TLSv1.2', ['TLSv1.1', 'TLSv1.2']],
  ['>=0x0303', ['TLSv1.2', 'TLSv1.3']],
  ['>=0303', ['TLSv1.2', 'TLSv1.3']],
  ['>=303', ['TLSv1.2', 'TLSv1.3']],
  ['>=0x305', []],
  ['>=TLSv1.2, !TLSv1.3', ['TLSv1.2']],
  ['>=', ALL],
  ['SSLv2', []],
  // invalid: one bad token spoils the list
  ['>=TLSv1.4', null],
  ['TLSv1.4', null],
  ['!TLSv1.4', null],
  ['>= TLSv1.2', ['TLSv1.2']], // `>=` alone is an empty floor; TLSv1.2 is then an include
  ['TLSv1.2;TLSv1.3', null],
  ['>=SSLv2', null],
  ['>=0xZZ', null],
  ['=TLSv1.2', null],
  ['all', null],
  ['!SSLv2, !SSLv3, !TLSv1, !TLSv1.1, junk', null],
];

describe('Postfix protocol lists', () => {
  it.each(CASES)('%j', (value, expected) => {
    const r = parseProtocolList(value);
    if (expected === null) expect(r.ok).toBe(false);
    else expect(r).toEqual({ ok: true, allowed: expected });
  });

  it('never throws on arbitrary input', () => {
    for (const v of ['\u0000', '>=\u00ff', '!'.repeat(1000), 'TLSv1.'.repeat(500), ':::,,,   ', '<=>=', '>=0x7fffffffffff']) {
      expect(() => parseProtocolList(v)).not.toThrow();
    }
  });
});
