import { describe, expect, it } from 'vitest';
import { mapView } from '../../../src/engine/config/parameter-view.ts';
import { postfixClientHello, pythonClientHello, sClientHello } from '../../../src/engine/tls/client-hello.ts';
import { resolveHello } from '../../../src/engine/tls/resolve-hello.ts';
import { remoteServerHandshake, smtpClientHandshake } from '../../../src/engine/tls/client-tls.ts';
import { LAB_CERT } from '../../../src/engine/tls/data/lab-pki.ts';
import { negotiate } from '../../../src/engine/tls/negotiate.ts';
import { policyOfList } from '../../../src/engine/tls/ciphers.ts';
import { sessionPacketLog } from '../../../src/engine/tls/server-log.ts';
import type { RemoteTlsServer } from '../../../src/engine/tls/types.ts';
import { corpusFile } from './corpus.ts';

const POSTFIX = {
  accepted: ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const,
  cipher: policyOfList('aNULL:-aNULL:HIGH:MEDIUM:+RC4:@STRENGTH'),
  cert: LAB_CERT,
  tickets: 1,
};

describe('handshake records', () => {
  it('TLSv1.3: messages in wire order, and the byte counts s_client reports (corpus sclient-tls1_3.txt: 1380 read, 338 - 33 written)', () => {
    const rec = negotiate(resolveHello(sClientHello({ only: 'tls1_3' })), { ...POSTFIX, accepted: [...POSTFIX.accepted] });
    expect(rec.messages.map((m) => `${m.from}:${m.type}${m.encrypted ? '*' : ''}`)).toEqual([
      'client:ClientHello',
      'server:ServerHello',
      'server:ChangeCipherSpec',
      'server:EncryptedExtensions*',
      'server:Certificate*',
      'server:CertificateVerify*',
      'server:Finished*',
      'client:ChangeCipherSpec',
      'client:Finished*',
      'server:NewSessionTicket*',
    ]);
    expect(rec.bytes).toEqual({ serverToClient: 1380, clientToServer: 305 });
    expect(rec.messages[4]?.detail).toBe('CN=mail.example.org (824 bytes DER, RSA 2048 bits)');
    expect(rec).toMatchObject({
      version: 'TLSv1.3',
      cipher: 'TLS_AES_256_GCM_SHA384',
      tempKey: 'X25519, 253 bits',
      signature: { type: 'RSA-PSS', digest: 'SHA256' },
    });
  });

  it.each([
    // corpus tls-protocols-default: read / written minus the 233 and 33 plaintext bytes of -starttls smtp
    ['tls1_2', 'DEFAULT', 1698 - 233, 314 - 33, 'TLSv1.2'],
    ['tls1_1', 'DEFAULT@SECLEVEL=0', 1728 - 233, 258 - 33, 'TLSv1.0'],
    ['tls1', 'DEFAULT@SECLEVEL=0', 1712 - 233, 242 - 33, 'TLSv1.0'],
  ] as const)('-%s: %i/%i bytes, cipher from %s', (only, cipher, read, written, since) => {
    const rec = negotiate(resolveHello(sClientHello({ only, cipher })), { ...POSTFIX, accepted: [...POSTFIX.accepted] });
    expect(rec.bytes).toEqual({ serverToClient: read, clientToServer: written });
    expect(rec.cipherSince).toBe(since);
    expect(rec.messages.map((m) => m.type)).toEqual([
      'ClientHello',
      'ServerHello',
      'Certificate',
      'ServerKeyExchange',
      'ServerHelloDone',
      'ClientKeyExchange',
      'ChangeCipherSpec',
      'Finished',
      'NewSessionTicket',
      'ChangeCipherSpec',
      'Finished',
    ]);
  });

  it('a refused version: the hello and the server alert (corpus: 240 - 233 bytes read)', () => {
    const rec = negotiate(resolveHello(sClientHello({ only: 'tls1_2' })), { ...POSTFIX, accepted: ['TLSv1.3'] });
    expect(rec.messages.map((m) => `${m.from}:${m.type}:${m.detail}`)).toEqual([
      'client:ClientHello:TLSv1.2',
      'server:Alert:fatal alert 70: protocol version',
    ]);
    expect(rec.bytes).toEqual({ serverToClient: 240 - 233, clientToServer: 221 - 33 });
    expect(rec.failure).toBe('unsupported-protocol');
  });

  it('a remote MX of the world (Python ssl): the record a fake MX can return, with its certificate and two tickets', () => {
    const mx: RemoteTlsServer = { protocols: ['TLSv1.2', 'TLSv1.3'], certCommonName: 'mx.example.net', selfSigned: true };
    const r = remoteServerHandshake(mx, pythonClientHello());
    expect(r.ok && r.session.version).toBe('TLSv1.3');
    expect(r.record?.postHandshakeTickets).toBe(2);
    expect(r.record?.certificate?.subject).toEqual([['CN', 'mx.example.net']]);
    const hello = postfixClientHello('postfix-smtp', ['TLSv1.2'], 'aNULL:-aNULL:HIGH:MEDIUM:+RC4:@STRENGTH');
    expect(remoteServerHandshake(mx, hello).record?.cipher).toBe('ECDHE-RSA-AES256-GCM-SHA384');
  });

  it('smtpClientHandshake: both ends agree through an endpoint (corpus outbound-may-starttls)', () => {
    const mx: RemoteTlsServer = { protocols: ['TLSv1.2', 'TLSv1.3'], certCommonName: 'mx.example.net', selfSigned: true };
    const endpoint = {
      handshake: (hello: Parameters<typeof remoteServerHandshake>[1]) => ({
        result: remoteServerHandshake(mx, hello),
        output: { data: '', closed: false },
      }),
    };
    const r = smtpClientHandshake(mapView({}), { level: 'may', loglevel: 1, peer: '127.0.0.2[127.0.0.2]:2526' }, endpoint);
    const expected = corpusFile('outbound-may-starttls', 'raw.normalized.log')
      .split('\n')
      .filter((l) => l.includes('TLS connection established'))
      .map((l) => l.replace(/^.*?\]: /, ''));
    expect(r.handshake.log).toEqual(expected);
  });

  it('level 4 dumps session records', () => {
    const lines = sessionPacketLog('write', '250 2.0.0 Ok\r\n', 'TLSv1.3', '1');
    expect(lines[0]).toMatch(/^write to [0-9A-F]+ \[[0-9A-F]+\] \(36 bytes => 36 \(0x24\)\)$/);
    expect(lines).toHaveLength(4);
  });
});
