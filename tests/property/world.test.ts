/**
 * The whole lab under random configuration and traffic (fast-check): random text appended to main.cf and
 * master.cf, then reload, check, connections to every port with random packets and TLS handshakes, and a
 * message through sendmail, never throw. Replaces the seeded mulberry32 loop of
 * tests/engine/world/fuzz.test.ts: same pieces, now shrinking, replayable from the printed seed.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { createLabWorld } from '../../src/engine/world/lab-world.ts';

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

const junk = (n: number): fc.Arbitrary<string> =>
  fc
    .array(
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...PIECES) },
        { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
      ),
      { maxLength: n },
    )
    .map((a) => a.join(''));

type Step = { kind: 'packet'; bytes: string } | { kind: 'handshake'; secLevel0: boolean };
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...PACKETS).map((bytes): Step => ({ kind: 'packet', bytes })) },
  { weight: 3, arbitrary: junk(3).map((bytes): Step => ({ kind: 'packet', bytes })) },
  { weight: 1, arbitrary: fc.boolean().map((secLevel0): Step => ({ kind: 'handshake', secLevel0 })) },
);

describe('the whole lab never throws (fast-check)', () => {
  it('random main.cf, master.cf, reload and traffic', () => {
    // One world (booting is the slow part); each run starts again from its original files.
    const w = createLabWorld();
    const main = w.fs.read('/etc/postfix/main.cf') ?? '';
    const master = w.fs.read('/etc/postfix/master.cf') ?? '';
    fc.assert(
      fc.property(junk(12), junk(8), fc.array(step, { maxLength: 12 }), junk(6), (mainJunk, masterJunk, steps, message) => {
        w.fs.write('/etc/postfix/main.cf', `${main}${mainJunk}\n`);
        w.fs.write('/etc/postfix/master.cf', `${master}${masterJunk}\n`);
        w.postfix(['reload'], true);
        w.postfix(['check'], true);
        for (const port of [25, 587, 465, 2526]) {
          const c = w.network.connect(port === 2526 ? 'mx.example.net' : 'localhost', port);
          if (!c.ok) continue;
          c.endpoint.open();
          for (const s of steps) {
            if (s.kind === 'handshake')
              c.endpoint.handshake({
                kind: 'tls',
                client: 'openssl-s_client',
                minVersion: 'TLSv1',
                maxVersion: 'TLSv1.3',
                secLevel0: s.secLevel0,
              });
            else if (c.endpoint.receive(s.bytes).closed) break;
          }
          c.endpoint.clientClosed();
        }
        w.queue.sendmail(['-f', 'alice@example.org', 'bob@example.net'], message);
        w.queue.mailq();
      }),
      { numRuns: 60, seed: 20261207 },
    );
  }, 60_000);
});
