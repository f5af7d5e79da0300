// A convolutional network, as a visitor would try one: choose the "CNN small" preset, train on
// 10,000 images for a quick epoch, read the validation accuracy, look at the learnt filters, draw
// a digit and watch each layer's feature maps, then build another model in the layer editor.
// The tests share one page (serial) so the model is trained once.
import { test, expect } from '@playwright/test';
import { Playground, canvasInk, mnistTestDigit, traceDigit } from './helpers.js';

test.describe.configure({ mode: 'serial' });

const CNN_SMALL = 'conv:8:5x5:relu,maxpool:2,conv:16:5x5:relu,maxpool:2,flatten,dense:10:softmax';

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

/** A fingerprint of a canvas's pixels, to tell whether a view was redrawn differently. */
function pixelsOf(locator) {
  return locator.evaluate((canvas) => canvas.toDataURL());
}

test('CNN small on 10,000 training images: one epoch reaches 90% validation accuracy and draws its filters', async ({}, testInfo) => {
  await app.open();
  await app.waitForData();
  await app.choosePreset('CNN small');
  // The preset is the engine's (core/model/presets.cpp): its spec, batch 64, one epoch.
  await expect(app.modelSpec()).toHaveValue(CNN_SMALL);
  await expect(page.getByLabel('Batch size')).toHaveValue('64');
  await expect(page.getByLabel('Epochs')).toHaveValue('1');
  await expect(page.locator('#parameter-count')).toHaveText('5,994');
  await page.getByRole('combobox', { name: 'Training images' }).selectOption({ label: '10,000' });
  await expect(page).toHaveURL(/limit=10000/);
  await expect(page.getByLabel('Preset')).toHaveValue('cnn-small');  // a limit is not a new setup

  await app.trainButton().click();
  await expect(app.runState()).toHaveText('running');
  await expect(app.epochLine(1)).toBeVisible({ timeout: 60_000 });
  await expect(app.runState()).toHaveText('finished');
  const valAcc = Number(await app.epochLine(1).getAttribute('data-val-acc'));
  const seconds = Number(await app.epochLine(1).getAttribute('data-seconds'));
  testInfo.annotations.push({ type: 'epoch', description: `validation accuracy ${valAcc}, ${seconds.toFixed(2)} s` });
  // 157 batches of 64 on 10,000 images: 0.929 with seed 1 (the full 55,000 give ~0.97);
  // 0.90 leaves room for another machine's floating-point rounding.
  expect(valAcc).toBeGreaterThanOrEqual(0.90);
  // 10,000 images in batches of 64 (the last one partial): the counters say so.
  await expect(app.counter('Batch')).toHaveText('157 / 157');
  await expect(page.getByText(/^Test accuracy: \d+\.\d+% on 10,000 test images/)).toBeVisible();

  // The weights section now shows the convolution filters instead of dense weight images.
  await expect(page.getByRole('heading', { name: 'Convolution filters' })).toBeVisible();
  const filters = page.locator('#conv-filters');
  await expect(filters).toBeVisible();
  await expect(page.locator('#weights-view')).toBeHidden();
  await expect(filters).toHaveAttribute('aria-label', /layer 1: 8 filters of 1 by 5 by 5; layer 4: 16 filters of 8 by 5 by 5/);
  const ink = await canvasInk(filters);
  expect(ink.fraction, 'filters drawn').toBeGreaterThan(0.1);
  expect(ink.colours, 'filters in many colours').toBeGreaterThan(50);
  await filters.scrollIntoViewIfNeeded();
  await app.screenshot(testInfo, 'cnn-trained');
  expect(app.errors).toEqual([]);
});

test('drawing a digit shows each layer\'s feature maps, and they follow the drawing', async ({}, testInfo) => {
  const pad = page.getByLabel(/Drawing pad/);
  const maps = page.locator('#feature-maps');
  await pad.scrollIntoViewIfNeeded();
  await expect(maps).toBeHidden();  // nothing drawn yet: a hint instead

  const seven = mnistTestDigit(0);
  await traceDigit(page, pad, seven.pixels);
  // (Right or not: one short epoch on 10,000 images reads traced digits less well than MNIST's.)
  await expect(page.locator('#draw-prediction')).toHaveAttribute('data-predicted', /^\d$/);
  await expect(maps).toBeVisible();
  // One band per layer: the convolutions after their ReLU, then the pooling layers.
  await expect(maps).toHaveAttribute('aria-label',
    /layers 1–2 Conv2D \+ ReLU, 8 maps of 24 by 24; layer 3 MaxPool2D, 8 maps of 12 by 12; layers 4–5 Conv2D \+ ReLU, 16 maps of 8 by 8; layer 6 MaxPool2D, 16 maps of 4 by 4/);
  const ink = await canvasInk(maps);
  expect(ink.fraction, 'feature maps drawn').toBeGreaterThan(0.1);
  expect(ink.colours, 'feature maps in many shades').toBeGreaterThan(50);
  await maps.scrollIntoViewIfNeeded();
  await app.screenshot(testInfo, 'feature-maps-7');
  const ofSeven = await pixelsOf(maps);

  // Another digit gives other maps.
  await page.getByRole('button', { name: 'Clear drawing' }).click();
  await expect(maps).toBeHidden();
  const two = mnistTestDigit(1);
  await traceDigit(page, pad, two.pixels);
  await expect(page.locator('#draw-prediction')).toHaveAttribute('data-predicted', /^\d$/);
  await expect(maps).toBeVisible();
  await expect.poll(() => pixelsOf(maps)).not.toBe(ofSeven);
  expect(app.errors).toEqual([]);
});

test('clicking a convolution\'s feature map explains that filter at that place', async () => {
  const maps = page.locator('#feature-maps');
  await expect(maps).toBeVisible();
  // The first band (Conv2D + ReLU, 8 maps of 24x24, each drawn 48 px wide with 4 px between them,
  // under a 22 px caption): the third map, 11 px into it both ways (the middle of a value's 2 px,
  // so that rounding to whole CSS px stays inside it), is filter 2 at row 5, column 5.
  const scale = await maps.evaluate((c) => c.clientWidth / (c.width / devicePixelRatio));
  await maps.click({ position: { x: (2 * 52 + 11) * scale, y: (22 + 11) * scale } });
  const status = page.locator('#explain-status');
  await expect(status).toHaveText(/Filter 2 of layer 1 chosen from its feature map/);
  // Then a traced step explains that filter there.
  await app.button('Explain a step').click();
  const story = page.getByTestId('explain-story');
  await expect(story).toHaveAttribute('data-unit', '2');
  await expect(page.locator('#explain-layer')).toHaveValue('0');
  await expect(page.locator('#explain-row')).toHaveValue('5');
  await expect(page.locator('#explain-col')).toHaveValue('5');
  // The traced step left the run paused: Stop ends it, so the settings unlock for the next test.
  await app.button('Stop').click();
  await expect(page.locator('#run-state')).toHaveText('stopped');
  expect(app.errors).toEqual([]);
});

test('the layer editor adds, moves and removes a convolution, and the spec text follows', async ({}, testInfo) => {
  await page.getByRole('heading', { name: 'Layers' }).scrollIntoViewIfNeeded();
  await expect(page.getByLabel('Layer 5 type')).toHaveValue('flatten');

  // Add a convolution: it goes after the last pooling layer, where it still sees an image.
  await page.getByLabel('New layer').selectOption('conv');
  await page.getByRole('button', { name: 'Add layer' }).click();
  const added = 'conv:8:5x5:relu,maxpool:2,conv:16:5x5:relu,maxpool:2,conv:8:3x3:same:relu,flatten,dense:10:softmax';
  await expect(app.modelSpec()).toHaveValue(added);
  await expect(page.getByLabel('Layer 5 type')).toHaveValue('conv');
  await expect(page.getByLabel('Layer 5 type')).toBeFocused();  // focus on the new row
  await expect(page.getByLabel('Preset')).toHaveValue('custom');
  await expect(page).toHaveURL(new RegExp(`model=${added}&`));
  // The engine built it: three Conv2D layers in its summary, 208 + 3,216 + 1,160 (8·16·3·3 + 8) + 1,290 parameters.
  await expect(page.locator('#parameter-count')).toHaveText('5,874');
  await expect(page.locator('#model-summary')).toContainText('(8, 4, 4)');

  // Its parameters are edited like any field; the keyboard moves it.
  await page.getByLabel('Layer 5 filters').fill('4');
  await page.getByLabel('Layer 5 filters').press('Tab');
  await expect(app.modelSpec()).toHaveValue(added.replace('conv:8:3x3', 'conv:4:3x3'));
  await expect(page.getByLabel('Layer 5 kernel')).toBeFocused();  // Tab went on as usual
  await page.getByLabel('Move layer 5 up').focus();
  await page.keyboard.press('Enter');
  await expect(app.modelSpec()).toHaveValue(
    'conv:8:5x5:relu,maxpool:2,conv:16:5x5:relu,conv:4:3x3:same:relu,maxpool:2,flatten,dense:10:softmax');
  await expect(page.getByLabel('Move layer 4 up')).toBeFocused();
  await app.screenshot(testInfo, 'layer-editor');
  await page.getByLabel('Remove layer 4').click();
  await expect(app.modelSpec()).toHaveValue(CNN_SMALL);
  await expect(page.getByLabel('Preset')).toHaveValue('cnn-small');

  // The spec text is an editor too; the engine judges it, and its message shows beside it.
  await app.enterModelSpec('conv:8:5x5:relu,conv:16:30x30:relu,dense:10:softmax');
  await expect(app.modelSpecError()).toContainText('The engine cannot build this model');
  await expect(app.modelSpecError()).toContainText('30x30');
  await expect(app.modelSpec()).toHaveAttribute('aria-invalid', 'true');
  await expect(app.trainButton()).toBeDisabled();
  await app.enterModelSpec('conv:8:5x5:relu,flatten,dense:10');
  await expect(app.modelSpecError()).toContainText('softmax');
  // Text outside the grammar: the engine says what it expected; the rows wait for a fix.
  await app.enterModelSpec('conv:8,dense:10:softmax');
  await expect(app.modelSpecError()).toContainText("layer 1 'conv:8': kernel must be KHxKW");
  await expect(page.getByText('The layer list cannot show this spec')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add layer' })).toBeDisabled();
  await app.enterModelSpec('conv:8:5x5:relu,avgpool:2,dropout:0.1,flatten,dense:10:softmax');
  await expect(app.modelSpecError()).toHaveText('');
  await expect(app.modelSpec()).not.toHaveAttribute('aria-invalid');
  await expect(page.getByLabel('Layer 2 type')).toHaveValue('avgpool');
  await expect(page.getByLabel('Layer 3 rate')).toHaveValue('0.1');
  await expect(app.trainButton()).toBeEnabled();
  expect(app.errors).toEqual([]);
});
