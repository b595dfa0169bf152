import type { ParameterView } from '../config/parameter-view.ts';
import { timeParamMs } from './params.ts';

/*
 * When qmgr(8) tries deferred mail again, as Postfix 3.7 does it (all in whole seconds, like
 * its event_time()):
 * - qmgr_active.c qmgr_active_done_3_generic: a message with recipients left is deferred by
 *   its time in the queue (now - create_time), but at least minimal_backoff_time and at most
 *   maximal_backoff_time; qmgr_active_defer sets the queue file's time stamp to now + that delay.
 *   The interval therefore about doubles from one attempt to the next, up to the maximum.
 * - qmgr.c qmgr_deferred_run_event: a deferred-queue scan when qmgr starts and then every
 *   queue_run_delay.
 * - qmgr_active.c qmgr_active_feed: a scan skips a file whose time stamp is more than one
 *   second ahead of now, unless the scan is a flush (QMGR_SCAN_ALL, `postqueue -f`).
 */

export interface BackoffLimits {
  readonly minS: number;
  readonly maxS: number;
}

const DEFAULT_MIN_S = 300;
const DEFAULT_MAX_S = 4000;
const DEFAULT_RUN_DELAY_S = 300;

function seconds(view: ParameterView, name: string, fallback: number): number {
  const ms = timeParamMs(view, name);
  return ms === null ? fallback : Math.floor(ms / 1000);
}

/** minimal_backoff_time and maximal_backoff_time of the qmgr service, in seconds. */
export function backoffLimits(qmgr: ParameterView): BackoffLimits {
  return { minS: seconds(qmgr, 'minimal_backoff_time', DEFAULT_MIN_S), maxS: seconds(qmgr, 'maximal_backoff_time', DEFAULT_MAX_S) };
}

/** queue_run_delay in ms (at least one second, so that a timer always moves time on). */
export function queueRunDelayMs(qmgr: ParameterView): number {
  return Math.max(1, seconds(qmgr, 'queue_run_delay', DEFAULT_RUN_DELAY_S)) * 1000;
}

/** The queue file's new time stamp (ms) when a message created at `createdMs` is deferred at `nowMs`. */
export function deferredUntil(nowMs: number, createdMs: number, limits: BackoffLimits): number {
  const now = Math.floor(nowMs / 1000);
  let delay = now - Math.floor(createdMs / 1000);
  // The same order as qmgr: first the maximum, then the minimum (the minimum wins when they cross).
  if (delay > limits.maxS) delay = limits.maxS;
  if (delay < limits.minS) delay = limits.minS;
  return (now + delay) * 1000;
}

/** A deferred-queue scan takes a file whose time stamp is at most one second ahead. */
export function isDue(dueAtMs: number, nowMs: number): boolean {
  return Math.floor(dueAtMs / 1000) <= Math.floor(nowMs / 1000) + 1;
}

/** mail_queue.c mail_queue_id_ok: letters, digits and `_`, 1 to 255 characters. */
export function isQueueIdOk(id: string): boolean {
  return id.length > 0 && id.length <= 255 && /^[A-Za-z0-9_]+$/.test(id);
}
