// The training worker (a module worker): it owns the engine, so the page's thread only draws.
// It loads the engine, downloads MNIST (gzip) with progress, inflates it with
// DecompressionStream, checks SHA-256 against SHA256SUMS.raw, and trains in slices of about
// 50 ms, yielding to the message queue between slices so pause/stop/step arrive promptly.
// Every failure is posted as an `error` message (protocol.js), never swallowed.
import { loadEngine, EngineError } from './engine.js';
import {
  PROTOCOL_VERSION, ToWorker, FromWorker, ErrorCode, RunState, MNIST_FILES, CHECKSUM_FILE,
} from './protocol.js';

const SLICE_SECONDS = 0.05;   // engine time per slice: short enough for a responsive pause
const SLICE_MAX_BATCHES = 1000;
const PREVIEW_COUNT = 48;      // test digits shown with their predictions
const MISCLASSIFIED_CAP = 600; // wrong predictions sent for the gallery
const WEIGHTS_EVERY_MS = 2000; // during a run, the weights (or filters) are posted this often

/** @type {import('./engine.js').Engine | null} */
let engine = null;
let dataReady = false;
let config = null;     // the last config given to configure (for reset)
let refused = '';      // the engine's message when the page's last configure was refused
let trainLimit = 0;    // training images per epoch asked for (0: all), see limitTrainingData
let weightsPostedAt = 0;
let state = RunState.LOADING;
let run = null;        // counters of the current run, see newRun()

function post(message, transfer = []) {
  self.postMessage(message, transfer);
}

function postError(code, message, hint = '', fatal = false) {
  post({ type: FromWorker.ERROR, code, message, hint, fatal });
}

function setState(next) {
  state = next;
  post({ type: FromWorker.STATE, state });
}

// Uncaught problems still reach the page.
self.addEventListener('error', (event) => {
  postError(ErrorCode.INTERNAL, `Worker error: ${event.message}`, 'Reload the page.');
});
self.addEventListener('unhandledrejection', (event) => {
  const reason = event.reason;
  postError(ErrorCode.INTERNAL, `Worker error: ${reason?.message ?? reason}`, 'Reload the page.');
});

// ---------------------------------------------------------------- data

/** Fetches one file with download progress. @returns {Promise<Uint8Array>} */
async function download(url, file) {
  let response;
  try {
    response = await fetch(url);
  } catch (err) {
    throw new EngineError(ErrorCode.DATA_UNREACHABLE, `Could not reach ${url} (${err.message}).`,
      'Check the data URL and your connection; "npm start" serves the data at /data/mnist/.');
  }
  if (!response.ok) {
    throw new EngineError(ErrorCode.DATA_NOT_FOUND,
      `${file} not found: HTTP ${response.status} for ${url}.`,
      'Check the data URL; run "npm run setup" to put MNIST in data/mnist/.');
  }
  // Some hosts answer a missing file with their HTML page (a single-page-app fallback).
  if ((response.headers.get('Content-Type') ?? '').startsWith('text/html')) {
    throw new EngineError(ErrorCode.DATA_NOT_FOUND,
      `${file} not found: ${url} answered with an HTML page, not the file.`,
      'Check the data URL; run "npm run setup" to put MNIST in data/mnist/.');
  }
  const total = Number(response.headers.get('Content-Length')) || 0;
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks = [];
  let loaded = 0;
  let lastReport = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.length;
    if (loaded - lastReport > 256 * 1024) {
      lastReport = loaded;
      post({ type: FromWorker.DATA_PROGRESS, file, phase: 'download', loaded, total });
    }
  }
  post({ type: FromWorker.DATA_PROGRESS, file, phase: 'download', loaded, total: total || loaded });
  return concat(chunks, loaded);
}

function concat(chunks, length) {
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** Inflates gzip bytes; bytes without the gzip magic are returned as they are (a server that
 * sent the file with Content-Encoding: gzip has already inflated it). */
async function gunzip(bytes, file) {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  post({ type: FromWorker.DATA_PROGRESS, file, phase: 'inflate', loaded: 0, total: 1 });
  try {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (err) {
    throw new EngineError(ErrorCode.PARSE_ERROR, `${file} is not a valid gzip file (${err.message}).`,
      'The file may be truncated: run "npm run setup" again or check the data URL.');
  }
}

/** "hex  name" lines -> Map(name -> hex). */
function parseSums(text) {
  const sums = new Map();
  for (const line of text.split('\n')) {
    const match = /^([0-9a-fA-F]{64})\s+\*?(\S+)\s*$/.exec(line.trim());
    if (match) sums.set(match[2], match[1].toLowerCase());
  }
  return sums;
}

async function sha256Hex(bytes) {
  if (engine.hasSha256) return engine.sha256Hex(bytes);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function verify(name, bytes, sums) {
  const want = sums.get(name);
  if (!want) {
    throw new EngineError(ErrorCode.CHECKSUM_MISMATCH, `${CHECKSUM_FILE} lists no checksum for ${name}.`,
      'The data folder is incomplete: run "npm run setup" again.');
  }
  post({ type: FromWorker.DATA_PROGRESS, file: name, phase: 'verify', loaded: 0, total: 1 });
  const got = await sha256Hex(bytes);
  if (got !== want) {
    throw new EngineError(ErrorCode.CHECKSUM_MISMATCH,
      `Checksum mismatch for ${name}: expected ${want.slice(0, 16)}…, got ${got.slice(0, 16)}….`,
      'The file is corrupt or not the official MNIST: delete data/mnist and run "npm run setup".');
  }
}

async function loadData(dataUrl) {
  const base = new URL(dataUrl, self.location.href);
  const sumsBytes = await download(new URL(CHECKSUM_FILE, base).href, CHECKSUM_FILE);
  const sums = parseSums(new TextDecoder().decode(sumsBytes));
  if (sums.size === 0) {
    throw new EngineError(ErrorCode.DATA_NOT_FOUND, `${CHECKSUM_FILE} at ${base.href} lists no checksums.`,
      'Check the data URL; run "npm run setup" to put MNIST in data/mnist/.');
  }
  const names = Object.values(MNIST_FILES);
  // Download the four files in parallel; inflate and verify each as it arrives.
  const raw = await Promise.all(names.map(async (file) => {
    const gz = await download(new URL(file, base).href, file);
    const bytes = await gunzip(gz, file);
    await verify(file.replace(/\.gz$/, ''), bytes, sums);
    return bytes;
  }));
  const [trainImages, trainLabels, testImages, testLabels] = raw;
  post({ type: FromWorker.DATA_PROGRESS, file: 'all', phase: 'parse', loaded: 0, total: 2 });
  engine.loadTrainingData(trainImages, trainLabels);
  post({ type: FromWorker.DATA_PROGRESS, file: 'all', phase: 'parse', loaded: 1, total: 2 });
  engine.loadTestData(testImages, testLabels);
  post({ type: FromWorker.DATA_PROGRESS, file: 'all', phase: 'done', loaded: 2, total: 2 });
  dataReady = true;
  post({
    type: FromWorker.DATA_READY,
    counts: { train: engine.count('train'), validation: engine.count('validation'), test: engine.count('test') },
    verified: true,
    hasher: engine.hasSha256 ? 'engine' : 'webcrypto',
  });
}

// ---------------------------------------------------------------- training

function newRun() {
  return {
    epochs: Math.max(1, config?.epochs ?? 1),
    epochIndex: 0,             // 0-based epoch being trained
    firstBatchLoss: NaN,
    samplesSeen: 0,
    batchesPerEpoch: 0,
    epochLossSum: 0, epochAccSum: 0, epochBatches: 0, // sums over the current epoch's slices
    epochSeconds: 0,           // engine time in the current epoch
    epochWall: 0,              // wall time of the current epoch's slices (pauses excluded)
    rate: 0,                   // samples/s, exponential moving average over slices
  };
}

function configure(nextConfig, limit = trainLimit) {
  // Built first with the model as asked: a config the engine refuses throws here and leaves the
  // current model, limit and run as they were.
  let info = engine.configure(nextConfig);
  if (limit !== trainLimit) {
    engine.limitTrainingData(limit);
    trainLimit = limit;
    info = engine.configure(nextConfig);  // a new limit takes effect at the next configure
  }
  config = info.config;
  run = newRun();
  post({ type: FromWorker.CONFIGURED, ...info, trainCount: engine.count('train') });
  setState(RunState.IDLE);
  postWeights(undefined);  // the initial weights
}

function requireReady() {
  if (!engine || !dataReady) {
    throw new EngineError(ErrorCode.NOT_READY, 'The data is not loaded yet.', 'Wait for the download to finish.');
  }
  // Training the previous model after the page asked for another would surprise: refuse instead.
  if (refused) throw new EngineError(ErrorCode.BAD_CONFIG, refused, 'Change the settings.');
  if (!config) {
    throw new EngineError(ErrorCode.NOT_READY, 'No model configured yet.', 'Send configure first.');
  }
}

/** One call into the engine and its bookkeeping. Returns false when training must stop. */
function trainSlice(maxBatches, budget) {
  const wallStart = performance.now();
  const p = engine.trainBatches(maxBatches, budget);
  const wall = (performance.now() - wallStart) / 1000;
  if (p.error || !Number.isFinite(p.loss)) {
    const reason = p.error || `training diverged: the loss became ${p.loss} at epoch ${p.epoch + 1}.`;
    postError(ErrorCode.DIVERGED, reason.charAt(0).toUpperCase() + reason.slice(1),
      'Lower the learning rate (for example divide it by 10) and press Reset.');
    setState(RunState.STOPPED);
    return false;
  }
  if (p.batchesRun === 0) return true;
  if (Number.isNaN(run.firstBatchLoss)) run.firstBatchLoss = p.firstBatchLoss;
  run.samplesSeen = p.samplesSeen;
  run.batchesPerEpoch = p.batchesPerEpoch;
  run.epochLossSum += p.loss * p.batchesRun;
  run.epochAccSum += p.accuracy * p.batchesRun;
  run.epochBatches += p.batchesRun;
  run.epochSeconds += p.seconds;
  run.epochWall += wall;
  const samples = p.batchesRun * (config.batchSize || 1);
  const rate = p.seconds > 0 ? samples / p.seconds : 0;
  run.rate = run.rate ? 0.8 * run.rate + 0.2 * rate : rate;
  // The engine reports the epoch of the *next* batch: after the last batch of epoch e that is
  // e + 1 with batch 0, which the page shows as epoch e, batch batchesPerEpoch of batchesPerEpoch.
  const epoch = p.epochFinished ? p.epoch - 1 : p.epoch;
  const batch = p.epochFinished ? p.batchesPerEpoch : p.batch;
  const epochsAfter = Math.max(0, run.epochs - epoch - 1);
  const samplesLeft = (p.batchesPerEpoch - batch + epochsAfter * p.batchesPerEpoch) * config.batchSize;
  post({
    type: FromWorker.PROGRESS,
    epoch,
    epochs: run.epochs,
    batch,
    batchesPerEpoch: p.batchesPerEpoch,
    samplesSeen: p.samplesSeen,
    loss: p.loss,
    accuracy: p.accuracy,
    learningRate: p.learningRate,
    samplesPerSec: run.rate,
    etaSeconds: run.rate > 0 ? samplesLeft / run.rate : 0,
    firstBatchLoss: run.firstBatchLoss,
  });
  if (p.epochFinished) finishEpoch(epoch);
  else if (performance.now() - weightsPostedAt > WEIGHTS_EVERY_MS) postWeights(undefined);
  return true;
}

function finishEpoch(epoch) {
  const metrics = evaluate('validation');
  post({
    type: FromWorker.EPOCH,
    epoch: epoch + 1,
    trainLoss: run.epochLossSum / Math.max(1, run.epochBatches),
    trainAcc: run.epochAccSum / Math.max(1, run.epochBatches),
    valAcc: metrics.accuracy,
    valLoss: metrics.loss,
    seconds: run.epochSeconds,
    wallSeconds: run.epochWall,
  });
  run.epochIndex = epoch + 1;
  run.epochLossSum = run.epochAccSum = run.epochBatches = run.epochSeconds = run.epochWall = 0;
  postWeights(undefined);
  if (run.epochIndex >= run.epochs) {
    postEvaluation('test', true);
    setState(RunState.FINISHED);
  }
}

/** Lets queued messages (pause, stop, predict-drawing...) run between slices. */
const yieldChannel = new MessageChannel();
let yieldResolvers = [];
yieldChannel.port1.onmessage = () => {
  const resolvers = yieldResolvers;
  yieldResolvers = [];
  for (const resolve of resolvers) resolve();
};
function yieldToEvents() {
  return new Promise((resolve) => {
    yieldResolvers.push(resolve);
    yieldChannel.port2.postMessage(0);
  });
}

let loopActive = false;
async function trainLoop() {
  if (loopActive) return;
  loopActive = true;
  try {
    while (state === RunState.RUNNING) {
      if (!trainSlice(SLICE_MAX_BATCHES, SLICE_SECONDS)) break;
      await yieldToEvents();
    }
  } catch (err) {
    reportError(err);
    setState(RunState.STOPPED);
  } finally {
    loopActive = false;
  }
}

function start() {
  requireReady();
  if (state === RunState.RUNNING) return;
  // After a finished or stopped run, Train starts over: same config, same seed, fresh weights.
  if (state === RunState.FINISHED || state === RunState.STOPPED) configure(config);
  setState(RunState.RUNNING);
  trainLoop();
}

function step() {
  requireReady();
  if (state === RunState.RUNNING) return;
  if (state === RunState.FINISHED || state === RunState.STOPPED) configure(config);
  if (trainSlice(1, 0) && state !== RunState.FINISHED && state !== RunState.STOPPED) {
    setState(RunState.PAUSED);
  }
}

// ---------------------------------------------------------------- queries

function galleryItem(split, index, label, predicted, confidence) {
  return { index, pixels: engine.image(split, index), label, predicted, confidence };
}

function evaluate(split) {
  const m = engine.evaluate(split);
  if (m.error) throw new EngineError(ErrorCode.INTERNAL, `Evaluation failed: ${m.error}`, 'Reset and train again.');
  return m;
}

function postEvaluation(split, final = false) {
  const m = evaluate(split);
  const labels = engine.labels(split);
  const preview = [];
  for (let i = 0; i < Math.min(PREVIEW_COUNT, m.count); i++) {
    preview.push(galleryItem(split, i, labels[i], m.predicted[i], m.confidence[i]));
  }
  const wrong = [];
  for (let i = 0; i < m.count; i++) {
    if (m.predicted[i] !== labels[i]) wrong.push(i);
  }
  wrong.sort((a, b) => m.confidence[b] - m.confidence[a]);
  const misclassified = wrong.slice(0, MISCLASSIFIED_CAP)
    .map((i) => galleryItem(split, i, labels[i], m.predicted[i], m.confidence[i]));
  post({
    type: FromWorker.EVALUATION,
    split,
    count: m.count,
    loss: m.loss,
    accuracy: m.accuracy,
    perClassAccuracy: m.perClassAccuracy,
    confusion: m.confusion,
    preview,
    misclassified,
    wrongCount: wrong.length,
    final,
  }, [m.perClassAccuracy.buffer, m.confusion.buffer]);
}

/**
 * One layer's weights (`weights`), or when `layer` is not given: the first layer with weights if
 * it is dense, else every convolution's filters (`filters`).
 */
function postWeights(layer) {
  weightsPostedAt = performance.now();
  let index = layer;
  if (index === undefined) {
    const filters = [];
    for (let i = 0; i < engine.layerCount(); i++) {
      const w = engine.layerWeights(i);
      if (w.rows * w.cols === 0) continue;
      if (index === undefined && w.kind !== 'Conv2D' && filters.length === 0) { index = i; break; }
      if (w.kind === 'Conv2D') {
        filters.push({ layer: i, filters: w.rows, channels: w.channels, kernelH: w.kernelH, kernelW: w.kernelW,
          weights: w.weights, bias: w.bias });
      }
    }
    if (filters.length) {
      post({ type: FromWorker.FILTERS, layers: filters }, filters.flatMap((f) => [f.weights.buffer, f.bias.buffer]));
      return;
    }
    if (index === undefined) return;
  }
  const w = engine.layerWeights(index);
  post({
    type: FromWorker.WEIGHTS, layer: index, kind: w.kind, rows: w.rows, cols: w.cols,
    channels: w.channels, kernelH: w.kernelH, kernelW: w.kernelW, weights: w.weights, bias: w.bias,
  }, [w.weights.buffer, w.bias.buffer]);
}

function postSamples(split, perClass, offset = 0) {
  const labels = engine.labels(split);
  const byClass = Array.from({ length: 10 }, () => []);
  const skip = offset * perClass;
  const seen = new Array(10).fill(0);
  for (let i = 0; i < labels.length; i++) {
    const d = labels[i];
    if (seen[d]++ < skip || byClass[d].length >= perClass) continue;
    byClass[d].push(i);
    if (byClass.every((list) => list.length >= perClass)) break;
  }
  const items = byClass.flat().map((index) => ({ index, pixels: engine.image(split, index), label: labels[index] }));
  post({ type: FromWorker.SAMPLES, split, offset, items });
}

function predictDrawing({ gray, width, height }) {
  if (!engine) throw new EngineError(ErrorCode.NOT_READY, 'The engine is not loaded yet.', 'Wait a moment.');
  const input28 = engine.preprocessDrawing(gray, width, height);
  const blank = !input28.some((v) => v > 0);
  const probabilities = blank || !config ? null : engine.predict(input28);
  post({ type: FromWorker.PREDICTION, probabilities, input28 },
    probabilities ? [probabilities.buffer, input28.buffer] : [input28.buffer]);
}

function postFeatureMaps({ pixels }) {
  if (!engine || !config) throw new EngineError(ErrorCode.NOT_READY, 'No model configured yet.', 'Wait a moment.');
  const maps = engine.featureMaps(pixels);
  post({ type: FromWorker.FEATURE_MAPS, maps }, maps.map((m) => m.values.buffer));
}

// ---------------------------------------------------------------- messages

function reportError(err) {
  if (err instanceof EngineError) {
    postError(err.code, err.message, err.hint, err.fatal ?? false);
  } else {
    postError(ErrorCode.INTERNAL, `Worker error: ${err?.message ?? err}`, 'Reload the page.');
  }
}

async function init({ dataUrl, engineUrl, build }) {
  try {
    engine = await loadEngine({ engineUrl, build });
  } catch (err) {
    err.fatal = true;
    throw err;
  }
  post({
    type: FromWorker.READY, protocol: PROTOCOL_VERSION, build: engine.build, arch: engine.arch,
    presets: engine.presets(), defaults: engine.defaultConfig(),
  });
  try {
    await loadData(dataUrl);
  } catch (err) {
    err.fatal = true;
    throw err;
  }
}

const handlers = {
  [ToWorker.INIT]: init,
  [ToWorker.CONFIGURE]: (m) => {
    if (!engine) throw new EngineError(ErrorCode.NOT_READY, 'The engine is not loaded yet.', 'Wait a moment.');
    try {
      configure(m.config, m.trainLimit ?? 0);
      refused = '';
    } catch (err) {
      refused = err.message;
      throw err;
    }
  },
  [ToWorker.START]: start,
  [ToWorker.PAUSE]: () => { if (state === RunState.RUNNING) setState(RunState.PAUSED); },
  [ToWorker.RESUME]: () => {
    requireReady();
    if (state === RunState.PAUSED || state === RunState.IDLE) { setState(RunState.RUNNING); trainLoop(); }
  },
  [ToWorker.STEP]: step,
  [ToWorker.STOP]: () => {
    if (state === RunState.RUNNING || state === RunState.PAUSED || state === RunState.IDLE) {
      const trained = run?.samplesSeen > 0;
      setState(RunState.STOPPED);
      if (trained) postWeights(undefined);  // as training left them
    }
  },
  [ToWorker.RESET]: () => {
    requireReady();
    configure(config);
  },
  [ToWorker.PREDICT_DRAWING]: predictDrawing,
  [ToWorker.GET_FEATURE_MAPS]: postFeatureMaps,
  [ToWorker.EVALUATE]: (m) => { requireReady(); postEvaluation(m.split); },
  [ToWorker.GET_WEIGHTS]: (m) => { requireReady(); postWeights(m.layer); },
  [ToWorker.GET_SAMPLES]: (m) => {
    if (!dataReady) throw new EngineError(ErrorCode.NOT_READY, 'The data is not loaded yet.', 'Wait for the download.');
    postSamples(m.split ?? 'train', m.perClass ?? 8, m.offset ?? 0);
  },
};

self.addEventListener('message', async (event) => {
  const message = event.data;
  const handler = handlers[message?.type];
  if (!handler) {
    postError(ErrorCode.INTERNAL, `Unknown message type "${message?.type}".`, 'Page and worker versions differ: reload.');
    return;
  }
  try {
    await handler(message);
  } catch (err) {
    reportError(err);
  }
});
