/**
 * The lab page's machine chunk leaves the outbound mail code out (issue 12, weight): bundled as the browser
 * build does it (tests/support/browser-bundle.ts: lab-outbound.ts swapped for lab-outbound.browser.ts, and
 * the other browser twins; the command table left out), the machine and the chunks fetched with it hold none
 * of the queue's delivery code, the smtp client or client TLS, and outbound.ts is a chunk of its own that holds
 * them; nor smtpd's commands beyond a first look (MAIL, RCPT, DATA, AUTH...), which mail-commands.ts holds.
 */
import { describe, expect, it } from 'vitest';
import { browserBundle } from '../../support/browser-bundle.ts';

async function machineBundle() {
  const inputsOf = await browserBundle('src/components/lab/lab-machine.ts', '/tmp/outbound-chunk-test', { eager: true });
  return {
    machine: inputsOf('src/components/lab/lab-machine.ts'),
    outbound: inputsOf('src/engine/world/outbound.ts'),
    commands: inputsOf('src/engine/smtpd/commands/mail-commands.ts'),
  };
}

describe('the machine chunk in the browser build', () => {
  it('leaves the queue, the smtp client and client TLS to the outbound chunk', async () => {
    const { machine, outbound } = await machineBundle();
    const later = [
      'src/engine/queue/mail-queue.ts',
      'src/engine/queue/cleanup.ts',
      'src/engine/queue/local-delivery.ts',
      'src/engine/queue/showq.ts',
      'src/engine/smtp/smtp-client.ts',
      'src/engine/smtp/tls-policy.ts',
      'src/engine/tls/client-tls.ts',
      'src/engine/tls/client-log.ts',
    ];
    expect(machine).toContain('src/engine/world/lab-queue.ts');
    for (const f of later) {
      expect(machine, f).not.toContain(f);
      expect(outbound, f).toContain(f);
    }
  });

  it('leaves smtpd’s mail commands to their chunk, and keeps what EHLO needs', async () => {
    const { machine, commands } = await machineBundle();
    for (const f of ['src/engine/smtpd/session.ts', 'src/engine/smtpd/commands/hello.ts', 'src/engine/smtpd/sasl/mechanisms.ts'])
      expect(machine, f).toContain(f);
    const later = [
      'src/engine/smtpd/commands/mail.ts',
      'src/engine/smtpd/commands/rcpt.ts',
      'src/engine/smtpd/commands/data.ts',
      'src/engine/smtpd/commands/auth.ts',
      'src/engine/smtpd/sasl/sasl-exchange.ts',
      'src/engine/smtpd/restrictions.ts',
    ];
    for (const f of later) {
      expect(machine, f).not.toContain(f);
      expect(commands, f).toContain(f);
    }
  });
});
