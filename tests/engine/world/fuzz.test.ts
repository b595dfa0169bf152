import { describe, expect, it } from 'vitest';
import { createLabWorld } from '../../../src/engine/world/lab-world.ts';
import { rng } from '../../support/rng.ts';

const PIECES = [
  'smtpd_tls_security_level = ',
  'encrypt',
  'may',
  'maybe',
  'smtpd_tls_protocols = ',
  '>=TLSv1.3',
  '!TLSv1.9',
  'smtpd_sasl_auth_enable = yes',
  'smtpd_tls_auth_only = yes',
  'smtpd_tls_wrappermode = yes',
  'mynetworks = 127.0.0.0/8',
  'smtpd_relay_restrictions = ',
  'reject',
  '$myhostname',
  '${{$compatibility_level} <level {1} ? {} : {x}}',
  '${',
  '}',
  '{',
  '=',
  ' ',
  '\t',
  '\n',
  '#',
  'submission inet n - y - - smtpd',
  '  -o smtpd_tls_security_level=encrypt',
  '  -o { smtpd_tls_auth_only = yes }',
  'smtps inet y - y - - smtpd',
  '\u0000',
  '\u00ff',
  'é',
];

const PACKETS = [
  'EHLO x\r\n',
  'STARTTLS\r\n',
  'AUTH PLAIN AGFsaWNlAHNlY3JldA==\r\n',
  'AUTH LOGIN\r\n',
  '*\r\n',
  'MAIL FROM:<a@b>\r\n',
  'RCPT TO:<root@example.org>\r\n',
  'DATA\r\n',
  '.\r\n',
  'QUIT\r\n',
  'BDAT 5 LAST\r\n',
  '\r\n',
  'GET / HTTP/1.0\r\n',
];

function junk(r: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += r() < 0.8 ? (PIECES[Math.floor(r() * PIECES.length)] ?? '') : String.fromCharCode(Math.floor(r() * 256));
  return s;
}

describe('the whole lab never throws', () => {
  it.each(Array.from({ length: 40 }, (_, i) => i + 1))('seed %i: random main.cf, master.cf, reload and traffic', (seed) => {
    const r = rng(seed);
    const w = createLabWorld();
    const main = w.fs.read('/etc/postfix/main.cf') ?? '';
    const master = w.fs.read('/etc/postfix/master.cf') ?? '';
    w.fs.write('/etc/postfix/main.cf', `${main}${junk(r, 12)}\n`);
    w.fs.write('/etc/postfix/master.cf', `${master}${junk(r, 8)}\n`);
    expect(() => {
      w.postfix(['reload'], true);
      w.postfix(['check'], true);
      for (const port of [25, 587, 465, 2526]) {
        const c = w.network.connect(port === 2526 ? 'mx.example.net' : 'localhost', port);
        if (!c.ok) continue;
        c.endpoint.open();
        for (let i = 0; i < 12; i++) {
          const p = r() < 0.7 ? (PACKETS[Math.floor(r() * PACKETS.length)] ?? '') : junk(r, 3);
          if (r() < 0.15)
            c.endpoint.handshake({
              kind: 'tls',
              client: 'openssl-s_client',
              minVersion: 'TLSv1',
              maxVersion: 'TLSv1.3',
              secLevel0: r() < 0.5,
            });
          else if (c.endpoint.receive(p).closed) break;
        }
        c.endpoint.clientClosed();
      }
      w.queue.sendmail(['-f', 'alice@example.org', 'bob@example.net'], junk(r, 6));
      w.queue.mailq();
    }).not.toThrow();
  });
});
