/**
 * `npm run review -- DIR` on a temp dir: it reads the certificate files the configuration names from
 * the host, reports missing ones with the lines smtpd logs (corpus p25-may-cert-missing), exits non-zero
 * on an "error" finding, prints no colour when stdout is not a tty, and has a --json mode.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CORPUS } from '../engine/postconf/real-cases.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A configuration dir: the corpus base/ files, with the certificate and key copied from the lab's PKI next to them. */
function configDir(mainExtra: string, withCert: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'review-'));
  dirs.push(dir);
  const base = readFileSync(`${CORPUS}/base/main.cf`, 'utf8')
    .replace(/^smtpd_tls_cert_file = .*$/m, `smtpd_tls_cert_file = ${dir}/tls/cert.pem`)
    .replace(/^smtpd_tls_key_file = .*$/m, `smtpd_tls_key_file = ${dir}/tls/key.pem`);
  writeFileSync(join(dir, 'main.cf'), base + mainExtra);
  copyFileSync(`${CORPUS}/base/master.cf`, join(dir, 'master.cf'));
  if (withCert) {
    spawnSync('mkdir', ['-p', join(dir, 'tls')]);
    writeFileSync(join(dir, 'tls/cert.pem'), LAB_PEM.cert);
    writeFileSync(join(dir, 'tls/key.pem'), LAB_PEM.key);
  }
  return dir;
}

const { MAIL_EXAMPLE_ORG_CERT, MAIL_EXAMPLE_ORG_KEY } = await import('../../src/engine/tls/data/lab-pki.ts');
const LAB_PEM = { cert: MAIL_EXAMPLE_ORG_CERT, key: MAIL_EXAMPLE_ORG_KEY };

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('npx', ['tsx', 'scripts/review.ts', ...args], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run review', () => {
  it('judges the host’s certificate files: present and matching, exit 0, no colour off a tty', () => {
    const r = run(configDir('', true));
    expect(r.stdout).toContain('INFO    no-implicit-tls: master.cf');
    expect(r.stdout).not.toContain('certificate-problem');
    expect(r.stdout).not.toContain('\u001b[');
    expect(r.status).toBe(0);
  }, 30_000);

  it('a missing certificate file: smtpd’s own lines, an error, exit 1', () => {
    const dir = configDir('', false);
    const r = run(dir);
    const log = readFileSync(`${CORPUS}/p25-may-cert-missing/raw.normalized.log`, 'utf8');
    const recorded = /postfix\/smtpd\[<PID>\]: (warning: cannot get RSA certificate from file ")[^"]*(": disabling TLS support)/.exec(log);
    expect(recorded).not.toBeNull();
    expect(r.stdout).toContain(`postfix/smtpd: ${recorded?.[1] ?? ''}${dir}/tls/cert.pem${recorded?.[2] ?? ''}`);
    expect(r.stdout).toContain('ERROR   certificate-problem');
    expect(r.status).toBe(1);
  }, 30_000);

  it('--json prints machine-readable findings', () => {
    const r = run(configDir('smtp_tls_security_level = none\n', true), '--json');
    const data = JSON.parse(r.stdout) as { ok: boolean; findings: { id: string; severity: string; lessonPath: string }[] };
    expect(data.ok).toBe(true);
    expect(data.findings.map((f) => f.id)).toEqual(['outgoing-tls-off', 'no-implicit-tls']);
    expect(data.findings[0]?.lessonPath).toBe('/lessons/outgoing-tls/');
    expect(r.status).toBe(0);
  }, 30_000);

  it('a directory without main.cf: exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'review-empty-'));
    dirs.push(dir);
    const r = run(dir);
    expect(r.stderr).toContain('cannot read');
    expect(r.status).toBe(2);
  }, 30_000);
});
