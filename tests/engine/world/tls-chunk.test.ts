/**
 * The lab page's machine chunk leaves the servers' TLS code out (issue 12, weight): bundled as the browser
 * build does it (tls-code.ts swapped for tls-code.browser.ts, and the other swaps), the machine and the chunks
 * fetched with it hold smtpd's stand-in TLS engine (tls/server-tls.ts, with the light first steps of init) but
 * none of the handshake, certificate or cipher code, nor the lab's certificates; the TLS chunk
 * (tls-code-bundle.ts) holds them, or a chunk it shares with the outbound code.
 */
import { describe, expect, it } from 'vitest';
import { browserBundle } from '../../support/browser-bundle.ts';

describe('the machine chunk in the browser build', () => {
  it('leaves the servers’ TLS code and the lab certificates to the TLS chunk', async () => {
    const chunk = await browserBundle('src/components/lab/lab-machine.ts', '/tmp/tls-chunk-test', { eager: true });
    const eager = chunk('src/components/lab/lab-machine.ts');
    const tls = chunk('src/engine/tls/tls-code-bundle.ts');
    const later = [
      'src/engine/tls/server-engine.ts',
      'src/engine/tls/remote-engine.ts',
      'src/engine/tls/cert-files.ts',
      'src/engine/tls/server-log.ts',
      'src/engine/tls/negotiate.ts',
      'src/engine/tls/ciphers.ts',
      'src/engine/tls/resolve-hello.ts',
      'src/engine/tls/openssl-errors.ts',
      'src/engine/tls/log-texts.ts',
      'src/engine/tls/tls-records.ts',
      'src/engine/tls/x509/certificate.ts',
      'src/engine/tls/x509/der.ts',
      'src/engine/tls/data/lab-certs.ts',
      'src/engine/tls/data/lab-pki.ts',
    ];
    expect(eager).toContain('src/engine/tls/server-tls.ts');
    expect(eager).toContain('src/engine/tls/data/lab-tls-files.ts');
    for (const f of later) {
      expect(eager, f).not.toContain(f);
      expect(tls, f).toContain(f);
    }
  });

  it('keeps the goal checks’ watcher, among a lesson page’s first scripts, free of the machine’s TLS gate', async () => {
    const chunk = await browserBundle('src/components/course/exercise-checks.ts', '/tmp/tls-chunk-test-checks', { eager: true });
    const first = chunk('src/components/course/exercise-checks.ts');
    expect(first).toContain('src/engine/tls/tls-code.browser.ts');
    for (const f of [
      'src/engine/world/lab-server-tls.ts',
      'src/engine/tls/server-init.ts',
      'src/engine/world/sim-fs.ts',
      'src/engine/tls/data/lab-tls-files.ts',
    ])
      expect(first, f).not.toContain(f);
  });
});
