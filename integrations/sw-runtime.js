/* global self, caches, BUILD, FILES -- a classic service worker script; service-worker.mjs prepends BUILD and FILES */
// The offline cache. integrations/service-worker.mjs writes this file to /sw.js after the build, with two
// constants in front of it: BUILD (an id derived from the contents of every file of the build) and FILES (the
// URL of every file the site needs: pages as their folder URL, /_astro/* with the lazily loaded chunks,
// /embed/*, /embed.js, the icon, the sandbox's files).
//
// Install: fetches every URL of FILES into the cache of this build (CACHE); the install fails, and nothing
// is kept, unless every file arrives.
// Fetch (same-origin GET only; other hosts are never touched):
// - /_astro/* files are named by their content (Vite's hashes), so any build's copy is the right one: cache
//   first (this build's cache, then an older build's still kept), else the network.
// - Pages and the other files: network first, so a page loaded online is the deployed build, all of it. When
//   the network fails (or answers 404 or 5xx for a file a cache has), the cached copy. A page served from the
//   cache is remembered (its client id), and its later requests, lazy chunks included, are served cache first
//   too: one page load never mixes two builds. (The memory goes when the browser stops an idle worker; the
//   only files that then could come from another build are the few not named by content, such as the icon.)
// Update rule: no skipWaiting(). A new build's worker installs (precaches its build) while the old one goes
// on serving; the browser activates it only once no page controlled by the old worker is open. So when it
// activates, no open page can need an older build's cache, and it deletes them all.

const PREFIX = 'postfix-tls-lab-';
const CACHE = PREFIX + BUILD;
/** The pages (client ids) this worker answered from its cache. */
const servedFromCache = new Set();

self.addEventListener('install', (event) => {
  event.waitUntil(precache());
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      // The page that registered this worker (the first visit) is served by it from now on, so its lazy
      // programs keep loading when the network goes.
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || request.headers.has('range')) return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname === '/sw.js') return;
  event.respondWith(request.mode === 'navigate' ? page(request, url, event.resultingClientId) : file(request, url, event.clientId));
});

async function precache() {
  const cache = await caches.open(CACHE);
  try {
    await Promise.all(
      FILES.map(async (path) => {
        // no-cache: revalidated with the server, so a copy of an older build in the HTTP cache never enters this one.
        const response = await fetch(new Request(path, { cache: 'no-cache' }));
        if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
        await cache.put(path, response.redirected ? await unredirected(response) : response);
      }),
    );
  } catch (error) {
    await caches.delete(CACHE);
    throw error;
  }
}

/** A copy without the redirect mark: a navigation may not be answered with a redirected response. */
async function unredirected(response) {
  const { status, statusText, headers } = response;
  return new Response(await response.blob(), { status, statusText, headers });
}

async function page(request, url, clientId) {
  const response = await network(request);
  if (response !== undefined && response.status < 400) return response; // a redirect is an opaqueredirect, status 0
  const cached = await fromCache(pageKey(url.pathname));
  if (cached !== undefined) {
    if (clientId) servedFromCache.add(clientId); // '' where the browser gives no resultingClientId
    return cached;
  }
  const missing = response === undefined ? await fromCache('/404.html') : undefined;
  if (missing !== undefined) return new Response(await missing.blob(), { status: 404, headers: missing.headers });
  return response ?? Response.error();
}

async function file(request, url, clientId) {
  if (url.pathname.startsWith('/_astro/') || servedFromCache.has(clientId)) {
    const cached = await fromCache(url.pathname);
    if (cached !== undefined) return cached;
  }
  const response = await network(request);
  if (response !== undefined && response.ok) return response;
  return (await fromCache(url.pathname)) ?? response ?? Response.error();
}

async function network(request) {
  try {
    return await fetch(request);
  } catch {
    return undefined; // offline, or the server is down
  }
}

/** The key a page is cached under: its folder URL (/lessons/x/ for /lessons/x, /lessons/x/index.html). */
function pageKey(path) {
  if (path.endsWith('/index.html')) return path.slice(0, -'index.html'.length);
  const last = path.slice(path.lastIndexOf('/') + 1);
  return last === '' || last.includes('.') ? path : `${path}/`;
}

/** This build's copy, else the newest older build's (a page of that build may still be open). */
async function fromCache(key) {
  const own = await caches.match(key, { cacheName: CACHE });
  if (own !== undefined) return own;
  const older = (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== CACHE).reverse();
  for (const name of older) {
    const hit = await caches.match(key, { cacheName: name });
    if (hit !== undefined) return hit;
  }
  return undefined;
}
