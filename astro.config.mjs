// @ts-check
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';
import { labSandbox } from './src/sandbox/build/sandbox-integration.ts';
import { labEmbed } from './src/components/embed/embed-build.ts';
import { offlineCache } from './integrations/service-worker.mjs';
import { workshopBundle } from './integrations/workshop-bundle.ts';
import { labProgramsInBrowser } from './integrations/lab-programs-browser.ts';
import { terserMinify } from './integrations/minify.ts';
import { labMachineChunk } from './integrations/lab-machine-chunk.ts';
import { CODE_THEME_DARK, CODE_THEME_LIGHT } from './src/components/course/syntax/code-themes.ts';
import { postfixMainGrammar, postfixMasterGrammar } from './src/components/course/syntax/postfix-grammars.ts';

// A fully static site: `npm run build` writes dist/, which any static file server can serve.
export default defineConfig({
  integrations: [mdx(), terserMinify(), labMachineChunk(), labSandbox(), labEmbed(), offlineCache(), workshopBundle()],
  // Every page is a folder with an index.html, so links end in a slash: /lessons/<slug>/.
  trailingSlash: 'always',
  // Stylesheets go into each page's <head> (style-src allows inline styles; scripts stay external): a page
  // paints and runs its scripts without waiting for eight small CSS requests first (issue 12, nav to prompt).
  build: { format: 'directory', inlineStylesheets: 'always' },
  server: { port: 4321, host: 'localhost' },
  // The dev toolbar injects extra scripts into pages; the site must look and behave the same in dev.
  devToolbar: { enabled: false },
  // No inline <script>: Astro inlines scripts below Vite's assetsInlineLimit; 0 emits every one as a file, so the
  // Content Security Policy (src/scripts/csp.ts) needs no 'unsafe-inline' for scripts.
  vite: { plugins: [labProgramsInBrowser()], build: { assetsInlineLimit: 0 } },
  markdown: {
    // ```postfix-main and ```postfix-master blocks are coloured by our own grammars. Both themes' colours
    // go into CSS variables (defaultColor: false) and src/layouts/base.css picks one by the page's
    // data-theme, so the theme toggle recolours code and both themes keep AA contrast.
    syntaxHighlight: 'shiki',
    shikiConfig: {
      langs: [postfixMainGrammar, postfixMasterGrammar],
      themes: { light: CODE_THEME_LIGHT, dark: CODE_THEME_DARK },
      defaultColor: false,
      wrap: false,
    },
  },
});
