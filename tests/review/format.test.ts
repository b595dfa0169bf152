/** The terminal text of the review: colour only when asked (a tty), and the exit status rules. */
import { describe, expect, it } from 'vitest';
import { exitStatus, formatReview, reviewJson } from '../../src/review/format-text.ts';
import { reviewConfig } from '../../src/review/review.ts';
import { config, review } from './helpers.ts';

describe('format', () => {
  it('uses colour only when told to', () => {
    const r = review({ smtpd_tls_key_file: '/nowhere/key.pem' });
    expect(formatReview('x', r, true)).toContain('\u001b[1;31mERROR  \u001b[0m certificate-problem');
    expect(formatReview('x', r, false)).not.toContain('\u001b[');
  });

  it('exit 1 on an error finding or a Postfix fatal, 0 otherwise, 2 on refused input', () => {
    expect(exitStatus(review({ smtpd_tls_key_file: '/nowhere/key.pem' }))).toBe(1);
    expect(exitStatus(review({ smtp_tls_security_level: 'none' }))).toBe(0);
    const broken = config();
    expect(exitStatus(reviewConfig({ ...broken, masterCf: `${broken.masterCf}foo unix - - n\n` }))).toBe(1);
    expect(exitStatus(reviewConfig({ mainCf: '\u0000', masterCf: '' }))).toBe(2);
  });

  it('--json carries each finding’s lesson path and the lines "Show me" types', () => {
    const data = JSON.parse(reviewJson(review({ smtpd_tls_security_level: 'none' }))) as {
      findings: { id: string; lessonPath: string; probeLines: string[] }[];
    };
    const f = data.findings.find((x) => x.id === 'incoming-tls-off');
    expect(f?.lessonPath).toBe('/lessons/opportunistic-tls/');
    expect(f?.probeLines).toEqual(['telnet localhost 25', 'EHLO client.example.com', 'QUIT']);
  });
});
