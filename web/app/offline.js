// Offline use: the service worker (public/sw.js) keeps the app, the engines and the data in one
// Cache Storage cache. Pages of this project register it; a host page may too
// (registerOffline()). The element shows the cache's size and can clear it, whoever registered it.
import { serviceWorkerUrl } from '../asset-base.js';

// The cache public/sw.js fills (the name is written there too: a service worker imports nothing).
import { OFFLINE_CACHE } from '../engine/protocol.js';

/**
 * Registers the service worker and resolves true once it controls this page, so that the fetches
 * that follow (the engine, the worker, the data) are kept for offline use. On a first visit that
 * takes a moment (at most `waitMs`); false at once where it cannot control the page: no service
 * workers (http, private modes), a page outside its scope, or a hard reload (which bypasses it).
 */
export async function registerOffline(url = serviceWorkerUrl(), { waitMs = 3000 } = {}) {
  if (!('serviceWorker' in navigator)) return false;
  let registration;
  try {
    registration = await navigator.serviceWorker.register(url);
  } catch (err) {
    console.warn(`offline use is not available: ${err.message}`);
    return false;
  }
  if (!registration || !location.href.startsWith(registration.scope)) return false;
  if (navigator.serviceWorker.controller) return true;
  if (registration.active && !registration.installing && !registration.waiting) return false;
  return new Promise((resolve) => {
    const done = (value) => {
      clearTimeout(timer);
      navigator.serviceWorker.removeEventListener('controllerchange', onChange);
      resolve(value);
    };
    const onChange = () => done(true);
    const timer = setTimeout(() => done(false), waitMs);
    navigator.serviceWorker.addEventListener('controllerchange', onChange);
  });
}

/**
 * What this project's pages do first: the service worker, then (in its care) the element, and
 * the page's own files fetched before it was in control kept too.
 */
export async function startOffline() {
  try {
    if (await registerOffline()) {
      keepOffline([location.href, ...performance.getEntriesByType('resource').map((entry) => entry.name)]);
    }
  } catch (err) {
    console.warn(`offline use is not available: ${err.message}`);  // the playground works without it
  }
}

/** Asks this project's service worker (not a host's own) to keep these URLs too. */
export function keepOffline(urls) {
  const worker = navigator.serviceWorker?.controller;
  if (worker && worker.scriptURL === serviceWorkerUrl()) worker.postMessage({ type: 'keep', urls: [...new Set(urls)] });
}

/** Bytes in the offline cache, or null where Cache Storage is not available. */
export async function offlineCacheSize() {
  if (typeof caches === 'undefined') return null;
  if (!(await caches.has(OFFLINE_CACHE))) return 0;
  const cache = await caches.open(OFFLINE_CACHE);
  let total = 0;
  for (const request of await cache.keys()) {
    const response = await cache.match(request);
    if (response) total += (await response.blob()).size;
  }
  return total;
}

export async function clearOfflineCache() {
  if (typeof caches !== 'undefined') await caches.delete(OFFLINE_CACHE);
}
