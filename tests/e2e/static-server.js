// A plain static file server for tests that need an ordinary host instead of Vite: files byte for
// byte (no transform, no Content-Encoding, so the .gz data arrive as stored), a fixed set of
// headers on every response (e.g. a Content-Security-Policy), 404 for anything else.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.gz': 'application/gzip',
  '.raw': 'text/plain',
};

/**
 * Serves the folder `root` on 127.0.0.1 at a free port.
 * @param {string} root
 * @param {Record<string, string>} [headers]  sent with every response, errors included
 * @returns {Promise<{url: string, close: () => Promise<void>}>}  url ends with '/'
 */
export async function serveFolder(root, headers = {}) {
  const base = path.resolve(root);
  const server = http.createServer((request, response) => {
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    const pathname = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    const file = path.join(base, pathname.endsWith('/') ? `${pathname}index.html` : pathname);
    // path.join has resolved any '..': a path outside the folder is refused like a missing file.
    const inside = file.startsWith(base + path.sep);
    if (!inside || !['GET', 'HEAD'].includes(request.method) || !fs.statSync(file, { throwIfNoEntry: false })?.isFile()) {
      response.statusCode = 404;
      response.end(`not found: ${pathname}`);
      return;
    }
    response.setHeader('Content-Type', TYPES[path.extname(file)] ?? 'application/octet-stream');
    response.setHeader('Content-Length', fs.statSync(file).size);
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    fs.createReadStream(file).pipe(response);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
