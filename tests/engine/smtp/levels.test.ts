import { describe, expect, it } from 'vitest';
import { normalize } from '../../../src/corpus/normalize.ts';
import { RemoteWorld } from '../../../src/engine/remote/remote-world.ts';
import type { ClientTlsEngine } from '../../../src/engine/tls/types.ts';
import { clientTls } from '../../../src/engine/tls/client-tls.ts';
import { makeLab, scenarioParams } from '../queue/harness.ts';

/**
 * smtp_tls_security_level against an MX with and without STARTTLS, including the combinations
 * the corpus lacks, checked against the rules of postfix-facts.md §3 and the corpus's texts.
 */
const T0 = Date.UTC(2026, 11, 1, 9, 0, 0);
const MSG = 'From: alice@example.org\nTo: bob@example.net\nSubject: levels\n\nhello\n';

/** A TLS engine whose certificate check succeeds (a CA-signed MX), otherwise like the first cut. */
const verifyingTls: ClientTlsEngine = {
  handshake: (p, server, opts) => {
    const r = clientTls.handshake(p, { ...server, selfSigned: false }, opts);
    return r.ok ? { ...r, verified: true } : r;
  },
};

function deliver(extra: Record<string, string>, tls?: ClientTlsEngine) {
  const lab = makeLab({ params: scenarioParams(null, extra), startMs: T0, ...(tls !== undefined ? { tls } : {}) });
  lab.queue.sendmail(['-f', 'alice@example.org', 'bob@example.net'], MSG);
  const log = lab.rawLog();
  const status = log.filter((l) => / to=<bob@example.net>/.test(l));
  const client = lab.net.sessions.flatMap((s) => s.lines.filter((l) => l.startsWith('C: ')));
  return { lab, log, status, client, queued: lab.queue.queueIds().length };
}

const SENT = /dsn=2\.0\.0, status=sent \(250 2\.0\.0 Ok: queued as RX\d{4}\)$/;
const NOT_OFFERED = 'dsn=4.7.4, status=deferred (TLS is required, but was not offered by host 127.0.0.2[127.0.0.2])';
const NOT_VERIFIED = 'dsn=4.7.5, status=deferred (Server certificate not verified)';

describe('levels against the MX that offers STARTTLS (127.0.0.2:2526)', () => {
  const at = { relayhost: '[127.0.0.2]:2526' };
  it('none ignores the offer: no STARTTLS, plaintext delivery', () => {
    const r = deliver({ ...at, smtp_tls_security_level: 'none' });
    expect(r.client).not.toContain('C: STARTTLS');
    expect(r.status[0]).toMatch(SENT);
    expect(r.log.some((l) => l.includes('TLS connection established'))).toBe(false);
  });
  it('none with smtp_tls_note_starttls_offer = yes notes the offer', () => {
    const r = deliver({ ...at, smtp_tls_security_level: 'none', smtp_tls_note_starttls_offer: 'yes' });
    expect(r.log.some((l) => / postfix\/smtp\[\d+\]: Host offered STARTTLS: \[127\.0\.0\.2\]$/.test(l))).toBe(true);
    expect(r.status[0]).toMatch(SENT);
  });
  it('may starts TLS and delivers', () => {
    const r = deliver({ ...at, smtp_tls_security_level: 'may' });
    expect(r.client.slice(0, 3)).toEqual(['C: EHLO mail.example.org', 'C: STARTTLS', 'C: EHLO mail.example.org']);
    expect(r.status[0]).toMatch(SENT);
  });
  it('encrypt (not in the corpus) starts TLS and delivers', () => {
    const r = deliver({ ...at, smtp_tls_security_level: 'encrypt' });
    expect(r.client.slice(0, 3)).toEqual(['C: EHLO mail.example.org', 'C: STARTTLS', 'C: EHLO mail.example.org']);
    expect(r.status[0]).toMatch(SENT);
    expect(r.status[0]).toMatch(/delays=0\.02\/0\.02\/0\.05\/0\.04/);
  });
  it.each(['verify', 'secure', 'fingerprint'])('%s with a self-signed certificate: QUIT after the handshake, deferred', (level) => {
    const r = deliver({ ...at, smtp_tls_security_level: level });
    expect(r.client).toEqual(['C: EHLO mail.example.org', 'C: STARTTLS', 'C: QUIT']);
    expect(r.status[0]?.endsWith(NOT_VERIFIED)).toBe(true);
    expect(r.queued).toBe(1);
  });
  it.each(['verify', 'secure', 'fingerprint'])('%s with a certificate that verifies: delivered', (level) => {
    const r = deliver({ ...at, smtp_tls_security_level: level }, verifyingTls);
    expect(r.status[0]).toMatch(SENT);
  });
  it('dane without DNSSEC warns and works as may (more/outbound-dane-no-dnssec)', () => {
    const r = deliver({ ...at, smtp_tls_security_level: 'dane' });
    expect(
      r.log.some((l) => / postfix\/smtp\[\d+\]: warning: \[127\.0\.0\.2\]:2526: dane configured with dnssec lookups disabled$/.test(l)),
    ).toBe(true);
    expect(r.client).toContain('C: STARTTLS');
    expect(r.status[0]).toMatch(SENT);
  });
  it('dane-only without DNSSEC: two warnings, no connection, deferred with relay=none (more/README.md 8)', () => {
    const r = deliver({ ...at, smtp_tls_security_level: 'dane-only' });
    expect(r.lab.net.sessions).toEqual([]);
    const smtp = r.log.filter((l) => l.includes(' postfix/smtp['));
    expect(smtp.map((l) => l.replace(/^.*?postfix\/smtp\[\d+\]: /, ''))).toEqual([
      'warning: [127.0.0.2]:2526: dane-only configured with dnssec lookups disabled',
      'warning: TLS policy lookup for [127.0.0.2]:2526/127.0.0.2: client TLS configuration problem',
      expect.stringMatching(
        /^[0-9A-F]{11}: to=<bob@example\.net>, relay=none, delay=[\d.]+, delays=[\d./]+, dsn=4\.7\.5, status=deferred \(client TLS configuration problem\)$/,
      ),
    ]);
    // The reason right-aligned at column 78 in mailq (more/README.md 10: indented 44).
    expect(r.lab.queue.mailq().stdout.split('\n')[2]).toBe(`${' '.repeat(44)}(client TLS configuration problem)`);
  });
});

describe('levels against the MX without STARTTLS (127.0.0.2:2527)', () => {
  const at = { relayhost: '[127.0.0.2]:2527' };
  it.each(['none', 'may', 'dane'])('%s delivers in plaintext', (level) => {
    const r = deliver({ ...at, smtp_tls_security_level: level });
    expect(r.client).not.toContain('C: STARTTLS');
    expect(r.status[0]).toMatch(SENT);
  });
  it.each(['encrypt', 'fingerprint', 'verify', 'secure'])('%s sends QUIT right after EHLO and defers with 4.7.4', (level) => {
    const r = deliver({ ...at, smtp_tls_security_level: level });
    expect(r.client).toEqual(['C: EHLO mail.example.org', 'C: QUIT']);
    expect(r.status[0]?.endsWith(NOT_OFFERED)).toBe(true);
    expect(r.queued).toBe(1);
  });
});

describe('legacy and invalid settings', () => {
  it('empty level + smtp_use_tls = yes works as may', () => {
    const r = deliver({ relayhost: '[127.0.0.2]:2526', smtp_tls_security_level: '', smtp_use_tls: 'yes' });
    expect(r.client).toContain('C: STARTTLS');
    expect(r.status[0]).toMatch(SENT);
  });
  it('empty level + smtp_enforce_tls = yes works as verify (smtp_tls_enforce_peername = yes)', () => {
    const r = deliver({ relayhost: '[127.0.0.2]:2526', smtp_tls_security_level: '', smtp_enforce_tls: 'yes' });
    expect(r.status[0]?.endsWith(NOT_VERIFIED)).toBe(true);
  });
  it('empty level + smtp_enforce_tls = yes + smtp_tls_enforce_peername = no works as encrypt', () => {
    const r = deliver({
      relayhost: '[127.0.0.2]:2527',
      smtp_tls_security_level: '',
      smtp_enforce_tls: 'yes',
      smtp_tls_enforce_peername: 'no',
    });
    expect(r.status[0]?.endsWith(NOT_OFFERED)).toBe(true);
  });
  it('empty level and no legacy settings works as none', () => {
    const r = deliver({ relayhost: '[127.0.0.2]:2526', smtp_tls_security_level: '' });
    expect(r.client).not.toContain('C: STARTTLS');
  });
  it('an invalid level kills smtp(8): fatal line, qmgr defers the recipient, nothing connects', () => {
    const r = deliver({ relayhost: '[127.0.0.2]:2526', smtp_tls_security_level: 'maybe' });
    expect(r.lab.net.sessions).toEqual([]);
    expect(r.log.some((l) => / postfix\/smtp\[\d+\]: fatal: Invalid TLS level "maybe"$/.test(l))).toBe(true);
    expect(r.status[0]).toMatch(
      / postfix\/qmgr\[\d+\]: [0-9A-F]+: to=<bob@example\.net>, relay=none, .*dsn=4\.3\.0, status=deferred \(unknown mail transport error\)$/,
    );
  });
  it('an unknown smtp_tls_loglevel warns as smtpd does (invalid-loglevel-high) and logs no TLS line', () => {
    const r = deliver({ relayhost: '[127.0.0.2]:2526', smtp_tls_loglevel: 'high' });
    expect(r.log.some((l) => l.endsWith('warning: unknown smtp_tls_loglevel value "high" in "high"'))).toBe(true);
    expect(r.log.some((l) => l.includes('TLS connection established'))).toBe(false);
    expect(r.status[0]).toMatch(SENT);
  });
});

describe('smtp_tls_policy_maps', () => {
  const files = (policy: string) => ({ '/etc/aliases': 'postmaster: root\n', '/etc/postfix/tls_policy': policy });
  function viaPolicy(policy: string, extra: Record<string, string>, type = 'texthash') {
    const lab = makeLab({
      params: scenarioParams(null, { smtp_tls_security_level: 'may', smtp_tls_policy_maps: `${type}:/etc/postfix/tls_policy`, ...extra }),
      startMs: T0,
      files: files(policy),
    });
    lab.queue.sendmail(['-f', 'alice@example.org', 'bob@example.net'], MSG);
    return lab;
  }
  it('an entry for the nexthop raises the level (more/outbound-policy-map phase 1)', () => {
    const lab = viaPolicy('[127.0.0.2]:2527 encrypt\n', { relayhost: '[127.0.0.2]:2527' });
    expect(lab.rawLog().at(-1)).toMatch(/dsn=4\.7\.4, status=deferred/);
  });
  it('an entry can lower the level to none', () => {
    const lab = viaPolicy('[127.0.0.2]:2526 none\n', { relayhost: '[127.0.0.2]:2526', smtp_tls_security_level: 'encrypt' });
    expect(lab.net.sessions[0]?.lines).not.toContain('C: STARTTLS');
    expect(lab.rawLog().some((l) => SENT.test(l))).toBe(true);
  });
  it('an entry for another destination does not apply', () => {
    const lab = viaPolicy('[127.0.0.2]:2526 encrypt\n', { relayhost: '[127.0.0.2]:2527' });
    expect(lab.rawLog().some((l) => SENT.test(l))).toBe(true);
  });
  it('domain nexthops match the domain and .parent entries', () => {
    const remote = new RemoteWorld([
      {
        address: '127.0.0.2',
        port: 25,
        hostname: 'mx.example.net',
        starttls: false,
        tls: { protocols: ['TLSv1.3'], certCommonName: 'mx.example.net', selfSigned: true },
      },
    ]);
    const lab = makeLab({
      params: scenarioParams(null, { relayhost: '', smtp_tls_policy_maps: 'texthash:/etc/postfix/tls_policy' }),
      startMs: T0,
      remote,
      files: files('.example.net encrypt\n'),
    });
    lab.queue.sendmail(['-f', 'alice@example.org', 'bob@mx.example.net'], MSG);
    expect(lab.rawLog().at(-1)).toContain('relay=mx.example.net[127.0.0.2]:25, ');
    expect(lab.rawLog().at(-1)).toContain(
      'dsn=4.7.4, status=deferred (TLS is required, but was not offered by host mx.example.net[127.0.0.2])',
    );
  });
  it('hash: reads the postmap output when it exists', () => {
    const lab = makeLab({
      params: scenarioParams(null, { relayhost: '[127.0.0.2]:2527', smtp_tls_policy_maps: 'hash:/etc/postfix/tls_policy' }),
      startMs: T0,
      files: { '/etc/postfix/tls_policy': '[127.0.0.2]:2527 may\n', '/etc/postfix/tls_policy.db': '[127.0.0.2]:2527 encrypt\n' },
    });
    lab.queue.sendmail(['-f', 'alice@example.org', 'bob@example.net'], MSG);
    expect(lab.rawLog().at(-1)).toMatch(/dsn=4\.7\.4/);
  });
  it('a bad level in the table: no connection, client TLS configuration problem', () => {
    const lab = viaPolicy('[127.0.0.2]:2526 sometimes\n', { relayhost: '[127.0.0.2]:2526' });
    expect(lab.net.sessions).toEqual([]);
    expect(lab.rawLog().at(-1)).toMatch(/relay=none, .*dsn=4\.7\.5, status=deferred \(client TLS configuration problem\)$/);
  });
  it('protocols= and match= reach the TLS engine as the mandatory parameters', () => {
    const seen: string[] = [];
    const spy: ClientTlsEngine = {
      handshake: (p, s, o) => {
        seen.push(p.get('smtp_tls_mandatory_protocols'), p.get('smtp_tls_verify_cert_match'), o.level);
        return clientTls.handshake(p, s, o);
      },
    };
    const lab = makeLab({
      params: scenarioParams(null, { relayhost: '[127.0.0.2]:2526', smtp_tls_policy_maps: 'texthash:/etc/postfix/tls_policy' }),
      startMs: T0,
      tls: spy,
      files: files('[127.0.0.2]:2526 verify protocols=!SSLv2:!SSLv3 match=mx.example.net\n'),
    });
    lab.queue.sendmail(['-f', 'alice@example.org', 'bob@example.net'], MSG);
    expect(seen).toEqual(['!SSLv2, !SSLv3', 'mx.example.net', 'verify']);
  });
});

describe('handshake failures and the plaintext fallback (more/outbound-tls1only-*)', () => {
  const failing: ClientTlsEngine = {
    handshake: (_p, _s, o) => ({ ok: false, log: [`SSL_connect error to ${o.peer}: -1`] }),
  };
  it('a fresh message is deferred with 4.7.5 at may, and no QUIT is sent', () => {
    const lab = makeLab({ params: scenarioParams(null, { relayhost: '[127.0.0.2]:2530' }), startMs: T0, tls: failing });
    lab.queue.sendmail(['-f', 'alice@example.org', 'bob@example.net'], MSG);
    expect(lab.net.sessions.flatMap((s) => s.lines.filter((l) => l.startsWith('C:')))).toEqual(['C: EHLO mail.example.org', 'C: STARTTLS']);
    expect(lab.rawLog().at(-1)).toMatch(/dsn=4\.7\.5, status=deferred \(Cannot start TLS: handshake failure\)$/);
  });
  it('after minimal_backoff_time (default 300s) the retry falls back to plaintext on a new connection', () => {
    const lab = makeLab({ params: scenarioParams(null, { relayhost: '[127.0.0.2]:2530' }), startMs: T0, tls: failing });
    lab.queue.sendmail(['-f', 'alice@example.org', 'bob@example.net'], MSG);
    lab.now.ms = T0 + 299_000;
    lab.queue.flush();
    expect(lab.rawLog().at(-1)).toMatch(/status=deferred \(Cannot start TLS: handshake failure\)$/);
    lab.now.ms = T0 + 300_000;
    lab.queue.flush();
    const tail = lab
      .rawLog()
      .slice(-4)
      .map((l) => l.replace(/^.*?\]: /, ''));
    expect(tail[0]).toBe('SSL_connect error to 127.0.0.2[127.0.0.2]:2530: -1');
    expect(tail[1]).toMatch(/^[0-9A-F]{11}: Cannot start TLS: handshake failure$/);
    expect(tail[2]).toMatch(/delay=300, delays=300\/0\/0\/0\.04, dsn=2\.0\.0, status=sent/);
    expect(lab.net.sessions.length).toBe(4);
    const retry = lab.net.sessions[3]?.lines.filter((l) => l.startsWith('C:')) ?? [];
    expect(retry[0]).toBe('C: EHLO mail.example.org');
    expect(retry[1]).toMatch(/^C: MAIL FROM:<alice@example\.org> SIZE=\d+$/);
  });
  it('no fallback with smtp_sasl_auth_enable = yes, nor above may', () => {
    for (const extra of [{ smtp_sasl_auth_enable: 'yes' }, { smtp_tls_security_level: 'encrypt' }]) {
      const lab = makeLab({ params: scenarioParams(null, { relayhost: '[127.0.0.2]:2530', ...extra }), startMs: T0, tls: failing });
      lab.queue.sendmail(['-f', 'alice@example.org', 'bob@example.net'], MSG);
      lab.now.ms = T0 + 3_600_000;
      lab.queue.flush();
      expect(lab.rawLog().at(-1)).toMatch(/status=deferred \(Cannot start TLS: handshake failure\)$/);
    }
  });
});

describe('normalized form of a deferred message in mailq', () => {
  it('matches the corpus layout for a TLS-required deferral', () => {
    const r = deliver({ relayhost: '[127.0.0.2]:2527', smtp_tls_security_level: 'encrypt' });
    expect(normalize(r.lab.queue.mailq().stdout)).toBe(
      [
        '-Queue ID-  --Size-- ----Arrival Time---- -Sender/Recipient-------',
        '<QUEUEID>     288 Tue <TIMESTAMP>  alice@example.org',
        '           (TLS is required, but was not offered by host 127.0.0.2[127.0.0.2])',
        '                                         bob@example.net',
        '',
        '-- 0 Kbytes in 1 Request.',
        '',
      ].join('\n'),
    );
  });
});
