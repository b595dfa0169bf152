/**
 * The browser's lab-outbound.ts (swapped in by integrations/lab-programs-browser.ts): the outbound code
 * (outbound.ts: the queue, the smtp client, client TLS) is a chunk of its own, fetched the first time
 * something needs it, with the servers' TLS code (tls/tls-code.browser.ts), as the smtp client's handshakes
 * reach the remote hosts' TLS side, and with the remote hosts' code (remote/remote-code.browser.ts), as its
 * deliveries and the programs loaded with it (nc, openssl, swaks...) connect to them, and with smtpd's mail
 * commands (smtpd/commands/mail-code.browser.ts: MAIL, RCPT, DATA, AUTH...), which hand smtpd's mail to the
 * queue. A failed fetch may be tried again.
 */
import { loadRemoteCode } from '../remote/remote-code.ts';
import { loadMailCommands } from '../smtpd/commands/mail-code.ts';
import { loadTlsCode } from '../tls/tls-code.ts';
import type { Outbound } from './lab-queue.ts';

let loaded: Outbound | null = null;
let loading: Promise<Outbound> | null = null;

export function outboundNow(): Outbound | null {
  return loaded;
}

export function loadOutbound(): Promise<Outbound> {
  loading ??= Promise.all([import('./outbound.ts'), loadTlsCode(), loadRemoteCode(), loadMailCommands()]).then(
    ([m]) => (loaded = m.OUTBOUND),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}
