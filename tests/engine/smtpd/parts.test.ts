import { describe, expect, it } from 'vitest';
import { extractAddress } from '../../../src/engine/smtpd/address.ts';
import { CommandStats } from '../../../src/engine/smtpd/command-stats.ts';
import { InputBuffer } from '../../../src/engine/smtpd/input-buffer.ts';
import { NetworkList } from '../../../src/engine/smtpd/network-list.ts';
import { wrapTranscriptLine } from '../../../src/engine/smtpd/notify.ts';
import { decodeBase64, encodeBase64 } from '../../../src/engine/smtpd/sasl/base64.ts';
import { StringList } from '../../../src/engine/smtpd/string-list.ts';
import { escapeForLog, neuter, printable } from '../../../src/engine/smtpd/text.ts';
import { parseTlsLoglevel } from '../../../src/engine/smtpd/tls-loglevel.ts';
import { tokenize } from '../../../src/engine/smtpd/tokenize.ts';
import { corpusSmtpdLog } from './corpus/replies.ts';

describe('tokenize (smtpd_token.c rules)', () => {
  it.each([
    ['MAIL FROM:<alice@example.org>', ['MAIL', 'FROM:', '<alice@example.org>']],
    ['MAIL FROM: alice@example.org', ['MAIL', 'FROM:', 'alice@example.org']],
    ['rcpt to:<a b@c>', ['rcpt', 'to:', '<a b@c>']],
    ['MAIL FROM:<"a b"@c> SIZE=1', ['MAIL', 'FROM:', '<"a b"@c>', 'SIZE=1']],
    ['  NOOP   x  ', ['NOOP', 'x']],
    ['Subject: hi', ['Subject:', 'hi']],
  ])('%s', (line, words) => {
    expect(tokenize(line).map((t) => t.text)).toEqual(words);
  });

  it('an unterminated <...> or "..." is an error token', () => {
    expect(tokenize('MAIL FROM:<aaaa')[2]).toEqual({ text: '<aaaa', error: true });
    expect(tokenize('VRFY "x')[1]?.error).toBe(true);
    expect(tokenize('')).toEqual([]);
  });
});

describe('extractAddress', () => {
  it.each([
    ['<alice@example.org>', 'alice@example.org'],
    ['alice@example.org', 'alice@example.org'],
    ['<>', ''],
    ['<@a,@b:user@d>', 'user@d'],
    ['<"a b"@c>', 'a b@c'],
    ['<user (comment)@d>', 'user@d'],
  ])('%s → %s', (raw, addr) => {
    expect(extractAddress(raw, true, false)).toEqual({ ok: true, address: addr });
  });
  it('rejects lists, phrases and an empty recipient', () => {
    expect(extractAddress('<a@b,c@d>', true, false).ok).toBe(false);
    expect(extractAddress('<two words@d>', true, false).ok).toBe(false);
    expect(extractAddress('<>', false, false).ok).toBe(false);
    expect(extractAddress('alice@example.org', true, true).ok).toBe(false); // strict_rfc821_envelopes wants <>
  });
});

describe('InputBuffer', () => {
  it('lines end at LF, CRs before it go, a partial line waits', () => {
    const b = new InputBuffer();
    b.push('EHLO x\r\nNOOP\nQU');
    expect(b.nextLine(2048)).toEqual({ text: 'EHLO x', tooLong: false });
    expect(b.nextLine(2048)).toEqual({ text: 'NOOP', tooLong: false });
    expect(b.nextLine(2048)).toBeNull();
    expect(b.pending).toBe('QU');
    b.push('IT\r\r\n');
    expect(b.nextLine(2048)?.text).toBe('QUIT');
  });
  it('an overlong line is cut at the limit and the rest of it skipped', () => {
    const b = new InputBuffer();
    b.push(`${'a'.repeat(10)}\r\nnext\r\n`);
    expect(b.nextLine(8)).toEqual({ text: 'aaaaaaaa', tooLong: true });
    expect(b.nextLine(8)).toEqual({ text: 'next', tooLong: false });
  });
});

describe('log text helpers', () => {
  it('escape for the pipelining line (corpus smtp-edge-cases)', () => {
    const line = corpusSmtpdLog('smtp-edge-cases').find((l) => l.startsWith('improper command pipelining'));
    expect(line?.endsWith(`: ${escapeForLog('MAIL FROM:<alice@example.org>\r\nQUIT\r\n')}`)).toBe(true);
    expect(escapeForLog('\\\x01\t')).toBe('\\\\\\001\\t');
  });
  it('printable and neuter', () => {
    expect(printable('a\x00b\x7fc')).toBe('a?b?c');
    expect(neuter('a b<c>(d)"e";f@g\\h')).toBe('a?b?c??d??e??f?g?h');
  });
  it('command statistics format (facts §5)', () => {
    const s = new CommandStats();
    expect(s.format()).toBe(' commands=0/0');
    s.attempt('ehlo');
    s.succeed('ehlo');
    s.attempt('unknown');
    s.attempt('quit');
    s.succeed('quit');
    expect(s.format()).toBe(' ehlo=1 quit=1 unknown=0/1 commands=2/3');
  });
  it('transcript lines wrap at 78 columns with a 4-space indent', () => {
    const long = `In:  NOOP ${'word '.repeat(30)}`.trim();
    const wrapped = wrapTranscriptLine(long);
    expect(wrapped.length).toBeGreaterThan(1);
    expect(wrapped.every((l) => l.length <= 79)).toBe(true);
    expect(wrapped[1]?.startsWith('     ')).toBe(true);
    expect(wrapped.map((l) => l.trim()).join(' ')).toBe(long);
  });
});

describe('lists and values', () => {
  it('base64 is strict', () => {
    expect(decodeBase64('AGFsaWNlAHNlY3JldA==')).toBe('\0alice\0secret');
    expect(decodeBase64('not-base64!!')).toBeNull();
    expect(decodeBase64('YWJj=')).toBeNull();
    expect(encodeBase64('\0alice\0secret')).toBe('AGFsaWNlAHNlY3JldA==');
  });
  it('network lists: CIDR, IPv6, names, negation', () => {
    const n = new NetworkList('192.0.2.0/24, [::1]/128 !10.0.0.1 10.0.0.0/8 .example.com host.test');
    expect(n.matches('unknown', '192.0.2.77')).toBe(true);
    expect(n.matches('unknown', '::1')).toBe(true);
    expect(n.matches('unknown', '10.0.0.1')).toBe(false);
    expect(n.matches('unknown', '10.2.3.4')).toBe(true);
    expect(n.matches('a.example.com', '203.0.113.1')).toBe(true);
    expect(n.matches('sub.host.test', '203.0.113.1')).toBe(true);
    expect(n.matches('localhost', '127.0.0.1')).toBe(false);
  });
  it('the 3.7 smtpd_forbidden_commands default (corpus postconf-defaults-tls-sasl)', () => {
    const f = new StringList('CONNECT GET POST regexp:{{/^[^A-Z]/ Bogus}}');
    expect(['get', 'CONNECT', '\x16\x03\x01', '1234'].map((w) => f.matches(w))).toEqual([true, true, true, true]);
    expect(['EHLO', 'ehlo', 'FOO'].map((w) => f.matches(w))).toEqual([false, false, false]);
  });
  it('smtpd_tls_loglevel names (facts §5)', () => {
    expect(parseTlsLoglevel('routine').level).toBe(1);
    expect(parseTlsLoglevel('SSL-Expert, 1').level).toBe(3);
    expect(parseTlsLoglevel('7').level).toBe(4);
    expect(parseTlsLoglevel('constructor').warnings).toEqual(['warning: unknown smtpd_tls_loglevel value "constructor" in "constructor"']);
  });
});
