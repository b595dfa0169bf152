/**
 * Connecting as the client programs do: resolve through /etc/hosts (lookupHost), then try each address in
 * turn on the simulated network. IPv6 addresses are refused (the lab listens on 127.0.0.1 only).
 */
import type { ConnectError, Network, ServerEndpoint } from '../../../engine/world/network.ts';
import { isIpv6 } from './hosts.ts';

export type AttemptResult =
  { readonly ok: true; readonly endpoint: ServerEndpoint } | { readonly ok: false; readonly error: Exclude<ConnectError, 'unknown-host'> };

/** One connect(2) to one address. */
export function connectAddress(network: Network | undefined, address: string, port: number): AttemptResult {
  if (network === undefined) return { ok: false, error: 'unreachable' };
  if (isIpv6(address)) return { ok: false, error: address === '::1' ? 'refused' : 'unreachable' };
  const r = network.connect(address, port);
  if (r.ok) return { ok: true, endpoint: r.endpoint };
  return { ok: false, error: r.error === 'unknown-host' ? 'unreachable' : r.error };
}
