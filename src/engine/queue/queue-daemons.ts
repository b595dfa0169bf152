/**
 * What the mail queue is before any mail comes: the PIDs of its processes (pickup and qmgr from
 * Postfix's start, cleanup, local and smtp once used) and qmgr(8)'s deferred-queue scan timer. Small on
 * purpose: MailQueue runs on it, and the browser's stand-in queue (world/lab-queue.ts) runs on the same
 * object until the outbound code has loaded, then hands it to the real MailQueue. Both read the clock,
 * take PIDs and set the timer through this one piece of code, so an empty stand-in and an empty MailQueue
 * behave alike to the millisecond.
 */
import type { ParameterView } from '../config/parameter-view.ts';
import type { Clock } from '../world/clock.ts';
import type { IdSource } from '../world/ids.ts';
import { queueRunDelayMs } from './queue-schedule.ts';

export interface QueueDaemonsEnv {
  readonly clock: Clock;
  readonly ids: IdSource;
  /** Effective parameters of a master.cf service (`qmgr` for queue_run_delay). */
  readonly paramsFor: (service: string) => ParameterView;
  /** Whether Postfix runs. Default: running. */
  readonly running?: () => boolean;
}

export class QueueDaemons {
  readonly #env: QueueDaemonsEnv;
  readonly #pids = new Map<string, number>();
  /** When qmgr(8) next scans the deferred queue; null while it does not run. */
  #nextScanAt: number | null = null;

  constructor(env: QueueDaemonsEnv) {
    this.#env = env;
  }

  get running(): boolean {
    return this.#env.running?.() ?? true;
  }

  /** A daemon's PID: long-running processes keep theirs until Postfix restarts. */
  pid(daemon: string): number {
    let pid = this.#pids.get(daemon);
    if (pid === undefined) {
      pid = this.#env.ids.nextPid();
      this.#pids.set(daemon, pid);
    }
    return pid;
  }

  /**
   * Postfix (re)started: new processes. master(8) starts pickup and qmgr with the mail system (cleanup,
   * local and smtp come on demand); `pickupWaiting` then takes what waited in the maildrop; qmgr_post_init
   * arms a deferred-queue scan at once (the caller runs it with its runDue), then one every queue_run_delay.
   */
  start(pickupWaiting: () => void): void {
    this.#pids.clear();
    this.pid('pickup');
    this.pid('qmgr');
    pickupWaiting();
    this.#nextScanAt = this.#env.clock.now();
  }

  /** Postfix stopped: its processes are gone. */
  stop(): void {
    this.#pids.clear();
    this.#nextScanAt = null;
  }

  /**
   * qmgr's timer (qmgr.c qmgr_deferred_run_event): when a scan has come due, sets the next one
   * queue_run_delay from now (a late timer fires once and is set again from the time it fired, as
   * Postfix's event loop does) and returns the time the scan runs at; else null.
   */
  scanDue(): number | null {
    if (!this.running || this.#nextScanAt === null) return null;
    const now = this.#env.clock.now();
    if (this.#nextScanAt > now) return null;
    this.#nextScanAt = now + queueRunDelayMs(this.#env.paramsFor('qmgr'));
    return this.#env.clock.now();
  }

  /** A flush (`postqueue -f`) runs at this time; null while Postfix is stopped (nothing happens). */
  flushAt(): number | null {
    return this.running ? this.#env.clock.now() : null;
  }

  /** When scanDue() has work next, or null while Postfix is stopped. */
  nextDueAt(): number | null {
    return this.running ? this.#nextScanAt : null;
  }
}
