// The training worker (a module worker): it owns the engine, so the page's thread only draws.
// It loads the engine, downloads a built-in dataset (MNIST, Fashion-MNIST: gzip) with progress and
// size limits, inflates it with DecompressionStream as far as the IDX headers declare, checks
// SHA-256 (the engine's) against the sums the engine pins and the server's SHA256SUMS.raw
// (data-files.js), and trains in slices
// of about 50 ms, yielding to the message queue between slices so pause/stop/step arrive promptly.
// It keeps the last good model (at each run's start and each epoch's end) so a diverged run can
// go back to it with a lower learning rate (recover).
// A run trains a number of epochs from where the model stands: a fresh model, or (start in
// 'continue' mode, step after a run) the current weights, counting epochs and images over the
// model's whole life. Every failure is posted as an `error` message (protocol.js), never
// swallowed; one caused by a page message names it (`request`, `id`). After dispose only init is
// served.
import { loadEngine, EngineError, asEngineError } from './engine.js';
import {
  PROTOCOL_VERSION, MAX_EPOCHS, ToWorker, FromWorker, ErrorCode, RunState, StartMode, DATA_FILES,
  CHECKSUM_FILE, DATA_LIMITS,
} from './protocol.js';
import { expandZips, isIdxUpload, readIdxUpload, uploadName } from './uploads.js';
import {
  BAD_FILE_CODES, download, dropOfflineCopy, fetchHostSums, inflateIdx, rawName, verifyChecksum,
} from './data-files.js';

const SLICE_SECONDS = 0.05;   // engine time per slice: short enough for a responsive pause
const SLICE_MAX_BATCHES = 1000;
const PREVIEW_COUNT = 48;      // test digits shown with their predictions
const MISCLASSIFIED_CAP = 600; // wrong predictions sent for the gallery
const WEIGHTS_EVERY_MS = 2000; // during a run, the weights (or filters) are posted this often
// During a run, progress is posted at most this often (the slices in between are summed into
// it): every message costs the page a layout and a frame, and on a 2-core machine the page's
// thread then competes with the engine's threads.
const PROGRESS_EVERY_MS = 200;

/** @type {import('./engine.js').Engine | null} */
let engine = null;
let initializing = false;  // an init is loading the engine or the data
let generation = 0;    // counts inits and disposes: an init that is no longer the latest stops
let disposed = false;  // after dispose, until the next init: only init is served
let dataReady = false;
let loadingData = false;  // a load-data is under way
// The config the model was built from (the last configure's, reset's or loaded file's): for
// reset and start from scratch. Continuing changes only the engine's copy (its epochs).
let config = null;
let refused = '';      // the engine's message when the page's last configure was refused
let weightsPostedAt = 0;
let state = RunState.LOADING;
let run = null;        // counters of the current run, see newRun()
let firstBatchLoss = NaN;  // of the model's first trained batch since it was built or loaded
let modelWithEpochs = false;  // init's keepModels: each epoch message carries the model file
// The last good model: a model file of the weights at the current run's start or its last epoch's
// end (a diverged run goes back to it), with where it stood. Null until a run starts.
let goodModel = null;
let aliveLockHeld = false;  // init's aliveLock is held (for the worker's whole life)

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

/** The engine's memory and handles (protocol.js EngineMemory), when it is loaded. */
function memory() {
  return engine ? { memory: engine.memory() } : {};
}

/** `id`: of the start this state answers. */
function setState(next, id) {
  if (run) postProgress();  // a pause or stop is heard after every batch trained before it
  state = next;
  post({ type: FromWorker.STATE, state, ...withId(id), ...memory() });
}

// Uncaught problems still reach the page, once: preventDefault keeps the error from also
// firing on the page's Worker object (whose handler is for a worker that could not start).
// A bare number here is a C++ exception that escaped the engine outside any call's handling.
self.addEventListener('error', (event) => {
  event.preventDefault();
  reportError(event.error ?? new Error(event.message));
});
self.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  reportError(event.reason);
});

// ---------------------------------------------------------------- data

/** Thrown inside an init that a dispose (or a later init) replaced: it ends quietly. */
class Superseded extends Error {}

/** Throws Superseded once generation has moved past `mine`. */
function checkCurrent(mine) {
  if (mine !== generation) throw new Superseded('superseded');
}

function postDownloadProgress(file) {
  return (loaded, total) => post({ type: FromWorker.DATA_PROGRESS, file, phase: 'download', loaded, total });
}

/**
 * One data file: downloaded, inflated and checked (data-files.js), each step within its limit.
 * A file whose bytes are bad is dropped from the offline copy, so a retry downloads it again.
 */
async function fetchDataFile(url, file, sums, dataset, { mine, signal }) {
  try {
    const gz = await download(url, file, { limit: DATA_LIMITS.downloadBytes, signal, onProgress: postDownloadProgress(file) });
    checkCurrent(mine);
    post({ type: FromWorker.DATA_PROGRESS, file, phase: 'inflate', loaded: 0, total: 1 });
    const bytes = await inflateIdx(gz, file, { limit: DATA_LIMITS.inflatedBytes, signal });
    checkCurrent(mine);
    post({ type: FromWorker.DATA_PROGRESS, file: rawName(file), phase: 'verify', loaded: 0, total: 1 });
    verifyChecksum(rawName(file), bytes, sums, dataset, (b) => engine.sha256Hex(b));
    return bytes;
  } catch (err) {
    // (Not when another file's failure stopped this one: its bytes were never judged.)
    if (BAD_FILE_CODES.has(err?.code) && !signal.aborted) await dropOfflineCopy(url);
    throw err;
  }
}

/** The engine's built-in dataset with this id, with its pinned sums as a Map. */
function builtinDataset(id) {
  const info = engine.datasets().find((d) => d.id === id);
  if (!info) {
    const known = engine.datasets().map((d) => d.id).join(', ');
    throw new EngineError(ErrorCode.BAD_REQUEST, `Unknown dataset "${id}": the engine has ${known}.`, 'Pick one from the dataset menu.');
  }
  return { ...info, sums: new Map(info.files.map((f) => [f.name, f.sha256])) };
}

/** Downloads, checks and loads a built-in dataset; the data before it stays if anything fails. */
async function loadData(dataUrl, datasetId, mine, id) {
  const dataset = builtinDataset(datasetId);
  const base = new URL(dataUrl, self.location.href);
  const names = Object.values(DATA_FILES);
  const sums = await fetchHostSums(base, names.map(rawName), dataset.sums, { onProgress: postDownloadProgress(CHECKSUM_FILE) });
  // The four files download in parallel, each inflated and checked as it arrives. The first
  // failure stops the others (a bad host need not be read to the end).
  const stop = new AbortController();
  const raw = await Promise.all(names.map((file) =>
    fetchDataFile(new URL(file, base).href, file, sums, dataset, { mine, signal: stop.signal }).catch((err) => {
      stop.abort(err);
      throw err;
    })));
  checkCurrent(mine);
  post({ type: FromWorker.DATA_PROGRESS, file: 'all', phase: 'parse', loaded: 0, total: 1 });
  engine.loadIdxData(...raw, dataset.classNames);
  post({ type: FromWorker.DATA_PROGRESS, file: 'all', phase: 'done', loaded: 1, total: 1 });
  postDataReady({ id: dataset.id, name: dataset.name }, id);
}

/** The engine's datasets, counts and classes after new data: data-ready. */
function postDataReady(dataset, id) {
  dataReady = true;
  post({
    type: FromWorker.DATA_READY, ...withId(id),
    counts: { train: engine.count('train'), validation: engine.count('validation'), test: engine.count('test') },
    dataset: { ...dataset, classNames: engine.classNames() },
  });
}

/** An upload of IDX files: the engine parses them; a built-in dataset's labels keep its names. */
async function loadIdxUpload(files) {
  const idx = await readIdxUpload(files, (b) => engine.sha256Hex(b));
  const builtin = engine.datasets().find((d) => d.files[1].sha256 === idx.labelsSha256);
  post({ type: FromWorker.DATA_PROGRESS, file: 'all', phase: 'parse', loaded: 0, total: 1 });
  engine.loadIdxData(...idx.files, builtin?.classNames ?? []);
  return { format: 'idx', checksums: idx.verified };
}

/** An upload of images in class folders: the engine reads, checks and splits them. */
function loadImageUpload(files) {
  const notes = engine.loadImageFolder(files, (done, total) =>
    post({ type: FromWorker.DATA_PROGRESS, file: 'images', phase: 'parse', loaded: done, total }));
  return { format: 'images', checksums: false, ...notes };
}

/**
 * load-files: a dataset of one's own (images or IDX files). As load-data: a run going on
 * stops, and the current data stays when the upload is refused.
 */
async function loadFiles({ files, id }) {
  await whileLoadingData(async () => {
    const name = uploadName(files);
    const expanded = expandZips(files);
    const upload = isIdxUpload(expanded) ? await loadIdxUpload(expanded) : loadImageUpload(expanded);
    postDataReady({ id: 'custom', name, upload }, id);
  });
}

/** Runs a data load with training held off (a run going on is stopped first). */
async function whileLoadingData(load) {
  if (!engine || initializing) throw new EngineError(ErrorCode.NOT_READY, 'The engine is still loading.', 'Wait a moment.');
  if (loadingData) throw new EngineError(ErrorCode.BAD_REQUEST, 'Another dataset is still loading.', 'Wait for it, then choose again.');
  if (state === RunState.RUNNING || state === RunState.PAUSED) setState(RunState.STOPPED);
  loadingData = true;
  try {
    await load();
  } catch (err) {
    if (!(err instanceof Superseded)) throw err;  // an init or dispose came meanwhile
  } finally {
    loadingData = false;
  }
}

/**
 * load-data: another built-in dataset. A run going on stops first (its model no longer matches
 * the data); while the files load, nothing trains.
 */
async function switchData({ dataset, dataUrl, id }) {
  const mine = generation;
  await whileLoadingData(() => loadData(dataUrl, dataset, mine, id));
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
    // Slices trained since the last progress message: images, loss and correct sums, and the
    // engine's report of the latest one (null: nothing unposted).
    unposted: nothingUnposted(),
  };
}

function nothingUnposted() {
  return { samples: 0, lossSum: 0, correct: 0, last: null };
}

/** Training images per epoch: the first config.trainLimit, or all. */
function trainCount() {
  const all = engine.count('train');
  return config?.trainLimit > 0 ? Math.min(config.trainLimit, all) : all;
}

/**
 * The model is new (configure, reset, a model file, a recover): tell the page (with where the
 * model stands: info.epochsDone, info.samplesSeen), then show its weights. A loaded model is
 * trained (state stopped); a recovered one is the kept model, trained or not. `id`: of the page
 * message that asked for it.
 */
function announceModel(info, { loaded = false, recovered = false, id } = {}) {
  config = info.config;
  run = newRun();
  firstBatchLoss = NaN;
  goodModel = null;
  post({
    type: FromWorker.CONFIGURED, ...info, trainCount: run.trainCount, loaded, ...(recovered ? { recovered } : {}),
    ...withId(id), ...memory(),
  });
  const trained = loaded || (recovered && info.samplesSeen > 0);
  setState(trained ? RunState.STOPPED : RunState.IDLE);
  postWeights();
}

// A refused config throws in engine.configure and leaves the current model and run as they were.
function configure(nextConfig, id) {
  announceModel(engine.configure(nextConfig), { id });
}

/**
 * Keeps the model as it stands (a model file: weights, optimizer state, position) as the one a
 * diverged run goes back to: at each run's start and each epoch's end, so at most an epoch is
 * lost. `bytes`: the model file when the caller has just made one. Without memory for the copy
 * there is simply no way back offered; a stopped engine is reported.
 */
function keepGoodModel(bytes) {
  try {
    goodModel = bytes ?? engine.saveModel();
  } catch (err) {
    goodModel = null;
    if (err?.fatal) throw err;
  }
}

/** A tenth of the rate, without float32 noise (0.0010000000474974513 -> 0.0001). */
function lowerRate(rate) {
  return Number((rate / 10).toPrecision(6));
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
  if (!engine || !dataReady || loadingData) {
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

/**
 * A train_batches() error, for people. A diverged run with a kept model offers the way back: a
 * recover to it with a tenth of the learning rate (`recovery`, which the page turns into a button).
 */
function postTrainError(p, request = {}) {
  const [code, usualHint] = TRAIN_ERRORS[p.errorKind] ?? [ErrorCode.INTERNAL, 'Reload the page.'];
  const message = p.error.charAt(0).toUpperCase() + p.error.slice(1);
  if (p.errorKind !== 'diverged' || !goodModel) {
    postError(code, message, usualHint, false, request);
    return;
  }
  const learningRate = lowerRate(config.learningRate);
  const hint = `Lower the learning rate: go back to the weights before it diverged with ${learningRate} (a tenth), ` +
    'or change the settings and press Reset.';
  post({ type: FromWorker.ERROR, code, message, hint, fatal: false, recovery: { learningRate }, ...request });
}

/**
 * One call into the engine and its bookkeeping. Returns false when training must stop.
 * traced: the one batch is explain-step's, recorded by the engine, and step-traced follows the
 * progress message.
 */
function trainSlice(maxBatches, budget, { traced = false, inLoop = false } = {}) {
  const wallStart = performance.now();
  const p = traced ? engine.traceStep() : engine.trainBatches(maxBatches, budget);
  const wall = (performance.now() - wallStart) / 1000;
  if (p.error) {
    postProgress();  // the batches trained before the failure are counted
    postTrainError(p, traced ? { request: ToWorker.EXPLAIN_STEP } : {});
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
  const unposted = run.unposted;
  unposted.samples += samples;
  unposted.lossSum += p.loss * samples;
  unposted.correct += p.accuracy * samples;
  unposted.last = p;
  if (!inLoop || p.epochFinished || performance.now() - progressPostedAt >= PROGRESS_EVERY_MS) postProgress();
  if (p.trace) post({ type: FromWorker.STEP_TRACED, ...p.trace });
  if (p.epochFinished) finishEpoch(p.epoch - 1);
  else if (performance.now() - weightsPostedAt > WEIGHTS_EVERY_MS) postWeights();
  return true;
}

let progressPostedAt = 0;
/** Posts the progress of the run's slices not posted yet, if any. */
function postProgress() {
  const { samples, lossSum, correct, last: p } = run.unposted;
  if (!p) return;
  run.unposted = nothingUnposted();
  progressPostedAt = performance.now();
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
    loss: samples > 0 ? lossSum / samples : p.loss,
    accuracy: samples > 0 ? correct / samples : p.accuracy,
    learningRate: p.learningRate,
    samplesPerSec: run.rate,
    etaSeconds: wallRate > 0 ? samplesLeft / wallRate : 0,
    firstBatchLoss,
  });
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
  const bytes = engine.saveModel();
  keepGoodModel(bytes);  // a finished epoch is the next way back (posting copies the bytes)
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
    ...(modelWithEpochs ? { modelFile: bytes } : {}),
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
  progressPostedAt = 0;  // the first slice after Train (or resume) shows at once
  try {
    while (state === RunState.RUNNING) {
      const thisRun = run;
      const started = performance.now();
      const before = run.samplesSeen;
      if (!trainSlice(SLICE_MAX_BATCHES, SLICE_SECONDS, { inLoop: true })) break;
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
  const resuming = state === RunState.PAUSED;
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
    if (!resuming) keepGoodModel();  // the run's start: the first way back
  }
  setState(RunState.RUNNING, id);
  trainLoop();
}

/**
 * One batch, then paused. After a finished or stopped run it goes on from the current weights:
 * the run stopped mid-way continues, and a model that trained all the run's epochs gets one more.
 * traced (explain-step): the engine records the batch, and step-traced follows its progress.
 */
function step({ traced = false } = {}) {
  requireReady();
  if (state === RunState.RUNNING) {
    // A step during a run is a no-op; an explain-step must not leave the page waiting.
    if (traced) throw new EngineError(ErrorCode.BAD_REQUEST, 'explain-step: a run is going on.', 'Pause it first.');
    return;
  }
  if (state === RunState.FINISHED || state === RunState.STOPPED) {
    const { epochsDone, epochs } = engine.position();
    if (epochsDone >= epochs) continueRun(1);
    else run = newRun(run);
  }
  if (state !== RunState.PAUSED) keepGoodModel();  // a step starts a run too
  // Paused after the batch, unless it failed (state stopped) or ended the run (state finished).
  if (trainSlice(1, 0, { traced }) && engine.position().epochsDone < run.epochs) setState(RunState.PAUSED);
}

// ---------------------------------------------------------------- queries

/** A whole number from min to max, or a bad-request naming the request and the field. */
function wholeNumber(request, field, value, min, max = Number.MAX_SAFE_INTEGER) {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new EngineError(ErrorCode.BAD_REQUEST,
      `${request}: ${field} must be a whole number ${max < Number.MAX_SAFE_INTEGER ? `from ${min} to ${max}` : `(${min} or more)`}, got ${JSON.stringify(value)}.`,
      'Page and worker versions may differ: reload.');
  }
  return value;
}

function requireModel() {
  if (!engine || !config) throw new EngineError(ErrorCode.NOT_READY, 'No model configured yet.', 'Send configure first.');
}

/** explain-unit {layer, unit, example, position?}: one neuron or filter of the traced step. */
function explainUnit({ layer, unit, example, position }) {
  const request = ToWorker.EXPLAIN_UNIT;
  wholeNumber(request, 'layer', layer, 0);
  wholeNumber(request, 'unit', unit, 0);
  wholeNumber(request, 'example', example, 0);
  let row = -1;
  let col = -1;
  if (position !== undefined && position !== null) {
    if (!Array.isArray(position) || position.length !== 2) {
      throw new EngineError(ErrorCode.BAD_REQUEST,
        `${request}: position must be [row, col], got ${JSON.stringify(position)}.`, 'Leave it out for the strongest position.');
    }
    row = wholeNumber(request, 'position[0]', position[0], 0);
    col = wholeNumber(request, 'position[1]', position[1], 0);
  }
  requireModel();
  const e = engine.explainUnit(layer, unit, example, row, col);
  const arrays = ['x', 'w', 'dLdw', 'batchGradW', 'wAfter', 'deltaW', 'mBefore', 'mAfter', 'vBefore', 'vAfter', 'probabilities'];
  post({ type: FromWorker.UNIT_EXPLANATION, ...e }, arrays.map((name) => e[name].buffer));
}

/** gradient-check {perLayer, seed}: backprop against finite differences on the current model. */
function gradientCheck({ perLayer = 5, seed = 1 }) {
  const request = ToWorker.GRADIENT_CHECK;
  wholeNumber(request, 'perLayer', perLayer, 1, 50);
  wholeNumber(request, 'seed', seed, 0);
  requireReady();
  post({ type: FromWorker.GRADIENT_CHECK, ...engine.gradientCheck(perLayer, seed) });
}

/** get-health: histograms, gradient norms, dead and saturated units on the probe images. */
function postHealth() {
  requireReady();
  post({ type: FromWorker.HEALTH, ...engine.health() });
}

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
  const byClass = Array.from({ length: engine.classNames().length }, () => []);
  for (let i = 0; i < labels.length; i++) byClass[labels[i]]?.push(i);
  // Page `offset` of each class, wrapping round a class with fewer images (an upload's few).
  const chosen = byClass.flatMap((list) => {
    const start = list.length ? (offset * perClass) % list.length : 0;
    return Array.from({ length: Math.min(perClass, list.length) }, (_, k) => list[(start + k) % list.length]);
  });
  const items = chosen.map((index) => ({ index, pixels: engine.image(split, index), label: labels[index] }));
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

/** export-onnx {id}: the current model as ONNX (ExportOnnxMessage); the buffer is transferred. */
function exportOnnx({ id }) {
  requireReady();
  const bytes = engine.exportOnnx();
  post({ type: FromWorker.ONNX_FILE, bytes, ...withId(id) }, [bytes.buffer]);
}

/** parse-spec {id, ...}: a model spec as the engine reads it (ParseSpecMessage). */
function parseSpec(message) {
  if (!engine) throw new EngineError(ErrorCode.NOT_READY, 'The engine is still loading.', 'Wait for ready.');
  if (!Number.isInteger(message.outputUnits ?? 0)) {
    throw new EngineError(ErrorCode.BAD_REQUEST, 'outputUnits must be a whole number.', 'Send a class count.');
  }
  const rowsOk = message.rows === undefined || (Array.isArray(message.rows) && message.rows.every(
    (row) => typeof row?.kind === 'string' && (row.activation === undefined || typeof row.activation === 'string')
      && (row.params === undefined || (typeof row.params === 'object' && row.params !== null))));
  if (!rowsOk) throw new EngineError(ErrorCode.BAD_REQUEST, 'rows must be spec-parsed rows.', 'Send the rows as parse-spec gave them.');
  post({ type: FromWorker.SPEC_PARSED, id: message.id, ...engine.parseSpec(message) });
}

/** export-code {framework, id}: the current model as Python code (ExportCodeMessage). */
function exportCode({ framework, id }) {
  requireReady();
  const text = engine.exportCode(framework);
  post({ type: FromWorker.CODE_FILE, framework, text, ...withId(id) });
}

/**
 * set-threads {threads, id} (SetThreadsMessage). Safe during a run: this handler runs between two
 * slices of training, never while the engine's threads are at work.
 */
function setThreads({ threads, id }) {
  if (!engine) throw new EngineError(ErrorCode.NOT_READY, 'The engine is still loading.', 'Wait for ready.');
  if (!Number.isInteger(threads)) {
    throw new EngineError(ErrorCode.BAD_REQUEST, 'threads must be a whole number.', 'Send a count from 1 to maxThreads.');
  }
  post({ type: FromWorker.THREADS, threads: engine.setThreads(threads), maxThreads: engine.maxThreads(), ...withId(id) });
}

function loadModel({ bytes, id }) {
  if (!engine || !dataReady) {
    throw new EngineError(ErrorCode.NOT_READY, 'The data is not loaded yet.', 'Wait for the download to finish.');
  }
  // A file the engine refuses throws here and leaves the current model as it was.
  const info = engine.loadModel(bytes);
  refused = '';
  // State stopped: the model is trained; start 'continue' trains it on, 'scratch' starts over.
  announceModel(info, { loaded: true, id });
  postEvaluation('test');
}

/** recover {learningRate, id}: back to the last good model with a new rate (RecoverMessage). */
function recover({ learningRate, id }) {
  if (!engine || !dataReady) {
    throw new EngineError(ErrorCode.NOT_READY, 'The data is not loaded yet.', 'Wait for the download to finish.');
  }
  if (state === RunState.RUNNING || state === RunState.PAUSED) {
    throw new EngineError(ErrorCode.BAD_REQUEST, 'recover: a run is going on.', 'Stop it first.');
  }
  if (!goodModel) {
    throw new EngineError(ErrorCode.NOT_READY, 'There are no earlier weights to go back to: no run has started since this model was made.',
      'Press Reset to start again from fresh weights.');
  }
  if (!(typeof learningRate === 'number' && learningRate > 0 && learningRate <= 100)) {
    throw new EngineError(ErrorCode.BAD_REQUEST,
      `recover: learningRate must be a number in (0, 100], got ${JSON.stringify(learningRate)}.`, 'Ask for a rate in range.');
  }
  const kept = goodModel;
  engine.loadModel(kept);
  const info = engine.setLearningRate(learningRate);
  refused = '';
  announceModel(info, { recovered: true, id });
  goodModel = kept;  // still the way back, should the lower rate diverge too
}

/** fault {fault}: for tests only, a failure as the field could bring it (FaultMessage). */
function fault({ fault: kind }) {
  if (kind === 'exit') {
    self.close();  // ends the worker after this task, without a word, like a crash
  } else if (kind === 'uncaught') {
    setTimeout(() => { throw 5289472; });  // how a C++ exception escaping the engine arrives
  } else if (kind === 'abort' && engine) {
    engine.call('testing a fault', () => { throw new WebAssembly.RuntimeError('Aborted(a fault injected by a test)'); });
  } else {
    throw new EngineError(ErrorCode.BAD_REQUEST, `fault: unknown fault ${JSON.stringify(kind)}.`, 'Use exit, uncaught or abort.');
  }
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
  goodModel = null;
}

function dispose({ id }) {
  releaseEngine();
  disposed = true;
  post({ type: FromWorker.DISPOSED, ...withId(id) });
}

// ---------------------------------------------------------------- messages

/**
 * Any failure, as one error message: the engine's (a bare number or a trap, see asEngineError)
 * and the wrapper's with their messages, anything else as internal. `request`: {request, id}
 * when the error belongs to a page message.
 */
function reportError(err, request = {}) {
  const error = asEngineError(err, 'running');
  if (error instanceof EngineError) {
    postError(error.code, error.message, error.hint, error.fatal ?? false, request);
  } else {
    postError(ErrorCode.INTERNAL, `The worker failed: ${error?.message ?? String(error)}`,
      'Press Reset to start a new engine; reload the page if it keeps failing.', false, request);
  }
}

/** A failure that leaves the worker without an engine or data, as a fatal EngineError. */
function asFatal(err, doing) {
  const error = asEngineError(err, doing);
  if (error instanceof EngineError) {
    error.fatal = true;
    return error;
  }
  return new EngineError(ErrorCode.INTERNAL, `The worker failed while ${doing}: ${error?.message ?? String(error)}`,
    'Press Reset to try again; reload the page if it keeps failing.', { fatal: true });
}

/**
 * Takes init's aliveLock and holds it for the worker's whole life, so that the page, asking for
 * the same lock, is granted it only once this worker has ended (InitMessage in protocol.js).
 * Resolves once it is held. Without Web Locks the page simply cannot watch.
 */
async function holdAliveLock(name) {
  if (!name || aliveLockHeld || !self.navigator?.locks) return;
  aliveLockHeld = true;
  try {
    await new Promise((granted, failed) => {
      navigator.locks.request(name, () => {
        granted();
        return new Promise(() => {});  // never released while the worker lives
      }).catch(failed);
    });
  } catch {
    aliveLockHeld = false;
  }
}

async function init({ dataUrl, dataset = 'mnist', engineUrl, build, keepModels = false, aliveLock }) {
  modelWithEpochs = Boolean(keepModels);
  if (initializing) {
    throw new EngineError(ErrorCode.INTERNAL, 'The engine is still loading.', 'Send init again once it is ready.');
  }
  initializing = true;
  disposed = false;
  try {
    await holdAliveLock(aliveLock);
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
      throw asFatal(err, 'loading the engine');
    }
    if (mine !== generation) {  // disposed while loading
      loaded.dispose();
      return;
    }
    engine = loaded;
    post({
      type: FromWorker.READY, protocol: PROTOCOL_VERSION, build: engine.build, arch: engine.arch,
      threads: engine.threads(), maxThreads: engine.maxThreads(),
      presets: engine.presets(), defaults: engine.defaultConfig(), datasets: engine.datasets(),
      grammar: engine.specGrammar(),
      holdsAliveLock: aliveLockHeld,
    });
    try {
      await loadData(dataUrl, dataset, mine);
    } catch (err) {
      if (err instanceof Superseded || mine !== generation) return;
      throw asFatal(err, 'loading the data');
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
  [ToWorker.LOAD_DATA]: switchData,
  [ToWorker.LOAD_FILES]: loadFiles,
  [ToWorker.PAUSE]: () => { if (state === RunState.RUNNING) setState(RunState.PAUSED); },
  [ToWorker.RESUME]: () => {
    requireReady();
    if (state === RunState.IDLE) keepGoodModel();  // a resume from idle starts the run
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
  [ToWorker.EXPORT_ONNX]: exportOnnx,
  [ToWorker.PARSE_SPEC]: parseSpec,
  [ToWorker.EXPORT_CODE]: exportCode,
  [ToWorker.LOAD_MODEL]: loadModel,
  [ToWorker.PREDICT]: predictPixels,
  [ToWorker.DISPOSE]: dispose,
  [ToWorker.RECOVER]: recover,
  [ToWorker.FAULT]: fault,
  [ToWorker.EXPLAIN_STEP]: () => step({ traced: true }),
  [ToWorker.EXPLAIN_UNIT]: explainUnit,
  [ToWorker.GRADIENT_CHECK]: gradientCheck,
  [ToWorker.GET_HEALTH]: postHealth,
  [ToWorker.SET_THREADS]: setThreads,
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
