// One run of the benchmark (runs.js) in a dedicated module worker: a fresh engine of one build,
// MNIST's training images, then for each model (models.js) a few untimed batches and the timed
// ones. The page's training worker, its engine and its model are never touched; ending this
// worker (the Cancel button) ends the run at once.
//
// page -> worker   {type: 'run', engineUrl, dataUrl, build, threads, presets, batches, warmup}
// worker -> page   {type: 'loaded', build, arch, threads, seconds}  the engine runs (fetch, compile, start)
//                  {type: 'data', seconds}       training images downloaded, inflated, checked, parsed
//                  {type: 'progress', preset, batchesDone, batches}
//                  {type: 'result', preset, result}  a BenchmarkResult (below)
//                  {type: 'done'}
//                  {type: 'error', code, message, hint}
// Timed: the wall time (performance.now) around the engine's train-batches calls only; loading
// the engine and the data is reported apart. FLOPs per image are the engine's own count
// (core/model/flop_count.h, bound as trainingFlops).
import { loadEngine, EngineError, asEngineError } from '../engine/engine.js';
import { DATA_FILES, DATA_LIMITS, ErrorCode } from '../engine/protocol.js';
import { download, inflateIdx, rawName, verifyChecksum } from '../engine/data-files.js';

const CHUNK_BATCHES = 10;  // batches per engine call: progress between calls, the clock only inside

/**
 * @typedef {object} BenchmarkResult
 * @property {string} spec  @property {number} batchSize  @property {string} optimizer
 * @property {number} batches       timed batches
 * @property {number} images        images trained in them
 * @property {number} seconds       wall seconds of those batches
 * @property {number} engineSeconds the engine's own timing of them
 * @property {number} imagesPerSecond  images / seconds
 * @property {number} flopsPerImage the engine's count for one image of a training step
 * @property {number} gflopsPerSecond  images × flopsPerImage / seconds / 1e9
 */

const post = (message) => self.postMessage(message);
const now = () => performance.now() / 1000;

/** MNIST's training images and labels, downloaded and checked as the training worker does. */
async function loadTrainingImages(engine, dataUrl) {
  const mnist = engine.datasets().find((d) => d.id === 'mnist');
  const dataset = { name: mnist.name, sums: new Map(mnist.files.map((f) => [f.name, f.sha256])) };
  const fetchOne = async (file) => {
    const gz = await download(new URL(file, dataUrl).href, file, { limit: DATA_LIMITS.downloadBytes });
    const bytes = await inflateIdx(gz, file, { limit: DATA_LIMITS.inflatedBytes });
    verifyChecksum(rawName(file), bytes, new Map(), dataset, (b) => engine.sha256Hex(b));
    return bytes;
  };
  const [images, labels] = await Promise.all([fetchOne(DATA_FILES.trainImages), fetchOne(DATA_FILES.trainLabels)]);
  engine.loadTrainingData(images, labels);
}

/** Sets the build's thread count, for a build that has threads; returns the count it runs on. */
function useThreads(engine, threads) {
  const { module } = engine;
  if (typeof module.setThreads !== 'function') return 1;
  const count = threads === 'max' ? engine.call('reading its threads', () => module.maxThreads()) : threads;
  engine.call('setting its threads', () => module.setThreads(count));
  return count;
}

function trained(p) {
  if (p.error) throw new EngineError(ErrorCode.ENGINE_FAILURE, p.error, 'Reload the page and run the benchmark again.');
  return p;
}

/** Trains `preset`'s model: warm-up batches, then `batches` timed ones. */
function timePreset(engine, presetId, batches, warmup) {
  const preset = engine.presets().find((p) => p.id === presetId);
  // One epoch is room enough (models.js BATCHES.max); a fresh model starts at its first batch.
  const config = { ...engine.defaultConfig(), ...preset.config, epochs: 1, trainLimit: 0, augment: false };
  engine.configure(config);
  const flops = engine.call('counting the FLOPs', () => engine.module.trainingFlops(config));
  if (flops.error) throw new EngineError(ErrorCode.BAD_CONFIG, flops.error, 'The preset does not build here.');
  let seen = trained(engine.trainBatches(warmup)).samplesSeen;
  let done = 0, images = 0, seconds = 0, engineSeconds = 0;
  while (done < batches) {
    const start = now();
    const p = trained(engine.trainBatches(Math.min(CHUNK_BATCHES, batches - done)));
    seconds += now() - start;
    engineSeconds += p.seconds;
    done += p.batchesRun;
    images += p.samplesSeen - seen;
    seen = p.samplesSeen;
    post({ type: 'progress', preset: presetId, batchesDone: done, batches });
  }
  return {
    spec: config.modelSpec, batchSize: config.batchSize, optimizer: config.optimizer,
    batches: done, images, seconds, engineSeconds,
    imagesPerSecond: images / seconds,
    flopsPerImage: flops.perExample,
    gflopsPerSecond: (images * flops.perExample) / seconds / 1e9,
  };
}

async function run({ engineUrl, dataUrl, build, threads, presets, batches, warmup }) {
  let start = now();
  const engine = await loadEngine({ engineUrl, build });
  const count = useThreads(engine, threads);
  post({ type: 'loaded', build: engine.build, arch: engine.arch, threads: count, seconds: now() - start });
  start = now();
  await loadTrainingImages(engine, dataUrl);
  post({ type: 'data', seconds: now() - start });
  for (const presetId of presets) {
    post({ type: 'result', preset: presetId, result: timePreset(engine, presetId, batches, warmup) });
  }
  engine.dispose();
  post({ type: 'done' });
}

self.addEventListener('message', async (event) => {
  if (event.data?.type !== 'run') return;
  try {
    await run(event.data);
  } catch (err) {
    const error = asEngineError(err, 'benchmarking');
    post({ type: 'error', code: error.code ?? ErrorCode.INTERNAL, message: error.message ?? String(error), hint: error.hint ?? '' });
  }
});
