// The playground's service worker: after the first visit, the page, the embeddable element, both
// engines and the MNIST files work offline. Everything of this origin that the page and its
// workers fetch with GET is kept in one cache:
//   - the data files (*.gz, SHA256SUMS.raw) are served from the cache first: they never change
//     for a URL, and the engine checks their SHA-256 anyway;
//   - everything else (pages, scripts, engines) goes to the network first, so a new version is
//     picked up as soon as it is online, and falls back to the cache when the network fails.
// The page may also send {type: 'keep', urls} for what it fetched before this worker was in
// control. web/app/offline.js shows the cache's size and clears it; keep OFFLINE_CACHE in step.
const OFFLINE_CACHE = 'mnist-playground-offline-v1';
const IMMUTABLE = /\.gz$|\/SHA256SUMS\.raw$/;
// Servers may send `Vary: Origin`; a module script's request carries an Origin header and a kept
// URL's does not, yet for this one origin they are the same file: matching ignores Vary.

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

function cacheable(request) {
  const url = new URL(request.url);
  // Same origin only, no dev-server live-reload channels, no partial (range) responses.
  return request.method === 'GET' && url.origin === self.location.origin && !request.headers.has('range')
    && !url.pathname.startsWith('/@vite/client') && url.protocol.startsWith('http');
}

async function keep(request, response) {
  if (response.ok && response.type === 'basic') {
    const cache = await caches.open(OFFLINE_CACHE);
    await cache.put(request, response);
  }
}

async function networkFirst(request) {
  try {
    const response = await fetch(request);
    keep(request, response.clone());
    return response;
  } catch (err) {
    // A page is the same HTML whatever its query (the settings live there): any cached copy will do.
    const ignoreSearch = request.mode === 'navigate';
    const cached = await caches.match(request, { cacheName: OFFLINE_CACHE, ignoreSearch, ignoreVary: true });
    if (cached) return cached;
    throw err;
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request, { cacheName: OFFLINE_CACHE, ignoreVary: true });
  if (cached) return cached;
  const response = await fetch(request);
  keep(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (!cacheable(request)) return;
  const immutable = IMMUTABLE.test(new URL(request.url).pathname);
  event.respondWith(immutable ? cacheFirst(request) : networkFirst(request));
});

// URLs the page fetched before this worker controlled it (the first visit): fetched again and kept.
self.addEventListener('message', (event) => {
  if (event.data?.type !== 'keep' || !Array.isArray(event.data.urls)) return;
  event.waitUntil((async () => {
    const cache = await caches.open(OFFLINE_CACHE);
    for (const url of event.data.urls.slice(0, 500)) {
      const request = new Request(url);
      if (!cacheable(request) || await cache.match(request, { ignoreVary: true })) continue;
      try {
        await keep(request, await fetch(request));
      } catch {
        // offline again or gone: it is fetched on the next visit instead
      }
    }
  })());
});
