import type { Scenario } from '../types.ts';

/**
 * Lesson 12: outgoing mail goes through the STARTTLS-stripping proxy at 127.0.0.3:2528, which sits in
 * front of the STARTTLS-capable MX at 127.0.0.2:2526 (corpus more/README.md). The client level is may.
 */
export const strippedPath: Scenario = {
  name: 'stripped-path',
  version: 1,
  title: 'An attacker on the path to the remote MX',
  main: { relayhost: '[127.0.0.3]:2528' },
};
