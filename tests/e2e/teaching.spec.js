// The teaching panels of "Inside the network", checked against their own arithmetic: the numbers
// the explain panel shows add up (z = Σ w·x + b; Adam's Δw from the m̂ and v̂ it shows) and the
// Δw it shows is the change the next step's trace finds in that weight; the gradient check of the
// seed MLP passes; the health panel draws its histograms and names a classic failure when one of
// the failure presets trains, on a phone-sized screen.
// Quick runs: 1,000 training images (?limit=1000) and a few single batches.
import { test, expect } from '@playwright/test';
import { Playground, canvasInk } from './helpers.js';

/** The full-precision number a <data> element with this data-testid holds. */
async function shown(page, testid) {
  return Number(await page.locator(`[data-testid="${testid}"]`).first().getAttribute('value'));
}

function expectClose(actual, expected, relative, scale = Math.abs(expected)) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(relative * Math.max(scale, 1e-12));
}

test('explain a step: z = Σ w·x + b and the update Δw add up, and Δw is what the next step finds', async ({ page }) => {
  const app = await new Playground(page).open('preset=mlp&limit=1000');
  await app.waitForData();
  const story = page.getByTestId('explain-story');

  await app.button('Explain a step').click();
  await page.locator('#explain-layer').selectOption({ index: 0 });  // the first dense layer
  await page.getByLabel(/^Neuron/).fill('5');
  await page.getByLabel(/^Neuron/).press('Enter');
  // Each image of the batch is drawn on its button: a digit has ink (bright pixels) on black.
  const ink = await page.locator('[data-example="3"] canvas').evaluate((canvas) => {
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let bright = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] > 128) bright++;
    return bright / (data.length / 4);
  });
  expect(ink).toBeGreaterThan(0.05);
  expect(ink).toBeLessThan(0.6);
  await page.locator('[data-example="3"]').click();
  await expect(story).toHaveAttribute('data-example', '3');
  await expect(story).toHaveAttribute('data-unit', '5');
  const firstSeen = Number(await story.getAttribute('data-samples-seen'));

  // Forward: the inputs that are not zero, their weights, b and z, as the panel shows them.
  await story.getByText(/^The numbers:/).click();
  const terms = await page.getByTestId('explain-terms').locator('tbody tr').evaluateAll((rows) => rows.map((row) => ({
    x: Number(row.querySelector('[data-role="x"]').getAttribute('value')),
    w: Number(row.querySelector('[data-role="w"]').getAttribute('value')),
  })));
  expect(terms.length).toBeGreaterThan(50);  // a digit's ink: about 150 of the 784 pixels
  const b = await shown(page, 'explain-b');
  const z = await shown(page, 'explain-z-value');
  const sum = terms.reduce((s, { x, w }) => s + w * x, 0) + b;
  const magnitude = terms.reduce((s, { x, w }) => s + Math.abs(w * x), 0) + Math.abs(b);
  expectClose(sum, z, 1e-4, magnitude);

  // Update (Adam, the seed MLP's optimizer): Δw = −η · m̂ / (√v̂ + ε) from the numbers shown.
  const index = Number(await page.getByLabel('Weight number').inputValue());
  const w = await shown(page, 'explain-update-w-value');
  const delta = await shown(page, 'explain-update-delta-value');
  const wAfter = await shown(page, 'explain-update-w-after');
  const eta = await shown(page, 'explain-update-lr');
  const epsilon = await shown(page, 'explain-update-eps');
  const mHat = await shown(page, 'explain-update-mhat-value');
  const vHat = await shown(page, 'explain-update-vhat-value');
  expect(delta).not.toBe(0);
  expectClose(-eta * mHat / (Math.sqrt(vHat) + epsilon), delta, 1e-4);
  expectClose(await shown(page, 'explain-update-m-value') / await shown(page, 'explain-update-c1'), mHat, 1e-6);

  // The panel follows that weight into the next step: its value there is this one plus the Δw
  // shown here.
  await app.button('Explain a step').click();
  await expect(story).not.toHaveAttribute('data-samples-seen', String(firstSeen));
  await expect(story).toHaveAttribute('data-unit', '5');
  expect(Number(await page.getByLabel('Weight number').inputValue())).toBe(index);
  const wNext = await shown(page, 'explain-update-w-value');
  expect(wNext).toBe(wAfter);
  expectClose(wNext - w, delta, 1e-3);
  expect(app.errors).toEqual([]);
});

test('the gradient check of the seed MLP passes in every layer', async ({ page }) => {
  const app = await new Playground(page).open('preset=mlp&limit=1000');
  await app.waitForData();
  await app.button('Check the gradients').click();
  await expect(page.getByTestId('gradcheck-verdict')).toHaveAttribute('data-verdict', 'pass');
  const errors = await page.locator('[data-testid^="gradcheck-max-"]').evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('value'))));
  expect(errors.length).toBeGreaterThanOrEqual(2);  // both dense layers
  for (const error of errors) expect(error).toBeLessThan(1e-3);
  expect(app.errors).toEqual([]);
});

test('network health on a phone: histograms and percentages, then zero initialisation and a deep sigmoid network are named', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 375, height: 800 });
  const app = await new Playground(page).open('preset=mlp&limit=1000');
  await app.waitForData();
  await page.getByText('Network health', { exact: true }).click();
  await app.button('Step').click();

  const weights = page.locator('[data-testid^="health-weights-"]').first();
  await expect(weights).toBeVisible();
  expect((await canvasInk(weights)).fraction).toBeGreaterThan(0.05);
  expect((await canvasInk(page.locator('[data-testid^="health-activations-"]').first())).fraction).toBeGreaterThan(0.02);
  await expect(page.locator('[data-testid^="health-dead-"]').first()).toHaveText(/^\d+(\.\d)?%$/);
  await expect(page.locator('[data-sign="healthy"]')).toBeVisible();

  // The whole section fits the phone's width.
  const overflow = await page.locator('#teach-section').evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow).toBeLessThanOrEqual(1);

  // Zero initialisation: a fresh model whose weights are all 0, reported as soon as it is built.
  await page.locator('[data-preset="fail-zero-init"]').click();
  await expect(page.locator('[data-sign="symmetric"]').first()).toBeVisible();
  await app.button('Step').click();
  await expect(page.locator('[data-sign="symmetric"]').first()).toBeVisible();
  await expect(page.locator('[data-sign="healthy"]')).toHaveCount(0);

  // Seven sigmoid layers: the first layer's gradient is thousands of times smaller than the last's.
  await page.locator('[data-preset="fail-deep-sigmoid"]').click();
  await app.button('Step').click();
  await expect(page.locator('[data-sign="vanishing"]')).toBeVisible();
  await page.locator('#health-panel').screenshot({ path: testInfo.outputPath('health-phone.png') });
  expect(app.errors).toEqual([]);
});
