// The first minute: what a visitor sees without scrolling, and whether the numbers on the page
// say what they are: the running loss is the images-weighted value the chart draws (a short last
// batch counts for its size), and every count of mistakes is the real count.
import { test, expect } from '@playwright/test';
import { Playground } from './helpers.js';

const inFirstScreen = async (locator, height) => {
  const box = await locator.boundingBox();
  return box !== null && box.y >= 0 && box.y + Math.min(box.height, 120) <= height;
};

test('1366x768: Train, the progress and the draw pad are on the first screen', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const app = await new Playground(page).open();
  await app.waitForData();
  expect(await inFirstScreen(app.trainButton(), 768)).toBe(true);
  expect(await inFirstScreen(page.locator('#train-progress'), 768)).toBe(true);
  expect(await inFirstScreen(page.getByLabel(/Drawing pad/), 768)).toBe(true);
  await expect(page.getByText(/draw something/i).first()).toBeVisible();
  await app.screenshot(testInfo, 'desktop-first-screen');
});

test('390x844 phone: Train first, settings folded, the draw pad next, a readable chart @phone', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const app = await new Playground(page).open();
  await app.waitForData();
  expect(await inFirstScreen(app.trainButton(), 844)).toBe(true);
  const pad = await page.getByLabel(/Drawing pad/).boundingBox();
  const settings = await page.locator('#model-section').boundingBox();
  expect(pad.y).toBeLessThan(settings.y);
  await expect(page.getByLabel('Preset')).toBeHidden();  // folded until asked for
  const chart = await page.locator('#training-chart').boundingBox();
  expect(chart.height).toBeGreaterThanOrEqual(200);
  await page.screenshot({ path: testInfo.outputPath('phone-first-screen.png') });
});

test('the running loss is the images-weighted value, and mistake counts are the real ones', async ({ page }) => {
  // 1,000 images in batches of 64: 15 full batches and a last one of 40.
  const app = await new Playground(page).open('model=dense:32:relu,dense:10:softmax&limit=1000&batch=64&epochs=1');
  await app.waitForData();
  await page.evaluate(() => {
    window.__progress = [];
    document.getElementById('playground').addEventListener('progress', (e) => window.__progress.push(e.detail));
  });
  // Batch by batch, so the last report holds the short batch alone.
  for (let i = 0; i < 16; i++) {
    await app.button('Step').click();
    await expect(app.counter('Samples seen')).toHaveText(String(Math.min(1000, 64 * (i + 1))).replace(/\B(?=(\d{3})+$)/, ','));
  }
  const reports = await page.evaluate(() => window.__progress);
  expect(reports.at(-1).samplesSeen - reports.at(-2).samplesSeen).toBe(40);
  // The same running value, worked out here from the engine's reports.
  let loss = NaN;
  let seen = 0;
  for (const r of reports) {
    const n = r.samplesSeen - seen;
    seen = r.samplesSeen;
    loss = Number.isNaN(loss) ? r.loss : loss + (1 - Math.exp(-n / 1000)) * (r.loss - loss);
  }
  await expect(app.counter('Loss (running)')).toHaveText(loss.toFixed(4));
  // The chart's description gives the same figure (to its 3 decimals).
  await expect(page.locator('#training-chart')).toHaveAttribute('aria-label', new RegExp(`training loss ${loss.toFixed(3)}`));

  // The 16th step ended the run: the test set is evaluated by itself.
  const line = page.locator('#test-accuracy');
  await expect(line).toContainText('wrong');
  const wrong = Number((await line.textContent()).match(/\(([\d,]+) wrong\)/)[1].replace(/,/g, ''));
  const caption = page.locator('#gallery-caption');
  await expect(caption).toHaveAttribute('data-total', String(wrong));
  await expect(caption).toContainText(`${wrong.toLocaleString('en-US')} misclassified test images`);
  await expect(caption).toHaveAttribute('data-shown', String(Math.min(60, wrong)));
});
