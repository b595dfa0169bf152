import type { ParameterView } from '../config/parameter-view.ts';
import { boolParam, listParam, param } from './params.ts';

/** The domain of an address, lower-cased; '' when it has none. */
export function domainOf(addr: string): string {
  const at = addr.lastIndexOf('@');
  return at < 0 ? '' : addr.slice(at + 1).toLowerCase();
}

/** The local part of an address (everything before the last `@`). */
export function localPartOf(addr: string): string {
  const at = addr.lastIndexOf('@');
  return at < 0 ? addr : addr.slice(0, at);
}

/** cleanup(8)'s rewriting of a bare local name: `root` becomes `root@$myorigin` (append_at_myorigin = yes). */
export function qualify(addr: string, params: ParameterView): string {
  if (addr === '' || addr.includes('@')) return addr;
  if (!boolParam(params, 'append_at_myorigin')) return addr;
  const origin = param(params, 'myorigin') || param(params, 'myhostname');
  return origin === '' ? addr : `${addr}@${origin}`;
}

/** Is the domain one this machine is the final destination for (`mydestination`)? */
export function isLocalDomain(domain: string, params: ParameterView): boolean {
  const d = domain.toLowerCase().replace(/\.$/, '');
  if (d === '') return true;
  return listParam(params, 'mydestination').some((e) => !e.includes(':') && e.toLowerCase() === d);
}
