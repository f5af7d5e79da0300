// Run comparison (web/app/comparison.js): a quick comparison trains its configurations one after
// another from one seed; every run shows in the legend and the table with the figures the page
// itself reported for it, the chart draws each run in its own colour, and Train again puts a
// run's settings back in the form and trains them again, to the same result.
import { test, expect } from '@playwright/test';
import { Playground } from './helpers.js';

// A small model on 1,000 images: each run is one short epoch.
const SETTINGS = 'limit=1000&model=dense:32:relu,dense:10:softmax&epochs=1&batch=64&opt=sgd&lr=0.1&seed=3';
const RUNS = ['opt=sgd lr=0.1', 'opt=momentum lr=0.01', 'opt=adam lr=0.001'];

/** Keeps, in the page, what the epoch log and the test result said for every run as it ended. */
async function recordReports(page) {
  await page.evaluate(() => {
    const root = document.querySelector('mnist-playground').shadowRoot;
    const reports = [];
    window.runReports = reports;
    const log = root.getElementById('epoch-log');
    const test = root.getElementById('test-accuracy');
    new MutationObserver(() => {
      for (const item of log.children) {
        if (item.dataset.seen) continue;
        item.dataset.seen = '1';
        reports.push({ valAcc: Number(item.dataset.valAcc), seconds: Number(item.dataset.seconds),
          trainLoss: item.textContent.match(/\d+\.\d{4}/)[0], testAcc: null });
      }
    }).observe(log, { childList: true });
    new MutationObserver(() => {
      const last = reports.at(-1);
      if (last && test.dataset.accuracy && last.testAcc === null) last.testAcc = Number(test.dataset.accuracy);
    }).observe(test, { attributes: true, childList: true, characterData: true, subtree: true });
  });
}

const percent = (x) => `${(x * 100).toFixed(2)}%`;

/** Pixels of the canvas within a small distance of each colour (anti-aliasing blends the rest). */
async function pixelsPerColour(canvas, colours) {
  return canvas.evaluate((el, wanted) => {
    const probe = document.createElement('canvas').getContext('2d');
    const rgb = wanted.map((c) => {
      probe.fillStyle = c;
      probe.fillRect(0, 0, 1, 1);
      return [...probe.getImageData(0, 0, 1, 1).data].slice(0, 3);
    });
    const data = el.getContext('2d').getImageData(0, 0, el.width, el.height).data;
    const counts = rgb.map(() => 0);
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] < 200) continue;
      rgb.forEach(([r, g, b], k) => {
        if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 40) counts[k]++;
      });
    }
    return counts;
  }, colours);
}

test('a quick comparison keeps each run with its real figures; Train again re-runs a configuration', async ({ page }) => {
  const playground = new Playground(page);
  await playground.open(SETTINGS);
  await playground.waitForData();
  await recordReports(page);
  const panel = page.locator('#compare-panel');
  await expect(panel.getByText('No runs kept yet')).toBeVisible();

  // The queue: SGD, momentum, Adam, one after another, with its progress shown.
  await panel.getByRole('button', { name: 'Compare optimizers' }).click();
  await expect(panel.getByText(/Comparison: run \d of 3/)).toBeVisible();
  await expect(panel.getByRole('status')).toHaveText('Comparison done: 3 runs kept.', { timeout: 40_000 });
  await expect(panel.getByRole('button', { name: 'Cancel the comparison' })).toBeHidden();

  const legend = panel.getByRole('list', { name: 'Runs on the chart' });
  await expect(legend.getByRole('listitem')).toHaveText(RUNS);

  // Each row holds the figures the epoch log and the test result showed while that run ended.
  const reports = await page.evaluate(() => window.runReports);
  expect(reports).toHaveLength(3);
  const rows = panel.locator('.compare-figures tbody tr');
  await expect(rows).toHaveCount(3);
  for (const [i, report] of reports.entries()) {
    const row = rows.nth(i);
    await expect(row.getByRole('textbox')).toHaveValue(RUNS[i]);
    await expect(row.locator('[data-col="epochs"]')).toHaveText('1');
    await expect(row.locator('[data-col="valAcc"]')).toHaveText(percent(report.valAcc));
    await expect(row.locator('[data-col="trainLoss"]')).toHaveText(report.trainLoss);
    await expect(row.locator('[data-col="testAcc"]')).toHaveText(percent(report.testAcc));
    await expect(row.locator('[data-col="seconds"]')).toHaveText(report.seconds.toFixed(1));
    await expect(row.locator('[data-col="gap"]')).toHaveText(/^-?\d+\.\d\d%/);
  }
  expect(new Set(reports.map((r) => r.testAcc)).size).toBeGreaterThan(1);  // three different runs

  // The chart: a text alternative naming the runs, and a curve in each run's colour.
  const canvas = panel.locator('canvas.compare-chart');
  await expect(canvas).toHaveAttribute('role', 'img');
  await expect(canvas).toHaveAttribute('aria-label', /3 runs.*opt=sgd lr=0\.1.*opt=adam lr=0\.001/);
  const colours = await canvas.evaluate((el) => [1, 2, 3].map((n) => getComputedStyle(el).getPropertyValue(`--compare-${n}`).trim()));
  const counts = await pixelsPerColour(canvas, colours);
  for (const count of counts) expect(count).toBeGreaterThan(20);
  // Only the first two ticked: the third colour leaves the chart.
  await rows.nth(2).getByRole('checkbox').uncheck();
  await expect(legend.getByRole('listitem')).toHaveText(RUNS.slice(0, 2));
  await expect.poll(async () => (await pixelsPerColour(canvas, colours))[2]).toBeLessThan(5);
  // Keyboard: the chart takes focus, the arrow keys read a run out.
  await canvas.focus();
  await page.keyboard.press('ArrowRight');
  await expect(panel.getByRole('status')).toHaveText(/^opt=sgd lr=0\.1: \d\.\d{4} after 1,000 samples$/);
  // Its table alternative.
  await panel.getByRole('button', { name: 'Show as table' }).click();
  await expect(panel.locator('.compare-chart-table tbody tr').first()).toContainText('opt=sgd lr=0.1');

  // Train again: the first run's settings come back to the form, and the same seed gives the same run.
  await expect(page.locator('#learning-rate')).toHaveValue('0.001');
  await rows.nth(0).getByRole('button', { name: 'Train opt=sgd lr=0.1 again' }).click();
  await expect(page.locator('#learning-rate')).toHaveValue('0.1');
  await expect(page.locator('#optimizer')).toHaveValue('sgd');
  await expect(rows).toHaveCount(4, { timeout: 20_000 });
  await expect(rows.nth(3).getByRole('textbox')).toHaveValue('opt=sgd lr=0.1 (2)');
  await expect(rows.nth(3).locator('[data-col="testAcc"]')).toHaveText(percent(reports[0].testAcc));

  // Rename, Remove.
  await rows.nth(1).getByRole('textbox').fill('heavy ball');
  await rows.nth(1).getByRole('textbox').press('Enter');
  await expect(legend.getByRole('listitem')).toHaveText(['opt=sgd lr=0.1 (1)', 'heavy ball', 'opt=sgd lr=0.1 (2)']);
  await rows.nth(3).getByRole('button', { name: 'Remove opt=sgd lr=0.1 (2)' }).click();
  await expect(rows).toHaveCount(3);

  // A comparison cancelled (runs long enough to be caught): the run under way stops and is
  // kept as stopped, the others never start.
  await page.locator('#epochs').fill('200');
  await page.locator('#epochs').press('Tab');
  await panel.getByRole('button', { name: 'Compare learning rates' }).click();
  await expect(panel.getByText(/^Comparison: run 1 of 3 \(.*lr=0\.01/)).toBeVisible();
  await panel.getByRole('button', { name: 'Cancel the comparison' }).click();
  await expect(panel.getByRole('status')).toHaveText('Comparison cancelled.');
  await expect(playground.runState()).toHaveText('stopped');
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(3).locator('.compare-outcome')).toHaveText('stopped');
  await expect(panel.getByRole('button', { name: 'Compare learning rates' })).toBeEnabled();

  // A phone: the panel fits the screen; the figures table scrolls inside its own box.
  await page.setViewportSize({ width: 375, height: 800 });
  const overflow = await panel.evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const box = await rows.nth(0).getByRole('button', { name: /^Train .* again$/ }).boundingBox();
  expect(box.x + box.width).toBeLessThanOrEqual(375);

  // Clear.
  await panel.getByRole('button', { name: 'Clear all runs' }).click();
  await expect(panel.getByText('No runs kept yet')).toBeVisible();
  expect(playground.errors).toEqual([]);
});
