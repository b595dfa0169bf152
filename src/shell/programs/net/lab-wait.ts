/**
 * A client program that blocks in a read with a timeout (swaks' 30 s, posttls-finger's greeting timeout), on the
 * lab's clock. The program is a generator that yields a `ReadWait` whenever it would block; `runBlocking` runs it:
 *
 * - When it never blocks, to its end at once (the usual case: smtpd answers within the call).
 * - Otherwise as a session. On the lab's terminal it goes on at the tick (world.runDue, then Shell.tick) at which
 *   the data came or the timeout passed on the world's clock, so its next lines appear after the wait. In
 *   LabShell.runLine (`onIdle`) the world's time runs on at once: the clock moves by what the wait took (to the
 *   event that ended it, or to the timeout), but no real time passes. `onIdle(limitMs)` (timeout(1) around the
 *   program) lets at most that much time run; the program is then still blocked and timeout kills it.
 */
import type { InteractiveSession, SessionIo } from '../../session.ts';
import type { LabWorld } from './lab-env.ts';

/** What a blocked read waits for. */
export interface ReadWait {
  /** The world's time (ms) at which the read times out. */
  readonly until: number;
  /** Takes what reached the connection since; true when the program can go on (data, or the server closed). */
  ready(): boolean;
}

/** A program that may block: it yields each wait and returns its exit status. */
export type Blocking = Generator<ReadWait, number, void>;

/** What the program's output goes through: the command's streams, then the session's once it is one. */
export interface BlockingHooks {
  /** The session's terminal, once the program blocked (its later output goes there). */
  attach(io: SessionIo): void;
  /** The program is killed while blocked (Ctrl-C, timeout(1), the shell letting go): it closes its connection. */
  kill(): void;
}

function earliest(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.min(a, b);
}

/** At most this many of the world's events pass in one `runTimeFor`. */
const MAX_ROUNDS = 1000;

/** When the world has something to do next (master, qmgr), or null. */
function nextDue(world: LabWorld): number | null {
  return earliest(world.master.nextDueAt(), world.queue.nextDueAt?.() ?? null);
}

/**
 * Lets the world's time run at once until `wait` is over or the clock reaches `stopAt`, stopping at every event
 * the world has due on the way (master ending a throttle, qmgr's scans) to look at the connection.
 * True when the wait is over (ready, or timed out); false at `stopAt` or on a clock that cannot be moved.
 */
export function runTimeFor(world: LabWorld, wait: ReadWait, stopAt = Infinity): boolean {
  // Each round moves the clock to the world's next event; periodic ones (qmgr's scans) could go on forever.
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (wait.ready()) return true;
    const now = world.clock.now();
    if (now >= wait.until) return true;
    const stop = Math.min(wait.until, stopAt);
    if (now >= stop) return false;
    let next = nextDue(world);
    if (next !== null && next <= now) {
      world.runDue();
      if (wait.ready()) return true;
      next = nextDue(world);
      if (next !== null && next <= now) next = null;
    }
    // Nothing due before a stop that never comes: nothing will ever come.
    if ((next === null || next >= stop) && !Number.isFinite(stop)) return false;
    const target = next !== null && next < stop ? next : stop;
    world.advance(target - now);
    // A real-time clock: advance() only ran what is due now, and nothing more comes in this call.
    if (world.clock.now() < target) return wait.ready();
  }
  return false;
}

class BlockingSession implements InteractiveSession {
  readonly mode = 'cooked';
  readonly #world: LabWorld;
  readonly #steps: Blocking;
  readonly #hooks: BlockingHooks;
  #wait: ReadWait;
  #io: SessionIo | null = null;
  #ended = false;

  constructor(world: LabWorld, steps: Blocking, first: ReadWait, hooks: BlockingHooks) {
    this.#world = world;
    this.#steps = steps;
    this.#wait = first;
    this.#hooks = hooks;
  }

  start(io: SessionIo): void {
    this.#io = io;
    this.#hooks.attach(io);
  }

  /** The program does not read its standard input while it waits on the server: what is typed stays unread. */
  onInput(): void {}

  onTick(): void {
    if (this.#ended) return;
    if (this.#wait.ready() || this.#world.clock.now() >= this.#wait.until) this.#resume();
  }

  onIdle(limitMs?: number): void {
    const stopAt = limitMs === undefined ? Infinity : this.#world.clock.now() + Math.max(0, limitMs);
    while (!this.#ended && runTimeFor(this.#world, this.#wait, stopAt)) this.#resume();
  }

  onInterrupt(): boolean {
    this.#kill();
    return false;
  }

  dispose(): void {
    this.#kill();
  }

  #kill(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#hooks.kill();
  }

  #resume(): void {
    let r: IteratorResult<ReadWait, number>;
    try {
      r = this.#steps.next();
    } catch {
      r = { done: true, value: 1 };
    }
    if (r.done === true) {
      this.#ended = true;
      this.#io?.exit(r.value);
      return;
    }
    this.#wait = r.value;
  }
}

/** Runs a program that may block: its exit status when it never does, else a session that waits on the world's clock. */
export function runBlocking(world: LabWorld, steps: Blocking, hooks: BlockingHooks): number | InteractiveSession {
  const r = steps.next();
  if (r.done === true) return r.value;
  return new BlockingSession(world, steps, r.value, hooks);
}
