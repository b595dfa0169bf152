import { describe, expect, it } from 'vitest';
import { corpusScreen, POSTFIX_CLI_LOG } from './corpus-screens.ts';
import { rig } from './headless.ts';

describe('shell on a headless xterm', () => {
  it('echo hi', async () => {
    const r = await rig();
    expect(r.lines()).toEqual(['root@mail:~# ']);
    await r.type('echo hi\r');
    expect(r.lines()).toEqual(['root@mail:~# echo hi', 'hi', 'root@mail:~# ']);
    expect(r.cursor()).toEqual({ x: 13, y: 2 });
  });

  it('clear, then appending to main.cf, as in term-postfix-cli', async () => {
    const r = await rig({ files: { '/etc/postfix/main.cf': 'biff = no\n' } });
    await r.type('ls\r');
    await r.type('clear\r');
    expect(r.visible()).toEqual(corpusScreen('term-postfix-cli', 'after: clear'));
    await r.type("echo 'smtpd_tls_security_level encrypt' >> /etc/postfix/main.cf\r");
    expect(r.visible()).toEqual(corpusScreen('term-postfix-cli', "after: echo 'smtpd_tls_security_level encrypt' >> /etc/postfix/main.cf"));
    expect(r.fs.read('/etc/postfix/main.cf')).toBe('biff = no\nsmtpd_tls_security_level encrypt\n');
  });

  it('tail -n 5 of the log after clear, as in term-postfix-cli', async () => {
    // The log as it was at that step: every line before the `stopping` one.
    const lines = POSTFIX_CLI_LOG.split('\n').filter((l) => l !== '');
    const upto = lines.findIndex((l) => l.includes('stopping the Postfix mail system'));
    const log = `${lines.slice(0, upto).join('\n')}\n`;
    const r = await rig({ files: { '/var/log/postfix.log': log } });
    await r.type('clear\r');
    await r.type('tail -n 5 /var/log/postfix.log\r');
    expect(r.visible()).toEqual(corpusScreen('term-postfix-cli', 'after: tail -n 5 /var/log/postfix.log'));
  });
});
