/**
 * services(5) as the client programs use it: port names (`smtp`, `submission`, `submissions`) to numbers
 * and back, read from the machine's /etc/services (Debian 12 netbase; the engine's copy when the lab
 * machine has none).
 */
import { ETC_SERVICES, lookupServicesFile } from '../../../engine/config/services.ts';
import type { ShellFs } from '../../host.ts';

export const ETC_SERVICES_PATH = '/etc/services';

function servicesText(fs: ShellFs): string {
  return fs.read(ETC_SERVICES_PATH) ?? ETC_SERVICES;
}

/** The TCP port of a service name or alias, or null. */
export function servicePort(fs: ShellFs, name: string): number | null {
  if (name === '') return null;
  return lookupServicesFile(name, servicesText(fs), 'tcp');
}

/** The official name of the TCP service on `port`, or null. */
export function serviceName(fs: ShellFs, port: number): string | null {
  for (const raw of servicesText(fs).split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (line === '') continue;
    const [svc, portProto] = line.split(/\s+/);
    if (svc !== undefined && portProto === `${port}/tcp`) return svc;
  }
  return null;
}
