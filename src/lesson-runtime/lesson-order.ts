/** Ordering and previous/next links for lessons; pure so pages and tests share it. */

export interface Ordered {
  readonly data: { readonly order: number };
}

/** A copy of `lessons` sorted by their `order` field (the input is left alone). */
export function sortByOrder<T extends Ordered>(lessons: readonly T[]): T[] {
  return [...lessons].sort((a, b) => a.data.order - b.data.order);
}

export interface Neighbours<T> {
  readonly previous: T | undefined;
  readonly next: T | undefined;
}

/** The lessons before and after position `index` of an already sorted list. */
export function neighbours<T>(sorted: readonly T[], index: number): Neighbours<T> {
  return {
    previous: index > 0 ? sorted[index - 1] : undefined,
    next: index >= 0 && index < sorted.length - 1 ? sorted[index + 1] : undefined,
  };
}
