// Offline: after one visit, the page, both engines and MNIST come from the service worker's cache,
// so a reload without any network still loads and trains. The page shows the cache's size and can
// clear it. This is about the site as deployed: the built dist/ (npm test builds it first) on a
// plain static server, not the dev server, whose module URLs change with every edit.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';
import { Playground } from './helpers.js';
import { serveFolder } from './static-server.js';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');

test.use({ serviceWorkers: 'allow' });  // the config blocks them for the other tests

let site;
test.beforeAll(async () => {
  if (!fs.existsSync(path.join(dist, 'sw.js'))) throw new Error('dist/ is not built: run scripts/build-web.sh (npm test does)');
  site = await serveFolder(dist);
});
test.afterAll(async () => site?.close());

test('after one visit the page works offline; the offline copy can be cleared', async ({ page, context }, testInfo) => {
  const app = new Playground(page);
  await page.goto(`${site.url}?model=dense:32:relu,dense:10:softmax&limit=1000&epochs=1`);
  await app.waitForData();
  // The cache holds the data (about 11 MB) and the engines once the first visit is over.
  const size = page.locator('#offline-status');
  await expect.poll(async () => Number(await size.getAttribute('data-bytes')), { timeout: 30_000, intervals: [500] })
    .toBeGreaterThan(0);
  await expect.poll(async () => {
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 250)));
    return page.evaluate(async () => {
      const cache = await caches.open('mnist-playground-offline-v1');
      const urls = (await cache.keys()).map((r) => new URL(r.url).pathname);
      return ['engine-simd.wasm', 'engine-scalar.wasm', 'engine-simd.mjs', 'engine-scalar.mjs',
        't10k-images-idx3-ubyte.gz', 'train-images-idx3-ubyte.gz', 'SHA256SUMS.raw']
        .filter((name) => !urls.some((u) => u.endsWith(`/${name}`)));
    });
  }, { timeout: 30_000 }).toEqual([]);

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
