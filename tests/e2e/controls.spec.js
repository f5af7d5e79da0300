// The run buttons: pause freezes the counters and resume continues; step trains exactly one
// batch; reset with the same seed starts from the same weights (same first-batch loss).
import { test, expect } from '@playwright/test';
import { Playground } from './helpers.js';

test('pause stops the counters, step trains one batch, resume continues', async ({ page }, testInfo) => {
  const app = await new Playground(page).open('preset=mlp&epochs=1');
  await app.waitForData();
  await app.trainButton().click();
  await expect.poll(() => app.samplesSeen()).toBeGreaterThan(1000);

  await app.button('Pause').click();
  await expect(app.runState()).toHaveText('paused');
  await expect(app.button('Resume')).toHaveAttribute('aria-pressed', 'true');
  const paused = await app.samplesSeen();
  // Step trains exactly one batch of 32 from where the run paused: nothing ran in between.
  await app.button('Step').click();
  await expect.poll(() => app.samplesSeen()).toBe(paused + 32);
  await expect(app.runState()).toHaveText('paused');
  // And the counter stays put while paused (a one-second window).
  await page.waitForTimeout(1000);
  expect(await app.samplesSeen()).toBe(paused + 32);
  await app.screenshot(testInfo, 'paused');

  await app.button('Resume').click();
  await expect(app.runState()).toHaveText('running');
  await expect.poll(() => app.samplesSeen()).toBeGreaterThan(paused + 1000);
  await app.button('Stop').click();
  await expect(app.runState()).toHaveText('stopped');
  // Stopping evaluates the model as it is on the test set.
  await expect(page.getByText(/^Test accuracy: /)).toBeVisible();
  expect(app.errors).toEqual([]);
});

test('reset with the same seed reproduces the first-batch loss; another seed does not', async ({ page }) => {
  const app = await new Playground(page).open('preset=mlp&seed=1');
  await app.waitForData();
  await app.trainButton().click();
  await expect(app.counter('First-batch loss')).toHaveText(/^\d+\.\d+$/);
  const first = await app.firstBatchLoss();
  await expect.poll(() => app.samplesSeen()).toBeGreaterThan(2000);

  await app.button('Reset').click();
  await expect(app.runState()).toHaveText('idle');
  await expect(app.counter('Samples seen')).toHaveText('0');
  await expect(app.counter('First-batch loss')).toHaveText('–');
  await app.button('Step').click();
  await expect(app.counter('First-batch loss')).toHaveText(first);

  // Seed 2: other initial weights, another first batch.
  await app.button('Reset').click();
  await page.getByLabel('Seed').fill('2');
  await page.getByLabel('Seed').press('Tab');
  await expect(page).toHaveURL(/seed=2/);
  await expect(app.runState()).toHaveText('idle');
  await app.button('Step').click();
  await expect(app.counter('First-batch loss')).toHaveText(/^\d+\.\d+$/);
  expect(await app.firstBatchLoss()).not.toBe(first);

  // Back to seed 1 with Train: the same first batch again. Settings are locked during a run.
  await expect(page.getByText('Settings are locked during a run')).toBeVisible();
  await app.button('Stop').click();
  await page.getByLabel('Seed').fill('1');
  await page.getByLabel('Seed').press('Tab');
  await expect(app.counter('First-batch loss')).toHaveText('–');
  await app.trainButton().click();
  await expect(app.counter('First-batch loss')).toHaveText(first);
  await app.button('Stop').click();
  expect(app.errors).toEqual([]);
});

test('the controls work from the keyboard', async ({ page }) => {
  const app = await new Playground(page).open('preset=mlp');
  await app.waitForData();
  await app.trainButton().focus();
  await page.keyboard.press('Enter');
  await expect(app.runState()).toHaveText('running');
  // Focus moved to an enabled button of the group (Train is disabled while running).
  await expect(page.locator('button:focus')).toBeEnabled();
  await app.button('Pause').focus();
  await page.keyboard.press('Space');
  await expect(app.runState()).toHaveText('paused');
  await app.button('Stop').focus();
  await page.keyboard.press('Enter');
  await expect(app.runState()).toHaveText('stopped');
});
