/**
 * Code that the browser fetches apart, on first need (issue 12, page weight): the `*.browser.ts` twins of
 * tls-code.ts, remote-code.ts, mail-code.ts, completion-code.ts and telnet-prompt-code.ts each make one. `now()`
 * gives the code once it is here (null before); `load()` fetches it once, and again after a failed fetch.
 */
export interface CodeOnDemand<T> {
  readonly now: () => T | null;
  readonly load: () => Promise<T>;
}

export function codeOnDemand<T>(fetch: () => Promise<T>): CodeOnDemand<T> {
  let loaded: T | null = null;
  let loading: Promise<T> | null = null;
  return {
    now: () => loaded,
    load: () =>
      (loading ??= fetch().then(
        (code) => (loaded = code),
        (error: unknown) => {
          loading = null;
          throw error;
        },
      )),
  };
}
