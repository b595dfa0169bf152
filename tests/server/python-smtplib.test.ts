import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compareLogs } from '../../src/corpus/compare.ts';
import { EXTRA, need, normalizedLines, readText, run, startLab, type TestLab } from './support.ts';

/** Python's smtplib (starttls, login, sendmail) against the submission service of `npm run serve`. */

const CLIENT = `
import smtplib, ssl, sys
ctx = ssl.create_default_context()
ctx.check_hostname = False
ctx.verify_mode = ssl.CERT_NONE
s = smtplib.SMTP('127.0.0.1', int(sys.argv[1]), local_hostname='client.example.com', timeout=10)
s.starttls(context=ctx)
s.login('alice', 'secret')
refused = s.sendmail('alice@example.org', ['bob@example.net'], 'Subject: hello\\r\\n\\r\\nA message from smtplib.\\r\\n')
print('refused', refused)
print('quit', s.quit())
`;

let lab: TestLab | null = null;
afterEach(async () => {
  await lab?.stop();
  lab = null;
});

describe("Python's smtplib against npm run serve", () => {
  it('starttls, login as alice and sendmail on the submission port: smtpd logs what Postfix logged for the same dialogue (swaks-587-tls-auth)', async () => {
    need('python3');
    lab = await startLab();
    const mark = lab.mark();
    const out = await run('python3', ['-c', CLIENT, String(lab.port('submission'))]);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    // The reply to QUIT as the recordings have it (swaks-587-tls-auth: `221 2.0.0 Bye`).
    expect(out.stdout).toBe("refused {}\nquit (221, b'2.0.0 Bye')\n");
    await lab.waitForLog(/postfix\/qmgr\[\d+\]: [0-9A-F]+: removed/, mark);
    // smtplib says EHLO, STARTTLS, EHLO, AUTH PLAIN, MAIL, RCPT, DATA, QUIT, as swaks did: smtpd's lines are the same.
    const recorded = readText(join(EXTRA, 'swaks-587-tls-auth', 'raw.normalized.log'));
    const ours = normalizedLines(lab.logSince(mark)).join('\n');
    expect(compareLogs(recorded, ours, (d) => d === 'postfix/submission/smtpd')).toEqual([]);
    expect(ours).toMatch(/postfix\/smtp\[<PID>\]: <QUEUEID>: to=<bob@example.net>, relay=127\.0\.0\.2\[127\.0\.0\.2\]:2526, .*status=sent/);
  }, 30_000);
});
