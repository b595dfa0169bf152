import { describe, expect, it } from 'vitest';
import { lab, type Conversation } from './harness.ts';

/** A small deterministic generator, so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const WORDS = [
  'EHLO x',
  'HELO',
  'MAIL FROM:<a@b>',
  'RCPT TO:<root@example.org>',
  'DATA',
  'BDAT 3',
  'BDAT 2 LAST',
  'AUTH PLAIN',
  'AUTH LOGIN',
  'STARTTLS',
  'RSET',
  'NOOP',
  'VRFY root',
  'ETRN x',
  'QUIT',
  '.',
  '*',
  '<',
  '"',
  '\\',
];

function randomPacket(r: () => number): string {
  const n = Math.floor(r() * 6);
  let out = '';
  for (let i = 0; i < n; i++) {
    const kind = r();
    if (kind < 0.4) out += WORDS[Math.floor(r() * WORDS.length)] ?? '';
    else if (kind < 0.8) for (let j = Math.floor(r() * 40); j > 0; j--) out += String.fromCharCode(Math.floor(r() * 256));
    else out += 'x'.repeat(Math.floor(r() * 3000));
    out += r() < 0.7 ? '\r\n' : r() < 0.5 ? '\n' : '';
  }
  return out;
}

/** Ways to bring a session into each state before the random input. */
const PREFIXES: Record<string, (c: Conversation) => void> = {
  'after the banner': () => undefined,
  'after EHLO': (c) => c.send('EHLO client.example.com'),
  'inside AUTH': (c) => {
    c.send('EHLO x');
    c.send('AUTH LOGIN');
  },
  'inside DATA': (c) => {
    c.send('MAIL FROM:<a@example.org>');
    c.send('RCPT TO:<root@example.org>');
    c.send('DATA');
  },
  'inside BDAT': (c) => {
    c.send('MAIL FROM:<a@example.org>');
    c.send('RCPT TO:<root@example.org>');
    c.raw('BDAT 100\r\n');
  },
  'waiting for the STARTTLS handshake': (c) => c.send('STARTTLS'),
  'after TLS': (c) => {
    c.send('STARTTLS');
    c.tls();
  },
};

describe('any bytes, in any state, never throw', () => {
  for (const [state, prefix] of Object.entries(PREFIXES)) {
    it(state, () => {
      for (let seed = 1; seed <= 40; seed++) {
        const r = rng(seed * 7919 + state.length);
        const l = lab({ main: { smtpd_sasl_auth_enable: 'yes', smtpd_hard_error_limit: '1000' } });
        const c = l.connect();
        prefix(c);
        for (let i = 0; i < 12 && !c.closed; i++) {
          const out = c.raw(randomPacket(r));
          for (const line of out) expect(line).toMatch(/^\d{3}[ -]/);
        }
        c.close();
        expect(c.session.ended).toBe(true);
        expect(l.log.at(-1)).toMatch(/^disconnect from localhost\[127\.0\.0\.1\] /);
      }
    });
  }

  it('wrapper mode: random bytes where the ClientHello belongs end the session cleanly', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const l = lab({ service: 'submissions', overrides: { smtpd_tls_wrappermode: 'yes' } });
      const c = l.connect();
      // At least a record header's worth (5 bytes): fewer wait for more (terminal/term-telnet-465).
      expect(c.raw(`${randomPacket(rng(seed))}xxxxx`)).toEqual([]);
      expect(c.closed).toBe(true);
      expect(l.log.at(-2)).toBe('lost connection after CONNECT from localhost[127.0.0.1]');
    }
  });

  it('wrapper mode: fewer than 5 plaintext bytes wait for more, then the handshake fails', () => {
    const l = lab({ service: 'submissions', overrides: { smtpd_tls_wrappermode: 'yes' } });
    const c = l.connect();
    expect(c.raw('\r\n')).toEqual([]);
    expect(c.closed).toBe(false);
    expect(c.raw('EHLO x\r\n')).toEqual([]);
    expect(c.closed).toBe(true);
    expect(l.log.at(-2)).toBe('lost connection after CONNECT from localhost[127.0.0.1]');
  });

  it('random restriction lists and parameter values start or fail cleanly', () => {
    const r = rng(99);
    for (let i = 0; i < 60; i++) {
      const junk = randomPacket(r).replace(/[\r\n]/g, ' ');
      const l = lab({
        main: {
          smtpd_relay_restrictions: junk,
          mynetworks: junk,
          smtpd_discard_ehlo_keywords: junk,
          smtpd_forbidden_commands: junk,
          smtpd_tls_loglevel: junk,
        },
      });
      if (!l.start.ok) continue;
      const c = l.connect();
      c.send('EHLO x');
      c.send('MAIL FROM:<a@example.org>');
      const out = c.send('RCPT TO:<bob@example.net>');
      expect(out.length).toBeGreaterThan(0);
      c.close();
    }
  });
});
