/**
 * A ShellObserver that keeps what it is told until it is connected to the real one, then hands it all over
 * in order and passes on whatever comes next. The lab's page starts its shell before the lesson session
 * (whose event recorder is the real observer) has loaded: the lines run meanwhile still count for the
 * lesson's goals.
 */
import type { ShellObserver } from './shell.ts';

/** Events kept while nothing is connected; older ones go first (a page left open without its machine). */
const MAX_QUEUED = 2000;

type Event = (o: ShellObserver) => void;

export class RelayObserver implements ShellObserver {
  #target: ShellObserver | null = null;
  #queue: Event[] = [];

  /** Gives `target` every event kept so far, then every later one. */
  connect(target: ShellObserver): void {
    this.#target = target;
    const queued = this.#queue;
    this.#queue = [];
    for (const e of queued) this.#deliver(target, e);
  }

  commandStart(line: string): void {
    this.#send((o) => o.commandStart?.(line));
  }
  programStart(argv: readonly string[]): void {
    const copy = [...argv];
    this.#send((o) => o.programStart?.(copy));
  }
  output(text: string): void {
    this.#send((o) => o.output?.(text));
  }
  sessionInput(line: string): void {
    this.#send((o) => o.sessionInput?.(line));
  }
  commandEnd(status: number): void {
    this.#send((o) => o.commandEnd?.(status));
  }

  #send(e: Event): void {
    const t = this.#target;
    if (t !== null) {
      this.#deliver(t, e);
      return;
    }
    this.#queue.push(e);
    if (this.#queue.length > MAX_QUEUED) this.#queue.splice(0, this.#queue.length - MAX_QUEUED);
  }

  #deliver(t: ShellObserver, e: Event): void {
    try {
      e(t);
    } catch {
      // observing never changes what the shell does
    }
  }
}
