/**
 * What master.cf says of the services the lab's controls switch (submission on 587, submissions on 465):
 * whether each one is on, and the `-o name=value` settings of its entry. DOM-free and pure. The panel
 * renders from this at once; the edits (master-services.ts) load with its first change.
 */
import { MasterCf } from '../../engine/config/master-cf.ts';

/** The services the lab can switch on and off. */
export type LabService = 'submission' | 'submissions';

export const LAB_SERVICES: readonly LabService[] = ['submission', 'submissions'];

export const INET = 'inet';

/** True when master.cf has an active `<service> inet` entry (the one master(8) would run). */
export function serviceEnabled(text: string, service: LabService): boolean {
  return MasterCf.parse(text).find(service, INET) !== undefined;
}

/** What a service's `-o name=value` says: off (no entry), not set (main.cf applies), or a value. */
export type ServiceParam = { readonly kind: 'service-off' } | { readonly kind: 'unset' } | { readonly kind: 'set'; readonly value: string };

export function serviceParam(text: string, service: LabService, param: string): ServiceParam {
  const entry = MasterCf.parse(text).find(service, INET);
  if (entry === undefined) return { kind: 'service-off' };
  const value = entry.params.get(param);
  return value === undefined ? { kind: 'unset' } : { kind: 'set', value };
}
