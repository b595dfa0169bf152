/** What the sandbox button and page say (our own words). */
import type { UnavailableReason } from './availability.ts';

export const SANDBOX_BUTTON_LABEL = 'Open a Node sandbox';

/** Ends every explanation: the way that always works. */
export const SERVE_HINT =
  'To use real SMTP clients anyway, run the same lab server on your own machine: clone the project and run `npm run serve`.';

export function unavailableText(reason: UnavailableReason): string {
  switch (reason) {
    case 'not-isolated':
      return 'The Node sandbox needs a cross-origin isolated page, and this page is not one: it is served without the Cross-Origin-Opener-Policy and Cross-Origin-Embedder-Policy headers. The sandbox page (/lab/sandbox/) has them when the site’s host sends them.';
    case 'embedded':
      return 'The Node sandbox cannot start inside an embedded frame. Open the lab in its own tab to try it.';
    case 'offline':
      return 'The Node sandbox needs a network connection: starting it downloads its runtime from StackBlitz’s servers, and this browser is offline.';
    case 'unsupported':
      return 'This browser lacks what the Node sandbox needs (SharedArrayBuffer, Atomics, WebAssembly and module workers). A recent Chrome, Edge or Firefox has them.';
    case 'boot-failed':
      return 'The Node sandbox could not start: StackBlitz’s servers, which start it, did not answer or refused.';
  }
}

/** Said on the sandbox page before the learner starts it, and printed in the sandbox's README. */
export const TLS_NOTE =
  'TLS may not work inside the sandbox: the in-browser Node has no openssl program and may lack TLS server sockets. The example client tries STARTTLS and, if that fails, says so and sends without it. For TLS with real clients, use `npm run serve` on your own machine.';

export const STARTING = 'Starting the Node sandbox (this downloads its runtime from StackBlitz)…\r\n';
export const INSTALLING = 'Installing nodemailer for the example client (npm install)…\r\n';
export const READY =
  'Ready. In the first terminal start the server: npm start. In the second, send a message with nodemailer: npm run send.\r\n';
