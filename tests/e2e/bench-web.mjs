// npm run bench:web: training speed and GEMM GFLOP/s of the WebAssembly engines in headless
// Chromium, beside the native benchmark. Epochs are trained through the real page; GEMM is timed
// by the engine's own probe (core/kernels/gemm_timing.h, bound as timeGemm).
// Prints ONE JSON line:
//   {"browser",
//    "model", "simd", "scalar", "simd_speedup", "native", "simd_vs_native", "scalar_vs_native":
//        the seed MLP (784-256-10, ReLU, Adam lr 1e-3, batch 32), one 55,000-image epoch;
//        simd/scalar: {seconds_per_epoch, samples_per_s, wall_seconds_per_epoch, val_acc}
//    "cnn_small": the CNN small preset (batch 64, Adam 1e-3), one 55,000-image epoch, same fields
//        (scalar: null with scalar_note when CNN_SCALAR=0 skips it, as it is the slow one),
//    "gemm": [{name, M, N, K, trans, simd_gflops, scalar_gflops, native_gflops, simd_vs_native,
//        scalar_vs_native, simd_of_peak}] at the seed MLP's shapes: forward 32x256x784 (A, Bᵀ),
//        weight gradient 256x784x32 (Aᵀ, B), input gradient 32x784x256 (A, B), and CNN small's
//        convolution forward and input-gradient GEMMs (one chunk of images each); simd_of_peak =
//        simd GFLOP/s / the simd engine's peak,
//    "peak": {simd_gflops, scalar_gflops, native_gflops}: each build's multiply-add ceiling on one
//        thread (core/kernels/peak.h; natively BM_FmaPeak),
//    "threads": the threaded engine (the page is cross-origin isolated: vite.config.js sends
//        COOP/COEP): {max_threads, mlp: {one, all, speedup}, cnn_small: {one, all, speedup}},
//        one and all the same fields as simd above with 1 thread and with max_threads, speedup
//        = samples/s with all / samples/s with one; and engine_only: the same comparison without
//        the page (the in-page benchmark's worker, web/benchmark/bench-worker.js, 500 batches
//        after 5 untimed, no drawing): {mlp: {one, all, speedup}, cnn_small: ...} in images/s}
// Every *_vs_native is browser time / native time (for GEMM: native GFLOP/s / browser GFLOP/s),
// so 1.5 means the browser takes 1.5x as long. seconds_per_epoch is the engine's own training
// time (the sum of train_batches' timings, as the native benchmark measures it);
// wall_seconds_per_epoch adds the worker's slicing and messages.
// The native numbers come from build/native/mnist-bench (MNIST_NATIVE_BENCH=path for another):
// BM_EpochSeedMlp, BM_EpochCnnSmall (their 1-thread runs), BM_Gemm{Forward,WeightGrad,InputGrad},
// BM_ConvGemm{1,2} and BM_FmaPeak (GFLOPS counter, best of BEST_OF repetitions).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { createServer } from 'vite';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const log = (...args) => console.error('[bench:web]', ...args);  // stdout is kept for the JSON
const GEMM_SECONDS = 1.0;  // per shape and build
const GEMM_SHAPES = [
  { name: 'forward', native: 'BM_GemmForward', M: 32, N: 256, K: 784, transA: false, transB: true },
  { name: 'weight_grad', native: 'BM_GemmWeightGrad', M: 256, N: 784, K: 32, transA: true, transB: false },
  { name: 'input_grad', native: 'BM_GemmInputGrad', M: 32, N: 784, K: 256, transA: false, transB: false },
  // CNN small's convolutions as Conv2D runs them, one chunk of images per GEMM (bench/conv_bench.cpp);
  // their weight gradients go through gemm_abt, which the engine does not time on its own.
  { name: 'conv1_forward', native: 'BM_ConvGemm1/forward_weightgrad_inputgrad:0', M: 8, N: 576, K: 25, transA: false, transB: false },
  { name: 'conv1_input_grad', native: 'BM_ConvGemm1/forward_weightgrad_inputgrad:2', M: 25, N: 576, K: 8, transA: true, transB: false },
  { name: 'conv2_forward', native: 'BM_ConvGemm2/forward_weightgrad_inputgrad:0', M: 16, N: 1024, K: 200, transA: false, transB: false },
  { name: 'conv2_input_grad', native: 'BM_ConvGemm2/forward_weightgrad_inputgrad:2', M: 200, N: 1024, K: 16, transA: true, transB: false },
];
const PEAK_SECONDS = 0.5;
// GEMM and peak figures, browser and native, are the best of this many rounds (of GEMM_SECONDS /
// BEST_OF each in the browser): on a shared machine the fastest round is the one least disturbed.
const BEST_OF = 5;

/**
 * One full epoch of a preset in the page with one engine build (and, for 'threads', that many
 * threads; null: all it has). `threads` in the result: the count the engine used.
 */
async function epochInBrowser(browser, baseURL, preset, build, threads = null) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // Only the first epoch is timed (the schedules are constant, so it is the same epoch for any run length).
  await page.goto(`${baseURL}?preset=${preset}&build=${build}${threads ? `&threads=${threads}` : ''}`);
  await page.getByRole('status').filter({ hasText: 'MNIST ready' }).waitFor({ timeout: 120_000 });
  const badge = (await page.locator('#build-badge').getAttribute('data-build')) ?? '';
  if (badge !== build) throw new Error(`asked for the ${build} engine, the page runs "${badge}"`);
  if (threads) await page.locator(`#build-badge[data-threads="${threads}"]`).waitFor();
  const used = Number(await page.locator('#build-badge').getAttribute('data-threads'));
  const shown = await page.getByLabel('Preset').inputValue();
  if (shown !== preset) throw new Error(`asked for preset ${preset}, the page shows "${shown}"`);
  await page.getByRole('button', { name: /^Train/ }).click();
  const line = page.locator('#epoch-log li').first();
  await line.waitFor({ timeout: 900_000 });
  const seconds = Number(await line.getAttribute('data-seconds'));
  const wall = Number(await line.getAttribute('data-wall-seconds'));
  const valAcc = Number(await line.getAttribute('data-val-acc'));
  const samplesPerSec = Number(await line.getAttribute('data-samples-per-sec'));  // images / engine seconds
  await page.close();
  if (errors.length) throw new Error(errors.join('; '));
  return {
    threads: used,
    seconds_per_epoch: round(seconds),
    samples_per_s: Math.round(samplesPerSec),
    wall_seconds_per_epoch: round(wall),
    val_acc: round(valAcc, 4),
  };
}

/**
 * GFLOP/s of the engine's GEMM at each shape and of its multiply-add peak loop, timed in the
 * browser (main thread, no UI work): the best of BEST_OF rounds. Each is run once untimed first:
 * the browser compiles wasm with a quick baseline compiler, then recompiles hot functions
 * optimised, and training runs long enough to use only the latter.
 */
async function gemmInBrowser(browser, baseURL, build) {
  const page = await browser.newPage();
  await page.goto(`${baseURL}engine/`);  // any page of this origin: a 404 is fine
  const timings = await page.evaluate(async ({ build, shapes, seconds, peakSeconds, rounds }) => {
    const { loadEngine } = await import('/web/engine/engine.js');
    const engine = await loadEngine({ engineUrl: new URL('/engine/', location.href).href, build });
    const time = (s, secs) => engine.timeGemm(s.transA, s.transB, s.M, s.N, s.K, secs).gflops;
    for (const s of shapes) time(s, 0.2);
    engine.timePeak(0.2);
    const gemm = shapes.map(() => 0);
    let peak = 0;
    for (let round = 0; round < rounds; ++round) {  // shape after shape, so a burst hits one round of each
      shapes.forEach((s, i) => { gemm[i] = Math.max(gemm[i], time(s, seconds / rounds)); });
      peak = Math.max(peak, engine.timePeak(peakSeconds / rounds).gflops);
    }
    engine.dispose();
    return { gemm, peak };
  }, { build, shapes: GEMM_SHAPES, seconds: GEMM_SECONDS, peakSeconds: PEAK_SECONDS, rounds: BEST_OF });
  await page.close();
  return timings;
}

/** A preset's epoch with the threaded engine on 1 thread and on all, and the speed-up. */
async function threadsInBrowser(browser, baseURL, preset) {
  log(`${preset}, one epoch with the threads engine on 1 thread...`);
  const one = await epochInBrowser(browser, baseURL, preset, 'threads', 1);
  log(JSON.stringify(one));
  log(`${preset}, one epoch with the threads engine on every thread...`);
  const all = await epochInBrowser(browser, baseURL, preset, 'threads');
  log(JSON.stringify(all));
  return { one, all, speedup: ratio(all.samples_per_s, one.samples_per_s) };
}

/**
 * Images/s of the threaded engine on 1 thread and on all, without the page's drawing: the
 * in-page benchmark (web/benchmark/bench-client.js: a fresh engine per run, the timed batches
 * only), run twice; the best of the two rounds.
 */
async function threadsWithoutPage(browser, baseURL) {
  const page = await browser.newPage();
  await page.goto(`${baseURL}engine/`);  // any page of this origin: a 404 is fine
  const best = { 'threads-1': {}, 'threads-max': {} };
  for (let round = 1; round <= 2; round++) {
    log(`threads engine without the page, 1 thread then every thread, round ${round}...`);
    const rates = await page.evaluate(async ({ batches }) => {
      const { startBenchmark } = await import('/web/benchmark/bench-client.js');
      const runs = [{ key: 'threads-1', build: 'threads', threads: 1 }, { key: 'threads-max', build: 'threads', threads: 'max' }];
      const found = { 'threads-1': {}, 'threads-max': {} };
      const bench = startBenchmark({
        runs, engineUrl: new URL('/engine/', location.href).href, dataUrl: new URL('/data/mnist/', location.href).href,
        presets: ['mlp', 'cnn-small'], batches, warmup: 5,
      }, (run, message) => {
        if (message.type === 'result') found[run.key][message.preset] = message.result.imagesPerSecond;
      });
      await bench.done;
      return found;
    }, { batches: 500 });
    for (const [key, byPreset] of Object.entries(rates)) {
      for (const [preset, rate] of Object.entries(byPreset)) best[key][preset] = Math.max(best[key][preset] ?? 0, rate);
    }
  }
  await page.close();
  const pair = (preset) => ({ one: Math.round(best['threads-1'][preset]), all: Math.round(best['threads-max'][preset]),
    speedup: ratio(best['threads-max'][preset], best['threads-1'][preset]) });
  return { mlp: pair('mlp'), cnn_small: pair('cnn-small') };
}

function nativeBench() {
  const bench = process.env.MNIST_NATIVE_BENCH || path.join(repo, 'build', 'native', 'mnist-bench');
  if (!fs.existsSync(bench)) {
    log(`${bench} not built: no native comparison (npm run build:native)`);
    return null;
  }
  try {
    log('running the native benchmark (epochs and GEMM)...');
    const run = (filter, ...flags) => {
      const out = execFileSync(bench, [`--benchmark_filter=${filter}`, '--benchmark_format=json', ...flags],
        { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 }).toString();
      return JSON.parse(out).benchmarks.filter((b) => !b.error_occurred && b.run_type !== 'aggregate');
    };
    const named = (runs, name) => runs.filter((b) => b.name === name || b.name.startsWith(`${name}/`));
    const epochs = run('^(BM_EpochSeedMlp|BM_EpochCnnSmall)(/|$)');
    const epoch = (name) => {
      const [first] = named(epochs, name);
      return first ? { seconds_per_epoch: round(first.seconds_per_epoch), samples_per_s: Math.round(first.samples_per_s) } : null;
    };
    const kernels = run('^(BM_GemmForward|BM_GemmWeightGrad|BM_GemmInputGrad|BM_ConvGemm[12]|BM_FmaPeak)(/|$)',
      `--benchmark_repetitions=${BEST_OF}`);
    const best = (name) => {
      const figures = named(kernels, name).map((b) => b.GFLOPS).filter((g) => g != null);
      return figures.length ? Math.max(...figures) : null;
    };
    return {
      mlp: epoch('BM_EpochSeedMlp'),
      cnn_small: epoch('BM_EpochCnnSmall'),
      gemm: Object.fromEntries(GEMM_SHAPES.map((s) => [s.native, best(s.native)])),
      peak: best('BM_FmaPeak'),
    };
  } catch (err) {
    log(`native benchmark failed: ${err.message}`);
    return null;
  }
}

function round(x, digits = 3) {
  return Number(x.toFixed(digits));
}
const ratio = (a, b) => (a && b ? round(a / b, 2) : null);

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
    log(`seed MLP, one epoch with the ${build} engine...`);
    result[build] = await epochInBrowser(browser, baseURL, 'mlp', build);
    log(JSON.stringify(result[build]));
  }
  result.simd_speedup = ratio(result.scalar.seconds_per_epoch, result.simd.seconds_per_epoch);

  const cnn = { model: 'cnn-small: conv 8@5x5 relu, maxpool 2, conv 16@5x5 relu, maxpool 2, dense 10; adam 1e-3, batch 64' };
  log('CNN small, one epoch with the simd engine...');
  cnn.simd = await epochInBrowser(browser, baseURL, 'cnn-small', 'simd');
  log(JSON.stringify(cnn.simd));
  if (process.env.CNN_SCALAR === '0') {
    cnn.scalar = null;
    cnn.scalar_note = 'skipped (CNN_SCALAR=0): the scalar engine takes several times longer';
  } else {
    log('CNN small, one epoch with the scalar engine (the slow one)...');
    cnn.scalar = await epochInBrowser(browser, baseURL, 'cnn-small', 'scalar');
    log(JSON.stringify(cnn.scalar));
    cnn.simd_speedup = ratio(cnn.scalar.seconds_per_epoch, cnn.simd.seconds_per_epoch);
  }
  result.cnn_small = cnn;

  const mlpThreads = await threadsInBrowser(browser, baseURL, 'mlp');
  const cnnThreads = await threadsInBrowser(browser, baseURL, 'cnn-small');
  const engineOnly = await threadsWithoutPage(browser, baseURL);
  result.threads = { max_threads: mlpThreads.all.threads, mlp: mlpThreads, cnn_small: cnnThreads, engine_only: engineOnly };
  for (const [name, t] of [['seed MLP', mlpThreads], ['CNN small', cnnThreads]]) {
    log(`threads, ${name}: ${t.one.samples_per_s} samples/s on 1 thread, ${t.all.samples_per_s} on ${t.all.threads} (x${t.speedup})`);
  }
  for (const [name, t] of [['seed MLP', engineOnly.mlp], ['CNN small', engineOnly.cnn_small]]) {
    log(`threads without the page, ${name}: ${t.one} images/s on 1 thread, ${t.all} on all (x${t.speedup})`);
  }

  log('GEMM GFLOP/s at the seed MLP\'s shapes...');
  const gemm = {};
  for (const build of ['simd', 'scalar']) gemm[build] = await gemmInBrowser(browser, baseURL, build);
  await browser.close();

  const native = nativeBench();
  result.native = native?.mlp ?? null;
  result.simd_vs_native = ratio(result.simd.seconds_per_epoch, result.native?.seconds_per_epoch);
  result.scalar_vs_native = ratio(result.scalar.seconds_per_epoch, result.native?.seconds_per_epoch);
  cnn.native = native?.cnn_small ?? null;
  cnn.simd_vs_native = ratio(cnn.simd.seconds_per_epoch, cnn.native?.seconds_per_epoch);
  cnn.scalar_vs_native = ratio(cnn.scalar?.seconds_per_epoch, cnn.native?.seconds_per_epoch);
  result.gemm = GEMM_SHAPES.map((s, i) => {
    const nativeGflops = native?.gemm?.[s.native] ?? null;
    return {
      name: s.name, M: s.M, N: s.N, K: s.K, trans: `${s.transA ? 'T' : 'N'}${s.transB ? 'T' : 'N'}`,
      simd_gflops: round(gemm.simd.gemm[i], 2),
      scalar_gflops: round(gemm.scalar.gemm[i], 2),
      native_gflops: nativeGflops === null ? null : round(nativeGflops, 2),
      simd_vs_native: ratio(nativeGflops, gemm.simd.gemm[i]),
      scalar_vs_native: ratio(nativeGflops, gemm.scalar.gemm[i]),
      simd_of_peak: ratio(gemm.simd.gemm[i], gemm.simd.peak),
    };
  });
  result.peak = {
    simd_gflops: round(gemm.simd.peak, 2),
    scalar_gflops: round(gemm.scalar.peak, 2),
    native_gflops: native?.peak == null ? null : round(native.peak, 2),
  };
  console.log(JSON.stringify(result));
} finally {
  if (browser.isConnected()) await browser.close();
  await server.close();
}
