/**
 * How the browser builds (the site's and the embed's) minify their chunks (issue 12, page weight): with
 * terser instead of Vite's default esbuild, which leaves a few percent on the table (two compress passes
 * inline and drop more). Vite adds `module: true` for the site's ES chunks (so top-level names are mangled
 * too); the embed's System.register chunks keep everything inside the register callback, so the same holds.
 * Class and function names are not kept: no code of ours reads `.name` of a class or function (the one
 * error whose name is tested, OutboundNotLoaded, sets it explicitly), and esbuild did not keep them either.
 *
 * Only the client build: the server build (pages rendered once at build time) stays unminified, as Vite
 * leaves it by default, so terser costs build time only where a visitor gains from it. The client build
 * also gets xterm's private members renamed (./xterm-mangle.ts); the embed's build adds both itself.
 */
import type { AstroIntegration } from 'astro';
import type { TerserOptions } from 'vite';
import { xtermMangle } from './xterm-mangle.ts';

export const TERSER_OPTIONS: TerserOptions = {
  // The browsers of Vite's default target all run ES2020; nothing needs Safari 10 workarounds.
  ecma: 2020,
  safari10: false,
  compress: { passes: 2 },
  // Licence comments (/*! and @license ones, as xterm's) stay, as esbuild kept them.
  format: { comments: 'some' },
};

export function terserMinify(): AstroIntegration {
  return {
    name: 'lab-terser-minify',
    hooks: {
      'astro:build:setup': ({ target, updateConfig }) => {
        if (target !== 'client') return;
        updateConfig({ build: { minify: 'terser', terserOptions: TERSER_OPTIONS }, plugins: [xtermMangle()] });
      },
    },
  };
}
