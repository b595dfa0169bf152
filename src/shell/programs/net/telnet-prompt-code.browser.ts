/**
 * The browser's telnet-prompt-code.ts (swapped in by integrations/lab-programs-browser.ts): the code of telnet's
 * `telnet>` prompt (telnet-prompt.ts, its commands and their replies) is a chunk of its own, fetched when
 * the prompt first shows (Ctrl-], or `telnet` without a host). A line typed there before it is here waits for
 * it (../telnet.ts). A failed fetch may be tried again.
 */
import { codeOnDemand } from '../../../engine/util/code-on-demand.ts';
type TelnetPromptCode = typeof import('./telnet-prompt.ts');

const code = codeOnDemand<TelnetPromptCode>(() => import('./telnet-prompt.ts'));

export const telnetPromptNow = code.now;
export const loadTelnetPrompt = code.load;
