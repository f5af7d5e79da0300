// Offline use: the service worker (public/sw.js) keeps the app, both engines and the data in one
// Cache Storage cache. Pages of this project register it; a host page may too
// (registerOffline()). The element shows the cache's size and can clear it, whoever registered it.
import { serviceWorkerUrl } from '../asset-base.js';

/** The cache public/sw.js fills; keep the two names in step. */
export const OFFLINE_CACHE = 'mnist-playground-offline-v1';

/**
 * Registers the service worker and resolves once it controls this page (at most `waitMs`), so
 * that the fetches that follow (the engine, the worker, the data) are kept for offline use.
 * Resolves to false where service workers are not available (http, private modes).
 */
export async function registerOffline(url = serviceWorkerUrl(), { waitMs = 3000 } = {}) {
  if (!('serviceWorker' in navigator)) return false;
  try {
    await navigator.serviceWorker.register(url, { type: 'classic' });
  } catch (err) {
    console.warn(`offline use is not available: ${err.message}`);
    return false;
  }
  if (navigator.serviceWorker.controller) return true;
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), waitMs);
    navigator.serviceWorker.addEventListener('controllerchange', () => {
      clearTimeout(timer);
      resolve(true);
    }, { once: true });
  });
}

/** Asks the service worker to keep these URLs too (fetched before it was in control). */
export function keepOffline(urls) {
  navigator.serviceWorker?.controller?.postMessage({ type: 'keep', urls: [...new Set(urls)] });
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
