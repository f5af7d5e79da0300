// The model file is one format everywhere: a model downloaded from the playground is what
// `mnist-train --load` evaluates, and a model `mnist-train --save` wrote loads into the playground,
// with the same test accuracy in both places (the same 10,000 test images, the same weights).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';
import { openHostPage, Widget } from './host-page.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = path.join(repo, 'build', 'native', 'mnist-train');
const DATA = process.env.MNIST_DATA_DIR || path.join(repo, 'data', 'mnist');

/** Runs mnist-train with --json; returns the object of the line that has test_acc. */
function cli(...args) {
  const out = execFileSync(CLI, ['--data', DATA, '--json', '--no-progress', ...args], { encoding: 'utf8' });
  return out.trim().split('\n').map((line) => JSON.parse(line)).find((o) => 'test_acc' in o);
}
const correct = (accuracy) => Math.round(accuracy * 10000);  // of the 10,000 test images

test.beforeAll(() => {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run scripts/build-native.sh (npm test does)`);
});

test('a model downloaded from the page is the one mnist-train --load evaluates', async ({ page, baseURL }, testInfo) => {
  await openHostPage(page, baseURL, '<mnist-playground id="w" controls="train,files" persist="off" epochs="1" ' +
    'settings="model=dense:32:relu,dense:10:softmax&amp;limit=2000&amp;seed=3"></mnist-playground>');
  const w = new Widget(page, 'w');
  await w.waitForReady();
  await w.button('Train').click();
  const accuracy = await w.testAccuracy();
  const [download] = await Promise.all([page.waitForEvent('download'), w.button('Download model').click()]);
  const file = testInfo.outputPath('from-page.model');
  await download.saveAs(file);
  expect(correct(cli('--load', file).test_acc)).toBe(correct(accuracy));
});

test('a model saved by mnist-train --save loads into the page with the same accuracy', async ({ page, baseURL }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mnist-model-'));
  const file = path.join(dir, 'cli.model');
  const trained = cli('--model', 'dense:48:tanh,dense:10:softmax', '--optimizer', 'momentum', '--lr', '0.05',
    '--limit', '3000', '--epochs', '2', '--seed', '9', '--save', file);
  await openHostPage(page, baseURL, '<mnist-playground id="w" controls="settings,train,files" persist="off"></mnist-playground>');
  const w = new Widget(page, 'w');
  await w.waitForReady();
  await w.call('load', Array.from(fs.readFileSync(file)));
  expect(correct(await w.testAccuracy())).toBe(correct(trained.test_acc));
  // The file's settings came with it, and the model can be trained on from there.
  await expect(w.root.getByRole('textbox', { name: 'Model spec' })).toHaveValue('dense:48:tanh,dense:10:softmax');
  await expect(w.root.getByLabel('Optimizer')).toHaveValue('momentum');
  await expect(w.button('Continue training')).toBeEnabled();
  fs.rmSync(dir, { recursive: true, force: true });
});
