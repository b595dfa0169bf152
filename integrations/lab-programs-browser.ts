/**
 * A Vite plugin for the browser builds (the site's and the embed's): the lab's shell gets its programs
 * from src/shell/lab-programs.browser.ts (the heavy ones load on first use) instead of lab-programs.ts
 * (all at once, for Node: tests, corpus, runLine). Server-side rendering keeps lab-programs.ts.
 */
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const BROWSER_TABLE = fileURLToPath(new URL('../src/shell/lab-programs.browser.ts', import.meta.url));

export function labProgramsInBrowser(): Plugin {
  return {
    name: 'lab-programs-browser',
    enforce: 'pre',
    resolveId(source, importer, options) {
      if (options?.ssr === true || source !== './lab-programs.ts') return null;
      if (!(importer ?? '').replaceAll('\\', '/').endsWith('/src/shell/lab-shell.ts')) return null;
      return BROWSER_TABLE;
    },
  };
}
