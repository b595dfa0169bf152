/**
 * The code of the simulated remote hosts: what answers a connection (the fake MX of fake-mx.ts, with its
 * replies) and the STARTTLS-stripping proxy (strip-proxy.ts). Its own chunk in the browser
 * (remote-code.browser.ts loads it on first need); Node imports it at once (remote-code.ts). The hosts'
 * addresses and descriptions stay with the world from boot (remote-world.ts).
 */
import { FakeMxListener, type RemoteMxSpec } from './fake-mx.ts';
import type { ServerEndpoint } from '../world/network.ts';
import { StripProxySession, type ProxyRecord } from './strip-proxy.ts';
import type { RemoteServerEndpoint } from './fake-mx.ts';

export interface RemoteCode {
  /** A listening MX: its connections share its message counter, starting at `firstNumber`. */
  readonly listen: (spec: RemoteMxSpec, firstNumber: number) => FakeMxListener;
  /** One connection through a stripping proxy to `upstream` (null: nothing listens there). */
  readonly proxy: (upstream: ServerEndpoint | null, record: ProxyRecord) => RemoteServerEndpoint;
}

export const REMOTE_CODE: RemoteCode = {
  listen: (spec, firstNumber) => new FakeMxListener(spec, firstNumber),
  proxy: (upstream, record) => new StripProxySession(upstream, record),
};
