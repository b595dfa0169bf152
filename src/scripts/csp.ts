/**
 * The site's Content Security Policy: scripts only from the site itself (no inline script: the theme
 * bootstrap is src/scripts/theme-init.js, Astro's small scripts are emitted as files, see astro.config.mjs).
 * Styles allow 'unsafe-inline' because the built pages carry style attributes: Shiki's code blocks
 * (`style="--shiki-light:...;--shiki-dark:..."`, the colours as CSS variables) and xterm's renderer,
 * which sizes and colours its rows through element styles at run time. Delivered as a <meta> by
 * Base.astro and as a header by public/_headers (keep the two the same; tests/e2e/csp checks the pages).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');
