/**
 * Where the remote hosts' code (remote-code-bundle.ts) comes from. Here, for Node (tests, the corpus harness,
 * runLine, the real-socket server): imported at once, always there. The browser builds swap in
 * remote-code.browser.ts (integrations/lab-programs-browser.ts), which fetches it on first need.
 */
import { REMOTE_CODE, type RemoteCode } from './remote-code-bundle.ts';

/** The remote hosts' code if it is here (always, in Node). */
export function remoteCodeNow(): RemoteCode | null {
  return REMOTE_CODE;
}

/** Resolves once the remote hosts' code is here. */
export function loadRemoteCode(): Promise<RemoteCode> {
  return Promise.resolve(REMOTE_CODE);
}
