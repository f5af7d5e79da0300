// Threads: the dev server (npm start) sends COOP/COEP, so the page is cross-origin isolated and
// 'auto' picks the threaded engine, which uses every core it reports (2 here) until the Threads
// menu or the `threads` attribute says otherwise. A seeded run repeats exactly on a given thread
// count. A page that is not isolated runs the single-threaded SIMD engine, says why the menu is
// off, and refuses an explicit build="threads" with a message that says what is missing.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';
import { Playground } from './helpers.js';
import { openHostPage, Widget } from './host-page.js';
import { serveFolder } from './static-server.js';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');

// A quick seeded run: one epoch of 2,000 images (63 batches of 32).
const SMALL = 'model=dense:64:relu,dense:10:softmax&limit=2000&batch=32&seed=7&epochs=1';

/** Trains the page's element from scratch (its seed) and resolves with the test loss. */
function trainFromScratch(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const element = document.getElementById('playground');
    element.addEventListener('trained', (e) => resolve(e.detail.loss), { once: true });
    element.addEventListener('error', (e) => reject(new Error(e.detail.message)), { once: true });
    element.train({ fromScratch: true });
  }));
}

/** Sets the element's threads attribute and resolves with the engine's answer (threadschange). */
function setThreads(page, count) {
  return page.evaluate((n) => new Promise((resolve) => {
    const element = document.getElementById('playground');
    element.addEventListener('threadschange', (e) => resolve(e.detail.threads), { once: true });
    element.setAttribute('threads', String(n));
  }), count);
}

test('an isolated page runs the threaded engine on every core; the Threads menu changes it during a run', async ({ page }, testInfo) => {
  const app = new Playground(page);
  await app.open('preset=mlp&epochs=1');
  await app.waitForData();
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
  const badge = page.locator('#build-badge');
  await expect(badge).toHaveAttribute('data-build', 'threads');
  const cores = await page.evaluate(() => Math.min(navigator.hardwareConcurrency, 8));
  expect(cores, 'this machine has more than one core').toBeGreaterThan(1);
  await expect(badge).toHaveText(`Engine: WebAssembly SIMD, ${cores} of ${cores} threads`);
  const menu = page.getByLabel('Threads');
  await expect(menu).toBeEnabled();
  await expect(menu).toHaveValue(String(cores));
  await expect(menu.locator('option')).toHaveText(Array.from({ length: cores }, (_, i) => String(i + 1)));

  await app.trainButton().click();
  await expect.poll(() => app.samplesSeen()).toBeGreaterThan(5_000);
  await menu.selectOption('1');
  await expect(badge).toHaveText(`Engine: WebAssembly SIMD, 1 of ${cores} threads`);
  await expect(badge).toHaveAttribute('data-threads', '1');
  const epochLine = page.getByRole('list').filter({ hasText: 'Epoch 1:' }).getByRole('listitem');
  await expect(epochLine).toBeVisible({ timeout: 90_000 });
  const valAcc = Number(await epochLine.getAttribute('data-val-acc'));
  testInfo.annotations.push({ type: 'epoch', description: `validation accuracy ${valAcc} (${cores} threads, then 1)` });
  expect(valAcc).toBeGreaterThanOrEqual(0.955);
  await expect(page.getByText(/^Test accuracy: /)).toBeVisible();
  await app.screenshot(testInfo, 'threads');
  expect(app.errors).toEqual([]);
});

test('a seeded run repeats exactly on a given thread count', async ({ page }, testInfo) => {
  const app = new Playground(page);
  await app.open(SMALL);
  await app.waitForData();
  const losses = {};
  for (const threads of [2, 1]) {
    expect(await setThreads(page, threads)).toBe(threads);
    losses[threads] = [await trainFromScratch(page), await trainFromScratch(page)];
  }
  testInfo.annotations.push({ type: 'test loss', description: JSON.stringify(losses) });
  expect(losses[2][1]).toBe(losses[2][0]);
  expect(losses[1][1]).toBe(losses[1][0]);
  // Another count may add partial sums in another order: float rounding, nothing more.
  expect(Math.abs(losses[2][0] - losses[1][0])).toBeLessThan(1e-3);
  expect(app.errors).toEqual([]);
});

test('a page that is not isolated runs the SIMD engine on one thread and says why', async ({ page, baseURL }) => {
  await openHostPage(page, baseURL,
    '<mnist-playground id="w" controls="compact" persist="off" threads="2"></mnist-playground>');
  const w = new Widget(page, 'w');
  await w.waitForReady();
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(false);
  await expect(w.root.locator('#build-badge')).toHaveAttribute('data-build', 'simd');
  const menu = w.root.getByLabel('Threads');
  await expect(menu).toBeDisabled();
  await expect(menu).toHaveValue('1');
  await expect(menu).toHaveAccessibleDescription(/runs only on cross-origin isolated pages/);
});

test('build="threads" on a page that is not isolated fails with what to do', async ({ page, baseURL }) => {
  await openHostPage(page, baseURL,
    '<mnist-playground id="w" controls="compact" persist="off" build="threads"></mnist-playground>');
  // A fatal error rejects the element's ready promise with the error event's fields.
  const error = await page.evaluate(() => document.getElementById('w').ready.then(() => null,
    ({ code, message, hint }) => ({ code, message, hint })));
  expect(error.code).toBe('engine-missing');
  expect(error.message).toMatch(/needs a cross-origin isolated page/);
  expect(error.hint).toMatch(/Cross-Origin-Embedder-Policy: require-corp/);
  await expect(new Widget(page, 'w').root.getByRole('alert')).toContainText('cross-origin isolated');
});

test('an isolated host page gives the element threads; its threads attribute sets the count', async ({ page, baseURL }) => {
  await openHostPage(page, baseURL,
    '<mnist-playground id="w" controls="compact" persist="off" threads="1"></mnist-playground>', { isolated: true });
  const w = new Widget(page, 'w');
  await w.waitForReady();
  const badge = w.root.locator('#build-badge');
  await expect(badge).toHaveAttribute('data-build', 'threads');
  await expect(badge).toHaveAttribute('data-threads', '1');
  await page.evaluate(() => document.getElementById('w').removeAttribute('threads'));
  await expect(badge).not.toHaveAttribute('data-threads', '1');
  expect(Number(await badge.getAttribute('data-threads'))).toBeGreaterThan(1);
});

test('engines on another origin: the threaded engine starts its workers from there', async ({ page, baseURL }) => {
  if (!fs.existsSync(path.join(dist, 'engine', 'engine-threads.worker.js'))) {
    throw new Error('dist/ is not built: run scripts/build-web.sh (npm test does)');
  }
  // A CDN-like host: CORS for the module and the .wasm, CORP for the worker's importScripts. It is
  // another port of 127.0.0.1, which Chromium lets a page reach only with the visitor's consent
  // (Local Network Access); a real CDN is public and needs none.
  await page.context().grantPermissions(['local-network-access']);
  const cdn = await serveFolder(dist, { 'access-control-allow-origin': '*', 'cross-origin-resource-policy': 'cross-origin' });
  try {
    expect(new URL(cdn.url).origin).not.toBe(new URL(baseURL).origin);
    await openHostPage(page, baseURL, `<mnist-playground id="w" controls="compact" persist="off" epochs="1"
      settings="model=dense:32:relu,dense:10:softmax&amp;limit=2000" engine-src="${cdn.url}engine/"></mnist-playground>`,
    { csp: null, isolated: true });
    const w = new Widget(page, 'w');
    await w.waitForReady();
    const badge = w.root.locator('#build-badge');
    await expect(badge).toHaveAttribute('data-build', 'threads');
    expect(Number(await badge.getAttribute('data-threads'))).toBeGreaterThan(1);
    await w.button('Train').click();
    expect(await w.testAccuracy()).toBeGreaterThan(0.5);  // 2,000 images, one epoch: about 0.77
  } finally {
    await cdn.close();
  }
});
