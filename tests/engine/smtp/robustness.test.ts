import { describe, expect, it } from 'vitest';
import { MailLog } from '../../../src/engine/log/mail-log.ts';
import { MailQueue } from '../../../src/engine/queue/mail-queue.ts';
import { clientTls } from '../../../src/engine/tls/client-tls.ts';
import { sequentialIds } from '../../../src/engine/world/ids.ts';
import type { ConnectResult, Network, ServerEndpoint, ServerOutput } from '../../../src/engine/world/network.ts';
import { SimFs } from '../../../src/engine/world/sim-fs.ts';
import { expandingView, makeLab, parseMainCf, scenarioParams, corpusFile } from '../queue/harness.ts';

const T0 = Date.UTC(2026, 11, 1, 9, 0, 0);
const MSG = 'Subject: x\n\nhello\n';

/** A small deterministic PRNG for the fuzz cases. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const NASTY = [
  '',
  ' ',
  '[',
  ']',
  '[]',
  '[127.0.0.2',
  '[127.0.0.2]:',
  '[127.0.0.2]:0',
  '[127.0.0.2]:99999',
  ':25',
  'a b',
  '\u0000',
  'é',
  '[::1]:25',
  'x'.repeat(3000),
  '$x',
  '%s%n',
  '\r\n',
  'mx.example.net:smtp',
  '[127.0.0.2]:2526:7',
];

function randomText(r: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) {
    const k = r();
    s += k < 0.05 ? '\n' : k < 0.07 ? '\r' : k < 0.09 ? '.' : k < 0.1 ? '\u0000' : String.fromCharCode(32 + Math.floor(r() * 600));
  }
  return s;
}

/** Network whose endpoint misbehaves as scripted. */
function badNetwork(make: () => ServerEndpoint): Network {
  return {
    resolve: (h) => (/^\d/.test(h) ? h : '127.0.0.9'),
    connect: (): ConnectResult => ({ ok: true, address: '127.0.0.9', endpoint: make() }),
  };
}

function queueOn(net: Network, extra: Record<string, string> = {}) {
  const log = new MailLog({ now: () => T0 });
  const params = scenarioParams(null, { relayhost: '[127.0.0.9]:25', ...extra });
  const q = new MailQueue({
    clock: { now: () => T0 },
    ids: sequentialIds(),
    log: log.write,
    paramsFor: () => params,
    network: net,
    clientTls,
    fs: new SimFs(),
  });
  return { q, log };
}

const out = (data: string, closed = false): ServerOutput => ({ data, closed });

describe('never throws', () => {
  it('on any relayhost, level, loglevel, policy table and message text', () => {
    const r = prng(7);
    const levels = ['none', 'may', 'encrypt', 'verify', 'secure', 'fingerprint', 'dane', 'dane-only', 'MAY', 'maybe', '', '\u0000'];
    for (let i = 0; i < 300; i++) {
      const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)] as T;
      const lab = makeLab({
        params: scenarioParams(null, {
          relayhost: pick([...NASTY, '[127.0.0.2]:2526', '[127.0.0.2]:2527', '[127.0.0.2]:2530']),
          smtp_tls_security_level: pick(levels),
          smtp_tls_loglevel: pick(['0', '1', '2', '9', 'high', '-1', '']),
          smtp_tls_policy_maps: pick(['', 'texthash:/p', 'hash:/p', 'bogus', 'texthash:']),
          minimal_backoff_time: pick(['300s', '0', 'x', '10m', '']),
          mydestination: pick(['$myhostname, localhost, example.org', '', 'hash:/x', ',,,']),
        }),
        startMs: T0,
        files: { '/p': randomText(r, 80), '/etc/aliases': randomText(r, 60), '/etc/passwd': randomText(r, 40) },
      });
      const text = randomText(r, Math.floor(r() * 400));
      const args = [
        pick(['-f', '-t', '-i', '-F', '-bp', '-q', '--', '-o']),
        pick(NASTY),
        pick(['bob@example.net', 'root', '@', 'a@', '', 'x@[1.2.3.4]']),
      ];
      expect(() => lab.queue.sendmail(args, text)).not.toThrow();
      expect(() => lab.queue.submitLocal(pick(NASTY), [pick(NASTY)], text)).not.toThrow();
      lab.now.ms += 400_000;
      expect(() => lab.queue.flush()).not.toThrow();
      expect(() => lab.queue.runDue()).not.toThrow();
      expect(() => lab.queue.postqueue([pick(['-p', '-f', '-j', '-i', '-s', '-x', '']), pick(NASTY)])).not.toThrow();
      expect(() => lab.queue.mailq()).not.toThrow();
      expect(() => lab.queue.postsuper([pick(['-d', '-h', '-x', 'ALL']), pick([...NASTY, 'ALL', '-'])], text)).not.toThrow();
      for (const l of lab.rawLog()) expect(typeof l).toBe('string');
    }
  });

  it('when the server throws, closes, stays silent or talks garbage', () => {
    const scripts: (() => ServerEndpoint)[] = [
      () => ({
        open: () => {
          throw new Error('boom');
        },
        receive: () => {
          throw new Error('boom');
        },
        handshake: () => {
          throw new Error('boom');
        },
        clientClosed: () => {
          throw new Error('boom');
        },
        tls: null,
      }),
      () => ({
        open: () => out('', false),
        receive: () => out(''),
        handshake: () => ({ result: { ok: false, log: [] }, output: out('') }),
        clientClosed: () => {},
        tls: null,
      }),
      () => ({
        open: () => out('', true),
        receive: () => out('', true),
        handshake: () => ({ result: { ok: false, log: [] }, output: out('', true) }),
        clientClosed: () => {},
        tls: null,
      }),
      () => ({
        open: () => out('garbage\r\n'),
        receive: () => out('\u0000\u0001\r\n9999 x\r\n'),
        handshake: () => ({ result: { ok: false, log: [] }, output: out('') }),
        clientClosed: () => {},
        tls: null,
      }),
      () => ({
        open: () => out('220-first\r\n'),
        receive: () => out('250-a\r\n'),
        handshake: () => ({ result: { ok: false, log: [] }, output: out('') }),
        clientClosed: () => {},
        tls: null,
      }),
    ];
    for (const make of scripts) {
      for (const level of ['none', 'may', 'encrypt', 'verify']) {
        const { q, log } = queueOn(badNetwork(make), { smtp_tls_security_level: level });
        expect(() => q.sendmail(['-f', 'alice@example.org', 'bob@example.net'], MSG)).not.toThrow();
        const last = log.records.filter((x) => x.text.includes(' to=<')).at(-1)?.text ?? '';
        expect(last).toMatch(/status=(deferred|bounced) \(/);
        expect(q.queueIds().length).toBe(last.includes('status=deferred') ? 1 : 0);
      }
    }
  });
});

describe('failure texts of a misbehaving server', () => {
  const deliver = (make: () => ServerEndpoint) => {
    const { q, log } = queueOn(badNetwork(make));
    q.sendmail(['-f', 'alice@example.org', 'bob@example.net'], MSG);
    return log.records.filter((x) => x.text.includes(' to=<')).at(-1)?.text ?? '';
  };
  it('silent after connect: timed out while receiving the initial server greeting (4.4.2)', () => {
    expect(
      deliver(() => ({
        open: () => out(''),
        receive: () => out(''),
        handshake: () => ({ result: { ok: false, log: [] }, output: out('') }),
        clientClosed: () => {},
        tls: null,
      })),
    ).toMatch(
      /relay=127\.0\.0\.9\[127\.0\.0\.9\]:25, .*dsn=4\.4\.2, status=deferred \(conversation with 127\.0\.0\.9\[127\.0\.0\.9\] timed out while receiving the initial server greeting\)$/,
    );
  });
  it('a 554 banner: refused to talk to me, bounced', () => {
    expect(
      deliver(() => ({
        open: () => out('554 5.3.2 go away\r\n'),
        receive: () => out('221 bye\r\n', true),
        handshake: () => ({ result: { ok: false, log: [] }, output: out('') }),
        clientClosed: () => {},
        tls: null,
      })),
    ).toMatch(/dsn=5\.3\.2, status=bounced \(host 127\.0\.0\.9\[127\.0\.0\.9\] refused to talk to me: 554 5\.3\.2 go away\)$/);
  });
  it('RCPT rejected: host said ... (in reply to RCPT TO command)', () => {
    const ep = (): ServerEndpoint => {
      let step = 0;
      return {
        open: () => out('220 mx ESMTP\r\n'),
        receive: () => {
          step++;
          if (step === 1) return out('250-mx\r\n250 PIPELINING\r\n');
          if (step === 2)
            return out(
              '250 2.1.0 Ok\r\n550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown\r\n554 5.5.1 Error: no valid recipients\r\n',
            );
          return out('221 2.0.0 Bye\r\n', true);
        },
        handshake: () => ({ result: { ok: false, log: [] }, output: out('') }),
        clientClosed: () => {},
        tls: null,
      };
    };
    expect(deliver(ep)).toMatch(
      /dsn=5\.1\.1, status=bounced \(host 127\.0\.0\.9\[127\.0\.0\.9\] said: 550 5\.1\.1 <bob@example\.net>: Recipient address rejected: User unknown \(in reply to RCPT TO command\)\)$/,
    );
  });
  it('STARTTLS refused at encrypt (the lab smtpd 454 text, corpus p25-may-cert-missing) defers; at may delivery continues in plaintext', () => {
    const reply454 =
      corpusFile('p25-may-cert-missing', 'transcript.txt')
        .split('\n')
        .find((l) => l.startsWith('S: 454 '))
        ?.slice(3) ?? '';
    const ep = (): ServerEndpoint => ({
      open: () => out('220 mx ESMTP\r\n'),
      receive: (b) => {
        if (b.startsWith('EHLO')) return out('250-mx\r\n250-STARTTLS\r\n250 PIPELINING\r\n');
        if (b.startsWith('STARTTLS')) return out(`${reply454}\r\n`);
        if (b.startsWith('MAIL')) return out('250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n354 go\r\n');
        if (b.includes('\r\n.\r\n')) return out('250 2.0.0 Ok: queued as X1\r\n221 2.0.0 Bye\r\n', true);
        return out('221 2.0.0 Bye\r\n', true);
      },
      handshake: () => ({ result: { ok: false, log: [] }, output: out('') }),
      clientClosed: () => {},
      tls: null,
    });
    const enc = queueOn(badNetwork(ep), { smtp_tls_security_level: 'encrypt' });
    enc.q.sendmail(['-f', 'alice@example.org', 'bob@example.net'], MSG);
    expect(enc.log.records.at(-1)?.text).toMatch(
      /dsn=4\.7\.5, status=deferred \(TLS is required, but host 127\.0\.0\.9\[127\.0\.0\.9\] refused to start TLS: 454 4\.7\.0 TLS not available due to local problem\)$/,
    );
    const may = queueOn(badNetwork(ep), { smtp_tls_security_level: 'may' });
    may.q.sendmail(['-f', 'alice@example.org', 'bob@example.net'], MSG);
    expect(may.log.records.at(-2)?.text).toMatch(/dsn=2\.0\.0, status=sent \(250 2\.0\.0 Ok: queued as X1\)$/);
  });
});

describe('harness sanity', () => {
  it('expands $name in the corpus base main.cf', () => {
    const v = expandingView(parseMainCf(corpusFile('base', 'main.cf')));
    expect(v.get('mydestination')).toBe('mail.example.org, localhost, example.org');
    expect(v.get('myorigin')).toBe('example.org');
  });
});
