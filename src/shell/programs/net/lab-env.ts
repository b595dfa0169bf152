/**
 * What the programs that talk to the simulated Postfix world share: the world itself and a pacer for the
 * server's pauses (smtpd's tarpit sleeps), which an interactive terminal shows with a timer and a
 * non-interactive run (`LabShell.runLine`) shows at once.
 */
import type { LabQueue } from '../../../engine/world/lab-queue.ts';
import type { World } from '../../../engine/world/world.ts';

/** The lab's world: `createLabWorld()` gives this (a World whose queue is the lab's MailQueue, or its stand-in until it loads). */
export type LabWorld = World & { readonly queue: LabQueue };

/** Schedules the part of a server's output that comes after a pause. */
export interface Pacer {
  /** True while nothing should wait (runLine, tests): `after` then runs `fn` at once. */
  readonly immediate: boolean;
  /** Runs `fn` after `ms` milliseconds; returns a function that cancels it. */
  after(ms: number, fn: () => void): () => void;
}

export interface LabEnv {
  readonly world: LabWorld;
  readonly pacer: Pacer;
  /** The machine's fully qualified name (swaks' EHLO and default sender domain). */
  readonly fqdn: string;
}

interface TimerHost {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** A pacer on the platform's timers (browser or Node), switchable to immediate. */
export class TimerPacer implements Pacer {
  immediate = false;
  readonly #timers: TimerHost;

  constructor(timers?: TimerHost) {
    const g = globalThis as unknown as TimerHost;
    this.#timers = timers ?? { setTimeout: (fn, ms) => g.setTimeout(fn, ms), clearTimeout: (h) => g.clearTimeout(h) };
  }

  after(ms: number, fn: () => void): () => void {
    if (this.immediate || !(ms > 0)) {
      fn();
      return () => {};
    }
    let done = false;
    const handle = this.#timers.setTimeout(() => {
      if (done) return;
      done = true;
      fn();
    }, ms);
    return () => {
      if (done) return;
      done = true;
      this.#timers.clearTimeout(handle);
    };
  }
}
