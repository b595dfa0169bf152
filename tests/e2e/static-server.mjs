// A tiny static file server for browser tests and benchmarks: serves a folder (dist/) or fixed pages,
// on 127.0.0.1 or localhost, on a port the OS picks. No dependencies beyond Node.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * Starts a server. `root`: a folder to serve (directory URLs get their index.html); `pages`: path ->
 * HTML text served as it is (checked first); `port`: a fixed port (a restart on the same origin), else one
 * the OS picks; `onRequest`: told every request as it arrives (a test reads its headers). Resolves to
 * { origin, port, close() }; close() also drops kept-alive connections.
 */
export function startStaticServer({ root, pages = {}, host = '127.0.0.1', port: fixedPort = 0, onRequest } = {}) {
  const server = createServer((req, res) => {
    onRequest?.(req);
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (Object.hasOwn(pages, path)) {
      res.writeHead(200, { 'content-type': TYPES['.html'] });
      res.end(pages[path]);
      return;
    }
    if (root === undefined) {
      res.writeHead(404).end();
      return;
    }
    let file = normalize(join(root, path));
    if (!file.startsWith(normalize(root + sep)) && file !== normalize(root)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(fixedPort, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        origin: `http://${host}:${port}`,
        port,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
