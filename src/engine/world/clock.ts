/** Time source for the engine. Injected so that every run is deterministic. */
export interface Clock {
  /** Milliseconds since the Unix epoch (UTC). */
  now(): number;
}

/** A clock that starts at `startMs` and moves `stepMs` forward on every read. */
export function steppingClock(startMs: number, stepMs = 0): Clock {
  let t = startMs;
  return {
    now() {
      const v = t;
      t += stepMs;
      return v;
    },
  };
}
