/**
 * What the lab's first look (first-look.ts) and the element that wires it (lab-console.ts) share: the terminal's
 * type, the first prompt, the parts' names and the ids. Apart from the description, which a page built by Astro
 * already has in its HTML, so that lab-console.ts does not carry it.
 */

/** The lab terminal's type: xterm gets the same (lab-console.ts), so nothing moves when xterm replaces the pre-screen. */
export const TERMINAL_FONT = {
  fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace',
  fontSize: 14,
  lineHeight: 1.2,
} as const;

/** The prompt's host name: the lab machine is mail.example.org (createLabShell's default). */
export const HOSTNAME = 'mail';

/** The shell's first screen for root in its home directory (Shell's prompt: user@host:~# , the host name's first label). */
export function firstPrompt(hostname: string): string {
  return `root@${hostname.split('.')[0] ?? hostname}:~# `;
}

/** The parts lab-console.ts wires, by their `data-part`. */
export type FirstLookPart =
  | 'go-terminal'
  | 'sr-switch'
  | 'reset'
  | 'notice'
  | 'panel'
  | 'log'
  | 'files'
  | 'screen'
  | 'dialog'
  | 'prescreen'
  | 'prescreen-input'
  | 'prescreen-rows'
  | 'prescreen-text';

/** The root of the first look carries the id prefix its ids were made with. */
export const PREFIX_ATTR = 'data-lab-prefix';

/** The ids the first look gives out for prefix `p`. */
export function firstLookIds(p: string): { readonly hint: string; readonly srSwitch: string } {
  return { hint: `${p}-term-hint`, srSwitch: `${p}-sr` };
}
