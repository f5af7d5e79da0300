// The training worker (a module worker): it owns the engine, so the page's thread only draws.
// It loads the engine, downloads MNIST (gzip) with progress, inflates it with
// DecompressionStream, checks SHA-256 (the engine's) against SHA256SUMS.raw, and trains in slices
// of about 50 ms, yielding to the message queue between slices so pause/stop/step arrive promptly.
// A run trains a number of epochs from where the model stands: a fresh model, or (start in
// 'continue' mode, step after a run) the current weights, counting epochs and images over the
// model's whole life. Every failure is posted as an `error` message (protocol.js), never
// swallowed; one caused by a page message names it (`request`, `id`). After dispose only init is
// served.
import { loadEngine, EngineError } from './engine.js';
import {
  PROTOCOL_VERSION, MAX_EPOCHS, ToWorker, FromWorker, ErrorCode, RunState, StartMode, MNIST_FILES,
  CHECKSUM_FILE,
} from './protocol.js';

const SLICE_SECONDS = 0.05;   // engine time per slice: short enough for a responsive pause
const SLICE_MAX_BATCHES = 1000;
const PREVIEW_COUNT = 48;      // test digits shown with their predictions
const MISCLASSIFIED_CAP = 600; // wrong predictions sent for the gallery
const WEIGHTS_EVERY_MS = 2000; // during a run, the weights (or filters) are posted this often

/** @type {import('./engine.js').Engine | null} */
let engine = null;
let initializing = false;  // an init is loading the engine or the data
let generation = 0;    // counts inits and disposes: an init that is no longer the latest stops
let disposed = false;  // after dispose, until the next init: only init is served
let dataReady = false;
// The config the model was built from (the last configure's, reset's or loaded file's): for
// reset and start from scratch. Continuing changes only the engine's copy (its epochs).
let config = null;
let refused = '';      // the engine's message when the page's last configure was refused
let weightsPostedAt = 0;
let state = RunState.LOADING;
let run = null;        // counters of the current run, see newRun()
let firstBatchLoss = NaN;  // of the model's first trained batch since it was built or loaded
let modelWithEpochs = false;  // init's keepModels: each epoch message carries the model file

function post(message, transfer = []) {
  self.postMessage(message, transfer);
}

/** {id} when the page message had one, else nothing: spread into an answer. */
function withId(id) {
  return id === undefined ? {} : { id };
}

/** `request`: {request, id} of the page message whose handling failed, if one did. */
function postError(code, message, hint = '', fatal = false, request = {}) {
  post({ type: FromWorker.ERROR, code, message, hint, fatal, ...request });
}

/** `id`: of the start this state answers. */
function setState(next, id) {
  state = next;
  post({ type: FromWorker.STATE, state, ...withId(id) });
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

function verify(name, bytes, sums) {
  const want = sums.get(name);
  if (!want) {
    throw new EngineError(ErrorCode.CHECKSUM_MISMATCH, `${CHECKSUM_FILE} lists no checksum for ${name}.`,
      'The data folder is incomplete: run "npm run setup" again.');
  }
  post({ type: FromWorker.DATA_PROGRESS, file: name, phase: 'verify', loaded: 0, total: 1 });
  const got = engine.sha256Hex(bytes);
  if (got !== want) {
    throw new EngineError(ErrorCode.CHECKSUM_MISMATCH,
      `Checksum mismatch for ${name}: expected ${want.slice(0, 16)}…, got ${got.slice(0, 16)}….`,
      'The file is corrupt or not the official MNIST: delete data/mnist and run "npm run setup".');
  }
}

/** Thrown inside an init that a dispose (or a later init) replaced: it ends quietly. */
class Superseded extends Error {}

/** Throws Superseded once generation has moved past `mine`. */
function checkCurrent(mine) {
  if (mine !== generation) throw new Superseded('superseded');
}

async function loadData(dataUrl, mine) {
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
    checkCurrent(mine);
    verify(file.replace(/\.gz$/, ''), bytes, sums);
    return bytes;
  }));
  checkCurrent(mine);
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
  });
}

// ---------------------------------------------------------------- training

/**
 * The counters of a run that starts where the engine's model stands (position()): a fresh
 * model, or one trained before. `previous`: the run this one continues, whose sums over an epoch
 * under way carry over so the epoch message covers the whole epoch.
 */
function newRun(previous = null) {
  const position = engine.position();
  const carry = previous && position.batchInEpoch > 0 ? previous : null;
  return {
    epochs: position.epochs,   // the model's epoch count at which the run ends (absolute)
    trainCount: trainCount(),  // images per epoch
    samplesSeen: position.samplesSeen,  // the engine's count, as it last reported it
    batchesPerEpoch: carry?.batchesPerEpoch ?? 0,
    // Sums over the current epoch's slices, weighted by images (an epoch's last batch may be short).
    epochLossSum: carry?.epochLossSum ?? 0,
    epochCorrect: carry?.epochCorrect ?? 0,
    epochSamples: carry?.epochSamples ?? 0,
    epochSeconds: carry?.epochSeconds ?? 0,  // engine time in the current epoch
    epochWall: carry?.epochWall ?? 0,        // wall time of the current epoch's slices (no pauses)
    rate: 0,                   // images/s of engine time, exponential moving average over slices
    loopSamples: 0,            // images trained by the training loop, and the loop's wall time
    loopWall: 0,               //   (slices, evaluations, yields; not pauses): the ETA's rate
  };
}

/** Training images per epoch: the first config.trainLimit, or all. */
function trainCount() {
  const all = engine.count('train');
  return config?.trainLimit > 0 ? Math.min(config.trainLimit, all) : all;
}

/**
 * The model is new (configure, reset or a model file): tell the page (with where the model
 * stands: info.epochsDone, info.samplesSeen), then show its weights. `id`: of the page message
 * that asked for it.
 */
function announceModel(info, loaded, id) {
  config = info.config;
  run = newRun();
  firstBatchLoss = NaN;
  post({ type: FromWorker.CONFIGURED, ...info, trainCount: run.trainCount, loaded, ...withId(id) });
  setState(loaded ? RunState.STOPPED : RunState.IDLE);
  postWeights();
}

// A refused config throws in engine.configure and leaves the current model and run as they were.
function configure(nextConfig, id) {
  announceModel(engine.configure(nextConfig), false, id);
}

/**
 * The epochs a start asks for: a whole number from 1 to MAX_EPOCHS; absent, the config's.
 * Throws bad-request naming the field.
 */
function requestedEpochs(epochs) {
  if (epochs === undefined) return config.epochs;
  if (!Number.isInteger(epochs) || epochs < 1 || epochs > MAX_EPOCHS) {
    throw new EngineError(ErrorCode.BAD_REQUEST,
      `start: epochs must be a whole number from 1 to ${MAX_EPOCHS}, got ${JSON.stringify(epochs)}.`,
      'Ask for a number of epochs within the range.');
  }
  return epochs;
}

/** The current model trains moreEpochs further epochs: a run that continues the last one. */
function continueRun(moreEpochs) {
  engine.extendRun(moreEpochs);
  run = newRun(run);
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

// What the page hears when train_batches() refuses (TrainProgress.errorKind): only a diverged run
// is the learning rate's fault; the others mean the model or the data is not there; none ('')
// with an error means the engine failed (it caught an exception, such as running out of memory).
const TRAIN_ERRORS = {
  '': [ErrorCode.ENGINE_FAILURE, 'Choose a smaller model or batch size; reload the page if it keeps failing.'],
  diverged: [ErrorCode.DIVERGED, 'Lower the learning rate (for example divide it by 10) and press Reset.'],
  'no-model': [ErrorCode.NOT_READY, 'Choose settings the engine accepts, then train.'],
  'no-data': [ErrorCode.NOT_READY, 'Wait for the download to finish.'],
  'bad-data': [ErrorCode.PARSE_ERROR, 'The training images do not fit the model: reload the page, and run "npm run setup" again if it persists.'],
};

/** One call into the engine and its bookkeeping. Returns false when training must stop. */
function trainSlice(maxBatches, budget) {
  const wallStart = performance.now();
  const p = engine.trainBatches(maxBatches, budget);
  const wall = (performance.now() - wallStart) / 1000;
  if (p.error) {
    const [code, hint] = TRAIN_ERRORS[p.errorKind] ?? [ErrorCode.INTERNAL, 'Reload the page.'];
    postError(code, p.error.charAt(0).toUpperCase() + p.error.slice(1), hint);
    setState(RunState.STOPPED);
    return false;
  }
  if (p.batchesRun === 0) return true;
  if (Number.isNaN(firstBatchLoss)) firstBatchLoss = p.firstBatchLoss;
  // Images trained in this call: the change in the engine's count, exact even for a short last
  // batch (batchesRun * batchSize would over-count it).
  const samples = p.samplesSeen - run.samplesSeen;
  run.samplesSeen = p.samplesSeen;
  run.batchesPerEpoch = p.batchesPerEpoch;
  run.epochLossSum += p.loss * samples;
  run.epochCorrect += p.accuracy * samples;
  run.epochSamples += samples;
  run.epochSeconds += p.seconds;
  run.epochWall += wall;
  const rate = p.seconds > 0 ? samples / p.seconds : 0;
  run.rate = run.rate ? 0.8 * run.rate + 0.2 * rate : rate;
  // The engine reports the epoch of the *next* batch: after the last batch of epoch e that is
  // e + 1 with batch 0, which the page shows as epoch e, batch batchesPerEpoch of batchesPerEpoch.
  const epoch = p.epochFinished ? p.epoch - 1 : p.epoch;
  const batch = p.epochFinished ? p.batchesPerEpoch : p.batch;
  // Time left: this run's images not yet trained at the loop's wall-time rate, which includes
  // the evaluations and yields between slices (the engine-time rate until the loop has one).
  // Counted from the position, not from samplesSeen, which also holds the model's earlier runs.
  const samplesLeft = imagesLeft(run, p.epoch, p.batch);
  const wallRate = run.loopWall > 0 ? run.loopSamples / run.loopWall : run.rate;
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
    etaSeconds: wallRate > 0 ? samplesLeft / wallRate : 0,
    firstBatchLoss,
  });
  if (p.epochFinished) finishEpoch(epoch);
  else if (performance.now() - weightsPostedAt > WEIGHTS_EVERY_MS) postWeights();
  return true;
}

/**
 * Images the run has still to train when the next batch is batch `batch` of 0-based epoch
 * `epoch` (the engine's position): the rest of that epoch and the run's later epochs.
 */
function imagesLeft(r, epoch, batch) {
  const doneInEpoch = Math.min(r.trainCount, batch * config.batchSize);
  return Math.max(0, (r.epochs - epoch) * r.trainCount - doneInEpoch);
}

function finishEpoch(epoch) {
  const metrics = evaluate('validation');
  const samples = Math.max(1, run.epochSamples);
  post({
    type: FromWorker.EPOCH,
    epoch: epoch + 1,
    trainLoss: run.epochLossSum / samples,
    trainAcc: run.epochCorrect / samples,
    valAcc: metrics.accuracy,
    valLoss: metrics.loss,
    seconds: run.epochSeconds,
    wallSeconds: run.epochWall,
    samples: run.epochSamples,
    samplesPerSec: run.epochSeconds > 0 ? run.epochSamples / run.epochSeconds : 0,
    // The model as this epoch left it, for a page that keeps it (init's keepModels).
    ...(modelWithEpochs ? { modelFile: engine.saveModel() } : {}),
  });
  run.epochLossSum = run.epochCorrect = run.epochSamples = run.epochSeconds = run.epochWall = 0;
  postWeights();
  if (epoch + 1 >= run.epochs) {
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
      const thisRun = run;
      const started = performance.now();
      const before = run.samplesSeen;
      if (!trainSlice(SLICE_MAX_BATCHES, SLICE_SECONDS)) break;
      await yieldToEvents();
      // Counted once the yield is over, so the rate includes it; a pause ends the loop, so
      // paused time never counts. A reset during the yield started another run: not counted.
      if (run === thisRun) {
        run.loopWall += (performance.now() - started) / 1000;
        run.loopSamples += run.samplesSeen - before;
      }
    }
  } catch (err) {
    reportError(err);
    setState(RunState.STOPPED);
  } finally {
    loopActive = false;
  }
}

/** start {mode, epochs, id}: see StartMessage in protocol.js. */
function start({ mode = StartMode.SCRATCH, epochs, id }) {
  requireReady();
  if (mode !== StartMode.SCRATCH && mode !== StartMode.CONTINUE) {
    throw new EngineError(ErrorCode.BAD_REQUEST,
      `start: mode must be '${StartMode.SCRATCH}' or '${StartMode.CONTINUE}', got ${JSON.stringify(mode)}.`,
      'Page and worker versions may differ: reload.');
  }
  const count = requestedEpochs(epochs);
  if (state !== RunState.RUNNING) {
    if (mode === StartMode.CONTINUE) {
      continueRun(count);
    } else if (state === RunState.FINISHED || state === RunState.STOPPED) {
      // From scratch after a run: same config and seed, fresh weights.
      configure({ ...config, epochs: count });
    } else if (state === RunState.IDLE && count !== config.epochs) {
      // The fresh model, untrained: only the run's length (the schedule's horizon) changes.
      continueRun(count);
      config = { ...config, epochs: count };
    }
    // (From paused, scratch resumes the paused run.)
  }
  setState(RunState.RUNNING, id);
  trainLoop();
}

/**
 * One batch, then paused. After a finished or stopped run it goes on from the current weights:
 * the run stopped mid-way continues, and a model that trained all the run's epochs gets one more.
 */
function step() {
  requireReady();
  if (state === RunState.RUNNING) return;
  if (state === RunState.FINISHED || state === RunState.STOPPED) {
    const { epochsDone, epochs } = engine.position();
    if (epochsDone >= epochs) continueRun(1);
    else run = newRun(run);
  }
  // Paused after the batch, unless it failed (state stopped) or ended the run (state finished).
  if (trainSlice(1, 0) && engine.position().epochsDone < run.epochs) setState(RunState.PAUSED);
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
 * The weights to draw: the first layer's (`weights`) when it is dense (an MLP), else every
 * convolution's filters (`filters`).
 */
function postWeights() {
  weightsPostedAt = performance.now();
  const filters = [];
  for (let i = 0; i < engine.layerCount(); i++) {
    const w = engine.layerWeights(i);
    if (w.rows * w.cols === 0) continue;
    if (w.kind === 'Conv2D') {
      filters.push({ layer: i, filters: w.rows, channels: w.channels, kernelH: w.kernelH, kernelW: w.kernelW,
        weights: w.weights, bias: w.bias });
    } else if (filters.length === 0) {
      post({ type: FromWorker.WEIGHTS, layer: i, kind: w.kind, rows: w.rows, cols: w.cols, weights: w.weights, bias: w.bias },
        [w.weights.buffer, w.bias.buffer]);
      return;
    }
  }
  if (filters.length) {
    post({ type: FromWorker.FILTERS, layers: filters }, filters.flatMap((f) => [f.weights.buffer, f.bias.buffer]));
  }
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

function predictDrawing({ id, gray, width, height }) {
  if (!engine) throw new EngineError(ErrorCode.NOT_READY, 'The engine is not loaded yet.', 'Wait a moment.');
  const input28 = engine.preprocessDrawing(gray, width, height);
  const blank = !input28.some((v) => v > 0);
  const probabilities = blank || !config ? null : engine.predict(input28);
  post({ type: FromWorker.PREDICTION, id, probabilities, input28 },
    probabilities ? [probabilities.buffer, input28.buffer] : [input28.buffer]);
}

function postFeatureMaps({ id, pixels }) {
  if (!engine || !config) throw new EngineError(ErrorCode.NOT_READY, 'No model configured yet.', 'Wait a moment.');
  const maps = engine.featureMaps(pixels);
  post({ type: FromWorker.FEATURE_MAPS, id, maps }, maps.map((m) => m.values.buffer));
}

/**
 * The pixels of a predict message as a Float32Array(784), or a bad-request error naming what is
 * wrong: the length, or the first value that is not a finite number.
 */
function checkedPixels(pixels) {
  const length = pixels?.length;
  if (!(Array.isArray(pixels) || ArrayBuffer.isView(pixels)) || length !== 784) {
    throw new EngineError(ErrorCode.BAD_REQUEST,
      `predict: pixels must be 784 numbers (a 28x28 image, row by row), got ${
        length === undefined ? typeof pixels : `${length} values`}.`,
      'Send a Float32Array(784) with values in [0, 1].');
  }
  const values = pixels instanceof Float32Array ? pixels : Float32Array.from(pixels, Number);
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    throw new EngineError(ErrorCode.BAD_REQUEST,
      `predict: pixel ${bad} is ${String(pixels[bad])}: pixels must be finite numbers in [0, 1].`,
      'Send a Float32Array(784) with values in [0, 1].');
  }
  return values;
}

/** predict {id, pixels}: the current model's ten probabilities for one 28x28 image. */
function predictPixels({ id, pixels }) {
  if (!engine || !config) throw new EngineError(ErrorCode.NOT_READY, 'No model configured yet.', 'Send configure or load-model first.');
  const probabilities = engine.predict(checkedPixels(pixels));
  post({ type: FromWorker.PROBABILITIES, id, probabilities }, [probabilities.buffer]);
}

function saveModel({ id }) {
  requireReady();
  const bytes = engine.saveModel();
  post({ type: FromWorker.MODEL_FILE, bytes, ...withId(id) }, [bytes.buffer]);
}

function loadModel({ bytes, id }) {
  if (!engine || !dataReady) {
    throw new EngineError(ErrorCode.NOT_READY, 'The data is not loaded yet.', 'Wait for the download to finish.');
  }
  // A file the engine refuses throws here and leaves the current model as it was.
  const info = engine.loadModel(bytes);
  refused = '';
  // State stopped: the model is trained; start 'continue' trains it on, 'scratch' starts over.
  announceModel(info, true, id);
  postEvaluation('test');
}

/** Frees the engine and forgets the data and the model; a run ends (the loop sees the state). */
function releaseEngine() {
  generation++;  // an init still loading stops at its next step
  state = RunState.LOADING;
  engine?.dispose();
  engine = null;
  dataReady = false;
  config = null;
  refused = '';
  run = null;
}

function dispose({ id }) {
  releaseEngine();
  disposed = true;
  post({ type: FromWorker.DISPOSED, ...withId(id) });
}

// ---------------------------------------------------------------- messages

/** `request`: {request, id} when the error belongs to a page message. */
function reportError(err, request = {}) {
  if (err instanceof EngineError) {
    postError(err.code, err.message, err.hint, err.fatal ?? false, request);
  } else {
    postError(ErrorCode.INTERNAL, `Worker error: ${err?.message ?? err}`, 'Reload the page.', false, request);
  }
}

async function init({ dataUrl, engineUrl, build, keepModels = false }) {
  modelWithEpochs = Boolean(keepModels);
  if (initializing) {
    throw new EngineError(ErrorCode.INTERNAL, 'The engine is still loading.', 'Send init again once it is ready.');
  }
  initializing = true;
  disposed = false;
  try {
    if (engine) {
      // Another init starts over. The old session is freed (not leaked with its module), and a
      // training loop ends at its next slice because the state is no longer running.
      releaseEngine();
      setState(RunState.LOADING);
    }
    const mine = ++generation;
    let loaded;
    try {
      loaded = await loadEngine({ engineUrl, build });
    } catch (err) {
      if (mine !== generation) return;  // disposed meanwhile: nobody waits for this init
      err.fatal = true;
      throw err;
    }
    if (mine !== generation) {  // disposed while loading
      loaded.dispose();
      return;
    }
    engine = loaded;
    post({
      type: FromWorker.READY, protocol: PROTOCOL_VERSION, build: engine.build, arch: engine.arch,
      presets: engine.presets(), defaults: engine.defaultConfig(),
    });
    try {
      await loadData(dataUrl, mine);
    } catch (err) {
      if (err instanceof Superseded) return;
      err.fatal = true;
      throw err;
    }
  } finally {
    initializing = false;
  }
}

const handlers = {
  [ToWorker.INIT]: init,
  [ToWorker.CONFIGURE]: (m) => {
    if (!engine) throw new EngineError(ErrorCode.NOT_READY, 'The engine is not loaded yet.', 'Wait a moment.');
    try {
      configure(m.config, m.id);
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
      if (trained) postWeights();  // as training left them
    }
  },
  [ToWorker.RESET]: () => {
    requireReady();
    configure(config);
  },
  [ToWorker.PREDICT_DRAWING]: predictDrawing,
  [ToWorker.GET_FEATURE_MAPS]: postFeatureMaps,
  [ToWorker.EVALUATE]: (m) => { requireReady(); postEvaluation(m.split); },
  [ToWorker.GET_SAMPLES]: (m) => {
    if (!dataReady) throw new EngineError(ErrorCode.NOT_READY, 'The data is not loaded yet.', 'Wait for the download.');
    postSamples(m.split ?? 'train', m.perClass ?? 8, m.offset ?? 0);
  },
  [ToWorker.SAVE_MODEL]: saveModel,
  [ToWorker.LOAD_MODEL]: loadModel,
  [ToWorker.PREDICT]: predictPixels,
  [ToWorker.DISPOSE]: dispose,
};

self.addEventListener('message', async (event) => {
  const message = event.data;
  const handler = handlers[message?.type];
  if (!handler) {
    postError(ErrorCode.INTERNAL, `Unknown message type "${message?.type}".`, 'Page and worker versions differ: reload.',
      false, { request: message?.type });
    return;
  }
  if (disposed && message.type !== ToWorker.INIT) {
    postError(ErrorCode.NOT_READY, 'The engine was disposed.', 'Send init to load it again.', false,
      { request: message.type, id: message.id });
    return;
  }
  try {
    await handler(message);
  } catch (err) {
    reportError(err, { request: message.type, id: message.id });
  }
});
