// "Download ONNX": a small CNN trained for one epoch on the page downloads as an ONNX file
// (core/io/onnx_export.h: ir_version 7, opset 13) holding its weights, the element's exportOnnx()
// gives the same bytes, and a model ONNX cannot express says why in the banner while the page
// goes on working. Whether the file is valid ONNX that computes what the engine computes is
// checked natively (tests/native/onnx_export_test.cpp, tests/interop/check_onnx.py).
import fs from 'node:fs';
import { test, expect } from '@playwright/test';
import { Playground } from './helpers.js';

const CNN = 'conv:4:3x3:relu,maxpool:2,flatten,dense:10:softmax';
// Builds and trains, but a conv after a dense layer has no ONNX form (the engine reshapes the
// flat vector back into an image; the exporter refuses that).
const UNEXPORTABLE = 'dense:16:relu,conv:4:1x1,flatten,dense:10:softmax';

/** The element's exportOnnx(), as plain numbers (a Uint8Array does not cross evaluate). */
function exportFromElement(page) {
  return page.evaluate(async () => Array.from(await document.querySelector('mnist-playground').exportOnnx()));
}

test('a trained CNN downloads as ONNX, the same file the element\'s exportOnnx() gives', async ({ page }, testInfo) => {
  test.setTimeout(40_000);
  const app = new Playground(page);
  await app.open(`limit=1000&model=${CNN}&epochs=1`);
  await app.waitForData();
  const downloadOnnx = app.button('Download ONNX');
  await expect(downloadOnnx).toBeDisabled();  // nothing learnt yet
  await app.trainButton().click();
  await expect(page.locator('#test-accuracy')).toHaveText(/^Test accuracy: /, { timeout: 30_000 });
  await expect(downloadOnnx).toBeEnabled();

  const [download] = await Promise.all([page.waitForEvent('download'), downloadOnnx.click()]);
  expect(download.suggestedFilename()).toBe('mnist-model.onnx');
  const file = testInfo.outputPath('mnist-model.onnx');
  await download.saveAs(file);
  const bytes = fs.readFileSync(file);

  // ModelProto field 1 (ir_version), varint 7: the bytes 0x08 0x07.
  expect([bytes[0], bytes[1]]).toEqual([0x08, 0x07]);
  expect(bytes.includes(Buffer.from('mnist-playground'))).toBe(true);
  // The weights are float32 initializers: at least 4 bytes per parameter.
  const parameters = Number((await page.locator('#parameter-count').textContent()).replace(/,/g, ''));
  expect(parameters).toBeGreaterThan(6000);  // 40 conv + 6,770 dense
  expect(bytes.length).toBeGreaterThan(parameters * 4);

  expect(Buffer.from(await exportFromElement(page)).equals(bytes)).toBe(true);
  await expect(app.errorBanner()).toBeHidden();
  expect(app.errors).toEqual([]);
});

test('a model ONNX cannot express: the banner says why and the page keeps working', async ({ page }) => {
  test.setTimeout(40_000);
  const app = new Playground(page);
  await app.open(`limit=1000&model=${UNEXPORTABLE}&epochs=1`);
  await app.waitForData();
  await app.trainButton().click();
  await expect(page.locator('#test-accuracy')).toHaveText(/^Test accuracy: /, { timeout: 30_000 });

  await app.button('Download ONNX').click();
  const banner = app.errorBanner();
  await expect(banner).toContainText('This model cannot be exported to ONNX');
  await expect(banner).toContainText('an image layer after a flat one');
  // The API's promise rejects with the same code.
  const code = await page.evaluate(() => document.querySelector('mnist-playground').exportOnnx()
    .then(() => 'exported', (error) => error.code));
  expect(code).toBe('not-exportable');

  // The model is still there: the model file downloads, and training goes on.
  const [download] = await Promise.all([page.waitForEvent('download'), app.button('Download model').click()]);
  expect(download.suggestedFilename()).toBe('mnist-model.bin');
  const seen = await app.samplesSeen();
  await app.button('Step').click();
  await expect.poll(() => app.samplesSeen()).toBeGreaterThan(seen);
});
