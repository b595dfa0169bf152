/**
 * The browser's remote-code.ts (swapped in by integrations/lab-programs-browser.ts): the code of the simulated
 * remote hosts (remote-code-bundle.ts: the fake MX and its replies, the stripping proxy) is a chunk of its own,
 * fetched the first time something talks to a remote host. `telnet localhost 25` and EHLO never do. Until then
 * the world knows the hosts' addresses and descriptions (remote-world.ts) but nothing answers there: a
 * connection before the code is here throws RemoteCodeNotLoaded and starts the fetch, so whatever can connect
 * to a remote host waits for `loadRemoteCode()` first (a command line that may reach one: shell/lazy-data.ts;
 * the outbound code, which brings it: world/lab-outbound.browser.ts; the goal checks: lesson-runtime/
 * lab-checks.browser.ts). Nothing else here. A failed fetch may be tried again.
 */
import type { RemoteCode } from './remote-code-bundle.ts';

let loaded: RemoteCode | null = null;
let loading: Promise<RemoteCode> | null = null;

export function remoteCodeNow(): RemoteCode | null {
  return loaded;
}

export function loadRemoteCode(): Promise<RemoteCode> {
  loading ??= import('./remote-code-bundle.ts').then(
    (m) => (loaded = m.REMOTE_CODE),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}
