// Opening the page: it loads the engine and MNIST without console errors, says which build
// runs, shows training images, and its controls are real, labelled form elements.
import { test, expect } from '@playwright/test';
import { Playground, canvasInk } from './helpers.js';

test('the page loads the engine and MNIST with no console errors @phone', async ({ page }, testInfo) => {
  const app = await new Playground(page).open();
  await expect(page.getByRole('heading', { name: 'MNIST playground' })).toBeVisible();
  await app.waitForData();
  await expect(page.getByText(/^Engine: WebAssembly (SIMD, \d+ of \d+ threads|SIMD|\(scalar\))$/)).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '55,000 training, 5,000 validation and 10,000 test images' })).toBeVisible();

  // Settings are labelled controls, the seed MLP by default: the engine's preset, as it is in
  // core/model/presets.cpp (10 epochs of batch 32). On a phone they start folded: open them.
  if (!(await page.getByLabel('Preset').isVisible())) {
    await page.getByRole('heading', { name: 'Model and training settings' }).click();
  }
  await expect(page.getByLabel('Preset')).toHaveValue('mlp');
  await expect(page.getByLabel('Preset').locator('option:checked')).toHaveText('MLP (seed)');
  await expect(page.getByLabel('Layer 1 units')).toHaveValue('256');
  await expect(page.getByLabel('Layer 1 activation')).toHaveValue('relu');
  await expect(page.getByLabel('Optimizer')).toHaveValue('adam');
  await expect(page.getByLabel('Epochs')).toHaveValue('10');
  for (const label of ['Model spec', 'Loss', 'Learning rate', 'Batch size', 'Epochs', 'Learning-rate schedule',
    'Initialiser', 'Seed']) {
    await expect(page.getByLabel(label, { exact: true })).toBeVisible();
  }
  await expect(page.getByRole('combobox', { name: 'Training images' })).toHaveValue('0');  // all
  await expect(page.getByLabel(/^Augment the training images/)).not.toBeChecked();
  await expect(app.modelSpec()).toHaveValue('dense:256:relu,dense:10:softmax');
  await expect(page.locator('#parameter-count')).toHaveText('203,530');

  // Training images are drawn before any training.
  await expect.poll(async () => (await canvasInk(page.locator('#sample-grid'))).fraction).toBeGreaterThan(0.05);
  // The first layer's initial weights are drawn.
  await expect.poll(async () => (await canvasInk(page.locator('#weights-view'))).fraction).toBeGreaterThan(0.05);

  // No horizontal scrolling, on a phone too.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(1);

  await app.screenshot(testInfo, 'loaded');
  expect(app.errors).toEqual([]);
});

test('settings are mirrored to the URL, and a link restores them', async ({ page }) => {
  // An old link (before the layer editor) with ?hidden= and ?act= still gives its model.
  const app = await new Playground(page).open('hidden=64,32&act=tanh&opt=momentum&lr=0.05&batch=64&epochs=2&init=he_normal&seed=7');
  await app.waitForData();
  await expect(page.getByLabel('Layer 2 units')).toHaveValue('32');
  await expect(page.getByLabel('Layer 1 activation')).toHaveValue('tanh');
  await expect(app.modelSpec()).toHaveValue('dense:64:tanh,dense:32:tanh,dense:10:softmax');
  await expect(page.getByLabel('Preset')).toHaveValue('custom');
  await expect(page.locator('#architecture')).toHaveText('784-64-32-10');
  await expect(page).toHaveURL(/model=dense:64:tanh,dense:32:tanh,dense:10:softmax&/);
  await page.getByLabel('Learning-rate schedule').selectOption('cosine');
  await page.getByLabel(/^Augment the training images/).check();
  await page.getByRole('combobox', { name: 'Training images' }).selectOption({ label: '5,000' });
  await expect(page).toHaveURL(/schedule=cosine&augment=1&limit=5000/);

  await page.getByLabel('Seed').fill('42');
  await page.getByLabel('Seed').press('Enter');
  await expect(page).toHaveURL(/seed=42/);
  await page.getByLabel('Preset').selectOption('mlp');
  await expect(page).toHaveURL(/model=dense:256:relu,dense:10:softmax&/);
  await expect(page.locator('#parameter-count')).toHaveText('203,530');
  // The training-image limit is a run option, not part of a preset: it stays.
  await expect(page).toHaveURL(/schedule=constant&augment=0&limit=5000/);

  // The same link in a new tab gives the same settings.
  const copy = await page.context().newPage();
  await copy.goto(page.url());
  await expect(copy.getByLabel('Preset')).toHaveValue('mlp');
  await expect(copy.getByRole('textbox', { name: 'Model spec' })).toHaveValue('dense:256:relu,dense:10:softmax');
  await expect(copy.getByRole('combobox', { name: 'Training images' })).toHaveValue('5000');
  await copy.close();
  expect(app.errors).toEqual([]);
});

test('?build=scalar runs the scalar engine and says so; a batch size the menu lacks is shown and used', async ({ page }) => {
  const app = await new Playground(page).open('build=scalar&batch=100');
  await app.waitForData();
  await expect(page.getByText('Engine: WebAssembly (scalar)')).toBeVisible();
  // 100 is valid (1..4096) but not in the menu: it gets its own option rather than a wrong one.
  await expect(page.getByLabel('Batch size')).toHaveValue('100');
  await expect(page.getByLabel('Batch size').locator('option:checked')).toHaveText('100');
  await expect(page).toHaveURL(/batch=100&/);
  await app.button('Step').click();
  await expect(app.counter('First-batch loss')).toHaveText(/^\d+\.\d+$/);
  await expect(app.counter('Samples seen')).toHaveText('100');
  expect(app.errors).toEqual([]);
});
