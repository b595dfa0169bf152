import type { ServerEndpoint } from '../world/network.ts';

/** A connection no daemon serves: it stays open without a word, or closes at once. */
function deadEndpoint(closed: boolean): ServerEndpoint {
  const nothing = { data: '', closed } as const;
  return {
    open: () => nothing,
    receive: () => nothing,
    handshake: () => ({ result: { ok: false, log: [] }, output: nothing }),
    clientClosed: () => undefined,
    tls: null,
  };
}

/**
 * A connection that the kernel accepted but no daemon serves (the service is throttled
 * after its daemon died at start): no banner, no reply, never closed by the server.
 * Corpus: invalid-level-maybe ("no reply within 20s").
 */
export function silentEndpoint(): ServerEndpoint {
  return deadEndpoint(false);
}

/**
 * A connection whose daemon accepted it and died before it said anything (smtpd's
 * `unexpected command-line argument`): the client sees the connection close at once.
 */
export function closedEndpoint(): ServerEndpoint {
  return deadEndpoint(true);
}
