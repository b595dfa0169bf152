/**
 * A Vite plugin for the browser builds (the site's and the embed's): the lab's shell gets its programs
 * from src/shell/lab-programs.browser.ts (the heavy ones load on first use) instead of lab-programs.ts
 * (all at once, for Node: tests, corpus, runLine). Server-side rendering keeps lab-programs.ts. Likewise the
 * world's outbound code: src/engine/world/lab-outbound.browser.ts instead of lab-outbound.ts (any importer),
 * and a lesson session's goal checks: src/lesson-runtime/lab-checks.browser.ts instead of lab-checks.ts; the
 * servers' TLS code, the remote hosts' code, smtpd's mail commands and the shell's Tab completion likewise
 * (SWAPS below).
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Plugin } from 'vite';

const BROWSER_TABLE = fileURLToPath(new URL('../src/shell/lab-programs.browser.ts', import.meta.url));

/** A module of src/ by its path there: the file and its browser twin (same name, `.browser.ts`). */
function twin(path: string): readonly [file: string, browser: string] {
  const file = fileURLToPath(new URL(`../src/${path}`, import.meta.url)).replaceAll('\\', '/');
  return [file, file.replace(/\.ts$/, '.browser.ts')];
}

/**
 * What Node imports at once and the browser swaps for its twin, which fetches the real code on first need:
 * the world's outbound code (queue, smtp client); a lesson session's goal checks (with the first check); the
 * lab servers' TLS code (smtpd's TLS engine, the lab's certificates); the lab's certificate files (Node boots
 * with their text, the browser gets it with the TLS code); the simulated remote hosts' code (the fake MX, the
 * stripping proxy); smtpd's mail commands (MAIL, RCPT, DATA...: with the outbound code); the shell's Tab
 * completion (with the first Tab); telnet's `telnet>` prompt (when it first shows).
 */
const SWAPS: readonly (readonly [file: string, browser: string])[] = [
  twin('engine/world/lab-outbound.ts'),
  twin('lesson-runtime/lab-checks.ts'),
  twin('engine/tls/tls-code.ts'),
  twin('engine/tls/data/lab-tls-boot.ts'),
  twin('engine/remote/remote-code.ts'),
  twin('engine/smtpd/commands/mail-code.ts'),
  twin('shell/completion-code.ts'),
  twin('shell/programs/net/telnet-prompt-code.ts'),
];

export function labProgramsInBrowser(): Plugin {
  return {
    name: 'lab-programs-browser',
    enforce: 'pre',
    resolveId(source, importer, options) {
      if (options?.ssr === true) return null;
      const from = (importer ?? '').replaceAll('\\', '/');
      if (from !== '') {
        for (const [file, browser] of SWAPS) {
          if (!source.endsWith(file.slice(file.lastIndexOf('/')))) continue;
          const target = fileURLToPath(new URL(source, pathToFileURL(from))).replaceAll('\\', '/');
          if (target === file) return browser;
        }
      }
      if (source !== './lab-programs.ts') return null;
      if (!from.endsWith('/src/shell/lab-shell.ts')) return null;
      return BROWSER_TABLE;
    },
  };
}
