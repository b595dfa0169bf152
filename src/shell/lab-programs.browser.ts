/**
 * The lab machine's command table in the browser: the shell's builtins (programs/core.ts) are here at
 * once; every other program (the coreutils, the Postfix tools, telnet, openssl, nano, less, sed...) is
 * fetched with its texts the first time a command line names it (lazy-programs.ts). Same names,
 * same programs as lab-programs.ts, which astro.config.mjs replaces with this module in the client build.
 */
import type { LabEnv } from './programs/net/lab-env.ts';
import { corePrograms } from './programs/core.ts';
import { caCertificatesData, caListingData, hostFilesData, labTlsFilesData, remoteHostsData } from './lazy-data.ts';
import { lazyLabPrograms } from './lazy-programs.ts';
import { Registry } from './registry.ts';

export function labPrograms(env: LabEnv): Registry {
  const table = new Registry(corePrograms());
  for (const p of lazyLabPrograms(env)) table.addLazy(p);
  table.addLazyData(caListingData());
  table.addLazyData(caCertificatesData());
  table.addLazyData(hostFilesData());
  table.addLazyData(labTlsFilesData());
  table.addLazyData(remoteHostsData((host) => env.world.network.resolve(host)));
  return table;
}
