/**
 * Fetches the lab's lazily loaded programs once the page has settled (a while after the prompt, when
 * the browser is idle), so the first `telnet` or `nano` rarely waits for the network.
 */
export interface Preloadable {
  preloadAll(): Promise<void>;
}

/** After `delayMs`, at the next idle moment (or a timer where requestIdleCallback is missing). */
export function prefetchWhenIdle(table: Preloadable, delayMs = 2000): void {
  const run = () => {
    table.preloadAll().catch(() => {
      // a program that failed to load tries again when a command names it
    });
  };
  setTimeout(() => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 5000 });
    else run();
  }, delayMs);
}
