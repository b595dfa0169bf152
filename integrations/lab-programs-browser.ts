/**
 * A Vite plugin for the browser builds (the site's and the embed's): the lab's shell gets its programs
 * from src/shell/lab-programs.browser.ts (the heavy ones load on first use) instead of lab-programs.ts
 * (all at once, for Node: tests, corpus, runLine). Server-side rendering keeps lab-programs.ts. Likewise the
 * world's outbound code: src/engine/world/lab-outbound.browser.ts instead of lab-outbound.ts (any importer),
 * and a lesson session's goal checks: src/lesson-runtime/lab-checks.browser.ts instead of lab-checks.ts; the
 * servers' TLS code, the remote hosts' code and smtpd's mail commands likewise (tls-code.browser.ts,
 * remote-code.browser.ts, mail-code.browser.ts).
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Plugin } from 'vite';

const BROWSER_TABLE = fileURLToPath(new URL('../src/shell/lab-programs.browser.ts', import.meta.url));
/** The world's outbound code (queue, smtp client): Node imports it at once, the browser on first need. */
const OUTBOUND = fileURLToPath(new URL('../src/engine/world/lab-outbound.ts', import.meta.url)).replaceAll('\\', '/');
const BROWSER_OUTBOUND = fileURLToPath(new URL('../src/engine/world/lab-outbound.browser.ts', import.meta.url));
/** A lesson session's goal checks: Node imports them at once, the browser with the first check. */
const CHECKS = fileURLToPath(new URL('../src/lesson-runtime/lab-checks.ts', import.meta.url)).replaceAll('\\', '/');
const BROWSER_CHECKS = fileURLToPath(new URL('../src/lesson-runtime/lab-checks.browser.ts', import.meta.url));
/** The lab servers' TLS code (smtpd's TLS engine, the lab's certificates): Node imports it at once, the browser on first need. */
const TLS_CODE = fileURLToPath(new URL('../src/engine/tls/tls-code.ts', import.meta.url)).replaceAll('\\', '/');
const BROWSER_TLS_CODE = fileURLToPath(new URL('../src/engine/tls/tls-code.browser.ts', import.meta.url));
/** The lab's certificate files: Node boots with their text, the browser gets it with the TLS code. */
const TLS_BOOT = fileURLToPath(new URL('../src/engine/tls/data/lab-tls-boot.ts', import.meta.url)).replaceAll('\\', '/');
const BROWSER_TLS_BOOT = fileURLToPath(new URL('../src/engine/tls/data/lab-tls-boot.browser.ts', import.meta.url));
/** The simulated remote hosts' code (the fake MX, the stripping proxy): Node imports it at once, the browser on first need. */
const REMOTE_CODE = fileURLToPath(new URL('../src/engine/remote/remote-code.ts', import.meta.url)).replaceAll('\\', '/');
const BROWSER_REMOTE_CODE = fileURLToPath(new URL('../src/engine/remote/remote-code.browser.ts', import.meta.url));
/** smtpd's commands beyond a first look (MAIL, RCPT, DATA, AUTH...): Node imports them at once, the browser with the outbound code. */
const MAIL_CODE = fileURLToPath(new URL('../src/engine/smtpd/commands/mail-code.ts', import.meta.url)).replaceAll('\\', '/');
const BROWSER_MAIL_CODE = fileURLToPath(new URL('../src/engine/smtpd/commands/mail-code.browser.ts', import.meta.url));

export function labProgramsInBrowser(): Plugin {
  return {
    name: 'lab-programs-browser',
    enforce: 'pre',
    resolveId(source, importer, options) {
      if (options?.ssr === true) return null;
      const from = (importer ?? '').replaceAll('\\', '/');
      if (source.endsWith('/lab-outbound.ts') && from !== '') {
        const target = fileURLToPath(new URL(source, pathToFileURL(from))).replaceAll('\\', '/');
        return target === OUTBOUND ? BROWSER_OUTBOUND : null;
      }
      if (source.endsWith('/lab-checks.ts') && from !== '') {
        const target = fileURLToPath(new URL(source, pathToFileURL(from))).replaceAll('\\', '/');
        return target === CHECKS ? BROWSER_CHECKS : null;
      }
      if (source.endsWith('/tls-code.ts') && from !== '') {
        const target = fileURLToPath(new URL(source, pathToFileURL(from))).replaceAll('\\', '/');
        return target === TLS_CODE ? BROWSER_TLS_CODE : null;
      }
      if (source.endsWith('/lab-tls-boot.ts') && from !== '') {
        const target = fileURLToPath(new URL(source, pathToFileURL(from))).replaceAll('\\', '/');
        return target === TLS_BOOT ? BROWSER_TLS_BOOT : null;
      }
      if (source.endsWith('/remote-code.ts') && from !== '') {
        const target = fileURLToPath(new URL(source, pathToFileURL(from))).replaceAll('\\', '/');
        return target === REMOTE_CODE ? BROWSER_REMOTE_CODE : null;
      }
      if (source.endsWith('/mail-code.ts') && from !== '') {
        const target = fileURLToPath(new URL(source, pathToFileURL(from))).replaceAll('\\', '/');
        return target === MAIL_CODE ? BROWSER_MAIL_CODE : null;
      }
      if (source !== './lab-programs.ts') return null;
      if (!from.endsWith('/src/shell/lab-shell.ts')) return null;
      return BROWSER_TABLE;
    },
  };
}
