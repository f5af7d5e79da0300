// Offline: after one visit, the page, the engines and MNIST come from the service worker's cache,
// so a reload without any network still loads and trains. The page shows the cache's size and can
// clear it. A site served cross-origin isolated (COOP/COEP) stays so offline: the cache keeps the
// headers, and the threaded engine runs from it. This is about the site as deployed: the built dist/ (npm test builds it first) on a
// plain static server, not the dev server, whose module URLs change with every edit.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';
import { Playground } from './helpers.js';
import { serveFolder } from './static-server.js';
import { ISOLATION } from './host-page.js';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');

test.use({ serviceWorkers: 'allow' });  // the config blocks them for the other tests

let site;
let isolatedSite;
test.beforeAll(async () => {
  if (!fs.existsSync(path.join(dist, 'sw.js'))) throw new Error('dist/ is not built: run scripts/build-web.sh (npm test does)');
  site = await serveFolder(dist);
  isolatedSite = await serveFolder(dist, ISOLATION);
});
test.afterAll(async () => Promise.all([site?.close(), isolatedSite?.close()]));

/** Waits until the offline cache holds every file named (by the end of its path). */
async function waitForCached(page, names) {
  await expect.poll(async () => {
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 250)));
    return page.evaluate(async (wanted) => {
      const cache = await caches.open('mnist-playground-offline-v1');
      const urls = (await cache.keys()).map((r) => new URL(r.url).pathname);
      return wanted.filter((name) => !urls.some((u) => u.endsWith(`/${name}`)));
    }, names);
  }, { timeout: 30_000 }).toEqual([]);
}

test('after one visit the page works offline; the offline copy can be cleared', async ({ page, context }, testInfo) => {
  const app = new Playground(page);
  await page.goto(`${site.url}?model=dense:32:relu,dense:10:softmax&limit=1000&epochs=1`);
  await app.waitForData();
  // The cache holds the data (about 11 MB) and the engines once the first visit is over.
  const size = page.locator('#offline-status');
  await expect.poll(async () => Number(await size.getAttribute('data-bytes')), { timeout: 30_000, intervals: [500] })
    .toBeGreaterThan(0);
  await waitForCached(page, ['engine-simd.wasm', 'engine-scalar.wasm', 'engine-simd.mjs', 'engine-scalar.mjs',
    't10k-images-idx3-ubyte.gz', 'train-images-idx3-ubyte.gz', 'SHA256SUMS.raw']);
  await expect(page.locator('#build-badge')).toHaveAttribute('data-build', 'simd');  // no COOP/COEP here

  await context.setOffline(true);
  await page.reload();
  await app.waitForData();
  await app.trainButton().click();
  await expect(page.locator('#test-accuracy')).toContainText('Test accuracy', { timeout: 60_000 });
  await app.screenshot(testInfo, 'offline');

  await context.setOffline(false);
  await page.reload();
  // The model trained offline was kept: the page comes back with it.
  await expect(page.getByRole('button', { name: 'Continue training' })).toBeEnabled({ timeout: 60_000 });
  await expect(size).toContainText(/Offline copy: \d+\.\d MB/);
  await page.getByRole('button', { name: 'Clear offline copy' }).click();
  await expect(size).toHaveText(/Offline copy: none yet/);
});

test('a cross-origin isolated site stays isolated offline and trains with threads from the cache', async ({ page, context }) => {
  const app = new Playground(page);
  await page.goto(`${isolatedSite.url}?model=dense:32:relu,dense:10:softmax&limit=1000&epochs=1`);
  await app.waitForData();
  const badge = page.locator('#build-badge');
  await expect(badge).toHaveAttribute('data-build', 'threads');
  await waitForCached(page, ['engine-threads.mjs', 'engine-threads.wasm', 'engine-threads.worker.js',
    't10k-images-idx3-ubyte.gz', 'train-images-idx3-ubyte.gz']);

  await context.setOffline(true);
  await page.reload();
  await app.waitForData();
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
  await expect(badge).toHaveAttribute('data-build', 'threads');
  expect(Number(await badge.getAttribute('data-threads'))).toBeGreaterThan(1);
  await app.trainButton().click();
  await expect(page.locator('#test-accuracy')).toContainText('Test accuracy', { timeout: 60_000 });
  await context.setOffline(false);
  await page.getByRole('button', { name: 'Clear offline copy' }).click();
  await expect(page.locator('#offline-status')).toHaveText(/Offline copy: none yet/);
});
