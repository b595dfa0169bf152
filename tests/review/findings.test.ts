/**
 * Every finding both ways: a configuration that triggers it and one that does not, each reviewed from
 * the effective settings the engine resolves (main.cf + master.cf -o + $name expansion).
 */
import { describe, expect, it } from 'vitest';
import { FINDINGS, type FindingId } from '../../src/review/findings.ts';
import { labLookup } from '../../src/review/review.ts';
import { ids, review, SUBMISSION_OK, SUBMISSIONS_OK } from './helpers.ts';

interface Case {
  readonly main?: Record<string, string>;
  readonly master?: readonly string[];
}

const OPEN_SUBMISSION = ['submission inet n       -       y       -       -       smtpd', '  -o smtpd_sasl_auth_enable=yes'];

const CASES: Record<FindingId, { readonly trigger: Case; readonly clean: Case }> = {
  'outgoing-tls-off': { trigger: { main: { smtp_tls_security_level: 'none' } }, clean: {} },
  'incoming-tls-off': { trigger: { main: { smtpd_tls_security_level: 'none' } }, clean: {} },
  'encrypt-on-25': {
    trigger: { main: { smtpd_tls_security_level: 'encrypt' } },
    clean: { master: SUBMISSION_OK },
  },
  'submission-tls-optional': { trigger: { master: OPEN_SUBMISSION }, clean: { master: SUBMISSION_OK } },
  'auth-before-tls': { trigger: { master: OPEN_SUBMISSION }, clean: { master: SUBMISSION_OK } },
  'auth-on-25': { trigger: { main: { smtpd_sasl_auth_enable: 'yes' } }, clean: { master: SUBMISSION_OK } },
  'relay-auth-on-25': {
    trigger: {
      main: {
        smtpd_sasl_auth_enable: 'yes',
        smtpd_tls_auth_only: 'yes',
        smtpd_relay_restrictions: 'permit_mynetworks, permit_sasl_authenticated, defer_unauth_destination',
      },
    },
    clean: { main: { smtpd_relay_restrictions: 'permit_mynetworks, permit_sasl_authenticated, defer_unauth_destination' } },
  },
  'legacy-tls-parameters': { trigger: { main: { smtpd_use_tls: 'yes' } }, clean: {} },
  'protocols-ssl': {
    trigger: { main: { smtpd_tls_protocols: 'SSLv3, TLSv1.2, TLSv1.3' } },
    clean: { main: { smtpd_tls_protocols: '!SSLv2, !SSLv3' } },
  },
  'protocols-none': {
    trigger: { main: { smtpd_tls_protocols: 'TLSv1.3, !TLSv1.3' } },
    clean: { main: { smtpd_tls_protocols: '>=TLSv1.2' } },
  },
  'certificate-problem': { trigger: { main: { smtpd_tls_key_file: '/etc/postfix/tls/missing.key' } }, clean: {} },
  'no-implicit-tls': { trigger: {}, clean: { master: SUBMISSIONS_OK } },
  'verify-without-ca': {
    trigger: { main: { smtp_tls_security_level: 'verify' } },
    clean: { main: { smtp_tls_security_level: 'verify', smtp_tls_CAfile: '/etc/ssl/certs/ca-certificates.crt' } },
  },
  'dane-without-dnssec': {
    trigger: { main: { smtp_tls_security_level: 'dane' } },
    clean: { main: { smtp_tls_security_level: 'dane', smtp_dns_support_level: 'dnssec' } },
  },
  'tls-loglevel-0': { trigger: { main: { smtpd_tls_loglevel: '0' } }, clean: {} },
  'override-hides-main-cf': {
    trigger: { master: ['submission inet n       -       y       -       -       smtpd', '  -o smtpd_tls_loglevel=2'] },
    clean: { master: ['submission inet n       -       y       -       -       smtpd', '  -o smtpd_tls_loglevel=1'] },
  },
};

describe('every finding both ways', () => {
  it('has a case for every rule in the table', () => {
    expect(Object.keys(CASES).sort()).toEqual(FINDINGS.map((f) => f.id).sort());
  });
  for (const rule of FINDINGS) {
    const c = CASES[rule.id];
    it(`${rule.id}: triggered`, () => {
      expect(ids(review(c.trigger.main, c.trigger.master))).toContain(rule.id);
    });
    it(`${rule.id}: not triggered`, () => {
      expect(ids(review(c.clean.main, c.clean.master))).not.toContain(rule.id);
    });
  }
});

describe('effective settings, not text', () => {
  it('a master.cf -o override flips a finding', () => {
    // main.cf says none on port 25; smtp/inet's -o turns TLS on for that service only.
    const off = review({ smtpd_tls_security_level: 'none' });
    expect(ids(off)).toContain('incoming-tls-off');
    const overridden = review({ smtpd_tls_security_level: 'none' }, [
      'smtp      inet  n       -       y       -       -       smtpd',
      '  -o smtpd_tls_security_level=may',
    ]);
    expect(ids(overridden)).not.toContain('incoming-tls-off');
    expect(ids(overridden)).toContain('override-hides-main-cf');
  });

  it('a $name expansion flips a finding', () => {
    expect(ids(review({ my_level: 'none', smtpd_tls_security_level: '$my_level' }))).toContain('incoming-tls-off');
    expect(ids(review({ my_level: 'may', smtpd_tls_security_level: '$my_level' }))).not.toContain('incoming-tls-off');
  });

  it('a content filter’s reinjection smtpd on 127.0.0.1 is not a submission port', () => {
    const r = review({}, ['127.0.0.1:10025 inet n - n - - smtpd', '  -o content_filter=', '  -o smtpd_tls_security_level=none']);
    expect(r.model.smtpd.find((s) => s.port === 10025)?.loopback).toBe(true);
    expect(ids(r)).not.toContain('submission-tls-optional');
  });

  it('a commented-out setting is not read', () => {
    const r = review({}, ['#submission inet n - y - - smtpd', '#  -o smtpd_sasl_auth_enable=yes']);
    expect(ids(r)).not.toContain('auth-before-tls');
  });
});

describe('each finding carries its lesson and probe', () => {
  it('links a lesson that exists and a probe', async () => {
    const { readdirSync } = await import('node:fs');
    const slugs = readdirSync('lessons').flatMap((f) => /^\d+-(.+)\.mdx$/.exec(f)?.[1] ?? []);
    for (const rule of FINDINGS) expect(slugs).toContain(rule.lesson);
  });

  it('the certificate finding shows what smtpd logs (corpus p25-may-key-garbage)', async () => {
    const { readFileSync } = await import('node:fs');
    const log = readFileSync('/work/shared/postfix-ground-truth/p25-may-key-garbage/raw.normalized.log', 'utf8');
    const recorded = /postfix\/smtpd\[<PID>\]: (warning: cannot get RSA private key from file .*)$/m.exec(log)?.[1] ?? '';
    expect(recorded).not.toBe('');
    const r = review({ smtpd_tls_key_file: '/etc/postfix/tls/garbage.key' }, [], {
      files: Object.assign(
        (p: string) => (p === '/etc/postfix/tls/garbage.key' ? { content: 'garbage\n', mode: 0o600 } : labLookup()(p)),
        {},
      ),
    });
    const f = r.findings.find((x) => x.id === 'certificate-problem');
    expect(f?.detail).toContain(`postfix/smtpd: ${recorded}`);
  });
});
