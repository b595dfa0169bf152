/**
 * Tab completion as the shell reaches it. Here (Node: the tests, the corpus harness, runLine) it is
 * completion.ts itself, at once; the browser build swaps in completion-code.browser.ts
 * (integrations/lab-programs-browser.ts), which fetches completion.ts with the first Tab (issue 12: a
 * first command and a first EHLO need no completion).
 */
export { completionWait, createCompleter } from './completion.ts';
