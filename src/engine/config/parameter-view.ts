/**
 * The effective configuration as one daemon sees it: master.cf `-o` overrides,
 * then main.cf, then the compiled-in default, with `$name` expansion applied.
 * This is the seam between config/ and the daemons (smtpd, smtp, tls).
 */
export interface ParameterView {
  /** The expanded effective value; `''` for an empty or unknown parameter. */
  get(name: string): string;
  /** The value before `$name` expansion (what `postconf -n` or `-P` shows). */
  raw(name: string): string;
  /** True when main.cf or a `-o` override sets the parameter explicitly. */
  isSet(name: string): boolean;
}

/** A view over a plain map, for tests and for callers that resolved values already. */
export function mapView(values: Readonly<Record<string, string>>): ParameterView {
  return {
    get: (n) => values[n] ?? '',
    raw: (n) => values[n] ?? '',
    isSet: (n) => Object.hasOwn(values, n),
  };
}
