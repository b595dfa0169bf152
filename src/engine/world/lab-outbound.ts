/**
 * Where the lab world's outbound code (outbound.ts) comes from. Here, for Node (tests, the corpus harness,
 * runLine, the real-socket server): imported at once, always there. The browser builds swap in
 * lab-outbound.browser.ts (integrations/lab-programs-browser.ts), which fetches it on first need.
 */
import { OUTBOUND } from './outbound.ts';
import type { Outbound } from './lab-queue.ts';

/** The outbound code if it is here (always, in Node). */
export function outboundNow(): Outbound | null {
  return OUTBOUND;
}

/** Resolves once the outbound code is here. */
export function loadOutbound(): Promise<Outbound> {
  return Promise.resolve(OUTBOUND);
}
