/** Makes a switch over a union exhaustive: a missed case is a compile error. */
export function assertNever(x: never): never {
  throw new Error(`unexpected value: ${String(x)}`);
}
