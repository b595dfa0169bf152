/**
 * nc, postfix/postconf/mailq, openssl s_client and swaks against the lab's Postfix, screen by screen as the
 * corpus recorded them (terminal/term-nc-25, term-postfix-cli, term-sclient-587-interactive, term-swaks).
 */
import { describe, expect, it } from 'vitest';
import { replay, scenarioRig, sclientComparable } from './scenario.ts';

function check(results: { label: string; actual: string[]; expected: string[] }[]): void {
  expect(results.length).toBeGreaterThan(0);
  for (const r of results) expect(r.actual, r.label).toEqual(r.expected);
}

describe('terminal screens (corpus terminal/)', () => {
  it('term-nc-25: bare LF, -C, -v, -vz, refused ports, Enter after 221', async () => {
    const rig = await scenarioRig('term-nc-25');
    check(await replay('term-nc-25', rig));
  });

  it('term-postfix-cli: postfix status/start/stop/reload/check, mailq, postconf, a broken main.cf line, the log', async () => {
    // Intended difference: the lab logs to /var/log/mail.log, the recording machine to /var/log/postfix.log
    // (corpus base/main.cf); this machine gets the recording's maillog_file so that postconf -n and tail match.
    const rig = await scenarioRig('term-postfix-cli', { stopped: true, mainCf: ['maillog_file = /var/log/postfix.log'] });
    const results = await replay('term-postfix-cli', rig);
    check(results.slice(0, -1));
  });

  // The last step shows `tail -n 5` of the log after `postfix stop`. That recording lost the line
  // `stopping the Postfix mail system` to postlogd's own shutdown; the two other recordings of a stop log
  // it (postconf-behaviours, tests/corpus-extra/cli-postqueue-stopped) and so does the lab. So the lab's
  // screen is the recorded one with that line in its place: the tail window moves by one line.
  it('term-postfix-cli last step: the log after postfix stop, with the stop line the other recordings have', async () => {
    const rig = await scenarioRig('term-postfix-cli', { stopped: true, mainCf: ['maillog_file = /var/log/postfix.log'] });
    const results = await replay('term-postfix-cli', rig);
    const last = results.at(-1);
    expect(last).toBeDefined();
    const stop = '<TIMESTAMP> mail postfix/postfix-script[<PID>]: stopping the Postfix mail system';
    const expected = [...(last?.expected ?? [])];
    // The final `tail -n 5` block: drop its first log line, put the stop line before "not running".
    const tailAt = expected.lastIndexOf('root@mail:~# tail -n 5 /var/log/postfix.log');
    expect(tailAt).toBeGreaterThan(0);
    expected.splice(tailAt + 1, 1);
    expected.splice(tailAt + 4, 0, stop);
    expect(last?.actual).toEqual(expected);
  });

  it('term-sclient-587-interactive: the whole output, EHLO/AUTH, QUIT and RCPT as command letters, -quiet, -brief', async () => {
    const rig = await scenarioRig('term-sclient-587-interactive');
    const results = await replay('term-sclient-587-interactive', rig, {
      expect: (rows) => sclientComparable(rows),
      actual: (rows) => sclientComparable(rows),
    });
    check(results);
  });

  it('term-swaks: 530 without TLS (23), --tls --auth (0), a wrong password (28), --tls-on-connect (0), port 25 (0)', async () => {
    // Intended difference (terminal/README.md): swaks takes its EHLO name, default sender and Message-Id
    // domain from the host name; the recording machine was `vm`, the lab is mail.example.org. This machine
    // is given the recording's name.
    const rig = await scenarioRig('term-swaks', { fqdn: 'vm' });
    check(await replay('term-swaks', rig));
  });
});
