/**
 * The review's input handling and loading: size cap and binary check before parsing, Postfix's own
 * warnings and fatals for bad lines (checked against real postconf recordings), the supported subset,
 * and the two reference configurations (the corpus's base/ and the article's final one).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAIN_CF, MASTER_CF } from '../../src/engine/world/config-loader.ts';
import { scenarioFiles } from '../../src/lesson-runtime/scenario-world.ts';
import { scenarioNamed } from '../../src/lesson-runtime/scenarios/index.ts';
import { createLessonSession } from '../../src/lesson-runtime/session.ts';
import { reviewConfig, reviewImage } from '../../src/review/review.ts';
import { BASE_MAIN, resolveSpec, STOCK_MASTER } from '../engine/postconf/real-cases.ts';
import { ids, ok, review } from './helpers.ts';

interface RealCase {
  readonly name: string;
  readonly main: string | null;
  readonly master: string | null;
  readonly stderr: string;
}
const REAL = (JSON.parse(readFileSync('tests/engine/postconf/golden/real-postconf.json', 'utf8')) as { cases: RealCase[] }).cases;
const realCase = (name: string): RealCase => {
  const c = REAL.find((x) => x.name === name);
  if (c === undefined) throw new Error(`no recorded case ${name}`);
  return c;
};
/** `postconf: fatal: X` → `X` (the loader runs /usr/sbin/postconf, so its prefix differs). */
const afterProgram = (line: string): string => line.replace(/^\S+: /, '');

describe('input', () => {
  it('refuses a 10 MB paste before parsing, with a clear message', () => {
    const big = 'a = b\n'.repeat((10 * 1024 * 1024) / 6);
    const r = reviewConfig({ mainCf: big, masterCf: '' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toMatch(/main\.cf is \d+ KB: the review reads files up to 256 KB/);
  });

  it('refuses binary data', () => {
    const r = reviewConfig({ mainCf: 'myhostname = x\n', masterCf: '\u0000\u0001\u0002PK\u0003\u0004' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toEqual(['master.cf is not a text file (it holds binary data), so it was not read.']);
  });

  it('reads postconf -n and postconf -M output, and merges postconf -P lines as -o', () => {
    const r = ok(
      reviewConfig({
        mainCf:
          'smtpd_tls_security_level = may\nsmtpd_tls_cert_file = /etc/postfix/tls/mail.example.org.crt\nsmtpd_tls_key_file = /etc/postfix/tls/mail.example.org.key\n',
        masterCf:
          'smtp       inet  n       -       y       -       -       smtpd\nsubmission inet  n       -       y       -       -       smtpd\n',
        postconfP: 'submission/inet/smtpd_tls_security_level = encrypt\nsubmission/inet/smtpd_sasl_auth_enable = yes\n',
      }),
    );
    const sub = r.model.smtpd.find((s) => s.name === 'submission');
    expect(sub?.level).toBe('encrypt');
    expect(sub?.port).toBe(587);
    expect(ids(r)).not.toContain('auth-before-tls');
  });
});

describe('Postfix reads it as Postfix would', () => {
  it('a master.cf line with too few fields: postconf’s fatal (real: master-missing-fields)', () => {
    const c = realCase('master-missing-fields');
    const r = ok(reviewConfig({ mainCf: resolveSpec(c.main) ?? '', masterCf: resolveSpec(c.master) ?? '' }));
    const want = afterProgram(c.stderr.trim());
    expect(r.model.postfixFatal === null ? '' : afterProgram(r.model.postfixFatal)).toBe(want);
  });

  it('a main.cf line without = : postfix’s fatal (corpus postconf-behaviours)', () => {
    const r = ok(reviewConfig({ mainCf: `${BASE_MAIN}this line is broken\n`, masterCf: STOCK_MASTER }));
    expect(r.model.postfixFatal).toMatch(
      /^postfix: fatal: \/etc\/postfix\/main\.cf, line \d+: missing '=' after attribute name: "this line is broken"$/,
    );
  });

  it('a certificate file the lab lacks is reported as smtpd logs it, and can be replaced by the lab’s', () => {
    const settings = {
      smtpd_tls_cert_file: '/etc/letsencrypt/live/example.org/fullchain.pem',
      smtpd_tls_key_file: '/etc/letsencrypt/live/example.org/privkey.pem',
    };
    const missing = review(settings);
    const f = missing.findings.find((x) => x.id === 'certificate-problem');
    expect(f?.detail).toContain(
      'postfix/smtpd: warning: cannot get RSA certificate from file "/etc/letsencrypt/live/example.org/fullchain.pem": disabling TLS support',
    );
    const substituted = review(settings, [], { substituteCerts: true });
    expect(ids(substituted)).not.toContain('certificate-problem');
    expect(Object.keys(substituted.extraFiles).sort()).toEqual([settings.smtpd_tls_cert_file, settings.smtpd_tls_key_file]);
  });
});

describe('the supported subset', () => {
  it('postscreen on port 25 is "not simulated here", not a dying smtpd; the smtpd behind it is judged', () => {
    const master = STOCK_MASTER.replace(
      /^smtp +inet .*smtpd$/m,
      'smtp      inet  n       -       y       -       1       postscreen\nsmtpd     pass  -       -       y       -       -       smtpd\ndnsblog   unix  -       -       y       -       0       dnsblog\ntlsproxy  unix  -       -       y       -       0       tlsproxy',
    );
    const r = ok(reviewConfig({ mainCf: BASE_MAIN, masterCf: master }));
    expect(r.model.postfixFatal).toBeNull();
    expect(r.model.notSimulated.join('\n')).toMatch(/^smtp runs postscreen/m);
    expect(r.model.smtpd.map((s) => [s.name, s.type, s.port25])).toEqual([['smtpd', 'pass', true]]);
    expect(r.findings.filter((x) => x.severity === 'error')).toEqual([]);
  });

  it('milters, SQL maps and policy services are listed, never findings', () => {
    const r = review({
      smtpd_milters: 'inet:127.0.0.1:8891',
      virtual_mailbox_maps: 'mysql:/etc/postfix/mysql-virtual.cf',
      smtpd_recipient_restrictions: 'permit_mynetworks, check_policy_service unix:private/policy, reject_unauth_destination',
    });
    const notes = r.model.notSimulated.join('\n');
    expect(notes).toContain('smtpd_milters');
    expect(notes).toContain('mysql');
    expect(notes).toContain('policy service');
    expect(ids(r)).toEqual(['no-implicit-tls']);
  });
});

describe('reference configurations', () => {
  it('the corpus’s base/ configuration: only the missing implicit-TLS service', () => {
    const r = ok(reviewConfig({ mainCf: BASE_MAIN, masterCf: STOCK_MASTER }));
    expect(r.model.postfixWarnings).toEqual([]);
    expect(r.model.postfixFatal).toBeNull();
    expect(r.findings.map((f) => [f.id, f.severity])).toEqual([['no-implicit-tls', 'info']]);
  });

  it('the article’s final configuration (lesson scenario article-final, built from the article): 587 overrides main.cf, no 465', () => {
    const s = scenarioNamed('article-final');
    if (s === undefined) throw new Error('no article-final scenario');
    const files = scenarioFiles(s);
    const r = ok(reviewConfig({ mainCf: files[MAIN_CF]?.content ?? '', masterCf: files[MASTER_CF]?.content ?? '' }));
    expect(r.model.postfixFatal).toBeNull();
    const sub = r.model.smtpd.find((x) => x.name === 'submission');
    expect(sub?.level).toBe('encrypt');
    expect(r.findings.map((f) => `${f.id} ${f.where}`)).toEqual([
      'no-implicit-tls master.cf',
      'override-hides-main-cf master.cf submission/inet (port 587)',
    ]);
    expect(r.findings[1]?.detail).toEqual(['main.cf: smtpd_tls_security_level = may', '-o smtpd_tls_security_level=encrypt']);
  });
});

describe('the review’s lab image', () => {
  it('boots the configuration: EHLO on 587 follows the pasted master.cf', () => {
    const r = review({}, ['submission inet n       -       y       -       -       smtpd', '  -o smtpd_sasl_auth_enable=yes']);
    const session = createLessonSession({ scenario: 'lab-default', image: reviewImage(r) });
    const out = [session.runLine('telnet localhost 587'), session.runLine('EHLO client.example.com')].join('');
    expect(out).toMatch(/^250-AUTH /m);
    session.dispose();
  });
});
