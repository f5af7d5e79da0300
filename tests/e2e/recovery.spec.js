// Getting back from failures without a page reload: a diverged run goes back to its last good
// weights with a tenth of the learning rate (one click) and trains on; a worker that dies, an
// engine exception that nobody caught and an engine that stops are each reported once, with a
// message, and Reset brings back a working worker. The failures are made through the element's
// test-only `mnist-playground-fault` event (web/app/controller.js, FaultMessage in protocol.js).
import { test, expect } from '@playwright/test';
import { Playground } from './helpers.js';
import { openHostPage, pageViolations, recordEvents, events, Widget } from './host-page.js';

// Momentum at rate 100 on He-initialised leaky ReLUs: NaN within a few batches (also at 10 and 1).
const DIVERGING = 'opt=momentum&lr=100&init=he_normal&act=leaky_relu&hidden=256,256&limit=5000&epochs=1';

test('a diverged run goes back to the last good weights with a tenth of the rate, then trains on', async ({ page }, testInfo) => {
  const app = await new Playground(page).open(DIVERGING);
  await app.waitForData();
  await app.trainButton().click();
  const rate = page.getByLabel('Learning rate');
  const rates = [];
  // Each divergence offers the way back at a tenth of the rate; follow it until a run holds.
  for (let tries = 0; tries < 4; tries++) {
    const diverged = app.errorBanner().filter({ hasText: 'Training diverged' });
    const finished = page.locator('#test-accuracy[data-accuracy]');
    await expect(diverged.or(finished)).toBeVisible({ timeout: 60_000 });
    if (await finished.isVisible()) break;
    await expect(app.errorBanner()).toContainText(/lower the learning rate/i);
    if (tries === 0) await app.screenshot(testInfo, 'diverged-with-way-back');
    const back = app.errorBanner().getByRole('button', { name: /^Go back to the last good weights with learning rate / });
    const offered = (await back.textContent()).match(/learning rate (\S+)$/)[1];
    await back.click();
    await expect(app.errorBanner()).toBeHidden();
    await expect(rate).toHaveValue(offered);  // the form shows the new rate, and so does the URL
    expect(new URL(page.url()).searchParams.get('lr')).toBe(offered);
    rates.push(offered);
    // The run diverged in its first epoch: the way back is its start, untrained, so Train starts it.
    await expect(app.runState()).toHaveText('idle');
    await app.trainButton().click();
  }
  console.log(`divergence: went back with learning rates ${rates.join(', ')}`);
  expect(rates).toEqual(['10', '1', '0.1']);
  const accuracy = Number(await page.locator('#test-accuracy').getAttribute('data-accuracy'));
  expect(accuracy).toBeGreaterThan(0.8);

  // Continue training: on from the weights the recovered run left, with finite losses.
  const seen = await app.samplesSeen();
  await app.button('Continue training').click();
  await expect.poll(() => app.samplesSeen(), { timeout: 60_000 }).toBeGreaterThan(seen + 1000);
  await expect(page.locator('#loss-value')).toHaveText(/^\d+\.\d+$/);
  await expect(app.errorBanner()).toBeHidden();
  expect(app.errors).toEqual([]);
});

// ---------------------------------------------------------------- worker failures

const SMALL = 'model=dense:32:relu,dense:10:softmax&limit=3000&batch=32&seed=1';
const WIDGET = `<mnist-playground id="w" settings="${SMALL.replace(/&/g, '&amp;')}" epochs="1" controls="compact" persist="off"></mnist-playground>`;

/** The element's test hook: the worker fails as `fault` says (exit, uncaught, abort). */
async function injectFault(page, fault) {
  await page.evaluate((kind) => {
    document.getElementById('w').dispatchEvent(new CustomEvent('mnist-playground-fault', { detail: kind }));
  }, fault);
}

async function errorEvents(page) {
  return (await events(page, 'w')).filter((e) => e.name === 'error').map((e) => e.detail);
}

/** Trains the widget's one epoch and returns its test accuracy. */
async function trainsToTheEnd(w) {
  await w.root.getByRole('button', { name: /^(Train|Continue training)$/ }).click();
  return w.testAccuracy();
}

async function openWidget(page, baseURL) {
  const host = await openHostPage(page, baseURL, WIDGET);
  const w = new Widget(page, 'w');
  await w.waitForReady();
  await recordEvents(page, 'w');
  return { w, violations: host.violations };
}

test('a worker that dies is reported once, and Reset starts a working one without a reload', async ({ page, baseURL }, testInfo) => {
  const { w } = await openWidget(page, baseURL);
  expect(page.workers()).toHaveLength(1);
  const pageLoads = await page.evaluate(() => performance.getEntriesByType('navigation').length);
  await w.button('Train').click();
  await expect(w.root.locator('#run-state')).toHaveText('running');

  await injectFault(page, 'exit');
  const banner = w.root.getByRole('alert');
  await expect(banner).toContainText('The training worker stopped');
  await expect(banner).toContainText('Press Reset');
  await expect(w.root.getByRole('status').first()).toContainText('stopped unexpectedly');
  await expect(w.root.getByRole('button', { name: /^(Train|Continue training)$/ })).toBeDisabled();
  await expect.poll(() => page.workers().length).toBe(0);
  const errors = await errorEvents(page);
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatchObject({ code: 'worker-lost', fatal: true });
  await page.screenshot({ path: testInfo.outputPath('worker-lost.png'), fullPage: true });

  await w.button('Reset').click();
  await expect(w.root.getByRole('status').filter({ hasText: 'MNIST ready' })).toBeVisible({ timeout: 60_000 });
  await expect(banner).toBeHidden();
  expect(await trainsToTheEnd(w)).toBeGreaterThan(0.8);
  expect(page.workers()).toHaveLength(1);  // the new one; the dead one is gone
  expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(pageLoads);
  expect(await errorEvents(page)).toHaveLength(1);
  expect(await pageViolations(page)).toEqual([]);
});

test('an engine exception nobody caught is reported once, as a message, and the playground goes on', async ({ page, baseURL }) => {
  const { w } = await openWidget(page, baseURL);
  await injectFault(page, 'uncaught');
  const banner = w.root.getByRole('alert');
  await expect(banner).toContainText('The engine failed');
  await expect(banner).toContainText('a C++ exception escaped');
  await expect(banner).not.toContainText('5289472');  // the raw exception pointer is not a message
  await expect.poll(async () => (await errorEvents(page)).length).toBe(1);
  const [error] = await errorEvents(page);
  expect(error).toMatchObject({ code: 'engine-failure', fatal: false });
  expect(error.message).not.toMatch(/\d{5,}/);
  // Not fatal: the same worker trains.
  expect(await trainsToTheEnd(w)).toBeGreaterThan(0.8);
  expect(await errorEvents(page)).toHaveLength(1);
});

test('an engine that stops (a trap) is reported once; Reset starts a new engine', async ({ page, baseURL }) => {
  const { w } = await openWidget(page, baseURL);
  await injectFault(page, 'abort');
  const banner = w.root.getByRole('alert');
  await expect(banner).toContainText('The engine stopped');
  await expect(w.button('Train')).toBeDisabled();
  // Poking the stopped engine (a prediction) fails at once with the same reason, and adds no report.
  const predicted = await page.evaluate(() => document.getElementById('w').predict(new Float32Array(784))
    .then(() => 'answered', (err) => err.message));
  expect(predicted).toMatch(/The engine stopped/);
  const errors = await errorEvents(page);
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatchObject({ code: 'engine-failure', fatal: true });

  // The banner's own button does what Reset does.
  await banner.getByRole('button', { name: 'Start a new engine' }).click();
  await expect(w.root.getByRole('status').filter({ hasText: 'MNIST ready' })).toBeVisible({ timeout: 60_000 });
  expect(await trainsToTheEnd(w)).toBeGreaterThan(0.8);
  expect(page.workers()).toHaveLength(1);
  expect(await errorEvents(page)).toHaveLength(1);
});
