/** Deterministic process IDs and queue IDs, injected into the engine. */
export interface IdSource {
  /** A fresh process ID, as a daemon gets when master(8) forks it. */
  nextPid(): number;
  /**
   * A fresh short-form queue ID (Postfix 3.x, `enable_long_queue_ids = no`):
   * 11 upper-case hex digits, e.g. `A6CE11604EF`.
   */
  nextQueueId(): string;
}

/** Counts up from fixed seeds, so two runs with the same seeds print the same IDs. */
export function sequentialIds(firstPid = 1200, queueSeed = 0xa6ce11604ef): IdSource {
  let pid = firstPid;
  let q = queueSeed;
  return {
    nextPid() {
      pid += 1;
      return pid;
    },
    nextQueueId() {
      // Step by a prime so neighbouring IDs differ in more than the last digit.
      q = (q + 0x1f3d5) % 0xfffffffffff;
      return q.toString(16).toUpperCase().padStart(11, '0');
    },
  };
}
