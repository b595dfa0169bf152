/** A Storage-like store in memory for the progress tests; `map` shows every key it holds. */
import type { StorageLike } from '../../src/lesson-runtime/progress.ts';

export class MapStorage implements StorageLike {
  readonly map = new Map<string, string>();
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.map.set(key, value);
  }
  removeItem(key: string): void {
    this.map.delete(key);
  }
}
