/** Time source for the engine. Injected so that every run is deterministic. */
export interface Clock {
  /** Milliseconds since the Unix epoch (UTC). */
  now(): number;
}

/** A clock that test code (or the conformance check's recorded waits) can move forward. */
export interface SteppingClock extends Clock {
  /** Lets `ms` milliseconds pass at once (a `sleep` of the recorder). */
  advance(ms: number): void;
}

/** A clock that starts at `startMs` and moves `stepMs` forward on every read. */
export function steppingClock(startMs: number, stepMs = 0): SteppingClock {
  let t = startMs;
  return {
    now() {
      const v = t;
      t += stepMs;
      return v;
    },
    advance(ms) {
      t += ms;
    },
  };
}
