import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mapView } from '../../../src/engine/config/parameter-view.ts';
import { pythonClientHello } from '../../../src/engine/tls/client-hello.ts';
import { LAB_TLS_FILES } from '../../../src/engine/tls/data/lab-pki.ts';
import { serverTls } from '../../../src/engine/tls/server-tls.ts';
import { SimFs } from '../../../src/engine/world/sim-fs.ts';

/**
 * smtpd_tls_cert_file / smtpd_tls_key_file pointing at unusable files, against the recordings of real
 * Postfix 3.7.11 in tests/corpus-extra/p25-cert-* (and the corpus's p25-may-* for the two-file case).
 * Each scenario's files are made by the `C: $` commands of its own transcript (touch, cat > , chmod).
 */

const EXTRA = resolve(dirname(fileURLToPath(import.meta.url)), '../../corpus-extra');
const read = (...p: string[]): string => readFileSync(join(EXTRA, ...p), 'utf8');
const SCENARIOS = readdirSync(EXTRA).filter((d) => d.startsWith('p25-cert-'));

/** base/main.cf plus the scenario's `postconf -e` lines. */
function mainCf(scenario: string): Record<string, string> {
  const values: Record<string, string> = {};
  const delta = read(scenario, 'config.txt').split('# --- master.cf')[0] ?? '';
  for (const raw of `${read('base', 'main.cf')}\n${delta}`.split('\n')) {
    const m = /^([A-Za-z0-9_]+)\s*=\s*(.*)$/.exec(raw.trim());
    if (m?.[1] !== undefined) values[m[1]] = m[2] ?? '';
  }
  return values;
}

/**
 * The lab's /etc/postfix/tls and main.cf, changed by the transcript's commands as root ran them before the
 * connection (`postconf -X` removes a parameter; `postconf name` only prints).
 */
function prepared(scenario: string): { readonly fs: SimFs; readonly values: Record<string, string> } {
  const fs = new SimFs({ ...LAB_TLS_FILES });
  const values = mainCf(scenario);
  for (const line of read(scenario, 'transcript.normalized.txt').split('\n')) {
    const cmd = /^C: \$ (.*)$/.exec(line)?.[1];
    if (cmd === undefined) continue;
    const touch = /^touch (\S+)$/.exec(cmd);
    const cat = /^cat (.+) > (\S+)$/.exec(cmd);
    const chmod = /^chmod ([0-7]+) (\S+)$/.exec(cmd);
    const remove = /^postconf -X (\w+)$/.exec(cmd)?.[1];
    if (remove !== undefined) delete values[remove];
    else if (/^postconf \w+$/.test(cmd)) continue;
    else if (touch?.[1] !== undefined) fs.write(touch[1], '');
    else if (cat?.[1] !== undefined && cat[2] !== undefined) {
      fs.write(
        cat[2],
        cat[1]
          .split(' ')
          .map((p) => fs.read(p) ?? '')
          .join(''),
      );
    } else if (chmod?.[1] !== undefined && chmod[2] !== undefined) fs.chmod(chmod[2], parseInt(chmod[1], 8));
    else throw new Error(`${scenario}: no model for the command ${cmd}`);
  }
  return { fs, values };
}

/** smtpd's warnings before `connect from` (what tls_server_init logged at process start). */
function initWarnings(scenario: string): string[] {
  const prefix = '<TIMESTAMP> mail postfix/smtpd[<PID>]: ';
  const lines = read(scenario, 'raw.normalized.log')
    .split('\n')
    .filter((l) => l.startsWith(prefix))
    .map((l) => l.slice(prefix.length));
  const connect = lines.findIndex((l) => l.startsWith('connect from '));
  return lines.slice(0, connect);
}

describe('certificate and key files as Postfix 3.7 + OpenSSL 3.0 read them (corpus-extra p25-cert-*)', () => {
  it('finds the recordings', () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(15);
  });

  it.each(SCENARIOS)('%s', (scenario) => {
    const { fs, values } = prepared(scenario);
    const init = serverTls.init(mapView(values), { enforce: false, files: fs.lookup });
    expect(init.warnings).toEqual(initWarnings(scenario));
    const transcript = read(scenario, 'transcript.normalized.txt');
    if (transcript.includes('S: 220 2.0.0 Ready to start TLS')) {
      // A usable pair: the handshake of the recording (TLSv1.3, the lab's 2048-bit RSA certificate).
      expect(init.context).not.toBeNull();
      if (init.context === null) return;
      const hs = serverTls.handshake(init.context, pythonClientHello('mail.example.org'), { loglevel: 1, peer: 'localhost[127.0.0.1]' });
      expect(hs.log).toEqual(
        read(scenario, 'raw.normalized.log')
          .split('\n')
          .filter((l) => l.includes('TLS connection established'))
          .map((l) => l.replace(/^.*?\]: /, '')),
      );
    } else {
      expect(transcript).toContain('S: 454 4.7.0 TLS not available due to local problem');
      expect(init.context).toBeNull();
    }
  });

  it('a directory is not a missing file: fopen() opens it and reads nothing', () => {
    const fs = new SimFs({ ...LAB_TLS_FILES });
    const values = { ...mainCf('p25-cert-directory') };
    expect(fs.lookup.isDirectory?.('/etc/postfix/tls')).toBe(true);
    const asDir = serverTls.init(mapView(values), { enforce: false, files: fs.lookup });
    const asEmpty = serverTls.init(mapView({ ...values, smtpd_tls_cert_file: '/etc/postfix/tls/empty.crt' }), {
      enforce: false,
      files: (p) => (p === '/etc/postfix/tls/empty.crt' ? { content: '', mode: 0o644 } : fs.lookup(p)),
    });
    expect(asDir.warnings.slice(1)).toEqual(asEmpty.warnings.slice(1));
  });
});
