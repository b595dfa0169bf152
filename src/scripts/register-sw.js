/* global window, document -- a classic browser script, shipped as it is: keep it short */
// Registers the offline cache's worker (integrations/service-worker.mjs) once the page has loaded, a few
// seconds more (the lab fetches its lazy programs) and idle; not in opaque-origin frames (sandboxed embeds).
(() => {
  if (window.origin === 'null' || !window.isSecureContext || !('serviceWorker' in navigator)) return;
  const register = () => navigator.serviceWorker.register('/sw.js').catch(() => {}); // no offline copy: online as ever
  const later = () => setTimeout(() => (window.requestIdleCallback ?? ((f) => f()))(register, { timeout: 10_000 }), 4000);
  if (document.readyState === 'complete') later();
  else window.addEventListener('load', later, { once: true });
})();
