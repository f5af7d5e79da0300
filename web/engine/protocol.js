// The message protocol between the page (web/app/controller.js, through
// web/engine/worker-client.js) and the training worker (web/engine/worker.js).
// Every message is a plain object {type, ...fields}; typed arrays travel as transferables.
// This file is the one place that names them: both sides import the constants below, and the
// JSDoc typedefs are the documentation. Bump PROTOCOL_VERSION when a message changes shape; the
// worker reports its version in `ready` and the page refuses a worker that speaks another one.
//
// A run, as the page sees it:
//   page -> init            worker -> ready, data-progress..., data-ready  (or error)
//   page -> load-data       worker -> data-progress..., data-ready  (another built-in dataset)
//   page -> load-files      worker -> data-progress..., data-ready  (one's own images or IDX files)
//   page -> configure       worker -> configured, state(idle)
//   page -> start           worker -> state(running), progress..., epoch..., evaluation, state(finished)
//   page -> start {mode: 'continue', epochs: 2}   the same, for 2 more epochs from the current
//                           weights (after a finished or stopped run, or a load-model)
//   page -> pause / resume / step / stop / reset at any time; worker answers with state (+ progress).
//   page -> predict-drawing   worker -> prediction;  page -> get-feature-maps  worker -> feature-maps
//   page -> predict           worker -> probabilities   (28x28 pixels in, ten probabilities out)
//   page -> save-model        worker -> model-file;  page -> load-model  worker -> configured,
//                             state(stopped), evaluation
//   page -> export-onnx       worker -> onnx-file   (the model as ONNX, for other frameworks)
//   page -> parse-spec        worker -> spec-parsed (a model spec as the engine reads it)
//   page -> export-code       worker -> code-file   (the model as PyTorch or Keras code)
//   page -> dispose           worker -> disposed; then only init is answered (the page may now
//                             terminate the worker)
//   page -> explain-step      worker -> (as step) progress..., step-traced, state(paused)
//   page -> explain-unit      worker -> unit-explanation   (one neuron or filter of that step)
//   page -> gradient-check    worker -> gradient-check;  page -> get-health  worker -> health
//   worker -> error diverged {recovery}   page -> recover {learningRate}   worker -> configured
//                             (recovered), state(stopped): the last good weights, a lower rate
// The model's weights follow every configure, epoch end and stop, and about every 2 s of a run:
// `weights` when the first layer with weights is dense (an MLP), else `filters` (every conv layer).
// A failed message is answered with `error`, which names the message type that failed (`request`)
// and echoes its `id` when it had one, so the page can release what waits for the answer. Messages
// that carry an `id` have it echoed in their answer: configure and load-model in `configured`,
// start in the `state` that answers it, save-model in `model-file`, export-onnx in `onnx-file`,
// export-code in `code-file`,
// predict in `probabilities`, predict-drawing in `prediction`, get-feature-maps in
// `feature-maps`, dispose in `disposed`.
//
// Versions: 1 the seed MLP page. 2 (issue 4, convolutional networks): `ready` carries the
// engine's presets and default TrainConfig; `configure` carries trainLimit, `configured` answers
// with trainCount; new get-feature-maps / feature-maps and filters; `weights` only for a dense
// first layer. 3: trainLimit is a TrainConfig field (configure carries the full config);
// predict-drawing and get-feature-maps carry an id, echoed in their answer and in `error` (with
// `request`); save-model / model-file and load-model; `epoch` carries samples and samplesPerSec;
// get-weights and data-ready's verified/hasher are gone. 4 (the playground as an embeddable
// element): start carries mode ('scratch' | 'continue') and epochs, and 'continue' trains on from
// the current weights (a trained, stopped or loaded model); step after a finished or stopped run
// continues from the current weights instead of starting over; progress and epoch numbers are
// the model's absolute ones and samplesSeen counts every image the model was trained on;
// configured carries epochsDone and samplesSeen; new predict / probabilities and dispose /
// disposed; configure, start, save-model and load-model may carry an id, echoed in their answer;
// error codes bad-request and engine-failure. 5 (hardening): data files are capped (DATA_LIMITS,
// error data-too-large) and MNIST is checked against sums pinned here (PINNED_SHA256), so
// SHA256SUMS.raw is optional; a diverged run's error carries `recovery` and the new recover
// message goes back to the last good weights with a lower rate (configured: recovered); init
// carries aliveLock, a Web Lock the worker holds while it lives, so the page notices a worker
// that died (error worker-lost, made by the page); engine-failure is fatal when the engine
// stopped (a WebAssembly trap or abort); configured and state carry `memory`; `fault` (tests only).
// 6 (teaching): explain-step / step-traced and explain-unit / unit-explanation (one training step
// with the engine's own numbers), gradient-check (backprop against finite differences) and
// get-health / health (histograms, gradient norms, dead and saturated units). Added within 6,
// since no message changed shape and page and worker ship together: export-onnx / onnx-file (the
// model as an ONNX file) and the error code not-exportable; a worker without them answers
// export-onnx with an error that names the request.
// In these four answers every vector of floats (x, w, gradients, moments, probabilities) is a
// Float32Array (the engine's float32 values, exactly), and every list of whole numbers or of
// objects (labels, predictions, shapes, positions, histogram counts, layers, checks) is a plain
// Array; single numbers are plain numbers.
// 7 (datasets): `ready` carries the engine's built-in datasets (core/data/dataset_registry.h:
// MNIST, Fashion-MNIST, with class names and pinned sums, which replace the page's
// PINNED_SHA256); init carries `dataset`; the new load-data switches to another built-in dataset
// without reloading the engine; `data-ready` carries the dataset and its class names; the
// validation set is the last twelfth of the training file (MNIST's 5,000 of 60,000); a model's
// output layer must have one unit per class. load-files loads a dataset of one's own (images in
// class folders, or IDX files); error code bad-upload. Added within 7 (no message changed shape):
// `ready` carries `grammar` (the model-spec grammar and the names of losses, optimizers,
// initializers and schedules) and parse-spec / spec-parsed (the engine parses, writes and edits
// model specs for the page), and export-code / code-file (the model as PyTorch or Keras code
// whose weights load from the ONNX file). Added within 7 (issue 12, threads): build 'threads'
// (the engine with a pool of Web Workers, on cross-origin isolated pages), `ready` carries
// `threads` and `maxThreads`, and set-threads / threads choose how many the engine uses.

export const PROTOCOL_VERSION = 7;

/** The most epochs a run may reach (the engine's kMaxEpochs, core/train/train_config.h). */
export const MAX_EPOCHS = 1000;

const MiB = 1024 * 1024;

/**
 * What the worker accepts from a data URL, per file. A ?data= link may point anywhere, so a file
 * that is larger is refused while it streams (a Content-Length over the cap at once), and
 * inflation stops at the size the IDX header declares: a gzip bomb costs at most about the cap.
 * MNIST's largest file is 9.9 MB compressed and 44.9 MiB inflated (60,000 images of 28x28).
 */
export const DATA_LIMITS = Object.freeze({
  downloadBytes: 64 * MiB,  // one file as sent (gzip, or inflated by the server's Content-Encoding)
  inflatedBytes: 64 * MiB,  // one file inflated: its IDX header and the data it declares
  sumsBytes: 1 * MiB,       // SHA256SUMS.raw
});

/**
 * The Cache Storage cache of the offline copy (public/sw.js fills it; web/app/offline.js shows
 * and clears it: keep the three names in step). The worker deletes a data file from it when the
 * file fails its checksum or cannot be read, so a retry downloads it again.
 */
export const OFFLINE_CACHE = 'mnist-playground-offline-v1';

// ---------------------------------------------------------------- page -> worker

/** Page -> worker message types. */
export const ToWorker = Object.freeze({
  INIT: 'init',
  CONFIGURE: 'configure',
  START: 'start',
  PAUSE: 'pause',
  RESUME: 'resume',
  STEP: 'step',
  STOP: 'stop',
  RESET: 'reset',
  PREDICT_DRAWING: 'predict-drawing',
  EVALUATE: 'evaluate',
  GET_SAMPLES: 'get-samples',
  GET_FEATURE_MAPS: 'get-feature-maps',
  SAVE_MODEL: 'save-model',
  LOAD_MODEL: 'load-model',
  PREDICT: 'predict',
  DISPOSE: 'dispose',
  RECOVER: 'recover',
  FAULT: 'fault',
  EXPLAIN_STEP: 'explain-step',
  EXPLAIN_UNIT: 'explain-unit',
  GRADIENT_CHECK: 'gradient-check',
  GET_HEALTH: 'get-health',
  EXPORT_ONNX: 'export-onnx',
  EXPORT_CODE: 'export-code',
  LOAD_DATA: 'load-data',
  LOAD_FILES: 'load-files',
  PARSE_SPEC: 'parse-spec',
  SET_THREADS: 'set-threads',
});

/** ExportCodeMessage.framework: the frameworks the model can be written for. */
export const CODE_FRAMEWORKS = Object.freeze(['pytorch', 'keras']);

/**
 * (version 7) What load-files accepts at once: the files' bytes as sent (zips counted by what
 * they declare inflated) and their number. The engine's image reader has its own limits per
 * image (core/data/image_folder.h).
 */
export const UPLOAD_LIMITS = Object.freeze({
  totalBytes: 256 * MiB,
  files: 120_000,
});

/** StartMessage.mode: train a fresh model, or go on training the current one. */
export const StartMode = Object.freeze({
  SCRATCH: 'scratch',
  CONTINUE: 'continue',
});

/**
 * @typedef {object} InitMessage
 * Loads the engine, then downloads, checks and parses MNIST. Send once, first. A second init
 * disposes the engine it replaces (its session and everything trained) and starts over; one
 * that arrives while the first is still loading is refused.
 * @property {'init'} type
 * @property {string} dataUrl    absolute URL of the folder holding the dataset's four .gz files
 *                               (DATA_FILES) and optionally SHA256SUMS.raw (default: the page's
 *                               data/<dataset>/)
 * @property {string} [dataset]  (version 7) the built-in dataset's id: 'mnist' (default) or
 *                               'fashion-mnist'; its files must match the engine's pinned sums
 * @property {string} engineUrl  absolute URL of the folder holding engine-{simd,scalar,threads}.{mjs,wasm}
 *                               and engine-threads.worker.js
 * @property {'auto'|'threads'|'simd'|'scalar'} build  'auto' uses threads on a cross-origin
 *   isolated page (self.crossOriginIsolated) with SIMD, else SIMD when the browser validates it,
 *   else scalar; 'threads' on a page that is not isolated fails (engine-missing)
 * @property {boolean} [keepModels]  every `epoch` message carries the model file (modelFile), so a
 *                               page that keeps the model saves exactly the weights of that epoch
 * @property {string} [aliveLock]  (version 5) the name of a Web Lock (navigator.locks) the worker
 *   takes before it answers and holds while it lives. The page asks for the same lock once
 *   `ready` arrives: it is granted when the worker has ended for any reason (the browser ended
 *   it, it closed itself), which the page reports as worker-lost. Without Web Locks (an insecure
 *   context) the worker ignores it.
 */

/**
 * @typedef {object} TrainConfigMessageFields  the engine's TrainConfig (core/train/train_config.h)
 * @property {string} modelSpec    e.g. 'dense:256:relu,dense:10:softmax'
 * @property {string} loss         'cross_entropy' | 'binary_cross_entropy' | 'mse'
 * @property {string} optimizer    'sgd' | 'momentum' | 'nesterov' | 'adam'
 * @property {number} learningRate
 * @property {number} batchSize
 * @property {number} epochs
 * @property {string} init         'glorot_uniform' | 'he_normal' | ...
 * @property {number} seed         integer; the same config + seed gives the same weights and batch order
 * @property {string} schedule     'constant' | 'step' | 'cosine' (learning rate over the epochs)
 * @property {boolean} augment     random shifts and rotations of training images
 * @property {number} trainLimit   train on the first N training images only (0: all 55,000), for
 *                                 quick runs
 * Other TrainConfig fields (momentum, beta2, epsilon, weightDecay, scheduleGamma...) may be given.
 */

/**
 * @typedef {object} LoadDataMessage   (version 7) another built-in dataset in place of the
 *   current data, without reloading the engine: answered like init's data (data-progress...,
 *   data-ready with this id). A run going on is stopped first; the model stays until the page
 *   configures a new one (a dataset with another class count needs another output layer).
 *   Refused (error, the current data kept) when the files cannot be read or fail their checks.
 * @property {'load-data'} type
 * @property {string} dataset   a DatasetInfo id
 * @property {string} dataUrl   absolute URL of the folder holding its files
 * @property {number} [id]
 */

/**
 * @typedef {object} LoadFilesMessage   (version 7) a dataset of one's own in place of the current
 *   data: images in one folder per class (PNG or JPEG; optional train/ and test/ parts; zips are
 *   opened) or the four IDX files (gzip or not; checked against a SHA256SUMS file when one is
 *   among them). Answered like load-data: data-progress..., data-ready whose dataset has id
 *   'custom' and `upload` notes; refused (bad-upload, parse-error, checksum-mismatch,
 *   data-too-large) with the current data kept.
 * @property {'load-files'} type
 * @property {{path: string, bytes: Uint8Array}[]} files  paths relative to what was dropped,
 *   '/'-separated (a folder's name first, as the browser gives it)
 * @property {number} [id]
 */

/**
 * @typedef {object} ConfigureMessage
 * Builds the model and optimizer and initialises the weights. Stops any run in progress.
 * A configure carries the full config: every field it leaves out takes the engine's default,
 * never the value an earlier configure gave (so `trainLimit` absent means all images).
 * @property {'configure'} type
 * @property {TrainConfigMessageFields} config
 * @property {number} [id]   (version 4) echoed in the configured message, or in the error
 */

/**
 * @typedef {object} StartMessage   (mode, epochs and id: version 4)
 * Starts a run, answered by state(running) (carrying the id); a start while running changes
 * nothing and is answered by state(running) too. The run ends after its epochs with a test
 * evaluation (final: true) and state(finished).
 * @property {'start'} type
 * @property {'scratch'|'continue'} [mode]   StartMode; default 'scratch' (what versions 1-3 did):
 *   scratch   from idle, trains the configured (fresh) model; from finished or stopped, builds
 *             the model again from the last configure's (or loaded file's) config: same seed,
 *             fresh weights; from paused, resumes the paused run (epochs is ignored).
 *   continue  from idle, paused, stopped or finished (a load-model leaves the state stopped)
 *             trains `epochs` more epochs from the current weights and optimizer state. An epoch
 *             under way (paused or stopped mid-epoch) is finished first, then `epochs` more. The
 *             run's length becomes the model's absolute epoch count, so a cosine schedule
 *             follows a cosine over the new total (the learning rate rises again, then decays
 *             to 0 at the new end).
 * @property {number} [epochs]   how many epochs this run trains, a whole number from 1 to
 *   MAX_EPOCHS; default: the config's epochs. For scratch it becomes the config's epochs (the
 *   schedule's horizon); for continue the model's total may not pass MAX_EPOCHS (bad-request).
 * @property {number} [id]       echoed in the state(running) that answers, or in the error
 */

/**
 * @typedef {{type: 'pause'}} PauseMessage    stops after the current slice; resume continues
 * @typedef {{type: 'resume'}} ResumeMessage
 * @typedef {{type: 'step'}} StepMessage      trains exactly one batch (when not running), then
 *   state(paused). From idle or paused: the next batch of the run. From finished or stopped
 *   (version 4): the next batch from the current weights, never a fresh model; if the model has
 *   trained all the run's epochs, the run grows by one epoch (as start {mode: 'continue',
 *   epochs: 1}), else the run stopped mid-way goes on. Resume then trains the rest of the run.
 * @typedef {{type: 'stop'}} StopMessage      ends the run; the trained model stays for predictions
 * @typedef {{type: 'reset'}} ResetMessage    re-initialises from the last config: same seed, same
 *                                            initial weights and batch order (same first-batch loss)
 */

/**
 * @typedef {object} PredictDrawingMessage
 * @property {'predict-drawing'} type
 * @property {number} id         echoed in the prediction, or in the error if it fails
 * @property {Uint8Array} gray   (height, width) row-major, 0 = background, 255 = ink
 * @property {number} width
 * @property {number} height
 */

/**
 * @typedef {object} EvaluateMessage
 * @property {'evaluate'} type
 * @property {'validation'|'test'} split
 */

/**
 * @typedef {object} GetSamplesMessage
 * @property {'get-samples'} type
 * @property {'train'|'validation'|'test'} split
 * @property {number} perClass   how many images of each digit
 * @property {number} [offset]   page through the images: skip offset * perClass of each digit
 */

/**
 * @typedef {object} GetFeatureMapsMessage   (version 2)
 * Runs the model on one image and returns every spatial layer's output (FeatureMapsMessage).
 * @property {'get-feature-maps'} type
 * @property {number} id             echoed in the feature maps, or in the error if it fails
 * @property {Float32Array} pixels   (28, 28) in [0, 1], e.g. a prediction's input28
 */

/**
 * @typedef {object} SaveModelMessage   asks for the model file (ModelFileMessage)
 * @property {'save-model'} type
 * @property {number} [id]   (version 4) echoed in the model-file, or in the error
 */

/**
 * @typedef {object} ExportOnnxMessage   (version 6) asks for the model as ONNX (OnnxFileMessage)
 * The current weights (between two batches during a run), written by core/io/onnx_export.h as
 * the CLI's --export-onnx writes them. Answered with onnx-file; or error 'not-ready' (no model
 * yet) or 'not-exportable' (a layer ONNX cannot express, e.g. an image layer after a flat one:
 * the message is the engine's reason), with request 'export-onnx'.
 * @property {'export-onnx'} type
 * @property {number} [id]   echoed in the onnx-file, or in the error
 */

/**
 * @typedef {object} ExportCodeMessage   (version 7) asks for the model as Python code
 * (CodeFileMessage), written by core/io/code_export.h as the CLI's --export-pytorch and
 * --export-keras write it. Answered with code-file; or error 'bad-request' (a framework not in
 * CODE_FRAMEWORKS), 'not-ready' or 'not-exportable' as for export-onnx, with request 'export-code'.
 * @property {'export-code'} type
 * @property {'pytorch'|'keras'} framework
 * @property {number} [id]   echoed in the code-file, or in the error
 */

/**
 * @typedef {object} LoadModelMessage   (version 3)
 * Replaces the model, its config and its weights with a model file's (core/io/model_file.h, as
 * model-file or the CLI's --save wrote it). Stops any run. Answered with configured (loaded:
 * true, with epochsDone and samplesSeen of the file), state(stopped) and the test evaluation of
 * the loaded model; or error 'bad-model-file'. Start {mode: 'continue'} then trains it on.
 * A model file holds whole epochs: a model saved mid-epoch starts that epoch again.
 * @property {'load-model'} type
 * @property {Uint8Array} bytes
 * @property {number} [id]   (version 4) echoed in the configured message, or in the error
 */

/**
 * @typedef {object} PredictMessage   (version 4) the current model on one 28x28 image
 * Answered by ProbabilitiesMessage; needs a model (configure or load-model), not the data.
 * Unlike predict-drawing, the pixels are used as given (no MNIST-style centring).
 * @property {'predict'} type
 * @property {number} id                 echoed in the probabilities, or in the error
 * @property {Float32Array} pixels       (28, 28) row-major in [0, 1], 0 = background (an Array
 *   or another typed array of 784 numbers is accepted too). Another length, or a value that is
 *   not a finite number, is refused with error 'bad-request' naming it.
 */

/**
 * @typedef {object} RecoverMessage   (version 5) back from a diverged run
 * Replaces the model with the last good one the worker kept (at the start of the last run and at
 * every epoch's end) and gives it a new learning rate (the `recovery` of the diverged error
 * suggests a tenth of the rate). Answered with configured (recovered: true, the config with the
 * new rate, epochsDone and samplesSeen of the kept model) and state stopped (idle when the kept
 * model was untrained); start {mode: 'continue'} trains it on. Refused with not-ready when no
 * model was kept, bad-request for a rate outside (0, 100] or during a run.
 * @property {'recover'} type
 * @property {number} learningRate
 * @property {number} [id]   echoed in the configured message, or in the error
 */

/**
 * @typedef {object} FaultMessage   (version 5) for tests only: makes the worker fail as it could
 * in the field, so the page's handling of it can be tested. Nothing else sends it.
 * @property {'fault'} type
 * @property {'exit'|'uncaught'|'abort'} fault
 *   exit      the worker ends at once without a word (as when the browser ends it): the page
 *             notices through aliveLock and reports worker-lost;
 *   uncaught  a bare number thrown outside any handler (what a C++ exception escaping from the
 *             engine looks like): reported once, as an engine-failure with a message;
 *   abort     the engine traps (WebAssembly.RuntimeError 'Aborted(...)'): a fatal engine-failure,
 *             after which only init and dispose are served.
 */

/**
 * @typedef {{type: 'explain-step'}} ExplainStepMessage   (version 6)
 * Trains exactly one batch like step (same run states, the same progress message, epoch and
 * evaluation messages when the batch ends an epoch or the run), while the engine records the
 * step whole (TrainingSession::trace_step, core/teach/step_trace.h). Answered, after progress,
 * by StepTracedMessage, then state(paused) as step. The trace stays until the model trains
 * again or changes (any other training, configure, reset, load-model, recover): explain-unit
 * reads it. Errors: not-ready (no data or model), bad-request (a run is going on: pause it),
 * engine-failure (the trace does not fit in memory: a smaller batch), or the step's own
 * training error (diverged).
 */

/**
 * @typedef {object} ExplainUnitMessage   (version 6)
 * One neuron (dense layer) or filter (conv layer) of the traced step, for one example of its
 * batch, answered by UnitExplanationMessage. Errors: not-ready (no traced step: send
 * explain-step first; any training since drops it), bad-request naming the field (a layer
 * without weights or out of range, unit, example or position out of range, not whole numbers).
 * @property {'explain-unit'} type
 * @property {number} layer     index in the model (StepTracedMessage.layers[i].index), explainable
 * @property {number} unit      dense: the neuron (row of the weight matrix); conv: the filter
 * @property {number} example   index in the traced batch, 0..batchSize-1
 * @property {number[]} [position]  conv only: the output [row, col] to explain; absent (or null):
 *                              where the filter's |z| is largest for this example
 */

/**
 * @typedef {object} GradientCheckMessage   (version 6)
 * Compares backpropagation with central finite differences of the loss on the current model
 * (core/teach/gradient_check.h), answered by GradientCheckResultMessage. Needs data and a model.
 * @property {'gradient-check'} type
 * @property {number} [perLayer]  parameters checked in each layer with weights, 1..50 (default 5)
 * @property {number} [seed]      which parameters are drawn, a whole number >= 0 (default 1)
 */

/**
 * @typedef {{type: 'get-health'}} GetHealthMessage   (version 6)
 * The network's health on a fixed probe batch (core/teach/network_health.h), answered by
 * HealthMessage. Needs data and a model. Cheap enough to ask after a step and every few
 * progress messages; it does not change the model.
 */

/**
 * @typedef {object} DisposeMessage   (version 4)
 * Stops any run (no further progress, epoch or state messages), frees the engine's session and
 * everything trained, and answers disposed. After it every message except init is answered with
 * error 'not-ready'; an init loads the engine and the data again. A dispose during an init stops
 * that init at its next step (until then it may still post data-progress, and a new init is
 * refused). The page may terminate the worker once disposed arrives.
 * @property {'dispose'} type
 * @property {number} [id]   echoed in the disposed message
 */
/**
 * @typedef {object} SetThreadsMessage   (within 7) how many threads the engine uses from now on
 * Clamped to 1..maxThreads (ready); allowed during a run (the worker changes it between two
 * slices of training). A seeded run repeats bit for bit on a given count (core/util/parallel.h);
 * another count may round sums differently. Answered by threads; bad-request when `threads` is
 * not a whole number.
 * @property {'set-threads'} type
 * @property {number} threads
 * @property {number} [id]   echoed in the answer
 */

/**
 * @typedef {object} ThreadsMessage   (within 7) answer to set-threads
 * @property {'threads'} type
 * @property {number} threads      now in use
 * @property {number} maxThreads
 * @property {number} [id]
 */

/**
 * @typedef {object} ParseSpecMessage   (within 7) a model spec as the engine reads it (spec-parsed)
 * Answered once the engine is loaded (the data need not be). One of:
 *   {text}               the spec text as it is
 *   {rows, input}        rows as spec-parsed gives them (edited): the engine writes their text
 *   {text, loss}         the text with the output activation that loss is fused with
 *   {text, outputUnits}  the text with its last dense layer's units set (a dataset's classes)
 * @property {'parse-spec'} type
 * @property {number} id   echoed in spec-parsed
 * @property {string} [text]
 * @property {{kind: string, params: object, activation: string}[]} [rows]
 * @property {string} [input]   the input token's value ('' none)
 * @property {string} [loss]
 * @property {number} [outputUnits]
 */

// ---------------------------------------------------------------- worker -> page

/** Worker -> page message types. */
export const FromWorker = Object.freeze({
  READY: 'ready',
  DATA_PROGRESS: 'data-progress',
  DATA_READY: 'data-ready',
  CONFIGURED: 'configured',
  PROGRESS: 'progress',
  EPOCH: 'epoch',
  EVALUATION: 'evaluation',
  PREDICTION: 'prediction',
  WEIGHTS: 'weights',
  SAMPLES: 'samples',
  FEATURE_MAPS: 'feature-maps',
  FILTERS: 'filters',
  MODEL_FILE: 'model-file',
  PROBABILITIES: 'probabilities',
  DISPOSED: 'disposed',
  STATE: 'state',
  ERROR: 'error',
  STEP_TRACED: 'step-traced',
  UNIT_EXPLANATION: 'unit-explanation',
  GRADIENT_CHECK: 'gradient-check',
  HEALTH: 'health',
  ONNX_FILE: 'onnx-file',
  SPEC_PARSED: 'spec-parsed',
  CODE_FILE: 'code-file',
  THREADS: 'threads',
});

/**
 * @typedef {object} ReadyMessage   the engine is loaded
 * @property {'ready'} type
 * @property {number} protocol       PROTOCOL_VERSION of the worker
 * @property {'threads'|'simd'|'scalar'} build which engine runs
 * @property {string} arch           e.g. 'wasm32 + SIMD128' or 'wasm32 (scalar)'
 * @property {number} threads        (within 7) the threads the engine uses: all it can at first
 * @property {number} maxThreads     (within 7) the most it can use: the browser's cores up to 8
 *   for 'threads' (its Web Workers are made at load), 1 for the other builds
 * @property {{id: string, name: string, description: string, config: object}[]} presets
 *   the engine's presets (core/model/presets.cpp: mlp, cnn-small, cnn-strong, softmax, deep,
 *   classic, and since version 6 the classic failures fail-zero-init, fail-large-init,
 *   fail-deep-sigmoid, fail-high-lr), config a TrainConfig: the page's preset menu, in this
 *   order. Names and descriptions are in English: a page translates them by id
 * @property {object} defaults       the engine's default TrainConfig
 * @property {DatasetInfo[]} datasets  (version 7) the engine's built-in datasets, MNIST first: the
 *                                   page's dataset menu
 * @property {object} grammar        (within 7) the model-spec grammar and the training menus'
 *   values, bindings/spec_bindings.cpp: {kinds, activations, losses, optimizers, initializers,
 *   schedules}; the page builds its layer editor and menus from it
 * @property {boolean} [holdsAliveLock]  (version 5) the worker holds init's aliveLock: the page
 *                                   may watch it
 */

/**
 * @typedef {object} SpecParsedMessage   (within 7) answers parse-spec
 * @property {'spec-parsed'} type
 * @property {number} id
 * @property {string} error   the engine's message; '' when the spec is valid
 * @property {string} text    the canonical text (when valid), else the text asked about
 * @property {string} [input]  the input token's value ('' none)
 * @property {{kind: string, params: object, activation: string}[]} [rows]  one per token; a
 *   parameter's value is a number, a [height, width] kernel or a choice's text
 * @property {string} [description]  "784-256-10", or "conv 8@5×5 → maxpool 2 → dense 10"
 * @property {boolean} [spatial]      a convolution or pooling layer (feature maps to draw)
 */

/**
 * @typedef {object} DataProgressMessage
 * @property {'data-progress'} type
 * @property {string} file     e.g. 'train-images-idx3-ubyte.gz' (or 'SHA256SUMS.raw')
 * @property {'download'|'inflate'|'verify'|'parse'|'done'} phase
 * @property {number} loaded   bytes so far (download) or steps done
 * @property {number} total    bytes expected (0 when the server sent no Content-Length)
 */

/**
 * @typedef {object} DatasetInfo   (version 7) a built-in dataset (core/data/dataset_registry.h)
 * @property {string} id             'mnist', 'fashion-mnist'
 * @property {string} name           'Fashion-MNIST'
 * @property {string} description    one English sentence
 * @property {string[]} classNames   label i is classNames[i] (English)
 * @property {{name: string, sha256: string}[]} files  the pinned sums of the uncompressed files
 * @property {string} source         where the files come from
 * @property {string} licence
 */

/**
 * @typedef {object} UploadNotes   (version 7) how load-files read the upload
 * @property {'images'|'idx'} format
 * @property {boolean} checksums     every IDX file matched a SHA256SUMS file that came with it
 * @property {boolean} [testFromFolder]  images: the test set was the upload's test/ folder (else
 *                                   every 7th image of each class)
 * @property {boolean} [inverted]    images: light backgrounds were turned dark, as in MNIST
 * @property {boolean} [resized]     images: scaled to fit 28x28 (from sourceWidth x sourceHeight)
 * @property {number} [sourceWidth]  @property {number} [sourceHeight]
 * @property {string[]} [skipped]    images: files that are not images, left out
 */

/**
 * @typedef {object} DataReadyMessage
 * @property {'data-ready'} type
 * @property {{train: number, validation: number, test: number}} counts
 * @property {{id: string, name: string, classNames: string[], upload?: UploadNotes}} dataset
 *   (version 7) what was loaded: a built-in dataset's id and name, or id 'custom' for load-files
 *   (name: the dropped folder's or zip's); classNames are the engine's (label i is
 *   classNames[i]); the model's output layer needs classNames.length units
 * @property {number} [id]  the load-data's id, when it had one
 * Sent only when every file matched its pinned sum and the sums SHA256SUMS.raw lists, if any
 * (the engine's SHA-256, core/data/sha256.h).
 */

/**
 * @typedef {object} ConfiguredMessage   a new model: after configure, reset, load-model, and a
 *   start {mode: 'scratch'} that builds the model again
 * @property {'configured'} type
 * @property {string} summary      the engine's model summary (one layer per line)
 * @property {number} parameters   trainable parameter count
 * @property {object} config       the config as the engine holds it (defaults filled in)
 * @property {number} layers       layer count
 * @property {number} trainCount   training images per epoch (after trainLimit)
 * @property {boolean} loaded      the model came from a model file (load-model), weights trained
 * @property {number} epochsDone   (version 4) whole epochs the model has trained: 0 for a new
 *                                 model, the file's count for a loaded one ("trained for 3 epochs")
 * @property {number} samplesSeen  (version 4) images the model has been trained on, over all runs
 * @property {number} [id]         (version 4) the configure's or load-model's id, when it had one
 * @property {boolean} [recovered]  (version 5) the model is the kept one a recover went back to
 * @property {EngineMemory} [memory]  (version 5) the engine's memory after the change
 */

/**
 * @typedef {object} EngineMemory   (version 5) in configured and state: for leak checks
 * @property {number} heapBytes      size of the engine's WebAssembly.Memory (it never shrinks;
 *                                   it grows when the engine's allocator runs out)
 * @property {number} emvalHandles   live Embind value handles (Module.count_emval_handles): the
 *                                   engine keeps none between calls, so a growing count is a leak
 * @property {number} sessions       live TrainingSession handles (0 or 1)
 */

/**
 * @typedef {object} ProgressMessage   during a run at most every 200 ms (the slices in between
 *                                      summed), at every epoch's end, before every state change
 *                                      (pause, stop, finish) and after step
 * Epoch numbers are the model's own, counted over all its runs (version 4): a run continued for
 * 2 more epochs after 3 reports epoch 3 and 4 (0-based) of epochs 5.
 * @property {'progress'} type
 * @property {number} epoch            0-based epoch of the last batch trained (absolute)
 * @property {number} epochs           the epoch count the run ends at (absolute: epochs done
 *                                     before the run + the epochs it trains)
 * @property {number} batch            batches done in that epoch (batchesPerEpoch at its end)
 * @property {number} batchesPerEpoch
 * @property {number} samplesSeen      images the model has been trained on since it was built
 *                                     (configure/reset), over all its runs; a loaded model
 *                                     starts from the file's count (the engine's count)
 * @property {number} loss             mean training loss over the batches since the last progress
 * @property {number} accuracy         training accuracy over those batches, [0, 1]
 * @property {number} learningRate     of the last batch (after the schedule)
 * @property {number} samplesPerSec    training throughput: images per second of engine time
 *                                     (moving average over recent slices)
 * @property {number} etaSeconds       time left in this run: the images this run has still to
 *                                     train at its rate in wall time (evaluations and yields
 *                                     included, pauses not)
 * @property {number} firstBatchLoss   loss of the first batch the model was trained on since it
 *                                     was built (configure/reset) or loaded; continued runs keep
 *                                     it (reproducibility check: a seed always gives the same)
 */

/**
 * @typedef {object} EpochMessage   at the end of every epoch, after evaluating validation
 * The sums cover the whole epoch, also when it was paused or stopped and then continued.
 * @property {'epoch'} type
 * @property {number} epoch        1-based number of the epoch that finished, the model's own
 *                                 (absolute, as in progress)
 * @property {number} trainLoss    mean training loss over the epoch's images
 * @property {number} trainAcc     training accuracy over the epoch's images, [0, 1]
 * @property {number} valAcc       validation accuracy (5,000 held-out training images), [0, 1]
 * @property {number} valLoss
 * @property {number} seconds      training time of the epoch (engine time, no evaluation)
 * @property {number} wallSeconds  wall time of the epoch's slices (no pauses, no evaluation)
 * @property {number} samples      images trained in the epoch
 * @property {number} samplesPerSec samples / seconds: the epoch's throughput in engine time
 * @property {Uint8Array} [modelFile]  the model as the epoch left it, when init asked for keepModels
 */

/**
 * @typedef {object} GalleryItem
 * @property {number} index        index in the split
 * @property {Uint8Array} pixels   (28, 28)
 * @property {number} label        true digit
 * @property {number} predicted
 * @property {number} confidence   probability of the predicted digit
 */

/**
 * @typedef {object} EvaluationMessage   answer to evaluate; also sent for 'test' at the end of a run
 * @property {'evaluation'} type
 * @property {'validation'|'test'} split
 * @property {number} count
 * @property {number} loss
 * @property {number} accuracy                 [0, 1]
 * @property {Float32Array} perClassAccuracy   (10)
 * @property {Int32Array} confusion            (10, 10) row = true digit, column = predicted
 * @property {GalleryItem[]} preview           the split's first images with their predictions
 * @property {GalleryItem[]} misclassified     every wrong prediction (capped), most confident first
 * @property {number} wrongCount               how many predictions were wrong (before the cap)
 * @property {boolean} final                   true for the test evaluation that ends a run
 */

/**
 * @typedef {object} PredictionMessage
 * @property {'prediction'} type
 * @property {number} id                         the predict-drawing's id
 * @property {Float32Array|null} probabilities   (10), null for a blank drawing
 * @property {Float32Array} input28              (28, 28) in [0, 1]: what the model saw
 */

/**
 * @typedef {object} WeightsMessage   the first layer's weights when it is dense (an MLP)
 * @property {'weights'} type
 * @property {number} layer        index in the model (0-based)
 * @property {string} kind         the engine's layer name: 'Dense'
 * @property {number} rows         neurons
 * @property {number} cols         inputs (784 for the first layer: a 28x28 image per neuron)
 * @property {Float32Array} weights (rows, cols) row-major
 * @property {Float32Array} bias    (rows)
 */

/**
 * @typedef {object} ConvFilters
 * @property {number} layer        index in the model (0-based, as in the model summary minus 1)
 * @property {number} filters      output channels
 * @property {number} channels     input channels
 * @property {number} kernelH
 * @property {number} kernelW
 * @property {Float32Array} weights (filters, channels, kernelH, kernelW)
 * @property {Float32Array} bias    (filters)
 */

/**
 * @typedef {object} FiltersMessage   (version 2) every Conv2D layer's filters, in layer order
 * @property {'filters'} type
 * @property {ConvFilters[]} layers
 */

/**
 * @typedef {object} FeatureMapsMessage   (version 2) answer to get-feature-maps
 * @property {'feature-maps'} type
 * @property {number} id           the get-feature-maps' id
 * @property {{layer: number, kind: string, channels: number, height: number, width: number,
 *   values: Float32Array}[]} maps   every layer with a spatial output (Conv2D, its activation,
 *   MaxPool2D, AvgPool2D, ...), in layer order; values (channels, height, width). Empty for an MLP.
 */

/**
 * @typedef {object} ModelFileMessage   (version 3) answer to save-model
 * @property {'model-file'} type
 * @property {Uint8Array} bytes    the model file: spec, config, weights and optimizer state
 * @property {number} [id]         (version 4) the save-model's id, when it had one
 */

/**
 * @typedef {object} OnnxFileMessage   (version 6) answer to export-onnx
 * @property {'onnx-file'} type
 * @property {Uint8Array} bytes    an ONNX ModelProto (ir_version 7, opset 13, producer
 *   "mnist-playground"): input "input" (N, 1, 28, 28) = pixel / 255, output "probabilities" (N, 10)
 * @property {number} [id]         the export-onnx's id, when it had one
 */

/**
 * @typedef {object} CodeFileMessage   (version 7) answer to export-code
 * @property {'code-file'} type
 * @property {'pytorch'|'keras'} framework
 * @property {string} text   Python source: the model, load_onnx_weights(model, path) reading the
 *   export-onnx file's weights, and a usage example
 * @property {number} [id]   the export-code's id, when it had one
 */

/**
 * @typedef {object} ProbabilitiesMessage   (version 4) answer to predict
 * @property {'probabilities'} type
 * @property {number} id                  the predict's id
 * @property {Float32Array} probabilities (10) of the digits 0..9, summing to 1
 */

/**
 * @typedef {object} DisposedMessage   (version 4) answer to dispose: the engine is freed
 * @property {'disposed'} type
 * @property {number} [id]   the dispose's id, when it had one
 */

/**
 * @typedef {object} TracedLayer   (version 6) one layer of the model, as the traced step saw it
 * @property {number} index        0-based, as in the model summary minus 1
 * @property {string} kind         the engine's name: 'Dense', 'Conv2D', 'ReLU', 'Softmax', ...
 * @property {string} spec         its spec token, e.g. 'dense:256', 'conv:8:5x5', 'relu'
 * @property {number} units        what explain-unit's unit ranges over: dense neurons, conv
 *                                 filters; 0 for layers without weights
 * @property {boolean} explainable dense or conv (has weights): explain-unit accepts it
 * @property {number[]} inputShape  [channels, height, width] of one example's input
 * @property {number[]} outputShape [channels, height, width] of its output (dense: [units, 1, 1])
 * @property {''|'relu'|'leaky_relu'|'sigmoid'|'tanh'|'softmax'} activation  dense/conv: the
 *                                 activation layer right after it ('' if none); an activation
 *                                 layer: its own; others ''
 */

/**
 * @typedef {object} StepTracedMessage   (version 6) answer to explain-step
 * @property {'step-traced'} type
 * @property {number} batchSize     examples in the traced batch (the last of an epoch may be short)
 * @property {number} samplesSeen   the model's images after the step (as in progress)
 * @property {number} loss          the batch's mean loss, before the update
 * @property {number[]} labels      true digit per example
 * @property {number[]} predictions the model's guess per example, from the step's forward pass
 * @property {Float32Array} images  the batch's inputs as trained (augmentation included),
 *   batchSize × 784 values in [0, 1], for drawing the examples
 * @property {TracedLayer[]} layers every layer of the model
 */

/**
 * @typedef {object} OptimizerSnapshot   (version 6) the update rule the step used
 * @property {'sgd'|'momentum'|'nesterov'|'adam'} kind
 * @property {number} learningRate   η of this step (after the schedule)
 * @property {number} step           t, the optimizer's step count after this update
 * @property {number} momentum       μ for momentum and nesterov (0 otherwise)
 * @property {number} beta1          adam (0 otherwise)
 * @property {number} beta2          adam (0 otherwise)
 * @property {number} epsilon        adam (0 otherwise)
 * @property {number} biasCorrection1  adam: 1 - beta1^t (0 otherwise)
 * @property {number} biasCorrection2  adam: 1 - beta2^t (0 otherwise)
 * @property {number} weightDecay    λ: the batch gradient of weights (not biases) includes λw
 * The rules (core/train/optimizer.h), with g = batchGradW:
 *   sgd       Δw = -η g
 *   momentum  v ← μ v + g;  Δw = -η v             (v: mBefore -> mAfter)
 *   nesterov  v ← μ v + g;  Δw = -η (g + μ v)
 *   adam      m ← β1 m + (1-β1) g;  v ← β2 v + (1-β2) g²
 *             Δw = -η (m / biasCorrection1) / (sqrt(v / biasCorrection2) + ε)
 */

/**
 * @typedef {object} UnitExplanationMessage   (version 6) answer to explain-unit
 * All numbers are the engine's own (float32) from the traced step; w, b are before the update.
 *   z = w·x + b;  a = activation(z);  dLdz = dLda · activation'(z);  dLdw = dLdz · x
 * @property {'unit-explanation'} type
 * @property {number} layer
 * @property {'dense'|'conv'} kind
 * @property {number} unit
 * @property {number} example       index in the traced batch
 * @property {number} label         its true digit
 * @property {number[]|null} position  conv: [row, col] of the output explained; dense: null
 * @property {number[]} inputShape  [c, h, w] of x: the layer's input for dense ([1, 28, 28] for a
 *                                  first layer), the receptive-field patch [channels, kH, kW] for conv
 * @property {Float32Array} x       the input the unit saw (conv: the patch, zero padding included)
 * @property {Float32Array} w       its weights (dense: row `unit` of the weight matrix; conv: the filter)
 * @property {number} b             its bias
 * @property {number} z             its output before the activation, from the forward pass
 * @property {string} activation    of the layer after it: 'relu', 'sigmoid', 'tanh', 'softmax',
 *                                  'leaky_relu', or '' (none: a = z)
 * @property {number} a             after the activation (softmax: the probability)
 * @property {number} dLda          dL/da for this example (the batch-mean loss's, so 1/batchSize in)
 * @property {number} dLdz          dL/dz (softmax + cross-entropy: (p - t) / batchSize)
 * @property {Float32Array} dLdw    this example's contribution to the weights' gradient
 *                                  (conv: summed over every output position of the filter)
 * @property {number} dLdb          and to the bias's
 * @property {Float32Array} batchGradW  the whole batch's gradient the optimizer used: the sum of
 *                                  every example's dLdw, plus weightDecay · w
 * @property {number} batchGradB
 * @property {OptimizerSnapshot} optimizer
 * @property {Float32Array} wAfter  the weights after the update
 * @property {number} bAfter
 * @property {Float32Array} deltaW  wAfter - w
 * @property {number} deltaB
 * @property {Float32Array} mBefore  momentum/nesterov: the velocity; adam: m. Empty for sgd
 * @property {Float32Array} mAfter
 * @property {Float32Array} vBefore  adam: v. Empty otherwise
 * @property {Float32Array} vAfter
 * @property {number} loss          this example's loss
 * @property {Float32Array} probabilities  the model's output for this example (10)
 */

/**
 * @typedef {object} GradientCheckEntry   (version 6) one parameter checked
 * @property {number} parameter      index in the layer's parameters: weights first (row-major:
 *                                   dense (units, inputs), conv (filters, channels, kH, kW)), then biases
 * @property {string} name           e.g. 'w[12,345]' (dense), 'w[3,0,2,1]' (conv), 'b[7]'
 * @property {number} backprop       dL/dθ by backpropagation
 * @property {number} numeric        (L(θ+h) - L(θ-h)) / 2h
 * @property {number} step           h used
 * @property {number} relativeError  |backprop - numeric| / max(|backprop|, |numeric|, 1e-10)
 */

/**
 * @typedef {object} GradientCheckResultMessage   (version 6) answer to gradient-check
 * The loss is the mean over `examples` fixed training images (the first ones), in evaluation
 * mode (no dropout), without weight decay (training adds λw after backpropagation: nothing to
 * check there). The engine is float32, so the method is chosen to stay honest at that precision
 * (core/teach/gradient_check.h): loss accumulated in double, h = epsilon·|θ| within [minStep,
 * maxStep], parameters drawn among those whose |gradient| is at least minGradientFraction of the
 * layer's largest, and steps that cross ReLU / max-pool kinks redone shorter or redrawn.
 * Measured: the seed MLP and sigmoid/tanh MLPs below 1e-3 (about 3e-4), small CNNs below 5e-2
 * (their convolutions have kinks everywhere).
 * @property {'gradient-check'} type
 * @property {number} examples
 * @property {number} epsilon              the relative step (0.3)
 * @property {number} minStep
 * @property {number} maxStep
 * @property {number} minGradientFraction
 * @property {{index: number, kind: string, checks: GradientCheckEntry[], maxRelativeError: number,
 *   redrawn: number, unchecked: number}[]} layers   every layer with weights. redrawn: parameters
 *   passed over because every step tried crossed kinks; unchecked: checks asked for that could
 *   not be made (maxRelativeError is over the others, 0 when there are none)
 * @property {number} maxRelativeError     over every check
 */

/**
 * @typedef {object} Histogram   (version 6) `counts.length` equal bins over [min, max]
 * @property {number} min
 * @property {number} max
 * @property {number[]} counts
 */

/**
 * @typedef {object} LayerHealth   (version 6)
 * @property {number} index
 * @property {string} kind
 * @property {string} spec
 * @property {Histogram|null} weights     layers with weights (their weights, not biases); else null
 * @property {Histogram} activations      the layer's outputs over the probe batch
 * @property {Histogram|null} gradients   dL/dw of the probe batch's loss; null without weights
 * @property {number|null} gradientNorm   L2 norm of that gradient (weights and biases)
 * @property {number|null} deadPercent    ReLU layers: % of units (dense neurons, conv channels)
 *                                        that output 0 for every probe example; else null
 * @property {number|null} saturatedPercent  sigmoid/tanh layers: % of units whose outputs are
 *                                        within 0.02 of the bounds (sigmoid 0, 1; tanh -1, 1) for
 *                                        more than half of the probe outputs; else null
 */

/**
 * @typedef {object} HealthMessage   (version 6) answer to get-health
 * @property {'health'} type
 * @property {number} samplesSeen   the model's images when measured
 * @property {number} examples      probe batch: the first validation images
 * @property {LayerHealth[]} layers every layer, in order
 */

/**
 * @typedef {object} SamplesMessage
 * @property {'samples'} type
 * @property {'train'|'validation'|'test'} split
 * @property {number} offset
 * @property {{index: number, pixels: Uint8Array, label: number}[]} items   grouped by digit 0..9
 */

/**
 * @typedef {object} StateMessage
 * @property {'state'} type
 * @property {'loading'|'idle'|'running'|'paused'|'stopped'|'finished'} state
 *   idle: configured, nothing trained since configure/reset; stopped: by stop, an error or
 *   load-model (a trained model to use: start {mode: 'continue'} and step train it on, start
 *   {mode: 'scratch'} begins a new model from its config); finished: the run trained all its
 *   epochs (the same choices as stopped)
 * @property {number} [id]   (version 4) the start's id, on the state(running) that answers it
 * @property {EngineMemory} [memory]  (version 5) when the engine is loaded
 */

/**
 * @typedef {object} ErrorMessage   every failure reaches the page as one of these
 * @property {'error'} type
 * @property {string} code      one of ErrorCode
 * @property {string} message   what happened, for people
 * @property {string} hint      what to do about it
 * @property {boolean} fatal    the worker cannot go on (no engine or no data)
 * @property {string} [request] the type of the page message whose handling failed (absent for
 *                              failures of a run in progress or of the worker itself)
 * @property {number} [id]      that message's id, when it had one
 * @property {{learningRate: number}} [recovery]  (version 5) on a diverged error, when a good
 *   model was kept: the rate a recover message could go back with (a tenth of the current one)
 */

/** Error codes of ErrorMessage.code. */
export const ErrorCode = Object.freeze({
  NO_WASM: 'no-webassembly',          // the browser has no WebAssembly
  ENGINE_MISSING: 'engine-missing',   // engine .mjs/.wasm not found or failed to load
  DATA_UNREACHABLE: 'data-unreachable', // network error fetching the data URL
  DATA_NOT_FOUND: 'data-not-found',   // HTTP 404 (or another non-2xx status)
  CHECKSUM_MISMATCH: 'checksum-mismatch',
  PARSE_ERROR: 'parse-error',         // not gzip, or not a valid MNIST IDX file
  BAD_CONFIG: 'bad-config',           // the engine refused the configuration
  BAD_MODEL_FILE: 'bad-model-file',   // load-model: not a model file the engine can use
  NOT_EXPORTABLE: 'not-exportable',   // export-onnx, export-code: a layer ONNX cannot express
                                      // (the message is the engine's reason)
  BAD_REQUEST: 'bad-request',         // a message's fields are wrong (start's mode or epochs,
                                      // predict's pixels): the message names the field
  DIVERGED: 'diverged',               // loss became NaN or infinite
  NOT_READY: 'not-ready',             // a command arrived before data/config was there, or
                                      // after dispose
  ENGINE_FAILURE: 'engine-failure',   // the engine failed, most likely out of memory (e.g. a
                                      // model too big); the previous model stays usable unless
                                      // fatal: the engine stopped (a trap) and needs a new worker
  DATA_TOO_LARGE: 'data-too-large',   // a data file over DATA_LIMITS (download or inflated), or an
                                      // upload over UPLOAD_LIMITS
  BAD_UPLOAD: 'bad-upload',           // (version 7) load-files: not a layout of images or IDX
                                      // files the engine reads (the message says what is wrong)
  WORKER_LOST: 'worker-lost',         // the worker ended (made by the page, not the worker)
  INTERNAL: 'internal',               // an uncaught exception in the worker
});

/** Run states of StateMessage.state. */
export const RunState = Object.freeze({
  LOADING: 'loading',
  IDLE: 'idle',
  RUNNING: 'running',
  PAUSED: 'paused',
  STOPPED: 'stopped',
  FINISHED: 'finished',
});

/**
 * The four files of a built-in dataset (gzip), as published (MNIST and Fashion-MNIST share the
 * names) and as scripts/fetch-data.sh stores them in data/<dataset>/.
 */
export const DATA_FILES = Object.freeze({
  trainImages: 'train-images-idx3-ubyte.gz',
  trainLabels: 'train-labels-idx1-ubyte.gz',
  testImages: 't10k-images-idx3-ubyte.gz',
  testLabels: 't10k-labels-idx1-ubyte.gz',
});

/**
 * SHA-256 of the uncompressed files, "<hex>  <name without .gz>" per line. Optional for the
 * built-in datasets, whose sums the engine pins; when present, every sum it lists must match too.
 */
export const CHECKSUM_FILE = 'SHA256SUMS.raw';
