import { describe, expect, it } from 'vitest';
import { CORPUS_STRIP_PROXY, RemoteWorld } from '../../../src/engine/remote/remote-world.ts';
import type { RemoteServerEndpoint } from '../../../src/engine/remote/fake-mx.ts';
import { corpusFile } from '../queue/harness.ts';

/** The server lines of a transcript's fake-MX block, in order. */
function mxLines(name: string): string[] {
  const t = corpusFile(name, 'transcript.txt').split('\n');
  const start = t.findIndex((l) => l.startsWith('# === what the fake remote MX'));
  const end = t.findIndex((l, i) => i > start && l.startsWith('C: $ '));
  return t.slice(start, end < 0 ? t.length : end).filter((l) => l.startsWith('S: ') || l.startsWith('C: '));
}

/** Drives an endpoint with the client lines of a recording and returns the exchange in the same form. */
function drive(ep: RemoteServerEndpoint, recorded: readonly string[]): string[] {
  const out: string[] = [];
  const server = (d: string): void => {
    for (const l of d.split('\r\n').filter((x) => x !== '')) out.push(`S: ${l}`);
  };
  server(ep.open().data);
  for (const l of recorded) {
    if (!l.startsWith('C: ')) continue;
    out.push(l);
    const o = ep.receive(`${l.slice(3)}\r\n`);
    server(o.data);
    if (l === 'C: STARTTLS' && o.data.startsWith('220 ')) {
      ep.handshake({ kind: 'tls', client: 'python-ssl', minVersion: 'TLSv1.2', maxVersion: 'TLSv1.3', secLevel0: false });
    }
  }
  return out;
}

describe('the fake MX answers as the recorder MX did', () => {
  it.each(['outbound-may-starttls', 'outbound-none-starttls', 'outbound-may-nostarttls', 'outbound-encrypt-nostarttls'])('%s', (name) => {
    const recorded = mxLines(name);
    const port = name.endsWith('nostarttls') ? 2527 : 2526;
    const rx = /queued as RX(\d{4})/.exec(recorded.join('\n'));
    const world = new RemoteWorld(undefined, { firstNumbers: { [`127.0.0.2:${port}`]: Number(rx?.[1] ?? 1) } });
    const ep = world.remoteEndpoint('127.0.0.2', port);
    expect(ep).not.toBeNull();
    if (ep === null) return;
    expect(drive(ep, recorded)).toEqual(recorded);
  });
});

describe('fake MX behaviour', () => {
  const world = (): RemoteWorld => new RemoteWorld();
  it('answers pipelined commands in one output, and numbers messages across connections', () => {
    const w = world();
    for (const n of ['RX0001', 'RX0002']) {
      const ep = w.remoteEndpoint('127.0.0.2', 2527);
      ep?.open();
      expect(ep?.receive('EHLO x\r\nMAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\n').data).toBe(
        '250-mx.example.net\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-ENHANCEDSTATUSCODES\r\n250 8BITMIME\r\n250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n354 End data with <CR><LF>.<CR><LF>\r\n',
      );
      expect(ep?.receive('Subject: x\r\n\r\n..dot\r\n.\r\nQUIT\r\n')).toEqual({
        data: `250 2.0.0 Ok: queued as ${n}\r\n221 2.0.0 Bye\r\n`,
        closed: true,
      });
    }
    expect(w.received('127.0.0.2', 2527).map((m) => [m.queueId, m.mailFrom, m.rcptTo, m.data])).toEqual([
      ['RX0001', '<a@b>', ['<c@d>'], ['Subject: x', '', '..dot']],
      ['RX0002', '<a@b>', ['<c@d>'], ['Subject: x', '', '..dot']],
    ]);
  });
  it('STARTTLS where it is not offered, and unknown commands: 502', () => {
    const ep = world().remoteEndpoint('127.0.0.2', 2527);
    ep?.open();
    expect(ep?.receive('STARTTLS\r\nVRFY x\r\nNOOP\r\nRSET\r\nHELO y\r\n').data).toBe(
      '502 5.5.2 Error: command not recognized\r\n502 5.5.2 Error: command not recognized\r\n250 2.0.0 Ok\r\n250 2.0.0 Ok\r\n250 mx.example.net\r\n',
    );
  });
  it('a partial line waits for its end', () => {
    const ep = world().remoteEndpoint('127.0.0.2', 2526);
    ep?.open();
    expect(ep?.receive('NO').data).toBe('');
    expect(ep?.receive('OP\r\n').data).toBe('250 2.0.0 Ok\r\n');
  });
  it('after STARTTLS: pipelined bytes are dropped, plaintext instead of a handshake closes, EHLO loses STARTTLS after TLS', () => {
    const w = world();
    const a = w.remoteEndpoint('127.0.0.2', 2526);
    a?.open();
    expect(a?.receive('STARTTLS\r\nNOOP\r\n').data).toBe('220 2.0.0 Ready to start TLS\r\n');
    expect(a?.receive('EHLO x\r\n')).toEqual({ data: '', closed: true });
    const b = w.remoteEndpoint('127.0.0.2', 2526);
    b?.open();
    b?.receive('STARTTLS\r\n');
    const hs = b?.handshake({ kind: 'tls', client: 'postfix-smtp', minVersion: 'TLSv1', maxVersion: 'TLSv1.3', secLevel0: false });
    expect(hs?.result.ok).toBe(true);
    expect(b?.tls?.version).toBe('TLSv1.3');
    expect(b?.receive('EHLO x\r\n').data).not.toContain('STARTTLS');
  });
  it('the TLS 1.0-only MX negotiates TLSv1 or fails', () => {
    const w = world();
    const a = w.remoteEndpoint('127.0.0.2', 2530);
    a?.open();
    a?.receive('STARTTLS\r\n');
    expect(
      // Postfix's own hello works with a TLSv1-only peer (its cipher list lifts OpenSSL 3's SECLEVEL; see postfixClientHello).
      a?.handshake({ kind: 'tls', client: 'postfix-smtp', minVersion: 'TLSv1', maxVersion: 'TLSv1.3', secLevel0: true }).result,
    ).toMatchObject({
      ok: true,
      session: { version: 'TLSv1', cipher: 'ECDHE-RSA-AES256-SHA' },
    });
    const b = w.remoteEndpoint('127.0.0.2', 2530);
    b?.open();
    b?.receive('STARTTLS\r\n');
    expect(
      b?.handshake({ kind: 'tls', client: 'postfix-smtp', minVersion: 'TLSv1.2', maxVersion: 'TLSv1.3', secLevel0: false }),
    ).toMatchObject({
      result: { ok: false, log: [], record: { alert: { code: 70, description: 'protocol version', from: 'server' } } },
      output: { data: '', closed: true },
    });
  });
  it('nothing listens: null; lessons add and remove hosts by data', () => {
    const w = world();
    expect(w.remoteEndpoint('127.0.0.2', 25)).toBeNull();
    w.add({
      address: '198.51.100.7',
      port: 25,
      hostname: 'mx.bad.example',
      starttls: true,
      tls: { protocols: ['TLSv1.3'], certCommonName: 'wrong.example', selfSigned: false },
    });
    expect(w.remoteEndpoint('198.51.100.7', 25)?.open().data).toBe('220 mx.bad.example ESMTP test receiver\r\n');
    expect(w.tlsOf('198.51.100.7', 25)?.certCommonName).toBe('wrong.example');
    expect(w.remove('198.51.100.7', 25)).toBe(true);
    expect(w.hasAddress('198.51.100.7')).toBe(false);
  });
});

describe('STARTTLS-stripping proxy (more/README.md)', () => {
  it('removes 250-STARTTLS from the EHLO reply and relays the rest (more/strip-outbound-may wire.txt)', () => {
    const w = new RemoteWorld(undefined);
    w.add(CORPUS_STRIP_PROXY);
    const ep = w.remoteEndpoint('127.0.0.3', 2528);
    expect(ep?.open().data).toBe('220 mx.example.net ESMTP test receiver\r\n');
    expect(ep?.receive('EHLO mail.example.org\r\n').data).toBe(
      '250-mx.example.net\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-ENHANCEDSTATUSCODES\r\n250 8BITMIME\r\n',
    );
    expect(w.tlsOf('127.0.0.3', 2528)?.certCommonName).toBe('mx.example.net');
  });
});
