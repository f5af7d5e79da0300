// Data in: Fashion-MNIST from the dataset menu (the engine's list), trained with its class names
// everywhere; one's own images dropped as a folder of class folders; IDX files uploaded; and bad
// uploads, each refused with one clear error while the page keeps its data and keeps working.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';
import { zipSync } from 'fflate';
import { Playground } from './helpers.js';
import { writeShapeFolder, greyPng, shapePixels } from './png-folder.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const FASHION = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];

/** Waits for "<name> ready" in the status line and a model to train. */
async function waitForDataset(app, name) {
  await expect(app.page.getByRole('status').filter({ hasText: `${name} ready` })).toBeVisible({ timeout: 120_000 });
  await expect(app.trainButton()).toBeEnabled({ timeout: 30_000 });
}

/** Uploads a folder through the folder picker, as a person choosing it would. */
async function uploadFolder(page, dir) {
  await page.locator('#upload-folder-input').setInputFiles(dir);
}

function scratchDir(name) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `mnist-${name}-`));
}

test('Fashion-MNIST from the menu trains one epoch to 80% or more, with its class names shown', async ({ page }, testInfo) => {
  const app = new Playground(page);
  await app.open('epochs=1');
  await app.waitForData();
  const menu = page.getByLabel('Dataset', { exact: true });
  await expect(menu.locator('option')).toHaveText(['MNIST', 'Fashion-MNIST']);
  await menu.selectOption({ label: 'Fashion-MNIST' });
  await waitForDataset(app, 'Fashion-MNIST');
  await expect(page).toHaveURL(/dataset=fashion-mnist/);
  await expect(page.locator('#dataset-split')).toContainText('55,000 training images, 5,000 validation images');
  await expect(page.locator('#dataset-source')).toContainText('MIT');
  // The training images' class menu: every class by name after "All classes".
  await expect(page.locator('#sample-digit option')).toHaveText(['All classes', ...FASHION]);

  await app.trainButton().click();
  const result = page.locator('#test-accuracy');
  await expect(result).toContainText('Test accuracy', { timeout: 180_000 });
  const accuracy = Number(/([\d.]+)%/.exec(await result.textContent())[1]);
  console.log(`Fashion-MNIST, seed MLP, 1 epoch in the browser: ${accuracy}% test accuracy`);
  expect(accuracy).toBeGreaterThanOrEqual(80);

  await app.button('Use a test image').click();
  await expect(page.locator('#draw-prediction')).toHaveText(new RegExp(`Prediction: (${FASHION.map((n) => n.replace('/', '\\/')).join('|')}) \\(\\d+%\\)`));
  await app.screenshot(testInfo, 'fashion-mnist-trained');
  expect(app.errors).toEqual([]);
});

test('a folder of one\'s own PNGs in class folders trains and predicts with its own class names', async ({ page }, testInfo) => {
  const dir = writeShapeFolder(path.join(scratchDir('shapes'), 'shapes'), {
    perClass: 35, extra: { 'README.txt': 'three shapes', '.DS_Store': 'x' },
  });
  const app = new Playground(page);
  await app.open('epochs=8&lr=0.003');
  await app.waitForData();
  await uploadFolder(page, dir);
  await waitForDataset(app, 'shapes');
  const menu = page.getByLabel('Dataset', { exact: true });
  await expect(menu).toHaveValue('custom');
  await expect(menu.locator('option:checked')).toHaveText('Yours: shapes');
  // 35 per class: every 7th (5 per class) for testing, 30 per class left; a twelfth of 90 for validation.
  await expect(page.locator('#dataset-split')).toContainText('82 training images, 8 validation images (the last twelfth of the training file) and 15 test images, in 3 classes');
  await expect(page.locator('#dataset-about')).toContainText('bar, column, ring');
  await expect(page.locator('#upload-notes')).toContainText('inverted');
  await expect(page.locator('#upload-notes')).toContainText('2 files that are not images were left out');
  // The model's output layer follows the classes: three outputs.
  await expect(app.modelSpec()).toHaveValue(/dense:3:softmax$/);

  await app.trainButton().click();
  const result = page.locator('#test-accuracy');
  await expect(result).toContainText('Test accuracy', { timeout: 120_000 });
  const accuracy = Number(/([\d.]+)%/.exec(await result.textContent())[1]);
  console.log(`three shapes, 8 epochs: ${accuracy}% test accuracy on 15 images`);
  expect(accuracy).toBeGreaterThanOrEqual(80);
  await app.button('Use a test image').click();
  await expect(page.locator('#draw-prediction')).toHaveText(/Prediction: (bar|column|ring) \(\d+%\)/);
  await app.screenshot(testInfo, 'own-shapes-trained');
  expect(app.errors).toEqual([]);
});

test('a zip of class folders dropped on the page loads as the folder would; a file named .zip that is not one is refused', async ({ page }) => {
  const dir = writeShapeFolder(path.join(scratchDir('zip'), 'shapes'), { perClass: 14, size: 56 });
  const entries = {};
  for (const shape of fs.readdirSync(dir)) {
    for (const file of fs.readdirSync(path.join(dir, shape))) {
      entries[`shapes/${shape}/${file}`] = new Uint8Array(fs.readFileSync(path.join(dir, shape, file)));
    }
  }
  const zip = path.join(path.dirname(dir), 'my shapes.zip');
  fs.writeFileSync(zip, zipSync(entries));
  const fake = path.join(path.dirname(dir), 'fake.zip');
  fs.writeFileSync(fake, 'this is not a zip file');

  const app = new Playground(page);
  await app.open();
  await app.waitForData();
  await page.locator('#upload-files-input').setInputFiles(fake);
  await expect(app.errorBanner()).toContainText('fake.zip is not a zip file the page can open');
  // Dropped on the zone, as a person drags the zip there from their files.
  const bytes = [...fs.readFileSync(zip)];
  const dropped = await page.evaluateHandle((data) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(data)], 'my shapes.zip', { type: 'application/zip' }));
    return transfer;
  }, bytes);
  await page.locator('#upload-zone').dispatchEvent('dragover', { dataTransfer: dropped });
  await page.locator('#upload-zone').dispatchEvent('drop', { dataTransfer: dropped });
  await waitForDataset(app, 'my shapes');
  // 14 per class: 2 test images each, 12 for training; a twelfth of 36 for validation.
  await expect(page.locator('#dataset-split')).toContainText('33 training images, 3 validation images (the last twelfth of the training file) and 6 test images, in 3 classes');
  await expect(page.locator('#upload-notes')).toContainText('The images were 56×56 and are scaled to fit 28×28');
  await expect(app.modelSpec()).toHaveValue(/dense:3:softmax$/);
});

test('IDX files uploaded together load with their class names; a checksum list is used when given', async ({ page }) => {
  const source = path.join(repo, 'data', 'fashion-mnist');
  const names = ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz', 't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz'];
  const app = new Playground(page);
  await app.open();
  await app.waitForData();
  await page.locator('#upload-files-input').setInputFiles(names.map((n) => path.join(source, n)));
  await waitForDataset(app, 'uploaded data');
  await expect(page.locator('#dataset-split')).toContainText('in 10 classes');
  await expect(page.locator('#dataset-about')).toContainText('Sneaker');
  await expect(page.locator('#upload-notes')).toContainText('No checksum list came with the files');

  // A SHA256SUMS list that does not match one of them: refused, and the data stays.
  const dir = scratchDir('sums');
  fs.writeFileSync(path.join(dir, 'SHA256SUMS.raw'), `${'0'.repeat(64)}  t10k-labels-idx1-ubyte\n`);
  await page.locator('#upload-files-input').setInputFiles([...names.map((n) => path.join(source, n)), path.join(dir, 'SHA256SUMS.raw')]);
  await expect(app.errorBanner()).toContainText('Checksum mismatch for t10k-labels-idx1-ubyte');
  await expect(page.getByRole('status').filter({ hasText: 'uploaded data ready' })).toBeVisible();
  await expect(app.trainButton()).toBeEnabled();
});

test('a bad upload gives one clear error and the page keeps its data and keeps training', async ({ page }) => {
  const root = scratchDir('bad');
  // Mixed sizes: one 32x32 image among 28x28 ones.
  const mixed = writeShapeFolder(path.join(root, 'mixed'), { perClass: 7, shapes: ['bar', 'ring'] });
  fs.writeFileSync(path.join(mixed, 'ring', 'big.png'), greyPng(32, 32, shapePixels('ring', 1, 32)));
  // One class only.
  const single = writeShapeFolder(path.join(root, 'single'), { perClass: 7, shapes: ['bar'] });
  // A file with an image's name that is not one.
  const broken = writeShapeFolder(path.join(root, 'broken'), { perClass: 7, shapes: ['bar', 'ring'], extra: { 'bar/x.png': 'not a png' } });

  const app = new Playground(page);
  await app.open('limit=1000&epochs=1');
  await app.waitForData();
  for (const [dir, words] of [[mixed, 'ring/big.png is 32x32'], [single, 'class'], [broken, 'bar/x.png']]) {
    await uploadFolder(page, dir);
    await expect(app.errorBanner()).toContainText(words);
    await expect(app.errorBanner()).toContainText('These files are not a dataset the page can read');
    await expect(page.getByRole('status').filter({ hasText: 'MNIST ready' })).toBeVisible();
    await expect(page.getByLabel('Dataset', { exact: true })).toHaveValue('mnist');
  }
  // Nothing was lost: MNIST trains as before.
  await app.trainButton().click();
  await expect(page.locator('#test-accuracy')).toContainText('Test accuracy', { timeout: 120_000 });
});
