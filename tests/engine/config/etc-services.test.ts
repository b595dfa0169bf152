/**
 * /etc/services: the file's text (config/data/etc-services-text.ts, fetched on use in the browser) and the table
 * of its TCP entries that the engine reads at boot (config/data/etc-services.ts, ETC_SERVICES). The table must
 * answer every lookup the text answers, for master.cf's service names and for the client programs' ports.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ETC_SERVICES_TEXT } from '../../../src/engine/config/data/etc-services-text.ts';
import { ETC_SERVICES, inetEndpoint, lookupServicesFile } from '../../../src/engine/config/services.ts';
import { lazyHostFiles } from '../../../src/engine/world/data/host-etc.ts';
import { SimFs } from '../../../src/engine/world/sim-fs.ts';
import { serviceName, servicePort } from '../../../src/shell/programs/net/services.ts';

/** The entries of a services(5) text: name, port, protocol, aliases, in the file's order. */
function entries(text: string): { name: string; port: number; proto: string; aliases: string[] }[] {
  return text.split('\n').flatMap((raw) => {
    const fields = raw.replace(/#.*/, '').trim().split(/\s+/);
    const m = /^(\d+)\/(\w+)$/.exec(fields[1] ?? '');
    return m === null ? [] : [{ name: fields[0] ?? '', port: Number(m[1]), proto: m[2] ?? '', aliases: fields.slice(2) }];
  });
}

const TEXT = entries(ETC_SERVICES_TEXT);
/** Every word the text names a service by, and a few it does not. */
const NAMES = [...new Set(TEXT.flatMap((e) => [e.name, ...e.aliases])), 'nosuch', 'smtps', '25', ''];

describe('/etc/services: the text and the boot table', () => {
  it("the text is netbase 6.4's conffile (the md5 dpkg lists for it), as long as the lazy file says", () => {
    expect(createHash('md5').update(ETC_SERVICES_TEXT).digest('hex')).toBe('3975f0d8c4e1ecb25f035edfb1ba27ac');
    expect(lazyHostFiles()['/etc/services'].size).toBe(Buffer.byteLength(ETC_SERVICES_TEXT));
  });

  it("the table is the text's TCP entries, in the file's order", () => {
    const tcp = TEXT.filter((e) => e.proto === 'tcp');
    expect(tcp.length).toBeGreaterThan(200);
    expect(entries(ETC_SERVICES)).toEqual(tcp);
  });

  it('every name and alias: the same TCP port from the table as from the text', () => {
    for (const name of NAMES) expect(lookupServicesFile(name, ETC_SERVICES), name).toBe(lookupServicesFile(name, ETC_SERVICES_TEXT));
    expect(lookupServicesFile('dicom', ETC_SERVICES)).toBe(104); // the first of two entries that name it
    expect(lookupServicesFile('ntp', ETC_SERVICES_TEXT)).toBeNull(); // UDP only
  });

  it('master.cf service names: the same listener from the table as from the text', () => {
    for (const name of NAMES.flatMap((n) => [n, `127.0.0.1:${n}`]))
      expect(inetEndpoint(name, '', ETC_SERVICES), name).toEqual(inetEndpoint(name, '', ETC_SERVICES_TEXT));
  });

  it('the client programs (telnet, nc, ss): the same ports and names on a machine that has the text only', () => {
    const before = new SimFs({ '/etc/services': lazyHostFiles()['/etc/services'] });
    expect(before.read('/etc/services')).toBe(ETC_SERVICES); // nothing has handed the text over in this file
    const text = new SimFs({ '/etc/services': ETC_SERVICES_TEXT });
    for (const name of NAMES) expect(servicePort(before, name), name).toBe(servicePort(text, name));
    for (const port of [0, 1, 2, 25, 123, 465, 587, 65535, ...TEXT.map((e) => e.port)])
      expect(serviceName(before, port), String(port)).toBe(serviceName(text, port));
  });
});
