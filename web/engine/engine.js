// The JavaScript face of the WebAssembly engine, used by the worker only. It chooses the build
// (threads on a cross-origin isolated page with SIMD, else SIMD when the browser validates a SIMD
// instruction, else scalar), loads it, and owns every
// Embind handle: the one TrainingSession is deleted by dispose(); everything else crosses as plain
// objects and typed-array copies (see bindings/engine_bindings.cpp), so callers never hold a view
// into the wasm heap. Splits are named 'train' | 'validation' | 'test' on this side.
// Every session call goes through Engine.call: a C++ exception that escapes the module arrives as
// a bare number (the pointer to it) and a trap or abort as a WebAssembly.RuntimeError, and either
// must reach the page as an EngineError with a message, never as "Worker error: 5289472". After
// a trap the module's memory cannot be trusted: the engine refuses every further call (fatal), and
// the page starts a new worker.
import { CODE_FRAMEWORKS, ErrorCode } from './protocol.js';

// A minimal module whose only function uses v128 (i32.const 0; i8x16.splat; i8x16.popcnt):
// WebAssembly.validate accepts it exactly when the browser has fixed-width SIMD.
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15,
  253, 98, 11,
]);

// A minimal module whose only function is `try catch_all end` (WebAssembly exception handling):
// valid exactly where the browser has it. The SIMD engine is built with -fwasm-exceptions, so a
// browser with SIMD but without exception handling (Chrome 91-94, Firefox 89-99) gets the scalar one.
const EXCEPTIONS_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 8, 1, 6, 0, 6, 64, 25, 11, 11,
]);

/** True when this browser has WebAssembly at all. */
export function wasmSupported() {
  return typeof WebAssembly === 'object' && typeof WebAssembly.validate === 'function';
}

/** True when this browser runs the SIMD engine: fixed-width SIMD (v128) and exception handling. */
export function simdSupported() {
  try {
    return wasmSupported() && WebAssembly.validate(SIMD_PROBE) && WebAssembly.validate(EXCEPTIONS_PROBE);
  } catch {
    return false;
  }
}

/**
 * True when this page may run the threaded engine: it needs SharedArrayBuffer, which browsers give
 * only to cross-origin isolated pages (served with Cross-Origin-Opener-Policy: same-origin and
 * Cross-Origin-Embedder-Policy: require-corp), and it is a SIMD build.
 */
export function threadsSupported() {
  return self.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function' && simdSupported();
}

/**
 * Thrown by the wrapper; `code` is one of protocol.js's ErrorCode values; `fatal`: the worker
 * cannot go on with this engine (or without its data).
 */
export class EngineError extends Error {
  constructor(code, message, hint = '', { fatal = false } = {}) {
    super(message);
    this.code = code;
    this.hint = hint;
    this.fatal = fatal;
  }
}

/** The build `build` ('auto' | 'threads' | 'simd' | 'scalar') stands for here; throws when it cannot run. */
function chooseBuild(build) {
  if (build === 'auto') return threadsSupported() ? 'threads' : simdSupported() ? 'simd' : 'scalar';
  if (build === 'threads' && !threadsSupported()) {
    throw new EngineError(ErrorCode.ENGINE_MISSING, self.crossOriginIsolated
      ? 'This browser has no WebAssembly SIMD, which the threaded engine needs.'
      : 'The threaded engine needs a cross-origin isolated page, and this one is not.',
    'Serve the page with "Cross-Origin-Opener-Policy: same-origin" and "Cross-Origin-Embedder-Policy: require-corp" (npm start does), or choose "auto".');
  }
  if (build === 'simd' && !simdSupported()) {
    throw new EngineError(ErrorCode.ENGINE_MISSING, 'This browser has no WebAssembly SIMD.',
      'Choose the scalar build (or "auto").');
  }
  return build;
}

/** The bytes at `url`; an EngineError naming the build when they cannot be had. */
async function fetchEngineFile(url, chosen) {
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status} for ${url}`);
    return await response.arrayBuffer();
  } catch (err) {
    throw new EngineError(ErrorCode.ENGINE_MISSING, `The ${chosen} engine could not be loaded: ${err.message}`,
      'Build it with "npm run build:wasm" (or start the page with "npm start").');
  }
}

/**
 * What the threaded build's loader needs to start its pthreads' Web Workers wherever the engine
 * lives: the .worker.js beside the .mjs (not beside the page or the bundle), and the .mjs itself,
 * which each of those workers imports. A Worker must come from the page's origin: for engines on
 * another origin a same-origin blob: script imports the .worker.js.
 */
function threadOptions(base, jsUrl) {
  const locateFile = (name) => {
    const url = new URL(name, base);
    if (!name.endsWith('.worker.js') || url.origin === self.location.origin) return url.href;
    return URL.createObjectURL(new Blob([`importScripts(${JSON.stringify(url.href)});`], { type: 'text/javascript' }));
  };
  return { mainScriptUrlOrBlob: jsUrl, locateFile };
}

/**
 * Loads one engine build.
 * @param {object} options
 * @param {string} options.engineUrl  folder URL holding engine-{simd,scalar,threads}.{mjs,wasm}
 *   and engine-threads.worker.js
 * @param {'auto'|'threads'|'simd'|'scalar'} [options.build]
 * @returns {Promise<Engine>}
 */
export async function loadEngine({ engineUrl, build = 'auto' }) {
  if (!wasmSupported()) {
    throw new EngineError(ErrorCode.NO_WASM, 'This browser has no WebAssembly.',
      'Use a current version of Chrome, Edge, Firefox or Safari.');
  }
  const chosen = chooseBuild(build);
  const base = new URL(engineUrl, self.location.href);
  const jsUrl = new URL(`engine-${chosen}.mjs`, base).href;

  // The .wasm bytes are fetched here and handed over as wasmBinary: the loader then never has to
  // guess its own URL (a bundler may have moved or renamed the .mjs), and a server that does not
  // send application/wasm still works. The threaded build's .worker.js is fetched first too: a
  // missing one would leave the loader waiting forever for its workers.
  if (chosen === 'threads') await fetchEngineFile(new URL('engine-threads.worker.js', base).href, chosen);
  const wasmBinary = await fetchEngineFile(new URL(`engine-${chosen}.wasm`, base).href, chosen);
  let createEngine;
  try {
    ({ default: createEngine } = await import(/* @vite-ignore */ jsUrl));
  } catch (err) {
    throw new EngineError(ErrorCode.ENGINE_MISSING, `The ${chosen} engine's loader failed: ${err.message}`,
      'Build it with "npm run build:wasm" (or start the page with "npm start").');
  }
  let module;
  try {
    module = await createEngine({
      wasmBinary,
      ...(chosen === 'threads' ? threadOptions(base, jsUrl) : {}),
      print: (text) => console.log(`[engine] ${text}`),
      printErr: (text) => console.warn(`[engine] ${text}`),
    });
  } catch (err) {
    throw new EngineError(ErrorCode.ENGINE_MISSING, `The ${chosen} engine failed to start: ${err.message ?? err}`,
      'Reload the page; if it persists, rebuild with "npm run build:wasm".');
  }
  return new Engine(module, chosen);
}

/**
 * The engine failed while `doing`: a C++ exception escaped from the wasm module (thrown as a
 * number, the pointer to it, or as a WebAssembly.Exception in a build with wasm exceptions), or
 * a call came back empty that cannot for want of input. The engine reports bad input as values,
 * so this means it ran out of memory; the session keeps its previous model (configure and
 * load-model replace it last), so the page may go on.
 */
function engineFailure(doing, detail) {
  return new EngineError(ErrorCode.ENGINE_FAILURE,
    `The engine failed while ${doing}, most likely out of memory (${detail}).`,
    'Choose a smaller model or batch size; press Reset if it keeps failing.');
}

/**
 * The engine stopped while `doing`: the module trapped or aborted (WebAssembly.RuntimeError, e.g.
 * 'Aborted(...)' or 'memory access out of bounds'). It stopped mid-call, so its memory may hold
 * half-done work: nothing more may run in it. Fatal; a new worker brings a new engine.
 */
function engineStopped(doing, detail) {
  return new EngineError(ErrorCode.ENGINE_FAILURE,
    `The engine stopped while ${doing} (${detail}) and cannot go on.`,
    'Press Reset to start a new engine; your settings are kept.', { fatal: true });
}

/**
 * What the wasm module threw, as an EngineError (see engineFailure and engineStopped); the
 * wrapper's own EngineErrors and JavaScript errors pass as they are.
 * @param {unknown} err  @param {string} doing  e.g. 'training', for the message
 */
export function asEngineError(err, doing) {
  if (typeof err === 'number' || typeof err === 'bigint') return engineFailure(doing, 'a C++ exception escaped');
  if (typeof WebAssembly === 'object') {
    if (WebAssembly.Exception && err instanceof WebAssembly.Exception) return engineFailure(doing, 'a C++ exception escaped');
    if (err instanceof WebAssembly.RuntimeError) return engineStopped(doing, err.message);
  }
  return err;
}

// What to do about a model the ONNX or code export cannot express.
const NOT_EXPORTABLE_HINT = 'Put the convolution and pooling layers before the first dense or flatten layer, or download the model file instead.';

/** One TrainingSession and the module it lives in. */
export class Engine {
  constructor(module, build) {
    this.module = module;
    /** 'threads' | 'simd' | 'scalar' */
    this.build = build;
    this.arch = `xsimd kernels: ${module.simdArch()}`;  // the engine's own answer: wasm (SIMD128) | scalar
    this.session = new module.TrainingSession();
    this.splits = {
      train: module.Split.Train,
      validation: module.Split.Validation,
      test: module.Split.Test,
    };
  }

  /**
   * Runs fn (a call into the module) and turns what the module throws into an EngineError
   * (asEngineError). After a fatal one (the module trapped) every later call is refused with it.
   * @param {string} doing  e.g. 'building the model', for the message
   */
  call(doing, fn) {
    if (this.stopped) throw this.stopped;
    try {
      return fn();
    } catch (err) {
      const error = asEngineError(err, doing);
      if (error instanceof EngineError && error.fatal) this.stopped = error;
      throw error;
    }
  }

  /** Frees the session. The engine is unusable afterwards. */
  dispose() {
    if (!this.session) return;
    const session = this.session;
    this.session = null;
    try {
      session.delete();
    } catch {
      // a module that trapped may fail to free it too; its worker is about to go anyway
    }
  }

  /**
   * The module's memory and live handles, for leak checks (EngineMemory in protocol.js). The
   * heap is the WebAssembly.Memory, which grows when the allocator runs out and never shrinks.
   * Embind has no count of class handles (getInheritedInstanceCount counts only classes
   * implemented in JavaScript); this wrapper holds exactly one, the session.
   * @returns {{heapBytes: number, emvalHandles: number, sessions: number}}
   */
  memory() {
    return {
      heapBytes: this.module.HEAP8?.length ?? 0,
      emvalHandles: this.module.count_emval_handles?.() ?? -1,
      sessions: this.session ? 1 : 0,
    };
  }

  /** The most threads this build can use (core/util/parallel.h): 1 without -pthread. */
  maxThreads() {
    return this.call('counting its threads', () => this.module.maxThreads());
  }

  /** The threads in use, 1..maxThreads(). */
  threads() {
    return this.call('counting its threads', () => this.module.threads());
  }

  /**
   * Uses `count` threads from the next call on (clamped to 1..maxThreads()). Only between calls:
   * never while one runs. @returns {number} the threads now in use
   */
  setThreads(count) {
    return this.call('setting its threads', () => {
      this.module.setThreads(count);
      return this.module.threads();
    });
  }

  split(name) {
    const value = this.splits[name];
    if (value === undefined) throw new EngineError(ErrorCode.INTERNAL, `unknown split "${name}"`);
    return value;
  }

  /** SHA-256 (core/data/sha256.h). @param {Uint8Array} bytes  @returns {string} lowercase hex */
  sha256Hex(bytes) {
    return this.call('computing a checksum', () => this.module.sha256Hex(bytes));
  }

  /** Raw (uncompressed) MNIST IDX bytes. Throws EngineError('parse-error') when malformed. */
  loadTrainingData(images, labels) {
    const error = this.call('loading the training data', () => this.session.loadTrainingData(images, labels));
    if (error) throw new EngineError(ErrorCode.PARSE_ERROR, error, 'The training files are not valid MNIST IDX files.');
  }

  loadTestData(images, labels) {
    const error = this.call('loading the test data', () => this.session.loadTestData(images, labels));
    if (error) throw new EngineError(ErrorCode.PARSE_ERROR, error, 'The test files are not valid MNIST IDX files.');
  }

  /**
   * The four IDX files (uncompressed) at once, swapped in together: a refused set keeps the data
   * as it was. classNames: [] for "0".."highest label". Throws EngineError('parse-error').
   */
  loadIdxData(trainImages, trainLabels, testImages, testLabels, classNames = []) {
    const error = this.call('loading the data', () =>
      this.session.loadIdxData(trainImages, trainLabels, testImages, testLabels, classNames));
    if (error) throw new EngineError(ErrorCode.PARSE_ERROR, error, 'The files are not a valid IDX dataset.');
  }

  /**
   * A folder of one's own images (core/data/image_folder.h), file by file, in place of the data:
   * a refused file or layout throws EngineError('bad-upload') with the engine's message naming
   * it, and the data stays as it was.
   * @param {{path: string, bytes: Uint8Array}[]} files
   * @param {(done: number, total: number) => void} onProgress  about every 500 files
   * @returns {{inverted: boolean, resized: boolean, sourceWidth: number, sourceHeight: number,
   *   testFromFolder: boolean, skipped: string[]}}
   */
  loadImageFolder(files, onProgress = () => {}) {
    const hint = 'Use one folder per class of PNG or JPEG images (cat/1.png, dog/2.png; optionally inside train/ and test/).';
    const upload = this.call('reading the images', () => new this.module.ImageUpload());
    try {
      files.forEach(({ path, bytes }, i) => {
        const error = this.call('reading the images', () => upload.add(path, bytes));
        if (error) throw new EngineError(ErrorCode.BAD_UPLOAD, error, hint);
        if (i % 500 === 499) onProgress(i + 1, files.length);
      });
      const { error, ...notes } = this.call('reading the images', () => upload.finishInto(this.session));
      if (error) throw new EngineError(ErrorCode.BAD_UPLOAD, error, hint);
      return notes;
    } finally {
      upload.delete();
    }
  }

  /** The data's class names: label i is names[i]. @returns {string[]} */
  classNames() {
    return this.call('reading the class names', () => this.session.classNames());
  }

  count(split) {
    const which = this.split(split);
    return this.call('counting images', () => this.session.count(which));
  }

  /** @returns {Uint8Array} (28, 28) */
  image(split, index) {
    const which = this.split(split);
    return this.call('copying an image', () => this.session.image(which, index));
  }

  /** @returns {Uint8Array} every label of the split */
  labels(split) {
    const which = this.split(split);
    return this.call('copying labels', () => this.session.labels(which));
  }

  /** The engine's defaults (core/train/train_config.h) as a plain object. */
  defaultConfig() {
    return this.call('reading its defaults', () => this.module.defaultConfig());
  }

  /**
   * The engine's named setups (core/model/presets.h), in its order.
   * @returns {{id: string, name: string, description: string, config: object}[]}
   */
  presets() {
    return this.call('reading its presets', () => this.module.presets());
  }

  /** The built-in datasets (core/data/dataset_registry.h). @returns {import('./protocol.js').DatasetInfo[]} */
  datasets() {
    return this.call('reading its datasets', () => this.module.datasets());
  }

  /** The model-spec grammar and the menus' values (bindings/spec_bindings.cpp). */
  specGrammar() {
    return this.call('reading its grammar', () => this.module.specGrammar());
  }

  /**
   * A model spec as the engine reads it (ParseSpecMessage: text, rows + input, text + loss or
   * text + outputUnits) -> {error, text, input, rows, description, spatial} (SpecParsedMessage).
   */
  parseSpec({ text = '', rows, input = '', loss, outputUnits }) {
    return this.call('reading a model spec', () => {
      if (rows) return this.module.formatSpec(rows, String(input));
      if (loss !== undefined) return this.module.specForLoss(String(text), String(loss));
      if (outputUnits !== undefined) return this.module.specWithOutputUnits(String(text), outputUnits);
      return this.module.parseSpec(String(text));
    });
  }

  /** The core's multiply-add ceiling on one thread (core/kernels/peak.h): {gflops, seconds}. */
  timePeak(minSeconds = 0.5) {
    return this.call('timing the peak loop', () => this.module.timePeak(minSeconds));
  }

  /**
   * Times the GEMM kernel C = op(A)·op(B), op(A): (M, K), op(B): (K, N), on random data for at
   * least minSeconds (core/kernels/gemm_timing.h), for benchmarks.
   * @returns {{secondsPerCall: number, gflops: number}}
   */
  timeGemm(transA, transB, M, N, K, minSeconds = 0.5) {
    const { Trans } = this.module;
    return this.call('timing GEMM', () =>
      this.module.timeGemm(transA ? Trans.Trans : Trans.No, transB ? Trans.Trans : Trans.No, M, N, K, minSeconds));
  }

  /**
   * Builds the model from `config` (missing fields take the engine's defaults), trainLimit
   * included: the full TrainConfig. Throws EngineError('bad-config') when the engine refuses it.
   * @returns {{summary: string, parameters: number, config: object, layers: number,
   *   epochsDone: number, samplesSeen: number}}  (modelInfo)
   */
  configure(config) {
    const full = { ...this.defaultConfig(), ...config };
    // The seed becomes a uint64 in C++: a NaN, negative or fractional double would be undefined
    // behaviour there, so it is checked here, where the message can name it.
    if (!Number.isSafeInteger(full.seed) || full.seed < 0) {
      throw new EngineError(ErrorCode.BAD_CONFIG,
        `the seed must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}, got ${full.seed}`,
        'Choose another seed.');
    }
    const error = this.call('building the model', () => this.session.configure(full));
    if (error) throw new EngineError(ErrorCode.BAD_CONFIG, error, 'Check the model and training settings.');
    return this.modelInfo();
  }

  /**
   * What the page shows about the current model, and where its training stands.
   * @returns {{summary: string, parameters: number, config: object, layers: number,
   *   epochsDone: number, samplesSeen: number}}
   */
  modelInfo() {
    const { epochsDone, samplesSeen } = this.position();
    return this.call('describing the model', () => ({
      summary: this.session.modelSummary(),
      parameters: this.session.parameterCount(),
      config: this.session.config(),
      layers: this.session.layerCount(),
      epochsDone,
      samplesSeen,
    }));
  }

  /**
   * Where the model stands: whole epochs trained, batches into the epoch under way, images
   * trained over all its runs, and the run's length (config.epochs). All 0 without a model.
   * @returns {{epochsDone: number, batchInEpoch: number, samplesSeen: number, epochs: number}}
   */
  position() {
    return this.call('reading its position', () => this.session.position());
  }

  /**
   * Continues the current model for moreEpochs further epochs (TrainingSession::extend_run): the
   * weights, optimizer state and position stay; the run now ends after epochsDone + (1 if an
   * epoch is under way) + moreEpochs epochs, and a cosine schedule follows that new total.
   * Throws EngineError('bad-request') when the engine refuses the count (1..1000, total <= 1000).
   * @returns {{epochsDone: number, batchInEpoch: number, samplesSeen: number, epochs: number}}
   */
  extendRun(moreEpochs) {
    const error = this.call('continuing the run', () => this.session.extendRun(moreEpochs));
    if (error) throw new EngineError(ErrorCode.BAD_REQUEST, error, 'Ask for fewer epochs.');
    return this.position();
  }

  /**
   * A new learning rate for the current model, keeping its weights, optimizer state and position
   * (TrainingSession::set_learning_rate): between epochs only, e.g. right after loadModel. Throws
   * EngineError('bad-request') with the engine's reason when it refuses.
   * @returns {{summary: string, parameters: number, config: object, layers: number,
   *   epochsDone: number, samplesSeen: number}}  (modelInfo)
   */
  setLearningRate(rate) {
    const error = this.call('changing the learning rate', () => this.session.setLearningRate(rate));
    if (error) throw new EngineError(ErrorCode.BAD_REQUEST, error, 'Choose a learning rate in (0, 100].');
    return this.modelInfo();
  }

  /**
   * The trained model as a model file (core/io/model_file.h: spec, config, weights and optimizer
   * state), the format the CLI's --save writes and --load reads.
   * @returns {Uint8Array}
   */
  saveModel() {
    const bytes = this.call('writing the model file', () => this.session.saveModel(true));
    if (bytes.length === 0 && this.layerCount() > 0) throw engineFailure('writing the model file', 'no bytes');
    if (bytes.length === 0) throw new EngineError(ErrorCode.NOT_READY, 'There is no model to save yet.', 'Wait for the model to be built.');
    return bytes;
  }

  /**
   * The trained model as an ONNX file (core/io/onnx_export.h: ir_version 7, opset 13; input
   * "input" (N, 1, 28, 28) = pixel / 255, output "probabilities" (N, 10)), the file the CLI's
   * --export-onnx writes. Throws EngineError('not-ready') without a model, 'not-exportable' with
   * the engine's reason for a model ONNX cannot express (an image layer after a flat one), or
   * 'engine-failure' when there is no memory left to write it.
   * @returns {Uint8Array}
   */
  exportOnnx() {
    if (this.layerCount() === 0) {
      throw new EngineError(ErrorCode.NOT_READY, 'There is no model to export yet.', 'Wait for the model to be built.');
    }
    const { bytes, error } = this.call('exporting the model to ONNX', () => this.session.exportOnnx());
    // The exporter's refusals all start "ONNX export:"; anything else is the engine running out
    // of memory while writing the file.
    if (error && !error.startsWith('ONNX export')) throw engineFailure('exporting the model to ONNX', error);
    if (error) throw new EngineError(ErrorCode.NOT_EXPORTABLE, error, NOT_EXPORTABLE_HINT);
    return bytes;
  }

  /**
   * The model as Python code (core/io/code_export.h): a PyTorch module or a Keras model, with a
   * function that loads the weights from the exportOnnx() file; what the CLI's --export-pytorch
   * and --export-keras write. Throws EngineError('bad-request') for a framework not in
   * CODE_FRAMEWORKS, else as exportOnnx().
   * @param {'pytorch'|'keras'} framework
   * @returns {string}
   */
  exportCode(framework) {
    if (!CODE_FRAMEWORKS.includes(framework)) {
      throw new EngineError(ErrorCode.BAD_REQUEST,
        `export-code: framework must be one of ${CODE_FRAMEWORKS.join(', ')}, got ${JSON.stringify(framework)}.`,
        'Ask for one of those frameworks.');
    }
    if (this.layerCount() === 0) {
      throw new EngineError(ErrorCode.NOT_READY, 'There is no model to export yet.', 'Wait for the model to be built.');
    }
    const { text, error } = this.call('exporting the model as code', () => this.session.exportCode(framework));
    if (error && !error.startsWith('Code export')) throw engineFailure('exporting the model as code', error);
    if (error) throw new EngineError(ErrorCode.NOT_EXPORTABLE, error, NOT_EXPORTABLE_HINT);
    return text;
  }

  /**
   * Replaces the model (and its config) with a model file's. Throws EngineError('bad-model-file')
   * with the engine's reason when the bytes are not a model file it can use.
   * @param {Uint8Array} bytes
   * @returns {{summary: string, parameters: number, config: object, layers: number,
   *   epochsDone: number, samplesSeen: number}}
   */
  loadModel(bytes) {
    const error = this.call('loading the model file', () => this.session.loadModel(bytes));
    if (error) {
      throw new EngineError(ErrorCode.BAD_MODEL_FILE, error,
        'Choose a file saved by this page ("Download model") or by the CLI (--save).');
    }
    return this.modelInfo();
  }

  /**
   * Trains up to maxBatches batches or secondsBudget seconds, stopping at an epoch's end.
   * @returns {object} TrainProgress: epoch, batch, batchesPerEpoch, samplesSeen, batchesRun, loss,
   *   accuracy, firstBatchLoss, learningRate, seconds, epochFinished, error, errorKind ('' |
   *   'diverged' | 'no-model' | 'no-data' | 'bad-data': core/train/metrics.h TrainError)
   */
  trainBatches(maxBatches, secondsBudget = 0) {
    return this.call('training', () => this.session.trainBatches(maxBatches, secondsBudget));
  }

  /**
   * Trains exactly one batch, as trainBatches(1), and keeps a trace of it for explainUnit
   * (TrainingSession::trace_step). Any later training or model change drops the trace.
   * @returns {object} TrainProgress (as trainBatches) with `trace`: the StepTracedMessage fields
   *   (protocol.js) without `type`, or null when the step failed (progress.error)
   */
  traceStep() {
    return this.call('tracing a step', () => this.session.traceStep());
  }

  /**
   * One neuron (dense) or filter (conv) of the traced step for one example: the
   * UnitExplanationMessage fields (protocol.js) without `type`. row, col: a conv output position,
   * -1 -1 for the strongest. Throws EngineError not-ready without a trace, bad-request with the
   * engine's reason for a layer, unit, example or position it refuses.
   */
  explainUnit(layer, unit, example, row = -1, col = -1) {
    if (!this.call('explaining a unit', () => this.session.hasTrace())) {
      throw new EngineError(ErrorCode.NOT_READY, 'There is no traced step to explain (or the model has trained since).',
        'Send explain-step first.');
    }
    const { explanation, error } = this.call('explaining a unit', () => this.session.explainUnit(layer, unit, example, row, col));
    if (error) throw new EngineError(ErrorCode.BAD_REQUEST, error, 'Choose a layer with weights, and a unit and example in range.');
    return explanation;
  }

  /**
   * Backpropagation against finite differences on the current model (TrainingSession::
   * gradient_check): the GradientCheckResultMessage fields (protocol.js) without `type`.
   * @param {number} perLayer  1..50  @param {number} seed  a safe integer >= 0
   */
  gradientCheck(perLayer, seed) {
    const { report, error } = this.call('checking the gradients', () => this.session.gradientCheck(perLayer, seed));
    if (error) throw new EngineError(ErrorCode.NOT_READY, error, 'Configure a model and wait for the data.');
    return report;
  }

  /**
   * The network's health on the first validation images (TrainingSession::network_health): the
   * HealthMessage fields (protocol.js) without `type`.
   */
  health() {
    const { health, error } = this.call('measuring the network', () => this.session.networkHealth());
    if (error) throw new EngineError(ErrorCode.NOT_READY, error, 'Configure a model and wait for the data.');
    return health;
  }

  /** @returns {{count, loss, accuracy, perClassAccuracy, confusion, predicted, confidence}} */
  evaluate(split) {
    const which = this.split(split);
    return this.call(`evaluating the ${split} images`, () => this.session.evaluate(which));
  }

  /**
   * Throws EngineError('bad-request') when the engine refuses the pixels (a count other than 784,
   * a value that is not finite).
   * @param {Float32Array} pixels (784) in [0, 1] @returns {Float32Array} (10)
   */
  predict(pixels) {
    const { probabilities, error } = this.call('predicting', () => this.session.predict(pixels));
    if (error) throw new EngineError(ErrorCode.BAD_REQUEST, error, 'Send 784 pixel values in [0, 1].');
    return probabilities;
  }

  /**
   * Every spatial layer's output (conv, pooling) for one image, for drawing feature maps.
   * @param {Float32Array} pixels (784) in [0, 1]
   * @returns {{layer: number, kind: string, channels: number, height: number, width: number, values: Float32Array}[]}
   */
  featureMaps(pixels) {
    const { maps, error } = this.call('computing feature maps', () => this.session.featureMaps(pixels));
    if (error) throw new EngineError(ErrorCode.INTERNAL, error);
    return maps;
  }

  /** MNIST-style 28x28 input from a drawing. @returns {Float32Array} (784) */
  preprocessDrawing(gray, width, height) {
    const out = this.call('preparing the drawing', () => this.module.preprocessDrawing(gray, width, height));
    if (!out) throw new EngineError(ErrorCode.INTERNAL, `bad drawing size ${width}x${height}`);
    return out;
  }

  layerCount() {
    return this.call('counting layers', () => this.session.layerCount());
  }

  /** @returns {{kind, rows, cols, channels, kernelH, kernelW, weights: Float32Array, bias: Float32Array}} */
  layerWeights(index) {
    return this.call('copying weights', () => this.session.layerWeights(index));
  }
}
