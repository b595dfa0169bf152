/**
 * The browser's telnet-prompt-code.ts (swapped in by integrations/lab-programs-browser.ts): the code of telnet's
 * `telnet>` prompt (telnet-prompt.ts, its commands and their replies) is a chunk of its own, fetched when
 * the prompt first shows (Ctrl-], or `telnet` without a host). A line typed there before it is here waits for
 * it (../telnet.ts). A failed fetch may be tried again.
 */
type TelnetPromptCode = typeof import('./telnet-prompt.ts');

let loaded: TelnetPromptCode | null = null;
let loading: Promise<TelnetPromptCode> | null = null;

export function telnetPromptNow(): TelnetPromptCode | null {
  return loaded;
}

export function loadTelnetPrompt(): Promise<TelnetPromptCode> {
  loading ??= import('./telnet-prompt.ts').then(
    (m) => (loaded = m),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}
