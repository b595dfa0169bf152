/* global window, document -- a classic browser script */
// Registers the offline cache's service worker (/sw.js, written at build time by
// integrations/service-worker.mjs). Included by src/layouts/Base.astro in built pages only (not in `astro
// dev`). It waits until the page has loaded, then a few seconds more (the lab fetches its lazy programs
// meanwhile) and for an idle moment, so that caching the whole site (once per build) never competes with the
// page's own first use. A frame with an opaque origin (a sandboxed embed) and a browser without service
// workers are left alone.
(() => {
  if (window.origin === 'null' || !window.isSecureContext || !('serviceWorker' in navigator)) return;
  const register = () => {
    navigator.serviceWorker.register('/sw.js').catch(() => {
      // No offline copy this time (private mode, storage full, blocked): the site works online as ever.
    });
  };
  const whenIdle = () => {
    window.setTimeout(() => {
      if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(register, { timeout: 10_000 });
      else register();
    }, 4000);
  };
  if (document.readyState === 'complete') whenIdle();
  else window.addEventListener('load', whenIdle, { once: true });
})();
