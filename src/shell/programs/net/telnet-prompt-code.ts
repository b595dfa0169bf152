/**
 * Where telnet's `telnet>` prompt code (telnet-prompt.ts) comes from. Here, for Node (tests, the corpus harness,
 * runLine, the real-socket server): imported at once, always there. The browser builds swap in
 * telnet-prompt-code.browser.ts (integrations/lab-programs-browser.ts), which fetches it on first need.
 */
import * as PROMPT_CODE from './telnet-prompt.ts';

export type TelnetPromptCode = typeof PROMPT_CODE;

/** The prompt's code if it is here (always, in Node). */
export function telnetPromptNow(): TelnetPromptCode | null {
  return PROMPT_CODE;
}

/** Resolves once the prompt's code is here. */
export function loadTelnetPrompt(): Promise<TelnetPromptCode> {
  return Promise.resolve(PROMPT_CODE);
}
