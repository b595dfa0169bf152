import { describe, expect, it } from 'vitest';
import { mapView } from '../../../src/engine/config/parameter-view.ts';
import { clientTls, clientTlsInitLog } from '../../../src/engine/tls/client-tls.ts';
import { LAB_TLS_FILES, MX_CERT_PATH } from '../../../src/engine/tls/data/lab-pki.ts';
import type { RemoteTlsServer } from '../../../src/engine/tls/types.ts';
import { isTlsLine, logTexts, normalizeTexts, scenarioMainCf } from './corpus.ts';

/** The corpus fake MX: Python's ssl module, TLSv1.2+ on 2526, TLSv1 only with SECLEVEL=0 on 2530. */
const MX_2526: RemoteTlsServer = { protocols: ['TLSv1.2', 'TLSv1.3'], certCommonName: 'mx.example.net', selfSigned: true };
const MX_2530: RemoteTlsServer = {
  protocols: ['TLSv1'],
  certCommonName: 'mx.example.net',
  selfSigned: true,
  cipherList: 'DEFAULT@SECLEVEL=0',
};

function run(scenario: string, server: RemoteTlsServer, port: number, attempts = 1): string[] {
  const values = scenarioMainCf(scenario);
  const level = values['smtp_tls_security_level'] ?? 'may';
  const loglevel = Number(values['smtp_tls_loglevel'] ?? '0');
  const lines: string[] = [...clientTlsInitLog(loglevel)];
  for (let i = 0; i < attempts; i++) {
    const r = clientTls.handshake(mapView(values), server, {
      level,
      loglevel,
      peer: `127.0.0.2[127.0.0.2]:${port}`,
      files: (p) => LAB_TLS_FILES[p],
    });
    lines.push(...r.log);
  }
  return normalizeTexts(lines);
}

describe('client TLS log lines (corpus log-smtp-tls-loglevel-*, outbound-*)', () => {
  it.each([
    ['log-smtp-tls-loglevel-0', MX_2526, 2526],
    ['log-smtp-tls-loglevel-2', MX_2526, 2526],
    ['outbound-may-starttls', MX_2526, 2526],
    ['outbound-verify-starttls', MX_2526, 2526],
  ] as const)('%s', (scenario, server, port) => {
    expect(run(scenario, server, port)).toEqual(logTexts(scenario, 'postfix/smtp').filter(isTlsLine));
  });

  it.each([
    ['more/outbound-tls1only-may', 1],
    ['more/outbound-tls1only-encrypt-ge12', 2],
    ['more/outbound-tls1only-may-ge12-fallback', 2],
  ] as const)('%s', (scenario, attempts) => {
    expect(run(scenario, MX_2530, 2530, attempts)).toEqual(logTexts(scenario, 'postfix/smtp').filter(isTlsLine));
  });

  it('more/outbound-verify-selfsigned-with-cafile: a trusted chain still fails on the IP nexthop', () => {
    expect(run('more/outbound-verify-selfsigned-with-cafile', MX_2526, 2526, 2)).toEqual(
      logTexts('more/outbound-verify-selfsigned-with-cafile', 'postfix/smtp').filter(isTlsLine),
    );
  });

  it('outcome flags smtp(8) acts on', () => {
    const peer = '127.0.0.2[127.0.0.2]:2526';
    const verify = clientTls.handshake(mapView({}), MX_2526, { level: 'verify', loglevel: 1, peer });
    expect(verify.ok && { verified: verify.verified, trust: verify.trust }).toEqual({ verified: false, trust: 'untrusted' });
    const byName = clientTls.handshake(mapView({ smtp_tls_CAfile: MX_CERT_PATH }), MX_2526, {
      level: 'secure',
      loglevel: 1,
      peer: 'mx.example.net[127.0.0.2]:25',
      files: (p) => LAB_TLS_FILES[p],
      matchNames: ['mx.example.net'],
      nexthopIsAddress: false,
    });
    expect(byName.ok && byName.verified).toBe(true);
    expect(byName.log).toEqual([
      'Verified TLS connection established to mx.example.net[127.0.0.2]:25: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256',
    ]);
    const trusted = clientTls.handshake(mapView({ smtp_tls_CAfile: MX_CERT_PATH }), MX_2526, {
      level: 'may',
      loglevel: 1,
      peer,
      files: (p) => LAB_TLS_FILES[p],
    });
    expect(trusted.ok && trusted.trust).toBe('trusted');
  });

  it('mandatory protocols apply above may, opportunistic ones at may (more/README fact 7)', () => {
    const values = { smtp_tls_protocols: '>=TLSv1.3', smtp_tls_mandatory_protocols: '<=TLSv1.2' };
    const peer = '127.0.0.2[127.0.0.2]:2526';
    const may = clientTls.handshake(mapView(values), MX_2526, { level: 'may', loglevel: 0, peer });
    const enc = clientTls.handshake(mapView(values), MX_2526, { level: 'encrypt', loglevel: 0, peer });
    expect(may.ok && may.session.version).toBe('TLSv1.3');
    expect(enc.ok && enc.session.version).toBe('TLSv1.2');
  });

  it('an invalid protocol list aborts the session, a bad grade too', () => {
    const peer = '127.0.0.2[127.0.0.2]:2526';
    expect(clientTls.handshake(mapView({ smtp_tls_protocols: 'TLSv9' }), MX_2526, { level: 'may', loglevel: 1, peer })).toEqual({
      ok: false,
      log: [`warning: ${peer}: Invalid TLS protocol list "TLSv9": aborting TLS session`],
    });
    expect(clientTls.handshake(mapView({ smtp_tls_mandatory_ciphers: 'x' }), MX_2526, { level: 'encrypt', loglevel: 1, peer }).log).toEqual(
      [`warning: ${peer}: invalid cipher grade: "x"`],
    );
  });

  it('never throws', () => {
    for (const v of ['', '\u0000', '!', 'x'.repeat(3000)]) {
      for (const level of ['may', 'encrypt', 'verify', 'secure', 'fingerprint', v]) {
        expect(() =>
          clientTls.handshake(
            mapView({ smtp_tls_protocols: v, smtp_tls_exclude_ciphers: v, smtp_tls_CAfile: v }),
            { ...MX_2526, protocols: [] },
            { level, loglevel: 4, peer: v },
          ),
        ).not.toThrow();
      }
    }
  });
});
