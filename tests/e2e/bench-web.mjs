// npm run bench:web: one epoch of the seed MLP (784-256-10, ReLU, Adam lr 1e-3, batch 32) in
// headless Chromium, with the SIMD and the scalar engine, driven through the real page.
// Prints ONE JSON line:
//   {"browser": ..., "simd": {"seconds_per_epoch", "samples_per_s", "wall_seconds_per_epoch",
//    "val_acc"}, "scalar": {...}, "simd_speedup": scalar/simd, "native": {...} | null,
//    "simd_vs_native": web seconds / native seconds, "scalar_vs_native": ...}
// seconds_per_epoch is the engine's own training time (the sum of train_batches' timings, as the
// native benchmark measures it); wall_seconds_per_epoch adds the worker's slicing and messages.
// The native numbers come from build/native/mnist-bench (BM_EpochSeedMlp) when it is built.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { createServer } from 'vite';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const log = (...args) => console.error('[bench:web]', ...args);  // stdout is kept for the JSON

async function epochInBrowser(browser, baseURL, build) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${baseURL}?preset=mlp&epochs=1&build=${build}`);
  await page.getByRole('status').filter({ hasText: 'MNIST ready' }).waitFor({ timeout: 120_000 });
  const badge = (await page.locator('#build-badge').getAttribute('data-build')) ?? '';
  if (badge !== build) throw new Error(`asked for the ${build} engine, the page runs "${badge}"`);
  await page.getByRole('button', { name: /^Train/ }).click();
  const line = page.locator('#epoch-log li').first();
  await line.waitFor({ timeout: 600_000 });
  const seconds = Number(await line.getAttribute('data-seconds'));
  const wall = Number(await line.getAttribute('data-wall-seconds'));
  const valAcc = Number(await line.getAttribute('data-val-acc'));
  await page.close();
  if (errors.length) throw new Error(errors.join('; '));
  const samples = 55_000;
  return {
    seconds_per_epoch: round(seconds),
    samples_per_s: Math.round(samples / seconds),
    wall_seconds_per_epoch: round(wall),
    val_acc: round(valAcc, 4),
  };
}

function nativeEpoch() {
  const bench = path.join(repo, 'build', 'native', 'mnist-bench');
  if (!fs.existsSync(bench)) {
    log('build/native/mnist-bench not built: no native comparison (npm run build:native)');
    return null;
  }
  try {
    log('running the native benchmark (BM_EpochSeedMlp)...');
    const out = execFileSync(bench, ['--benchmark_filter=EpochSeedMlp', '--benchmark_format=json'],
      { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 }).toString();
    const run = JSON.parse(out).benchmarks.find((b) => b.name.startsWith('BM_EpochSeedMlp'));
    if (!run || run.error_occurred) return null;
    return { seconds_per_epoch: round(run.seconds_per_epoch), samples_per_s: Math.round(run.samples_per_s) };
  } catch (err) {
    log(`native benchmark failed: ${err.message}`);
    return null;
  }
}

function round(x, digits = 3) {
  return Number(x.toFixed(digits));
}

const server = await createServer({
  configFile: path.join(repo, 'vite.config.js'),
  server: { port: 0, strictPort: false, host: '127.0.0.1', hmr: false },
  logLevel: 'error',
});
await server.listen();
const baseURL = server.resolvedUrls.local[0];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const result = { browser: `Chromium ${browser.version()} (headless)`, model: '784-256-10 relu, adam 1e-3, batch 32' };
  for (const build of ['simd', 'scalar']) {
    log(`one epoch with the ${build} engine...`);
    result[build] = await epochInBrowser(browser, baseURL, build);
    log(JSON.stringify(result[build]));
  }
  result.simd_speedup = round(result.scalar.seconds_per_epoch / result.simd.seconds_per_epoch, 2);
  await browser.close();
  result.native = nativeEpoch();
  if (result.native) {
    result.simd_vs_native = round(result.simd.seconds_per_epoch / result.native.seconds_per_epoch, 2);
    result.scalar_vs_native = round(result.scalar.seconds_per_epoch / result.native.seconds_per_epoch, 2);
  }
  console.log(JSON.stringify(result));
} finally {
  if (browser.isConnected()) await browser.close();
  await server.close();
}
