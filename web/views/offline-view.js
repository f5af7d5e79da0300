// "Offline copy: 12.3 MB · Clear": how much of the playground the service worker's cache holds
// (web/app/offline.js), and a button that empties it.

/** @param {{size: () => Promise<number|null>, clear: () => Promise<void>}} cache */
export function createOfflineView(root, cache) {
  const status = root.getElementById('offline-status');
  const clear = root.getElementById('offline-clear');

  async function refresh() {
    const bytes = await cache.size();
    if (bytes === null) {
      status.textContent = 'Offline copy: not available in this browser.';
      clear.disabled = true;
    } else {
      status.textContent = bytes > 0
        ? `Offline copy: ${(bytes / 1e6).toFixed(1)} MB (the app, the engines and the data).`
        : 'Offline copy: none yet.';
      clear.disabled = bytes === 0;
    }
    status.dataset.bytes = String(bytes ?? '');
  }
  clear.addEventListener('click', async () => {
    clear.disabled = true;
    await cache.clear();
    await refresh();
  });
  refresh();
  return { refresh };
}
