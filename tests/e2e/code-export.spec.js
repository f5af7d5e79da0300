// "The model as code": after a short training the view shows the current model as a PyTorch
// module (nn.Conv2d / nn.Linear lines with its sizes) and, switched, as a Keras model; Download
// .py gives the text the element's exportCode() gives; it stays inside a phone's width; a model
// the export cannot express says why in the banner while the page goes on working. Whether the
// code computes what the engine computes is checked natively (tests/interop/check_code.py).
import fs from 'node:fs';
import { test, expect } from '@playwright/test';
import { Playground } from './helpers.js';

const CNN = 'conv:4:3x3:relu,maxpool:2,flatten,dense:10:softmax';
const UNEXPORTABLE = 'dense:16:relu,conv:4:1x1,flatten,dense:10:softmax';

function exportCode(page, framework) {
  return page.evaluate((f) => document.querySelector('mnist-playground').exportCode(f), framework);
}

async function trainOneEpoch(page, model) {
  const app = new Playground(page);
  await app.open(`limit=1000&model=${model}&epochs=1`);
  await app.waitForData();
  await app.trainButton().click();
  await expect(page.locator('#test-accuracy')).toHaveText(/^Test accuracy: /, { timeout: 30_000 });
  return app;
}

async function downloadedText(page, app, testInfo) {
  const [download] = await Promise.all([page.waitForEvent('download'), app.button('Download .py').click()]);
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  return { name: download.suggestedFilename(), text: fs.readFileSync(file, 'utf8') };
}

test('the trained CNN as PyTorch and Keras code, downloaded as the element gives it', async ({ page }, testInfo) => {
  test.setTimeout(40_000);
  await page.setViewportSize({ width: 375, height: 800 });
  const app = await trainOneEpoch(page, CNN);
  await page.getByText('The model as code (PyTorch, Keras)').click();
  const code = page.locator('#code-text');
  // 28x28 -> conv 3x3 -> 26x26 -> maxpool 2 -> 4 x 13 x 13 = 676 inputs to the dense layer
  await expect(code).toContainText('("layer1_conv", nn.Conv2d(1, 4, kernel_size=(3, 3), stride=1, padding=(0, 0))),');
  await expect(code).toContainText('("layer5_gemm", nn.Linear(676, 10)),');
  await expect(page.getByText('The weights load from the file that Download ONNX gives')).toBeVisible();
  const pytorch = await downloadedText(page, app, testInfo);
  expect(pytorch).toEqual({ name: 'mnist_model_pytorch.py', text: await exportCode(page, 'pytorch') });

  await page.getByLabel('Framework').selectOption('keras');
  await expect(code).toContainText('layers.Conv2D(4, (3, 3), strides=1, padding="valid", name="layer1_conv"),');
  await expect(code).toContainText('layers.Dense(10, name="layer5_gemm"),');
  const keras = await downloadedText(page, app, testInfo);
  expect(keras).toEqual({ name: 'mnist_model_keras.py', text: await exportCode(page, 'keras') });

  // On a phone the code scrolls inside its box instead of widening the page.
  const box = await page.locator('pre.code-text').boundingBox();
  expect(box.x + box.width).toBeLessThanOrEqual(375);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await expect(app.errorBanner()).toBeHidden();
  expect(app.errors).toEqual([]);
});

test('a model the code export cannot express: the banner says why and the page keeps working', async ({ page }) => {
  test.setTimeout(40_000);
  const app = await trainOneEpoch(page, UNEXPORTABLE);
  await page.getByText('The model as code (PyTorch, Keras)').click();
  const banner = app.errorBanner();
  await expect(banner).toContainText('This model cannot be exported to ONNX or as code');
  await expect(banner).toContainText("Code export: layer 3 'conv:4:1x1'");
  await expect(page.locator('#code-text')).toHaveText('');
  await expect(app.button('Download .py')).toBeDisabled();
  const code = await page.evaluate(() => document.querySelector('mnist-playground').exportCode('keras')
    .then(() => 'exported', (error) => error.code));
  expect(code).toBe('not-exportable');

  const seen = await app.samplesSeen();
  await app.button('Step').click();
  await expect.poll(() => app.samplesSeen()).toBeGreaterThan(seen);
});
