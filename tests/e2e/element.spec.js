// <mnist-playground> in a page of someone else's: under a strict CSP, two at once, driven by
// attributes, events and the API, kept across reloads, and gone without a trace when destroyed.
import fs from 'node:fs';
import { test, expect } from '@playwright/test';
import { openHostPage, pageViolations, recordEvents, events, Widget } from './host-page.js';
import { mnistTestDigit } from './helpers.js';

// Small, quick runs: a hidden layer on the first 2,000 or 3,000 training images, one epoch.
const SETTINGS_A = 'model=dense:32:relu,dense:10:softmax&limit=2000&batch=32&seed=1';
const SETTINGS_B = 'model=dense:16:relu,dense:10:softmax&limit=3000&batch=64&seed=5&opt=sgd&lr=0.1';
// Longer ones (a few seconds each), for two runs that must overlap in time.
const LONG_A = 'model=dense:64:relu,dense:10:softmax&limit=20000&batch=16&seed=1';
const LONG_B = 'model=dense:48:tanh,dense:10:softmax&limit=20000&batch=16&seed=5&opt=sgd&lr=0.05';
// Kept models are off unless a test sets `persist` itself (in HTML the first attribute wins).
const widget = (id, settings, extra = '') =>
  `<mnist-playground id="${id}" settings="${settings.replace(/&/g, '&amp;')}" epochs="1" ${extra}` +
  `${/\bpersist=/.test(extra) ? '' : ' persist="off"'}></mnist-playground>`;

async function trainAlone(page, baseURL, settings) {
  await openHostPage(page, baseURL, widget('solo', settings, 'controls="compact"'));
  const solo = new Widget(page, 'solo');
  await solo.waitForReady();
  await solo.button('Train').click();
  return solo.testAccuracy();
}

test('two playgrounds on a strict-CSP page train at once and neither changes the other', async ({ browser, baseURL }, testInfo) => {
  // Each run alone first, in a page of its own: the reference results (training is deterministic).
  const alone = await browser.newPage();
  const aloneA = await trainAlone(alone, baseURL, LONG_A);
  await alone.close();
  const aloneB = await browser.newPage();
  const aloneBAccuracy = await trainAlone(aloneB, baseURL, LONG_B);
  await aloneB.close();

  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const { violations } = await openHostPage(page, baseURL,
    widget('a', LONG_A, 'controls="train,chart,draw"') + widget('b', LONG_B, 'controls="compact" theme="dark"'));
  const a = new Widget(page, 'a');
  const b = new Widget(page, 'b');
  await Promise.all([a.waitForReady(), b.waitForReady()]);
  await recordEvents(page, 'a');
  await recordEvents(page, 'b');
  // Two workers, one per element.
  expect(page.workers().length).toBeGreaterThanOrEqual(2);
  await a.button('Train').click();
  await b.button('Train').click();
  const [accuracyA, accuracyB] = await Promise.all([a.testAccuracy(), b.testAccuracy()]);
  expect(accuracyA).toBe(aloneA);
  expect(accuracyB).toBe(aloneBAccuracy);
  expect(accuracyA).not.toBe(accuracyB);
  // The two runs really overlapped: each was running while the other had not finished.
  const at = (list, state) => list.find((e) => e.name === 'statechange' && e.detail.state === state).t;
  const [listA, listB] = [await events(page, 'a'), await events(page, 'b')];
  expect(at(listB, 'running')).toBeLessThan(at(listA, 'finished'));
  expect(at(listA, 'running')).toBeLessThan(at(listB, 'finished'));
  // Each element's progress counts its own images: 20,000 per epoch each.
  const progress = (list) => list.filter((e) => e.name === 'progress');
  expect(progress(listA).at(-1).detail.samplesSeen).toBe(20000);
  expect(progress(listB).at(-1).detail.samplesSeen).toBe(20000);
  // ... and arrives during the run (at most every 200 ms, the first slice at once), not only at its end.
  expect(progress(listA).some((e) => e.detail.samplesSeen < 20000)).toBe(true);
  expect(progress(listB).some((e) => e.detail.samplesSeen < 20000)).toBe(true);
  await expect(a.root.locator('#samples-counter')).toHaveText('20,000');

  const file = testInfo.outputPath('two-widgets.png');
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach('two widgets on one host page', { path: file, contentType: 'image/png' });
  expect(violations).toEqual([]);
  expect(await pageViolations(page)).toEqual([]);
  await page.close();
});

test('events arrive in order: ready, progress, epoch, trained', async ({ page, baseURL }) => {
  await openHostPage(page, baseURL, widget('w', SETTINGS_A, 'controls="compact"'));
  await recordEvents(page, 'w');
  const w = new Widget(page, 'w');
  await w.waitForReady();
  await w.button('Train').click();
  const accuracy = await w.testAccuracy();
  await expect(w.root.locator('#run-state')).toHaveText('finished');
  const list = await events(page, 'w');
  const names = list.map((e) => e.name);
  expect(names[0]).toBe('ready');
  expect(list[0].detail.counts).toEqual({ train: 55000, validation: 5000, test: 10000 });
  const firstProgress = names.indexOf('progress');
  const epoch = names.indexOf('epoch');
  const trained = names.indexOf('trained');
  expect(firstProgress).toBeGreaterThan(0);
  expect(epoch).toBeGreaterThan(names.lastIndexOf('progress'));
  expect(trained).toBeGreaterThan(epoch);
  expect(list[epoch].detail.epoch).toBe(1);
  expect(list[trained].detail.accuracy).toBe(accuracy);
  expect(list[trained].detail.count).toBe(10000);
  const states = list.filter((e) => e.name === 'statechange').map((e) => e.detail.state);
  expect(states).toEqual(expect.arrayContaining(['running', 'finished']));
  expect(states.indexOf('running')).toBeLessThan(states.indexOf('finished'));
  expect(names).not.toContain('error');
});

test('attributes change what the element shows', async ({ page, baseURL }) => {
  await openHostPage(page, baseURL, widget('w', SETTINGS_A, 'controls="compact"'));
  const w = new Widget(page, 'w');
  await w.waitForReady();
  const settings = w.root.getByRole('heading', { name: 'Model and training settings' });
  const drawPad = w.root.getByLabel(/Drawing pad/);
  await expect(settings).toBeHidden();
  await expect(drawPad).toBeVisible();

  await w.root.evaluate((el) => el.setAttribute('controls', 'settings,train'));
  await expect(settings).toBeVisible();
  await expect(drawPad).toBeHidden();
  await expect(w.root.getByRole('textbox', { name: 'Model spec' })).toHaveValue('dense:32:relu,dense:10:softmax');

  // A preset attribute replaces the model; epochs sets the next run's length.
  await w.root.evaluate((el) => { el.removeAttribute('settings'); el.setAttribute('preset', 'cnn-small'); });
  await expect(w.root.getByRole('textbox', { name: 'Model spec' })).toHaveValue(/^conv:8:5x5/);
  await expect(w.root.locator('#parameter-count')).toHaveText('5,994');
  await w.root.evaluate((el) => el.setAttribute('epochs', '3'));
  await expect(w.root.getByLabel('Epochs')).toHaveValue('3');

  // The theme attribute recolours the element (its panels), light or dark.
  const panelColour = () => w.root.locator('#train-section').evaluate((el) => getComputedStyle(el).backgroundColor);
  await w.root.evaluate((el) => el.setAttribute('theme', 'light'));
  await expect.poll(panelColour).toBe('rgb(255, 255, 255)');
  await w.root.evaluate((el) => el.setAttribute('theme', 'dark'));
  await expect.poll(panelColour).toBe('rgb(22, 27, 34)');
});

test('a reload restores the trained model with the same predictions, and training continues from it', async ({ page, baseURL }) => {
  const body = widget('keep', SETTINGS_A, 'controls="train,chart,files" persist="restore-test"');
  await openHostPage(page, baseURL, body);
  const w = new Widget(page, 'keep');
  await w.waitForReady();
  await w.button('Train').click();
  const accuracy = await w.testAccuracy();
  const digits = [0, 1, 2, 3, 4].map((i) => mnistTestDigit(i).pixels);
  const before = [];
  for (const pixels of digits) before.push(await w.predict(pixels));

  const trainedBy = Date.now();
  await page.waitForTimeout(1100);  // so a date taken at the reload would differ
  await page.reload();
  await page.evaluate(() => document.getElementById('keep').ready);
  const notice = w.root.getByRole('status').filter({ hasText: 'Restored the model trained on' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('1 epoch');
  // The date is the training's, not the reload's.
  expect(Date.parse(await w.root.locator('#restore-notice').getAttribute('data-trained-at'))).toBeLessThanOrEqual(trainedBy);
  expect(await w.testAccuracy()).toBe(accuracy);
  for (let i = 0; i < digits.length; i++) expect(await w.predict(digits[i])).toEqual(before[i]);
  // The curves came back with it.
  await expect(w.root.getByRole('listitem').filter({ hasText: /^Epoch 1:/ })).toBeVisible();

  // Continue: epoch 2 starts from the restored weights, so its first batches are already good.
  await recordEvents(page, 'keep');
  await expect(w.button('Continue training')).toBeEnabled();
  await expect(w.button('Train from scratch')).toBeVisible();
  await w.button('Continue training').click();
  await expect(w.root.locator('#run-state')).toHaveText('finished', { timeout: 60_000 });
  const list = await events(page, 'keep');
  const progress = list.filter((e) => e.name === 'progress');
  expect(progress[0].detail.accuracy).toBeGreaterThan(0.6);  // chance is 0.1
  expect(progress[0].detail.samplesSeen).toBeGreaterThan(2000);
  expect(list.find((e) => e.name === 'epoch').detail.epoch).toBe(2);
  const continued = list.find((e) => e.name === 'trained').detail.accuracy;
  expect(continued).toBeGreaterThan(accuracy);
  // Epochs is still how long one run trains (1), not how long the model has trained (2).
  await expect(w.root.getByLabel('Epochs')).toHaveValue('1');

  // Reloaded again: the continued model (2 epochs) is the one restored.
  await page.reload();
  await page.evaluate(() => document.getElementById('keep').ready);
  await expect(notice).toContainText('2 epochs');
  expect(await w.testAccuracy()).toBe(continued);

  // Discarding forgets it: after a reload the element starts from fresh weights.
  await w.root.getByRole('button', { name: 'Discard saved model' }).click();
  await expect(w.button('Train')).toBeEnabled();
  await page.reload();
  await page.evaluate(() => document.getElementById('keep').ready);
  await expect(w.root.getByText('Restored the model')).toBeHidden();
  await expect(w.button('Train')).toBeEnabled();
});

test('changing only the epochs keeps the trained model; Continue trains that many more', async ({ page, baseURL }) => {
  await openHostPage(page, baseURL, widget('w', SETTINGS_A, 'controls="settings,train"'));
  const w = new Widget(page, 'w');
  await w.waitForReady();
  await w.button('Train').click();
  await expect(w.root.locator('#run-state')).toHaveText('finished');
  const epochs = w.root.getByLabel('Epochs');
  await epochs.fill('2');
  await epochs.press('Enter');
  await page.waitForTimeout(600);  // longer than the form's wait before it rebuilds a model
  await expect(w.button('Continue training')).toBeEnabled();
  await expect(w.root.getByRole('listitem').filter({ hasText: /^Epoch 1:/ })).toBeVisible();
  await w.button('Continue training').click();
  await expect(w.root.getByRole('listitem').filter({ hasText: /^Epoch 3:/ })).toBeVisible({ timeout: 60_000 });
  await expect(w.root.locator('#epoch-counter')).toHaveText('3 / 3');
  // Another setting (the learning rate) is another model: fresh weights, Train again.
  await w.root.getByLabel('Learning rate').fill('0.01');
  await w.root.getByLabel('Learning rate').press('Enter');
  await expect(w.button('Train')).toBeEnabled();
  await expect(w.root.locator('#epoch-log li')).toHaveCount(0);
});

test('removing the element ends its worker; adding it back starts it again', async ({ page, baseURL }) => {
  await openHostPage(page, baseURL, widget('w', SETTINGS_A, 'controls="compact"'));
  const w = new Widget(page, 'w');
  await w.waitForReady();
  const [worker] = page.workers();
  const closed = worker.waitForEvent('close');
  await page.evaluate(() => { window.__removed = document.getElementById('w'); window.__removed.remove(); });
  await closed;
  expect(page.workers()).toEqual([]);
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
  await page.evaluate(() => document.body.append(window.__removed));
  await w.waitForReady();
  await w.button('Train').click();
  expect(await w.testAccuracy()).toBeGreaterThan(0.5);
  expect(page.workers()).toHaveLength(1);
});

test('destroy() ends the worker and empties the element; createPlayground mounts one in a container', async ({ page, baseURL }) => {
  await openHostPage(page, baseURL, '<div id="box"></div>');
  const created = page.waitForEvent('worker');
  await page.evaluate(async () => {
    const { createPlayground } = await import('/web/index.js');
    window.__playground = createPlayground(document.getElementById('box'), { controls: 'compact', persist: 'off', settings: 'limit=1000' });
    await window.__playground.ready;
  });
  const worker = await created;
  await expect(page.locator('#box mnist-playground').getByRole('status').filter({ hasText: 'MNIST ready' })).toBeVisible();
  const closed = worker.waitForEvent('close');
  await page.evaluate(() => window.__playground.destroy());
  await closed;
  await expect(page.locator('#box mnist-playground')).toHaveCount(0);
  expect(page.workers()).toEqual([]);
});

test('the element fits 320 px and uses 1280 px @phone', async ({ page, baseURL }, testInfo) => {
  await openHostPage(page, baseURL, widget('w', SETTINGS_A, 'controls="full"'));
  const w = new Widget(page, 'w');
  await w.waitForReady();
  for (const width of [320, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const training = await w.root.locator('#train-section').boundingBox();
    const draw = await w.root.locator('#draw-section').boundingBox();
    // Wide: training and the draw pad side by side; narrow: one column, training first.
    if (width === 1280) expect(Math.abs(draw.y - training.y)).toBeLessThan(2);
    else expect(draw.y).toBeGreaterThan(training.y + training.height - 1);
    // The chart follows its box both ways (it was drawn first at the other width).
    const box = await w.root.locator('#train-section .chart-box').boundingBox();
    await expect.poll(async () => (await w.root.locator('#training-chart').boundingBox()).width)
      .toBeGreaterThan(box.width * 0.95);
    expect(box.height).toBeGreaterThan(200);
    const file = testInfo.outputPath(`element-${width}.png`);
    await page.screenshot({ path: file, fullPage: true });
    await testInfo.attach(`element at ${width} px`, { path: file, contentType: 'image/png' });
  }
});

test('the curves and metrics export as CSV and JSON, and a chart as PNG', async ({ page, baseURL }, testInfo) => {
  await openHostPage(page, baseURL, widget('w', SETTINGS_A, 'controls="train,chart,files,mistakes"'));
  const w = new Widget(page, 'w');
  await w.waitForReady();
  await expect(w.button('Curves as CSV')).toBeDisabled();  // nothing to export before training
  await w.button('Train').click();
  const accuracy = await w.testAccuracy();
  const save = async (name) => {
    const [download] = await Promise.all([page.waitForEvent('download'), w.button(name).click()]);
    const file = testInfo.outputPath(download.suggestedFilename());
    await download.saveAs(file);
    return fs.readFileSync(file);
  };

  const rows = (await save('Curves as CSV')).toString().trim().split('\n').map((line) => line.split(','));
  expect(rows[0]).toEqual(['kind', 'epoch', 'samples_seen', 'loss', 'accuracy', 'val_loss', 'val_accuracy', 'seconds']);
  const batches = rows.filter((r) => r[0] === 'batch');
  const epochs = rows.filter((r) => r[0] === 'epoch');
  expect(batches.length).toBeGreaterThan(0);
  expect(Number(batches.at(-1)[2])).toBe(2000);
  expect(epochs).toHaveLength(1);
  expect(rows.at(-1)[0]).toBe('epoch');  // after the batches it sums up
  expect(Number(epochs[0][6])).toBeGreaterThan(0.5);

  const json = JSON.parse((await save('Curves and metrics as JSON')).toString());
  expect(json.test.accuracy).toBe(accuracy);
  expect(json.test.count).toBe(10000);
  expect(json.test.confusion).toHaveLength(100);
  expect(json.test.confusion.reduce((a, b) => a + b, 0)).toBe(10000);
  expect(json.settings.modelSpec).toBe('dense:32:relu,dense:10:softmax');
  expect(json.epochs[0].valAcc).toBe(Number(epochs[0][6]));

  for (const name of ['Chart as PNG', 'Matrix as PNG']) {
    const png = await save(name);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.length).toBeGreaterThan(2000);
  }
});

test('the iframe route shows one configured playground', async ({ page }) => {
  await page.goto('/embed.html?preset=mlp&controls=compact&theme=dark&limit=1000&epochs=1&persist=off');
  const w = new Widget(page, 'playground');
  await w.waitForReady();
  await expect(w.root.getByRole('heading', { name: 'Model and training settings' })).toBeHidden();
  await expect(w.root.getByLabel(/Drawing pad/)).toBeVisible();
  await expect(w.root).toHaveAttribute('theme', 'dark');
  await w.button('Train').click();
  expect(await w.testAccuracy()).toBeGreaterThan(0.5);
  await expect(w.root.locator('#samples-counter')).toHaveText('1,000');
});
