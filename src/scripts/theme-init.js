/* global window, document -- a classic browser script */
// The page's theme before the first paint, so a stored choice never flashes the other one: a classic
// script in <head> (src/layouts/Base.astro), external so the Content Security Policy needs no inline script.
// No stored choice: follow the system (prefers-color-scheme).
(() => {
  let stored = null;
  try {
    stored = localStorage.getItem('theme');
  } catch {
    // Storage can be blocked (privacy settings, sandboxed iframes): fall back to the system theme.
  }
  const theme =
    stored === 'light' || stored === 'dark' ? stored : window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  document.documentElement.dataset.theme = theme;
})();
