import { describe, expect, it } from 'vitest';
import { mapView } from '../../../src/engine/config/parameter-view.ts';
import { plaintextHello, pythonClientHello, sClientHello } from '../../../src/engine/tls/client-hello.ts';
import type { SClientVersionFlag } from '../../../src/engine/tls/client-hello.ts';
import { LAB_TLS_FILES } from '../../../src/engine/tls/data/lab-pki.ts';
import { MAIL_EXAMPLE_ORG_CERT, MX_EXAMPLE_NET_KEY } from '../../../src/engine/tls/data/lab-certs.ts';
import { serverHandshakeLost } from '../../../src/engine/tls/server-engine.ts';
import { serverTls } from '../../../src/engine/tls/server-tls.ts';
import type { ClientHello, FileLookup, ServerTlsContext, SimFile } from '../../../src/engine/tls/types.ts';
import { isTlsLine, logTexts, normalizeTexts, scenarioMainCf } from './corpus.ts';

const PEER = 'localhost[127.0.0.1]';
const T0 = Date.UTC(2026, 11, 1, 7, 11, 19);
const labFiles: FileLookup = (p) => LAB_TLS_FILES[p];

function initFor(values: Record<string, string>, enforce = false, files: FileLookup = labFiles) {
  return serverTls.init(mapView(values), { enforce, files });
}

function context(values: Record<string, string>, enforce = false): ServerTlsContext {
  const init = initFor(values, enforce);
  if (init.context === null) throw new Error(`no context: ${init.warnings.join(' / ')}`);
  return init.context;
}

function loglevelOf(values: Record<string, string>): number {
  return Number(values['smtpd_tls_loglevel'] ?? '0');
}

describe('server TLS log lines at every level (corpus log-smtpd-tls-loglevel-0/2/3)', () => {
  it.each(['0', '2', '3'])('smtpd_tls_loglevel = %s', (level) => {
    const scenario = `log-smtpd-tls-loglevel-${level}`;
    const values = scenarioMainCf(scenario);
    const init = initFor(values);
    expect(init.context).not.toBeNull();
    if (init.context === null) return;
    // The recorder is Python's ssl module with SNI mail.example.org (pfrec.py Session.starttls).
    const hs = serverTls.handshake(init.context, pythonClientHello('mail.example.org'), {
      loglevel: loglevelOf(values),
      peer: PEER,
      now: T0,
    });
    const expected = logTexts(scenario, 'postfix/smtpd').filter(isTlsLine);
    expect(expected.length).toBe(level === '0' ? 0 : level === '2' ? 18 : 160);
    expect(normalizeTexts([...init.warnings, ...hs.log])).toEqual(expected);
    expect(hs.ok).toBe(true);
  });

  it('level 1 logs the summary only (corpus p25-level-may uses the base loglevel 1)', () => {
    const hs = serverTls.handshake(context(scenarioMainCf('p25-level-may')), pythonClientHello('mail.example.org'), {
      loglevel: 1,
      peer: PEER,
    });
    expect(hs.log).toEqual(logTexts('p25-level-may', 'postfix/smtpd').filter(isTlsLine).slice(0, 1));
  });

  it('level 4 logs what level 3 does (a handshake has no application data yet)', () => {
    const ctx = context(scenarioMainCf('p25-level-may'));
    const l3 = serverTls.handshake(ctx, pythonClientHello('mail.example.org'), { loglevel: 3, peer: PEER, now: T0 }).log;
    const l4 = serverTls.handshake(ctx, pythonClientHello('mail.example.org'), { loglevel: 4, peer: PEER, now: T0 }).log;
    expect(l4).toEqual(l3);
  });
});

/** What s_client sent in the tls-* scenarios, in order: -tls1/-tls1_1 with DEFAULT@SECLEVEL=0, then -tls1_2, -tls1_3. */
const SCLIENT_RUNS: readonly (readonly [SClientVersionFlag, ClientHello])[] = [
  ['tls1', sClientHello({ only: 'tls1', cipher: 'DEFAULT@SECLEVEL=0' })],
  ['tls1_1', sClientHello({ only: 'tls1_1', cipher: 'DEFAULT@SECLEVEL=0' })],
  ['tls1_2', sClientHello({ only: 'tls1_2' })],
  ['tls1_3', sClientHello({ only: 'tls1_3' })],
];

describe('negotiation per protocol setting (corpus tls-* scenarios)', () => {
  it.each(['tls-protocols-default', 'tls-protocols-restricted-may', 'tls-mandatory-ignored-at-may', 'tls-protocols-ge-syntax-may'])(
    '%s',
    (scenario) => {
      const values = scenarioMainCf(scenario);
      const ctx = context(values, false);
      const lines: string[] = [];
      for (const [, hello] of SCLIENT_RUNS) lines.push(...serverTls.handshake(ctx, hello, { loglevel: 1, peer: PEER }).log);
      expect(normalizeTexts(lines)).toEqual(logTexts(scenario, 'postfix/smtpd').filter(isTlsLine));
    },
  );

  it('the mandatory list applies when enforcing (encrypt, wrapper mode)', () => {
    const ctx = context({ ...scenarioMainCf('tls-mandatory-ignored-at-may') }, true);
    const r = serverTls.handshake(ctx, sClientHello({ only: 'tls1_2' }), { loglevel: 1, peer: PEER });
    expect(r.ok).toBe(false);
    expect(r.record?.failure).toBe('unsupported-protocol');
    expect(r.record?.alert).toEqual({ from: 'server', code: 70, description: 'protocol version' });
  });

  it.each([
    ['openssl default', sClientHello(), 'TLSv1.3', 'TLS_AES_256_GCM_SHA384'],
    ['python', pythonClientHello(), 'TLSv1.3', 'TLS_AES_256_GCM_SHA384'],
    ['s_client -tls1_2', sClientHello({ only: 'tls1_2' }), 'TLSv1.2', 'ECDHE-RSA-AES256-GCM-SHA384'],
    ['s_client -tls1_1 SECLEVEL=0', sClientHello({ only: 'tls1_1', cipher: 'DEFAULT@SECLEVEL=0' }), 'TLSv1.1', 'ECDHE-RSA-AES256-SHA'],
  ])('%s against the defaults gets %s %s', (_n, hello, version, cipher) => {
    const r = serverTls.handshake(context(scenarioMainCf('p25-level-may')), hello, { loglevel: 0, peer: PEER });
    expect(r.ok && r.session).toMatchObject({ version, cipher, cipherBits: 256, algBits: 256 });
  });

  it('OpenSSL 3 without SECLEVEL=0 cannot finish TLSv1 (it refuses the MD5-SHA1 signature)', () => {
    const r = serverTls.handshake(context(scenarioMainCf('p25-level-may')), sClientHello({ only: 'tls1' }), { loglevel: 2, peer: PEER });
    expect(r.ok).toBe(false);
    expect(r.record?.failure).toBe('legacy-sigalg');
    expect(r.log.slice(-4)).toEqual([
      'SSL3 alert read:fatal:internal error',
      'SSL_accept:error in error',
      `SSL_accept error from ${PEER}: -1`,
      'warning: TLS library problem: error:0A000438:SSL routines::tlsv1 alert internal error:../ssl/record/rec_layer_s3.c:1602:SSL alert number 80:',
    ]);
  });

  it('a default s_client against a TLSv1.1-only server is refused the same way', () => {
    const r = serverTls.handshake(context({ ...scenarioMainCf('p25-level-may'), smtpd_tls_protocols: '<=TLSv1.1' }), sClientHello(), {
      loglevel: 0,
      peer: PEER,
    });
    expect(r.record?.failure).toBe('legacy-sigalg');
    expect(r.record?.bytes).toEqual({ clientToServer: 304, serverToClient: 1216 }); // local s_client: read 1216, written 304
  });

  it('no shared cipher with the null grade below TLSv1.3', () => {
    const ctx = context({ ...scenarioMainCf('p25-level-may'), smtpd_tls_ciphers: 'null' });
    const r = serverTls.handshake(ctx, sClientHello({ only: 'tls1_2' }), { loglevel: 0, peer: PEER });
    expect(r.log).toEqual([
      `SSL_accept error from ${PEER}: -1`,
      'warning: TLS library problem: error:0A0000C1:SSL routines::no shared cipher:../ssl/statem/statem_srvr.c:2226:',
    ]);
    expect(serverTls.handshake(ctx, sClientHello(), { loglevel: 0, peer: PEER }).ok).toBe(true); // TLSv1.3 suites ignore cipher lists
  });

  it('a Postfix client at may gets an anonymous suite over TLSv1.2 (corpus posttls-finger -p TLSv1.2)', () => {
    const hello: ClientHello = { kind: 'tls', client: 'posttls-finger', minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2', secLevel0: true };
    const r = serverTls.handshake(context(scenarioMainCf('posttls-finger')), hello, { loglevel: 1, peer: PEER });
    expect(r.log).toEqual([logTexts('posttls-finger', 'postfix/smtpd').filter(isTlsLine).at(-1)]);
    expect(r.record?.certificate).toBeNull();
    expect(
      serverTls.handshake(context({ ...scenarioMainCf('posttls-finger'), smtpd_tls_exclude_ciphers: 'aNULL' }), hello, {
        loglevel: 0,
        peer: PEER,
      }).record?.cipher,
    ).toBe('ECDHE-RSA-AES256-GCM-SHA384');
  });
});

describe('plaintext where a ClientHello belongs (corpus submissions-465-wrappermode)', () => {
  it('logs wrong version number, and a lost connection when the client just leaves', () => {
    const values = { ...scenarioMainCf('submissions-465-wrappermode') };
    const ctx = context(values, true);
    const lines = [...serverTls.handshake(ctx, plaintextHello('EHLO client.example.com\r\n'), { loglevel: 1, peer: PEER }).log];
    for (let i = 0; i < 3; i++)
      lines.push(...serverTls.handshake(ctx, pythonClientHello('mail.example.org'), { loglevel: 1, peer: PEER }).log);
    lines.push(...serverHandshakeLost(PEER));
    expect(lines).toEqual(logTexts('submissions-465-wrappermode', 'postfix/submissions/smtpd').filter(isTlsLine));
  });
});

describe('server TLS context problems (corpus p25-*cert*, p25-may-key-*)', () => {
  it.each(['p25-may-cert-missing', 'p25-encrypt-cert-missing'])('%s', (scenario) => {
    const values = scenarioMainCf(scenario);
    const init = initFor(values, values['smtpd_tls_security_level'] === 'encrypt');
    expect(init.context).toBeNull();
    expect(init.warnings).toEqual(logTexts(scenario, 'postfix/smtpd').filter(isTlsLine));
  });

  it('p25-may-key-garbage', () => {
    const files: FileLookup = (p) => (p === '/etc/postfix/tls/garbage.key' ? { content: 'this is not a key\n', mode: 0o600 } : labFiles(p));
    const init = initFor(scenarioMainCf('p25-may-key-garbage'), false, files);
    expect(init.context).toBeNull();
    expect(init.warnings).toEqual(logTexts('p25-may-key-garbage', 'postfix/smtpd').filter(isTlsLine));
  });

  it('p25-may-key-mode-000: still works, read as root', () => {
    const files: FileLookup = (p) => {
      const f = labFiles(p);
      return f !== undefined && p.endsWith('.key') ? { ...f, mode: 0 } : f;
    };
    const init = initFor(scenarioMainCf('p25-may-key-mode-000'), false, files);
    expect(init.warnings).toEqual([]);
    expect(init.context).not.toBeNull();
    if (init.context === null) return;
    const hs = serverTls.handshake(init.context, pythonClientHello('mail.example.org'), { loglevel: 1, peer: PEER });
    expect(hs.log).toEqual(logTexts('p25-may-key-mode-000', 'postfix/smtpd').filter(isTlsLine));
  });

  it('no certificate configured (postfix-facts.md §3)', () => {
    expect(initFor({ smtpd_tls_security_level: 'may' })).toEqual({
      context: null,
      warnings: ["warning: No server certs available. TLS won't be enabled"],
    });
  });

  it('an invalid protocol list disables TLS (postfix-facts.md §3), the unused list is not checked', () => {
    const base = scenarioMainCf('p25-level-may');
    expect(initFor({ ...base, smtpd_tls_protocols: '>=TLSv1.4' }).warnings).toEqual([
      'warning: Invalid TLS protocol list ">=TLSv1.4": disabling TLS support',
    ]);
    expect(initFor({ ...base, smtpd_tls_protocols: '>=TLSv1.4' }).context).toBeNull();
    expect(initFor({ ...base, smtpd_tls_mandatory_protocols: 'bogus' }).context).not.toBeNull();
    expect(initFor({ ...base, smtpd_tls_mandatory_protocols: 'bogus' }, true).warnings).toEqual([
      'warning: Invalid TLS protocol list "bogus": disabling TLS support',
    ]);
  });

  it('a certificate that is not PEM, a key that belongs to another certificate, a missing key', () => {
    const base = scenarioMainCf('p25-level-may');
    const with_ =
      (path: string, f: SimFile | undefined): FileLookup =>
      (p) =>
        p === path ? f : labFiles(p);
    const cert = '/etc/postfix/tls/mail.example.org.crt';
    const key = '/etc/postfix/tls/mail.example.org.key';
    expect(initFor(base, false, with_(cert, { content: 'junk\n', mode: 0o644 })).warnings).toEqual([
      `warning: cannot get RSA certificate from file "${cert}": disabling TLS support`,
      'warning: TLS library problem: error:0480006C:PEM routines::no start line:../crypto/pem/pem_lib.c:760:Expecting: TRUSTED CERTIFICATE:',
      'warning: TLS library problem: error:0A080009:SSL routines::PEM lib:../ssl/ssl_rsa.c:462:',
    ]);
    expect(initFor(base, false, with_(key, { content: MX_EXAMPLE_NET_KEY, mode: 0o600 })).warnings).toEqual([
      `warning: cannot get RSA private key from file "${key}": disabling TLS support`,
      'warning: TLS library problem: error:05800074:x509 certificate routines::key values mismatch:../crypto/x509/x509_cmp.c:403:',
    ]);
    expect(initFor(base, false, with_(key, undefined)).warnings).toEqual([
      `warning: cannot get RSA private key from file "${key}": disabling TLS support`,
      `warning: TLS library problem: error:80000002:system library::No such file or directory:../crypto/bio/bss_file.c:308:calling fopen(${key}, r):`,
      'warning: TLS library problem: error:10080002:BIO routines::system lib:../crypto/bio/bss_file.c:311:',
      'warning: TLS library problem: error:0A080002:SSL routines::system lib:../ssl/ssl_rsa.c:368:',
    ]);
    // The key file defaults to the certificate file: a combined file works.
    const combined = with_(cert, { content: MAIL_EXAMPLE_ORG_CERT + (labFiles(key)?.content ?? ''), mode: 0o600 });
    expect(initFor({ smtpd_tls_cert_file: cert }, false, combined).context).not.toBeNull();
  });

  it('smtpd_tls_chain_files: a key and its certificate in one file', () => {
    const chain = '/etc/postfix/tls/chain.pem';
    const files: FileLookup = (p) =>
      p === chain
        ? { content: (labFiles('/etc/postfix/tls/mail.example.org.key')?.content ?? '') + MAIL_EXAMPLE_ORG_CERT, mode: 0o600 }
        : labFiles(p);
    expect(initFor({ smtpd_tls_chain_files: chain }, false, files).context).not.toBeNull();
    expect(initFor({ smtpd_tls_chain_files: '/etc/postfix/tls/none.pem' }, false, files)).toEqual({
      context: null,
      warnings: ['warning: error loading private keys and certificates from: /etc/postfix/tls/none.pem: disabling TLS support'],
    });
  });

  it('an invalid cipher grade fails every session, not the start', () => {
    const init = initFor({ ...scenarioMainCf('p25-level-may'), smtpd_tls_ciphers: 'strong' });
    expect(init.context).not.toBeNull();
    if (init.context === null) return;
    const r = serverTls.handshake(init.context, pythonClientHello(), { loglevel: 1, peer: PEER });
    expect(r).toEqual({ ok: false, log: [`warning: ${PEER}: invalid cipher grade: "strong"`] });
  });

  it('never throws on odd configuration or hellos', () => {
    const odd = ['', '\u0000', 'x'.repeat(5000), '>=', '!', 'null', 'HIGH:!!!'];
    for (const v of odd) {
      for (const p of [
        'smtpd_tls_protocols',
        'smtpd_tls_ciphers',
        'smtpd_tls_exclude_ciphers',
        'smtpd_tls_cert_file',
        'smtpd_tls_loglevel',
      ]) {
        const init = initFor({ ...scenarioMainCf('p25-level-may'), [p]: v });
        if (init.context !== null) {
          for (const hello of [
            sClientHello(),
            plaintextHello(v),
            { kind: 'tls', client: 'swaks', minVersion: 'TLSv1.3', maxVersion: 'SSLv3', secLevel0: false } as const,
          ]) {
            expect(() => serverTls.handshake(init.context as ServerTlsContext, hello, { loglevel: 3, peer: PEER })).not.toThrow();
          }
        }
      }
    }
  });
});
