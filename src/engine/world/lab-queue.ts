/**
 * The lab world's mail queue, with or without its code. Outbound mail (cleanup, qmgr, local and smtp
 * delivery, the smtp client, showq...) is the part of the engine that `telnet localhost 25` and EHLO never
 * need, so the browser build loads it on first need (lab-outbound.browser.ts). Until then a world gets a
 * stand-in that runs the queue's processes and qmgr's timer on the same QueueDaemons as MailQueue does:
 * with no mail, that is all a queue does. The first call after the code has come builds the real MailQueue
 * on those daemons and forwards to it. Anything that would put mail in the queue, or read it, before
 * then throws OutboundNotLoaded: whatever can do that waits for `loadOutbound()` first (the programs'
 * loaders, telnet's gate, the goal checks). Node loads everything at once (lab-outbound.ts): a world
 * there gets the MailQueue itself.
 */
import type { MailQueue, QueueEnv } from '../queue/mail-queue.ts';
import { QueueDaemons } from '../queue/queue-daemons.ts';
import { outboundNow } from './lab-outbound.ts';

/** What the world's queue offers: MailQueue's public methods. */
export type LabQueue = { readonly [K in keyof MailQueue]: MailQueue[K] };

/** What a lab queue is built on: the world's side of QueueEnv (the outbound code brings the client TLS engine). */
export type LabQueueEnv = Omit<QueueEnv, 'clientTls'>;

/** The outbound code, once loaded: builds the real queue, running on `daemons`. */
export interface Outbound {
  readonly makeQueue: (env: LabQueueEnv, daemons: QueueDaemons) => MailQueue;
}

/** Mail was to go into (or come out of) the queue before the outbound code was loaded: a missing await. */
export class OutboundNotLoaded extends Error {
  constructor(what: string) {
    super(`the lab's outbound mail code is not loaded yet (${what})`);
    this.name = 'OutboundNotLoaded';
  }
}

/** The world's queue: the real one when its code is here, else the stand-in. */
export function labQueue(env: LabQueueEnv): LabQueue {
  const outbound = outboundNow();
  return outbound === null ? new StandInQueue(env) : outbound.makeQueue(env, new QueueDaemons(env));
}

class StandInQueue implements LabQueue {
  readonly #env: LabQueueEnv;
  readonly #daemons: QueueDaemons;
  #real: MailQueue | null = null;

  constructor(env: LabQueueEnv) {
    this.#env = env;
    this.#daemons = new QueueDaemons(env);
  }

  /** The real queue once the code is here (built on first use, on this queue's daemons). */
  #now(): MailQueue | null {
    if (this.#real === null) {
      const outbound = outboundNow();
      if (outbound !== null) this.#real = outbound.makeQueue(this.#env, this.#daemons);
    }
    return this.#real;
  }

  #need(what: string): MailQueue {
    const q = this.#now();
    if (q === null) throw new OutboundNotLoaded(what);
    return q;
  }

  // What an empty queue does: its processes and qmgr's timer, nothing else.
  start(): void {
    const q = this.#now();
    if (q !== null) return q.start();
    this.#daemons.start(() => {});
    this.#daemons.scanDue();
  }

  stop(): void {
    const q = this.#now();
    if (q !== null) return q.stop();
    this.#daemons.stop();
  }

  runDue(): void {
    const q = this.#now();
    if (q !== null) return q.runDue();
    this.#daemons.scanDue();
  }

  flush(): void {
    const q = this.#now();
    if (q !== null) return q.flush();
    this.#daemons.flushAt();
  }

  nextDueAt(): number | null {
    return this.#now()?.nextDueAt() ?? this.#daemons.nextDueAt();
  }

  // What needs mail, or the code that shows it.
  submit(...a: Parameters<MailQueue['submit']>): ReturnType<MailQueue['submit']> {
    return this.#need('submit').submit(...a);
  }

  submitInternal(...a: Parameters<MailQueue['submitInternal']>): ReturnType<MailQueue['submitInternal']> {
    return this.#need('submitInternal').submitInternal(...a);
  }

  submitLocal(...a: Parameters<MailQueue['submitLocal']>): ReturnType<MailQueue['submitLocal']> {
    return this.#need('submitLocal').submitLocal(...a);
  }

  sendmail(...a: Parameters<MailQueue['sendmail']>): ReturnType<MailQueue['sendmail']> {
    return this.#need('sendmail').sendmail(...a);
  }

  listing(): ReturnType<MailQueue['listing']> {
    return this.#need('listing').listing();
  }

  queueIds(): string[] {
    return this.#need('queueIds').queueIds();
  }

  mailq(): ReturnType<MailQueue['mailq']> {
    return this.#need('mailq').mailq();
  }

  postqueue(...a: Parameters<MailQueue['postqueue']>): ReturnType<MailQueue['postqueue']> {
    return this.#need('postqueue').postqueue(...a);
  }

  postsuper(...a: Parameters<MailQueue['postsuper']>): ReturnType<MailQueue['postsuper']> {
    return this.#need('postsuper').postsuper(...a);
  }
}
