// @ts-check
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';

// A fully static site: `npm run build` writes dist/, which any static file server can serve.
export default defineConfig({
  integrations: [mdx()],
  // Every page is a folder with an index.html, so links end in a slash: /lessons/<slug>/.
  trailingSlash: 'always',
  build: { format: 'directory' },
  server: { port: 4321, host: 'localhost' },
  // The dev toolbar injects extra scripts into pages; the site must look and behave the same in dev.
  devToolbar: { enabled: false },
  markdown: {
    // Code blocks in lessons are config files and transcripts, styled by the site's own CSS in both
    // themes; Shiki's inline colours would fight the theme toggle and the contrast checks.
    syntaxHighlight: false,
  },
});
