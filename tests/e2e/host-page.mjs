// A page on ANOTHER origin than the site, as a blogger's host would serve it: a second tiny static server
// that sends no special headers (no CORS, no CSP), for the embed and XSS browser tests.
import { startStaticServer } from './static-server.mjs';

/** Serves `body` in a plain page on http://localhost:<port>/ and opens a guarded page allowed to reach it. */
export async function hostPage(t, body, pages = {}) {
  const host = await startStaticServer({
    host: 'localhost',
    pages: {
      '/': `<!doctype html><html lang="en"><head><title>A blog</title></head><body><h1>A blog post</h1>${body}</body></html>`,
      ...pages,
    },
  });
  const page = await t.page({ viewport: { width: 1280, height: 1000 } });
  await page.route(`${host.origin}/**`, (route) => route.continue());
  return { host, page };
}
