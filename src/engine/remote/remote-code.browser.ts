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
import { codeOnDemand } from '../util/code-on-demand.ts';
import type { RemoteCode } from './remote-code-bundle.ts';

const code = codeOnDemand<RemoteCode>(() => import('./remote-code-bundle.ts').then((m) => m.REMOTE_CODE));

export const remoteCodeNow = code.now;
export const loadRemoteCode = code.load;
