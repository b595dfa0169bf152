/**
 * Property-based tests of the simulated smtpd (fast-check): random command sequences and random bytes in
 * every session state never throw, replies stay bounded and well formed, and the server answers as the
 * recorded Postfix does (corpus smtp-edge-cases): an overlong command line is cut at line_length_limit and
 * answered once, and past smtpd_hard_error_limit errors the next command gets the recorded 421 and the
 * connection closes. On failure fast-check prints the seed and the shrunk counterexample; replay with
 * `fc.assert(..., { seed, path })`.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLabWorld } from '../../src/engine/world/lab-world.ts';
import type { ServerEndpoint } from '../../src/engine/world/network.ts';
import { CORPUS } from '../corpus/corpus-path.ts';

const TRANSCRIPT = readFileSync(`${CORPUS}/smtp-edge-cases/transcript.normalized.txt`, 'utf8').split('\n');
const LOG = readFileSync(`${CORPUS}/smtp-edge-cases/raw.normalized.log`, 'utf8');

/** The server lines of one recorded connection, by the words in its `# --- new TCP connection` header. */
function section(title: string): string[] {
  const start = TRANSCRIPT.findIndex((l) => l.startsWith('# --- new TCP connection') && l.includes(title));
  if (start < 0) throw new Error(`smtp-edge-cases has no connection "${title}"`);
  const end = TRANSCRIPT.findIndex((l, i) => i > start && l.startsWith('# --- new TCP connection'));
  return TRANSCRIPT.slice(start + 1, end < 0 ? undefined : end);
}

const LONG_LINE = section('very long command line');
const longIdx = LONG_LINE.findIndex((l) => l.startsWith('C: NOOP xxx'));
/** What the recorded server answered to `NOOP ` and 2995 x's (one reply: the rest of the line is skipped). */
const LONG_NOOP_REPLY = LONG_LINE[longIdx + 1] ?? '';
const ERRORS = section('error limit');
const NOT_RECOGNIZED = ERRORS.find((l) => l.startsWith('S: 500 '))?.slice(3) ?? '';
const TOO_MANY = ERRORS.find((l) => l.startsWith('S: 421 '))?.slice(3) ?? '';
/** How many 500 replies the recorded server gave before its 421 (smtpd_hard_error_limit, 20). */
const ERRORS_BEFORE_421 = ERRORS.slice(
  0,
  ERRORS.findIndex((l) => l.startsWith('S: 421 ')),
).filter((l) => l.startsWith('S: 500 ')).length;
/** The project's recording of random bytes sent as a command line (corpus-extra limits-random-bytes). */
const RANDOM_BYTES = readFileSync(new URL('../corpus-extra/limits-random-bytes/transcript.normalized.txt', import.meta.url), 'utf8').split(
  '\n',
);
const BAD_UTF8 = RANDOM_BYTES.find((l) => l.startsWith('S: 500 '))?.slice(3) ?? '';
const TOO_MANY_LOG = /postfix\/smtpd\[<PID>\]: (too many errors after UNKNOWN from localhost\[127\.0\.0\.1\])/.exec(LOG)?.[1] ?? '';

const EHLO = 'EHLO client.example.com\r\n';

/** Commands that move the session between states, and some that stay in one. */
const COMMANDS = [
  EHLO,
  'HELO client.example.com\r\n',
  'ehlo x\r\n',
  'EHLO\r\n',
  'MAIL FROM:<alice@example.org>\r\n',
  'MAIL FROM:<>\r\n',
  'MAIL\r\n',
  'RCPT TO:<root@example.org>\r\n',
  'RCPT TO:<nosuchuser@example.org>\r\n',
  'RCPT TO:<x@example.net>\r\n',
  'DATA\r\n',
  'Subject: x\r\n\r\nhello\r\n',
  '.\r\n',
  'BDAT 5 LAST\r\nhello',
  'BDAT 0\r\n',
  'RSET\r\n',
  'NOOP\r\n',
  'VRFY root\r\n',
  'ETRN example.org\r\n',
  'STARTTLS\r\n',
  'AUTH PLAIN AGFsaWNlAHNlY3JldA==\r\n',
  'AUTH LOGIN\r\n',
  '*\r\n',
  'XCLIENT NAME=x\r\n',
  'GET / HTTP/1.0\r\n',
  'QUIT\r\n',
];

/** Random client bytes: control characters, non-ASCII, lone surrogates (invalid UTF-16/UTF-8), bare CR/LF. */
const junk = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: fc.constantFrom('\r', '\n', '\0', '\x1b', '\x7f', '\ud800', '\udfff', '\u00ff', 'A', ' ', '.', ':'), maxLength: 100 }),
  fc.constantFrom(...COMMANDS),
);

/** One world for all runs (booting one is the slow part); every run opens its own connection. */
const WORLD = createLabWorld();

function connect(port = 25): ServerEndpoint {
  const c = WORLD.network.connect('localhost', port);
  if (!c.ok) throw new Error(`connect: ${c.error}`);
  return c.endpoint;
}

/** Every line the server wrote is a reply line of at most 512 characters (RFC 5321 4.5.3.1.5). */
function expectWellFormed(data: string): void {
  if (data === '') return;
  expect(data.endsWith('\r\n'), JSON.stringify(data.slice(-80))).toBe(true);
  for (const line of data.slice(0, -2).split('\r\n')) {
    expect(line, JSON.stringify(line)).toMatch(/^[2-5]\d\d[ -]/);
    expect(line.length).toBeLessThanOrEqual(512);
  }
}

const RUNS = { numRuns: 150, seed: 20261207 } as const;

describe('smtpd under random input (fast-check)', () => {
  it('the recorded figures the properties rest on are there', () => {
    expect(LONG_NOOP_REPLY).toBe('S: 250 2.0.0 Ok');
    expect(NOT_RECOGNIZED).toBe('500 5.5.2 Error: command not recognized');
    expect(TOO_MANY).toBe('421 4.7.0 mail.example.org Error: too many errors');
    expect(ERRORS_BEFORE_421).toBe(20);
    expect(TOO_MANY_LOG).not.toBe('');
    expect(BAD_UTF8).toBe('500 5.5.2 Error: bad UTF-8 syntax');
  });

  it('random packets in any state never throw; replies are bounded and well formed', () => {
    fc.assert(
      fc.property(fc.array(junk, { maxLength: 40 }), (packets) => {
        const ep = connect();
        expectWellFormed(ep.open().data);
        let inData = false;
        for (const p of packets) {
          const out = ep.receive(p);
          // One reply per input line at most, each far under 1 KB (a multi-line EHLO answer is the largest).
          const lines = p.split('\n').length + 1;
          expect(out.data.length).toBeLessThanOrEqual(lines * 1024);
          // In DATA the client's text is not answered line by line, so a reply must be a reply line.
          if (!inData) expectWellFormed(out.data);
          inData = /^354 /m.test(out.data) ? true : /^[2-5]\d\d /m.test(out.data) ? false : inData;
          if (out.closed) break;
        }
        ep.clientClosed();
      }),
      RUNS,
    );
  });

  // The wire is bytes, one per character: '\xff' and '\ud800' make a line that is not UTF-8, which
  // smtpd (smtputf8_enable = yes) answers with the recorded bad-UTF-8 reply instead of running it.
  it('an overlong command line is answered once, as the recorded 3000-character NOOP was', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2100, max: 1024 * 1024 }),
        fc.constantFrom('x', '\x01', '\x7f', '\xff', '\ud800'),
        fc.boolean(),
        (n, ch, split) => {
          const ep = connect();
          ep.open();
          ep.receive(EHLO);
          const line = `NOOP ${ch.repeat(n)}\r\n`;
          let data = '';
          if (split) {
            const cut = Math.floor(line.length / 3);
            data += ep.receive(line.slice(0, cut)).data;
            data += ep.receive(line.slice(cut)).data;
          } else data = ep.receive(line).data;
          expect(data).toBe(`${ch === '\xff' || ch === '\ud800' ? BAD_UTF8 : LONG_NOOP_REPLY.slice(3)}\r\n`);
          // The session goes on: the next command is answered normally.
          expect(ep.receive('NOOP\r\n').data).toBe(`${LONG_NOOP_REPLY.slice(3)}\r\n`);
        },
      ),
      { numRuns: 12, seed: 20261207 },
    );
  });

  it('past smtpd_hard_error_limit errors the next command gets the recorded 421, however the bytes are split', () => {
    // Unknown verbs (Z-prefixed: no SMTP or HTTP command starts with Z), in random case, with a random tail.
    const verb = fc
      .tuple(fc.constantFrom('Z', 'z'), fc.string({ unit: fc.constantFrom('a', 'B', 'q', 'X', '9'), minLength: 2, maxLength: 8 }))
      .map(([a, b]) => a + b);
    fc.assert(
      fc.property(
        fc.array(verb, { minLength: 21, maxLength: 30 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.boolean(),
        (verbs, cuts, ehlo) => {
          const ep = connect();
          const logFrom = WORLD.log.records.length;
          ep.open();
          if (ehlo) ep.receive(EHLO);
          const stream = verbs.map((v) => `${v}\r\n`).join('');
          const points = [...new Set(cuts.map((x) => x % stream.length))].sort((a, b) => a - b);
          let data = '';
          let closed = false;
          let from = 0;
          for (const at of [...points, stream.length]) {
            if (closed || at <= from) continue;
            const out = ep.receive(stream.slice(from, at));
            data += out.data;
            closed = out.closed;
            from = at;
          }
          const expected = `${`${NOT_RECOGNIZED}\r\n`.repeat(ERRORS_BEFORE_421)}${TOO_MANY}\r\n`;
          expect(data).toBe(expected);
          expect(closed).toBe(true);
          const log = WORLD.log.records.slice(logFrom).map((r) => r.text);
          expect(log).toContain(TOO_MANY_LOG);
        },
      ),
      { numRuns: 40, seed: 20261207 },
    );
  });
});
