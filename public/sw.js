// The playground's service worker: after the first visit, the page, the embeddable element, the
// engines and the MNIST files work offline. It keeps only the playground's own files, below its
// own folder (the scope): the pages, web/, engine/, data/, css/ (and the dev server's module
// paths), never anything else a host site serves there.
//   - the data files (*.gz) are served from the cache first: they never change for a URL, and
//     the engine checks their SHA-256 anyway (the worker drops a cached copy that fails);
//   - everything else (pages, scripts, engines, the checksum list) goes to the network first, so
//     a new version is picked up as soon as it is online, and falls back to the cache offline.
// Responses are kept whole, headers included: a page served cross-origin isolated (COOP/COEP, for
// the threaded engine) is served so from the cache too, and its scripts keep their COEP.
// The page may also send {type: 'keep', urls} for what it fetched before this worker was in
// control. web/app/offline.js shows the cache's size and clears it; OFFLINE_CACHE is also in web/engine/protocol.js.
const OFFLINE_CACHE = 'mnist-playground-offline-v1';
const IMMUTABLE = /\.gz$/;
const OWN_FOLDERS = ['web/', 'engine/', 'data/', 'css/', '@fs/', 'node_modules/.vite/'];
const PAGES = ['', 'index.html', 'embed.html', 'embed-demo.html'];

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil((async () => {
  // Caches of earlier versions of this worker go; the current one stays.
  for (const name of await caches.keys()) {
    if (name.startsWith('mnist-playground-offline-') && name !== OFFLINE_CACHE) await caches.delete(name);
  }
  await self.clients.claim();
})()));

/** The URL's path below the scope, or null when it is elsewhere (another origin or folder). */
function pathInScope(url) {
  const scope = new URL(self.registration.scope);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return null;
  return url.pathname.slice(scope.pathname.length);
}
const isPage = (url) => PAGES.includes(pathInScope(url));

/** True for a GET of one of the playground's own files (see the header). */
function ours(request) {
  const url = new URL(request.url);
  const path = pathInScope(url);
  if (request.method !== 'GET' || path === null || request.headers.has('range')) return false;
  return PAGES.includes(path) || OWN_FOLDERS.some((folder) => path.startsWith(folder));
}

/** A page is the same HTML whatever its query (the settings live there): kept without it. */
function cacheKey(request) {
  const url = new URL(request.url);
  return isPage(url) ? `${url.origin}${url.pathname}` : request;
}

async function keep(request, response) {
  // An HTML answer for anything but a page is a host's "not found" page, never the file.
  const html = (response.headers.get('Content-Type') ?? '').startsWith('text/html');
  if (!response.ok || response.type !== 'basic' || (html && !isPage(new URL(request.url)))) return;
  const cache = await caches.open(OFFLINE_CACHE);
  await cache.put(cacheKey(request), response);
}

// Servers may send `Vary: Origin`; a module script's request carries an Origin header and a kept
// URL's does not, yet for this one origin they are the same file: matching ignores Vary.
const cached = (request) => caches.match(cacheKey(request), { cacheName: OFFLINE_CACHE, ignoreVary: true });

async function networkFirst(event) {
  try {
    const response = await fetch(event.request);
    event.waitUntil(keep(event.request, response.clone()).catch(() => {}));
    return response;
  } catch (err) {
    const copy = await cached(event.request);
    if (copy) return copy;
    throw err;
  }
}

async function cacheFirst(event) {
  const copy = await cached(event.request);
  if (copy) return copy;
  const response = await fetch(event.request);
  event.waitUntil(keep(event.request, response.clone()).catch(() => {}));
  return response;
}

self.addEventListener('fetch', (event) => {
  if (!ours(event.request)) return;
  const immutable = IMMUTABLE.test(new URL(event.request.url).pathname);
  event.respondWith(immutable ? cacheFirst(event) : networkFirst(event));
});

// URLs the page fetched before this worker controlled it (the first visit): fetched again and kept.
self.addEventListener('message', (event) => {
  if (event.data?.type !== 'keep' || !Array.isArray(event.data.urls)) return;
  event.waitUntil((async () => {
    for (const url of event.data.urls.slice(0, 500)) {
      const request = new Request(url);
      if (!ours(request) || await cached(request)) continue;
      try {
        await keep(request, await fetch(request));
      } catch {
        // offline again or gone: it is fetched on the next visit instead
      }
    }
  })());
});
