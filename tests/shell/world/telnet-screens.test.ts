/**
 * inetutils telnet 2.4 against the lab's Postfix, screen by screen as the corpus recorded it
 * (terminal/term-telnet-25-may, term-telnet-escape, term-telnet-465, term-telnet-starttls-then-plaintext).
 */
import { describe, expect, it } from 'vitest';
import { replay, scenarioRig } from './scenario.ts';

function check(results: { label: string; actual: string[]; expected: string[] }[]): void {
  expect(results.length).toBeGreaterThan(0);
  for (const r of results) expect(r.actual, r.label).toEqual(r.expected);
}

describe('telnet screens (corpus terminal/)', () => {
  it('term-telnet-escape: ^], status, quit, close, ?, an empty line', async () => {
    const rig = await scenarioRig('term-telnet-escape');
    check(await replay('term-telnet-escape', rig));
  });

  it('term-telnet-465: no banner in wrapper mode; plaintext closes it at once', async () => {
    const rig = await scenarioRig('term-telnet-465');
    const results = await replay('term-telnet-465', rig);
    check(results.slice(0, 4));
  });

  // In wrapper mode smtpd's SSL_accept waits for a whole 5-byte record header, so a lone CRLF leaves
  // the connection open (notes.txt).
  it('term-telnet-465 part 2: an empty line alone does not close the connection (engine: smtpd)', async () => {
    const rig = await scenarioRig('term-telnet-465');
    const results = await replay('term-telnet-465', rig);
    check(results.slice(4));
  });

  it('term-telnet-starttls-then-plaintext: plaintext after 220 Ready to start TLS drops the connection', async () => {
    const rig = await scenarioRig('term-telnet-starttls-then-plaintext');
    check(await replay('term-telnet-starttls-then-plaintext', rig));
  });

  it('term-telnet-25-may: localhost, 127.0.0.1, mail.example.org with and without a hosts entry, ::1 first, refused ports', async () => {
    const rig = await scenarioRig('term-telnet-25-may');
    // The recorder changed the client's /etc/hosts between the parts (config.txt); the lab's own /etc/hosts
    // already names mail.example.org, so part 3 starts from the recording machine's file without it.
    const RECORDING_HOSTS = '127.0.0.1 localhost\n127.0.0.1 runsc\n127.0.0.1 vm\n';
    const STOCK_HOSTS =
      '127.0.0.1       localhost\n127.0.1.1       vm\n127.0.0.1 mail.example.org\n\n' +
      '# The following lines are desirable for IPv6 capable hosts\n' +
      '::1     localhost ip6-localhost ip6-loopback\nff02::1 ip6-allnodes\nff02::2 ip6-allrouters\n';
    let clears = 0;
    const results = await replay('term-telnet-25-may', rig, {
      // getent is not a lab program: its command lines are left out of the comparison.
      omit: ['getent hosts mail.example.org; echo "rc=$?"', 'getent ahosts localhost'],
      before: (step) => {
        if (step.keys === 'clear\r') clears++;
        if (step.label.startsWith('telnet mail.example.org 25   (no /etc/hosts entry yet)'))
          rig.world.fs.write('/etc/hosts', RECORDING_HOSTS);
        if (clears === 3 && step.keys === 'cat /etc/hosts\r')
          rig.world.fs.write('/etc/hosts', `${RECORDING_HOSTS}127.0.0.1 mail.example.org\n`);
        if (clears === 4 && step.keys === 'cat /etc/hosts\r') rig.world.fs.write('/etc/hosts', STOCK_HOSTS);
      },
    });
    check(results);
  });
});
