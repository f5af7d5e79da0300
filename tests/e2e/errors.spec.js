// Failures a visitor can meet, each shown in the visible error banner with what to do: data not
// found or unreachable, a checksum mismatch, a diverging run, no WebAssembly, a missing engine.
import { test, expect } from '@playwright/test';
import { Playground, mnistTestDigit, traceDigit } from './helpers.js';

test('a wrong data URL shows a visible error', async ({ page }, testInfo) => {
  const app = await new Playground(page).open('data=/no-such-folder/');
  await expect(app.errorBanner()).toBeVisible();
  await expect(app.errorBanner()).toContainText('The data was not found');
  await expect(app.errorBanner()).toContainText('HTTP 404');
  await expect(app.errorBanner()).toContainText('npm run setup');
  await expect(app.trainButton()).toBeDisabled();
  await app.screenshot(testInfo, 'data-not-found');
});

test('an unreachable data host shows a visible error', async ({ page }) => {
  // Port 9 (discard) on this machine: nothing listens, the connection is refused.
  const app = await new Playground(page).open(`data=${encodeURIComponent('http://127.0.0.1:9/mnist/')}`);
  await expect(app.errorBanner()).toContainText('The data could not be reached');
  await expect(app.trainButton()).toBeDisabled();
});

test('data that fails its checksum shows a visible error', async ({ page }) => {
  await page.route('**/data/mnist/SHA256SUMS.raw', async (route) => {
    const response = await route.fetch();
    const text = (await response.text()).replace(/^[0-9a-f]{8}/gm, 'deadbeef');
    await route.fulfill({ response, body: text });
  });
  const app = await new Playground(page).open();
  await expect(app.errorBanner()).toContainText('The data failed its checksum');
  await expect(app.errorBanner()).toContainText('expected deadbeef');
  await expect(app.trainButton()).toBeDisabled();
});

test('a diverging run stops with a hint to lower the learning rate', async ({ page }, testInfo) => {
  const app = await new Playground(page).open('opt=momentum&lr=100&init=he_normal&act=leaky_relu&hidden=256,256');
  await app.waitForData();
  await app.trainButton().click();
  await expect(app.errorBanner()).toContainText('Training diverged', { timeout: 60_000 });
  await expect(app.errorBanner()).toContainText(/lower the learning rate/i);
  await expect(app.runState()).toHaveText('stopped');
  await app.screenshot(testInfo, 'diverged');
});

test('a browser without WebAssembly gets a visible explanation', async ({ page }) => {
  await page.addInitScript(() => { delete globalThis.WebAssembly; });
  const app = await new Playground(page).open();
  await expect(app.errorBanner()).toContainText('This browser cannot run WebAssembly');
  await expect(page.getByText('Engine: unavailable')).toBeVisible();
});

test('a missing engine build shows a visible error', async ({ page }) => {
  await page.route('**/engine/*.wasm', (route) => route.fulfill({ status: 404, body: 'not found' }));
  const app = await new Playground(page).open();
  await expect(app.errorBanner()).toContainText('The engine could not be loaded');
  await expect(app.errorBanner()).toContainText('npm run build:wasm');
  await expect(page.getByText('Engine: not loaded')).toBeVisible();
});

test('a digit drawn before the engine is ready is predicted once the model is', async ({ page }) => {
  // The engine's .wasm is held back until the drawing is done.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/engine/*.wasm', async (route) => { await held; await route.continue(); });
  const app = await new Playground(page).open();
  const pad = page.getByLabel(/Drawing pad/);
  await pad.scrollIntoViewIfNeeded();
  await traceDigit(page, pad, mnistTestDigit(0).pixels);
  await expect(page.locator('#draw-prediction')).toHaveText('The model is not ready yet.');
  await expect(app.errorBanner()).toBeHidden();  // the pad says it; no alarm for that

  release();
  await app.waitForData();
  // The pad was not left waiting for an answer that never came: the new model predicts it.
  await expect(page.locator('#draw-prediction')).toHaveAttribute('data-predicted', /^\d$/);
  await expect(page.locator('#draw-prediction')).toContainText('the model is untrained');
  expect(app.errors).toEqual([]);
});
