// Training the seed MLP for one epoch, as a visitor would: press Train, watch the counters and
// the curves, read the validation accuracy, look at the predictions and the mistakes, draw a
// digit, then download the model, reset (the old results go) and load it back. The tests share
// one page (serial) so the model is trained once.
import { test, expect } from '@playwright/test';
import { Playground, canvasInk, mnistTestDigit, traceDigit } from './helpers.js';

test.describe.configure({ mode: 'serial' });

/** @type {import('@playwright/test').Page} */
let page;
/** @type {Playground} */
let app;

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
  app = new Playground(page);
});
test.afterAll(async () => {
  await page.close();
});

test('one epoch of the seed MLP reaches 95.5% validation accuracy while the page keeps drawing frames', async ({}, testInfo) => {
  await app.open('preset=mlp&epochs=1');
  await app.waitForData();

  // Count animation frames on the page's thread while the worker trains.
  await page.evaluate(() => {
    window.frameTimes = [];
    const tick = (t) => { window.frameTimes.push(t); requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  await app.trainButton().click();
  await expect(app.runState()).toHaveText('running');
  expect(page.workers().length, 'the engine runs in a Web Worker').toBeGreaterThan(0);
  await expect.poll(() => app.samplesSeen(), { message: 'samples seen rises' }).toBeGreaterThan(5_000);
  const frames = await page.evaluate(async () => {
    const start = performance.now();
    const before = window.frameTimes.length;
    await new Promise((resolve) => setTimeout(resolve, 2000));  // a measuring window, not a wait for state
    const times = window.frameTimes.filter((t) => t >= start);
    let longest = 0;
    for (let i = 1; i < times.length; i++) longest = Math.max(longest, times[i] - times[i - 1]);
    return { count: window.frameTimes.length - before, seconds: (performance.now() - start) / 1000, longest };
  });
  testInfo.annotations.push({ type: 'frames', description: JSON.stringify(frames) });
  expect(frames.count / frames.seconds, 'frames per second on the main thread while training').toBeGreaterThan(20);
  expect(frames.longest, 'longest gap between frames (ms)').toBeLessThan(500);
  await app.screenshot(testInfo, 'training');

  // The epoch's summary appears in the aria-live log; then the run ends with the test accuracy.
  const epochLine = page.getByRole('list').filter({ hasText: 'Epoch 1:' }).getByRole('listitem');
  await expect(epochLine).toBeVisible({ timeout: 90_000 });
  const valAcc = Number(await epochLine.getAttribute('data-val-acc'));
  const seconds = Number(await epochLine.getAttribute('data-seconds'));
  testInfo.annotations.push({ type: 'epoch', description: `validation accuracy ${valAcc}, ${seconds.toFixed(2)} s` });
  expect(valAcc).toBeGreaterThanOrEqual(0.955);
  await expect(page.getByText(/^Test accuracy: \d+\.\d+% on 10,000 test images/)).toBeVisible();
  await expect(app.runState()).toHaveText('finished');
});

test('the curves, the predictions and the mistakes are drawn', async ({}, testInfo) => {
  for (const id of ['#training-chart', '#prediction-grid', '#confusion-matrix', '#per-class-accuracy', '#misclassified-grid', '#weights-view']) {
    const ink = await canvasInk(page.locator(id));
    expect(ink.fraction, `${id} has drawing on it`).toBeGreaterThan(0.02);
    expect(ink.colours, `${id} has more than one colour`).toBeGreaterThan(2);
  }
  // Choosing a confusion-matrix cell filters the gallery to that pair of classes.
  const matrix = page.locator('#confusion-matrix');
  const before = await page.locator('#gallery-caption').textContent();
  await page.getByRole('combobox', { name: 'True class' }).selectOption('4');
  await page.getByRole('combobox', { name: 'Predicted' }).selectOption('9');
  await expect(page.locator('#gallery-caption')).toContainText('(true class 4, predicted 9)');
  await page.getByRole('button', { name: 'Show all' }).click();
  await expect(page.locator('#gallery-caption')).toHaveText(before);
  const box = await matrix.boundingBox();
  await matrix.click({ position: { x: box.width * 0.6, y: box.height * 0.5 } });
  await expect(page.locator('#gallery-caption')).toContainText('true class');
  await app.screenshot(testInfo, 'trained');
  expect(app.errors).toEqual([]);
});

test('drawing a real test digit on the pad gives the right prediction', async ({}, testInfo) => {
  const pad = page.getByLabel(/Drawing pad/);
  await pad.scrollIntoViewIfNeeded();
  for (const index of [0, 1]) {  // a 7 and a 2: the first digits of the MNIST test set
    const digit = mnistTestDigit(index);
    await page.getByRole('button', { name: 'Clear drawing' }).click();
    await expect(page.locator('#draw-prediction')).toHaveText('Draw something.');
    await traceDigit(page, pad, digit.pixels);
    await expect(page.locator('#draw-prediction')).toHaveAttribute('data-predicted', String(digit.label));
    // What the model sees (the 28x28 preprocessed drawing) is shown.
    expect((await canvasInk(page.locator('#draw-input28'))).fraction).toBeGreaterThan(0.05);
    if (index === 0) await app.screenshot(testInfo, `drawn-${digit.label}`);
  }
  expect(app.errors).toEqual([]);
});

/** The views that show a model's test results. */
const RESULT_VIEWS = ['#prediction-grid', '#confusion-matrix', '#per-class-accuracy', '#misclassified-grid'];

test('Reset clears the old model\'s results; the downloaded model loads back with the same accuracy', async ({}, testInfo) => {
  const accuracy = await page.locator('#test-accuracy').textContent();
  expect(accuracy).toMatch(/^Test accuracy: /);
  const [download] = await Promise.all([page.waitForEvent('download'), app.button('Download model').click()]);
  expect(download.suggestedFilename()).toBe('mnist-model.bin');
  const file = testInfo.outputPath('mnist-model.bin');
  await download.saveAs(file);

  // Reset: a fresh model, so nothing of the trained one's evaluation stays on the page.
  await app.button('Reset').click();
  await expect(app.runState()).toHaveText('idle');
  await expect(page.locator('#test-accuracy')).toHaveText('');
  await expect(page.locator('#predictions-hint')).toHaveText(/^Train the model to see its predictions/);
  await expect(page.locator('#gallery-caption')).toHaveText('No test evaluation yet.');
  for (const id of RESULT_VIEWS) {
    expect((await canvasInk(page.locator(id))).fraction, `${id} is blank after Reset`).toBe(0);
  }
  await expect(page.locator('#draw-prediction')).toContainText('the model is untrained');
  await app.screenshot(testInfo, 'after-reset');

  // Load the file back: the trained model again, evaluated on the test set as before.
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), app.button('Load model file').click()]);
  await chooser.setFiles(file);
  await expect(page.locator('#test-accuracy')).toHaveText(accuracy);
  await expect(app.runState()).toHaveText('stopped');
  // The file brought its settings: the seed MLP's model with the one epoch it was trained for.
  await expect(app.modelSpec()).toHaveValue('dense:256:relu,dense:10:softmax');
  await expect(page.getByLabel('Epochs')).toHaveValue('1');
  for (const id of RESULT_VIEWS) {
    await expect.poll(async () => (await canvasInk(page.locator(id))).fraction, `${id} drawn again`).toBeGreaterThan(0.02);
  }
  await expect(page.locator('#draw-prediction')).toHaveAttribute('data-predicted', '2');  // the last digit drawn
  await expect(page.locator('#draw-prediction')).not.toContainText('untrained');

  // A file that is not a model: the banner says so and the model stays.
  const [again] = await Promise.all([page.waitForEvent('filechooser'), app.button('Load model file').click()]);
  await again.setFiles({ name: 'notes.bin', mimeType: 'application/octet-stream', buffer: Buffer.from('not a model') });
  await expect(app.errorBanner()).toContainText('This model file could not be loaded');
  await expect(page.locator('#test-accuracy')).toHaveText(accuracy);
  expect(app.errors).toEqual([]);
});
