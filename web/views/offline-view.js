// "Offline copy: 12.3 MB · Clear": how much of the playground the service worker's cache holds
// (web/app/offline.js), and a button that empties it.

/**
 * @param {ShadowRoot} root
 * @param {{size: () => Promise<number|null>, clear: () => Promise<void>}} cache
 * @param {ReturnType<import('../i18n/index.js').createI18n>} i18n
 */
export function createOfflineView(root, cache, i18n) {
  const status = root.getElementById('offline-status');
  const clear = root.getElementById('offline-clear');
  let bytes;  // undefined: not known yet; null: no cache in this browser

  function render() {
    const { t } = i18n;
    status.textContent = bytes === undefined ? t('offline.checking')
      : bytes === null ? t('offline.unavailable')
        : bytes > 0 ? t('offline.size', { size: (bytes / 1e6).toFixed(1) }) : t('offline.none');
  }

  async function refresh() {
    bytes = await cache.size();
    clear.disabled = bytes === null || bytes === 0;
    status.dataset.bytes = String(bytes ?? '');
    render();
  }
  clear.addEventListener('click', async () => {
    clear.disabled = true;
    await cache.clear();
    await refresh();
  });
  i18n.onChange(render);
  render();
  refresh();
  return { refresh };
}
