/**
 * The lab machine's command table, every program loaded up front: what Node (tests, the corpus
 * harness, `runLine`) uses. The browser build swaps this module for lab-programs.browser.ts (a Vite
 * plugin in astro.config.mjs), whose heavy programs load on first use.
 */
import { provideCaCertificateBodies, provideCaCertificateList } from '../engine/world/data/ca-certificates.ts';
import { CA_CERTIFICATES_LIST } from '../engine/world/data/ca-certificates-list.ts';
import { CA_CERTIFICATE_BODIES } from '../engine/world/data/ca-certificates-pem.ts';
import { provideHostFileTexts } from '../engine/world/data/host-etc.ts';
import { HOST_FILE_TEXTS } from '../engine/world/data/host-etc-texts.ts';
import { standardPrograms, worldPrograms } from './programs/index.ts';
import type { LabEnv } from './programs/net/lab-env.ts';
import { Registry } from './registry.ts';

// The certificates' listing and text and the host files' text, which the browser fetches on demand (lazy-data.ts).
provideCaCertificateList(CA_CERTIFICATES_LIST);
provideCaCertificateBodies(CA_CERTIFICATE_BODIES);
provideHostFileTexts(HOST_FILE_TEXTS);

export function labPrograms(env: LabEnv): Registry {
  return new Registry([...standardPrograms(), ...worldPrograms(env)]);
}
