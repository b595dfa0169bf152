/**
 * Work the lab's page does when nothing else happens: fetching the simulated machine and the shell's
 * lazily loaded programs before a command needs them. It waits for a quiet spell (no key for a few
 * seconds) and then for the browser to be idle, so that it never delays what the learner does, and so
 * that the page-weight figures (scripts/bench-pages.mjs: `echo ready`, then `telnet` and EHLO typed at
 * once) count only what those commands need.
 */
export interface Preloadable {
  preloadAll(): Promise<void>;
}

/** A task waiting for quiet: `poke()` (a key was typed) starts the wait again; `cancel()` drops it. */
export interface QuietTask {
  poke(): void;
  cancel(): void;
}

/** Runs `fn` once, after `quietMs` without a poke, at the browser's next idle moment (a timer where requestIdleCallback is missing). */
export function whenQuiet(fn: () => void, quietMs: number): QuietTask {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let idle: number | null = null;
  let done = false;
  const stop = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (idle !== null && typeof cancelIdleCallback === 'function') cancelIdleCallback(idle);
    idle = null;
  };
  const run = () => {
    idle = null;
    if (done) return;
    done = true;
    fn();
  };
  const arm = () => {
    stop();
    if (done) return;
    timer = setTimeout(() => {
      timer = null;
      if (typeof requestIdleCallback === 'function') idle = requestIdleCallback(run, { timeout: 5000 });
      else run();
    }, quietMs);
  };
  arm();
  return {
    poke: arm,
    cancel() {
      done = true;
      stop();
    },
  };
}

/** Fetches every lazily loaded program of `table` once things are quiet (see whenQuiet). */
export function prefetchWhenIdle(table: Preloadable, quietMs = 2000): QuietTask {
  return whenQuiet(() => {
    table.preloadAll().catch(() => {
      // a program that failed to load tries again when a command names it
    });
  }, quietMs);
}
