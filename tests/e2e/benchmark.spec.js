// The benchmark panel: it times the seed MLP and CNN small with every engine build this browser
// runs (each in its own worker), shows images/s, GFLOP/s and the ratio to the scalar build, and
// the JSON download holds exactly what the tables show (axe finds nothing to fix in them). It
// leaves training alone: refused while a run goes on, and Cancel ends it; a build that fails says
// why. The batch count is the panel's own field, kept small here.
import fs from 'node:fs';
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { Playground } from './helpers.js';
import { benchmarkRuns } from '../../web/benchmark/runs.js';

const PRESETS = { mlp: 'MLP (seed)', 'cnn-small': 'CNN small' };

/** A number as the panel shows it ("12,345", "1.23"). */
const shown = (text) => Number(text.replace(/,/g, ''));

async function openBenchmark(page) {
  const app = new Playground(page);
  await app.open();
  await app.waitForData();
  const panel = page.getByRole('region', { name: 'Benchmark this machine' });
  await panel.scrollIntoViewIfNeeded();
  return { app, panel };
}

test('each build shows images/s, GFLOP/s and its ratio to scalar; the download matches the tables @phone', async ({ page }, testInfo) => {
  const { app, panel } = await openBenchmark(page);
  await panel.getByLabel('Timed batches per model').fill('5');
  await panel.getByRole('button', { name: 'Run benchmark' }).click();
  await expect(panel.getByRole('status')).toHaveText(/^Done: \d+ builds, 5 timed batches per model\.$/, { timeout: 240_000 });

  const isolated = await page.evaluate(() => crossOriginIsolated);
  const runs = benchmarkRuns({ simd: true, isolated });  // Chromium has WebAssembly SIMD
  const figures = {};
  for (const [preset, name] of Object.entries(PRESETS)) {
    const table = panel.getByTestId(`bench-${preset}`);
    await expect(panel.getByRole('table', { name })).toBeVisible();
    await expect(table.locator('tbody tr')).toHaveCount(runs.length);
    figures[preset] = {};
    for (const run of runs) {
      const row = table.locator(`tr[data-build="${run.key}"]`);
      const images = shown(await row.getByTestId('images-per-second').textContent());
      const gflops = shown(await row.getByTestId('gflops').textContent());
      const ratio = shown(await row.getByTestId('ratio').textContent());
      expect(Number.isFinite(images) && images > 0, `${preset} ${run.key} images/s`).toBe(true);
      expect(Number.isFinite(gflops) && gflops > 0, `${preset} ${run.key} GFLOP/s`).toBe(true);
      figures[preset][run.key] = { images, gflops, ratio };
    }
    // The ratio shown is the ratio of the figures shown (to their rounding: 2 decimals, whole images/s).
    const base = figures[preset].scalar;
    for (const [key, f] of Object.entries(figures[preset])) {
      expect(Math.abs(f.ratio - f.images / base.images), `${preset} ${key}: ${f.ratio} vs ${f.images}/${base.images}`).toBeLessThan(0.006);
    }
  }
  console.log(`benchmark, 5 batches: ${JSON.stringify(figures)}`);
  await expect(panel.locator('#bench-note')).toContainText('Loading the engine and the data is not timed');

  const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Download results (JSON)' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^mnist-benchmark-.*\.json$/);
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  expect(report.kind).toBe('mnist-playground-benchmark');
  expect(report.complete).toBe(true);
  expect(report.settings.batches).toBe(5);
  expect(report.machine).toEqual(await page.evaluate(() => ({
    hardwareConcurrency: navigator.hardwareConcurrency, userAgent: navigator.userAgent, crossOriginIsolated,
  })));
  expect(Date.now() - Date.parse(report.date)).toBeLessThan(600_000);
  expect(report.builds.map((b) => b.key)).toEqual(runs.map((r) => r.key));
  for (const b of report.builds) expect(b.loadSeconds > 0 && b.dataSeconds > 0).toBe(true);
  expect(report.results).toHaveLength(runs.length * 2);
  for (const r of report.results) {
    const f = figures[r.preset][r.key];
    expect(Math.round(r.imagesPerSecond)).toBe(f.images);
    expect(Number(r.gflopsPerSecond.toFixed(2))).toBe(f.gflops);
    expect(Number(r.ratioToBaseline.toFixed(2))).toBe(f.ratio);
    expect(r.images).toBe(5 * r.batchSize);
    expect(r.imagesPerSecond).toBeCloseTo(r.images / r.seconds, 6);
    expect(r.gflopsPerSecond).toBeCloseTo((r.images * r.flopsPerImage) / r.seconds / 1e9, 9);
  }
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  const shot = testInfo.outputPath('benchmark-panel.png');
  await panel.screenshot({ path: shot });
  await testInfo.attach('benchmark-panel', { path: shot, contentType: 'image/png' });
  expect(app.errors).toEqual([]);
});

test('the benchmark waits for training to end, and Cancel stops it with the page still training fine', async ({ page }) => {
  const { app, panel } = await openBenchmark(page);
  const status = panel.getByRole('status');
  await app.trainButton().click();
  await expect(app.runState()).toHaveText('running');
  await panel.getByRole('button', { name: 'Run benchmark' }).click();
  await expect(status).toHaveText(/^Training is under way: stop it or let it finish before benchmarking/);
  await app.button('Stop').click();
  await expect(app.runState()).toHaveText('stopped');

  await panel.getByLabel('Timed batches per model').fill('500');
  await panel.getByRole('button', { name: 'Run benchmark' }).click();
  await expect(status).toContainText(/scalar: /);
  await panel.getByRole('button', { name: 'Cancel benchmark' }).click();
  await expect(status).toHaveText('Benchmark cancelled; the figures so far stay below.');
  await expect(panel.getByRole('button', { name: 'Run benchmark' })).toBeEnabled();

  // Training started during a benchmark stops the benchmark, not the training.
  await panel.getByRole('button', { name: 'Run benchmark' }).click();
  await expect(status).toContainText(/scalar: /);
  await app.trainButton().click();
  await expect(status).toHaveText('Training started, so the benchmark stopped: the two would have shared the processor.');
  await expect(app.runState()).toHaveText('running');
  expect(app.errors).toEqual([]);
});

test('a build that cannot load stops the benchmark with the reason, and the page trains on', async ({ page }) => {
  await page.route('**/engine-scalar.wasm', (route) => route.fulfill({ status: 404, body: 'not here' }));
  const { app, panel } = await openBenchmark(page);
  await panel.getByLabel('Timed batches per model').fill('3');
  await panel.getByRole('button', { name: 'Run benchmark' }).click();
  await expect(panel.getByRole('status')).toHaveText(
    /^The benchmark stopped: The scalar engine could not be loaded: HTTP 404 for .*engine-scalar\.wasm Build it with "npm run build:wasm"/);
  await expect(panel.getByRole('button', { name: 'Run benchmark' })).toBeEnabled();
  await expect(panel.getByRole('button', { name: 'Download results (JSON)' })).toBeDisabled();
  await app.trainButton().click();
  await expect(app.runState()).toHaveText('running');
  expect(app.errors).toEqual([]);
});
