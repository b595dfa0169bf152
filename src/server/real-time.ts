import type { Clock } from '../engine/world/clock.ts';
import type { IdSource } from '../engine/world/ids.ts';

/** The real clock: the server's log shows the time of day. */
export const realClock: Clock = { now: () => Date.now() };

/**
 * PIDs and queue IDs from the real clock. A short Postfix queue ID is the microseconds of the
 * current second as five hex digits followed by the queue file's inode number in hex
 * (global/mail_queue.h, MQID_SH_USEC_PAD); here the inode is a counter, so two messages in one
 * millisecond still differ.
 */
export function realIds(clock: Clock = realClock, firstPid = 1000 + (process.pid % 30000)): IdSource {
  let pid = firstPid;
  let inode = 0x170000 + (process.pid % 0x8000);
  let lastUsec = -1;
  return {
    nextPid() {
      pid += 1;
      return pid;
    },
    nextQueueId() {
      inode += 1;
      // Milliseconds are all the clock gives: the inode's low bits fill the microseconds.
      let usec = (clock.now() % 1000) * 1000 + (inode % 1000);
      if (usec <= lastUsec) usec = (lastUsec + 1) % 1_000_000;
      lastUsec = usec;
      return usec.toString(16).toUpperCase().padStart(5, '0') + inode.toString(16).toUpperCase();
    },
  };
}
