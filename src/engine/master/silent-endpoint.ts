import type { ServerEndpoint } from '../world/network.ts';

/**
 * A connection that the kernel accepted but no daemon serves (the service is throttled
 * after its daemon died at start): no banner, no reply, never closed by the server.
 * Corpus: invalid-level-maybe ("no reply within 20s").
 */
export function silentEndpoint(): ServerEndpoint {
  const nothing = { data: '', closed: false } as const;
  return {
    open: () => nothing,
    receive: () => nothing,
    handshake: () => ({ result: { ok: false, log: [] }, output: nothing }),
    clientClosed: () => undefined,
    tls: null,
  };
}
