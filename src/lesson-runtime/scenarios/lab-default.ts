import type { Scenario } from './types.ts';

/** The lab machine exactly as it boots: the corpus's main.cf, Debian's stock master.cf, Postfix running. */
export const labDefault: Scenario = {
  name: 'lab-default',
  version: 1,
  title: 'The lab as it boots',
};
