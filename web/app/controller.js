// The page: wires the settings (web/state.js, mirrored to the URL), the run buttons and the views
// to the training worker (web/worker.js, protocol in web/protocol.js). Everything heavy happens in
// the worker; this thread only turns messages into pixels and text, so it stays responsive.
//
// Page options in the URL besides the settings: ?build=simd|scalar (default: automatic) and
// ?data=URL (the folder with the MNIST files; default: data/mnist/ beside the page).
import { ErrorCode, FromWorker, RunState, ToWorker, PROTOCOL_VERSION } from '../engine/protocol.js';
import {
  optionsFromQuery, setEnginePresets, stateFromQuery, stateToQuery, stateWithTrainConfig, toTrainConfig,
  writeStateToUrl,
} from './state.js';
import { hasSpatialLayers } from './model-spec.js';
import { startWorker } from '../engine/worker-client.js';
import { createBanner } from '../views/banner.js';
import { createConfigForm, createRunButtons } from '../views/controls.js';
import { createProgressView } from '../views/progress-view.js';
import { createMistakesView } from '../views/mistakes-view.js';
import { createPredictionsView } from '../views/predictions-view.js';
import { createDrawSection } from '../views/draw-section.js';
import { createModelFileButtons } from '../views/model-file-buttons.js';
import { createSamplesView, SAMPLES_PER_CLASS } from '../views/samples-view.js';
import { createFeatureMapsSection } from '../views/feature-maps-section.js';
import { createTrainingChart } from '../views/canvas/training-chart.js';
import { drawWeightImages } from '../views/canvas/weights-view.js';
import { drawConvFilters } from '../views/canvas/conv-filters.js';
import { formatCount } from '../views/canvas/format.js';

const $ = (id) => document.getElementById(id);

const banner = createBanner();
const badge = $('build-badge');
const dataStatus = $('data-status');

if (typeof WebAssembly !== 'object' || typeof Worker !== 'function') {
  banner.show({
    code: ErrorCode.NO_WASM,
    message: 'This page needs WebAssembly and Web Workers, which this browser does not offer.',
    hint: 'Use a current version of Chrome, Edge, Firefox or Safari.',
  });
  badge.textContent = 'Engine: unavailable';
  dataStatus.textContent = 'Cannot run here.';
} else {
  main();
}

function main() {
  let runState = RunState.LOADING;
  let dataReady = false;
  let engineDefaults = {};   // the engine's default TrainConfig (from `ready`)
  let trained = false;       // the model has learnt something: a batch ran since configure/reset, or it was loaded
  let configDirty = false;   // settings changed since the worker last configured
  /** @type {ReturnType<typeof createConfigForm> | null} made once the engine's presets are known */
  let form = null;

  const progressView = createProgressView();
  const mistakes = createMistakesView();
  const predictions = createPredictionsView();
  const chart = createTrainingChart($('training-chart'));

  const worker = startWorker({
    [FromWorker.READY]: onReady,
    [FromWorker.DATA_PROGRESS]: onDataProgress,
    [FromWorker.DATA_READY]: onDataReady,
    [FromWorker.CONFIGURED]: onConfigured,
    [FromWorker.STATE]: onState,
    [FromWorker.PROGRESS]: onProgress,
    [FromWorker.EPOCH]: onEpoch,
    [FromWorker.EVALUATION]: onEvaluation,
    [FromWorker.PREDICTION]: onPrediction,
    [FromWorker.WEIGHTS]: onWeights,
    [FromWorker.FILTERS]: onFilters,
    [FromWorker.FEATURE_MAPS]: (m) => featureMaps.show(m),
    [FromWorker.SAMPLES]: (m) => samples.show(m),
    [FromWorker.MODEL_FILE]: (m) => modelFile.download(m.bytes),
    [FromWorker.ERROR]: onError,
  }, (error) => onError({ ...error, fatal: true }));

  // The settings form waits for the engine's presets (in `ready`), so a ?preset=cnn-small link
  // and the preset menu use the engine's own configs; until then the form is locked.
  const fieldset = $('config-fieldset');
  fieldset.disabled = true;
  function createForm() {
    form = createConfigForm({
      state: stateFromQuery(location.search),
      onChange(state) {
        writeStateToUrl(state);
        updateShareLink(state);
        configDirty = true;
        // A settings change builds the new model right away (so its size and initial weights
        // show), unless a run is going on: the form is locked then.
        if (dataReady && !duringRun(runState)) configureSoon();
      },
    });
    form.setEnabled(!duringRun(runState));
    writeStateToUrl(form.state);
    updateShareLink(form.state);
  }

  const buttons = createRunButtons({
    train() {
      banner.hide();
      if (configDirty) configureNow();
      worker.send(ToWorker.START);
    },
    pause: () => worker.send(ToWorker.PAUSE),
    resume: () => worker.send(ToWorker.RESUME),
    step() {
      if (configDirty) configureNow();
      worker.send(ToWorker.STEP);
    },
    stop() {
      worker.send(ToWorker.STOP);
      if (trained) worker.send(ToWorker.EVALUATE, { split: 'test' });
    },
    reset() {
      banner.hide();
      if (configDirty) configureNow();
      else worker.send(ToWorker.RESET);
    },
  });

  const modelFile = createModelFileButtons({
    save: () => worker.send(ToWorker.SAVE_MODEL),
    load(bytes) {
      banner.hide();
      worker.send(ToWorker.LOAD_MODEL, { bytes }, [bytes.buffer]);
    },
  });

  const draw = createDrawSection((id, gray, width, height) =>
    worker.send(ToWorker.PREDICT_DRAWING, { id, gray, width, height }, [gray.buffer]), { onClear: () => featureMaps.clear() });
  const featureMaps = createFeatureMapsSection((id, pixels) =>
    worker.send(ToWorker.GET_FEATURE_MAPS, { id, pixels }, [pixels.buffer]));
  const samples = createSamplesView((offset) =>
    worker.send(ToWorker.GET_SAMPLES, { split: 'train', perClass: SAMPLES_PER_CLASS, offset }));

  const options = optionsFromQuery(location.search);
  worker.send(ToWorker.INIT, {
    dataUrl: new URL(options.data || 'data/mnist/', document.baseURI).href,
    engineUrl: new URL('engine/', document.baseURI).href,
    build: options.build,
  });

  // ------------------------------------------------------------ configuring

  let configureTimer = 0;
  function configureSoon() {
    clearTimeout(configureTimer);
    configureTimer = setTimeout(configureNow, 150);
  }
  function configureNow() {
    clearTimeout(configureTimer);
    if (!form) return;
    configDirty = false;
    worker.send(ToWorker.CONFIGURE, { config: toTrainConfig(form.state) });  // the full TrainConfig
  }
  // Called when the worker reports a new model (configure, reset, a model file): every message
  // after that one belongs to the new model, so progress still in flight from the old run cannot
  // leak into the views, and the old model's test results are cleared.
  function startNewRunViews() {
    trained = false;
    draw.setTrained(false);
    progressView.reset();
    chart.reset();
    predictions.clear();
    mistakes.clear();
  }
  function updateShareLink(state) {
    const url = new URL(location.href);
    url.search = stateToQuery(state);
    $('share-link').href = url.href;
  }

  // ------------------------------------------------------------ worker messages

  function onReady({ build, arch, protocol, presets, defaults }) {
    if (protocol !== PROTOCOL_VERSION) {
      onError({ code: ErrorCode.INTERNAL, message: `The worker speaks protocol ${protocol}, the page ${PROTOCOL_VERSION}.`, hint: 'Reload the page.' });
      return;
    }
    engineDefaults = defaults;
    setEnginePresets(presets, defaults);
    createForm();
    badge.textContent = build === 'simd' ? 'Engine: WebAssembly SIMD' : 'Engine: WebAssembly (scalar)';
    badge.dataset.build = build;
    badge.title = arch;
    dataStatus.textContent = 'Engine ready. Downloading MNIST…';
  }

  const fileProgress = new Map();
  function onDataProgress({ file, phase, loaded, total }) {
    if (phase === 'download') {
      fileProgress.set(file, { loaded, total });
      let sumLoaded = 0;
      let sumTotal = 0;
      for (const p of fileProgress.values()) {
        sumLoaded += p.loaded;
        sumTotal += p.total || p.loaded;
      }
      const mb = (n) => (n / 1e6).toFixed(1);
      dataStatus.textContent = `Downloading MNIST: ${mb(sumLoaded)} of ${mb(sumTotal)} MB…`;
    } else if (phase === 'inflate' || phase === 'verify') {
      dataStatus.textContent = `${phase === 'inflate' ? 'Unpacking' : 'Checking'} ${file}…`;
    } else if (phase === 'parse') {
      dataStatus.textContent = 'Reading the images…';
    }
  }

  function onDataReady({ counts }) {
    dataStatus.textContent = `MNIST ready: ${formatCount(counts.train)} training, ` +
      `${formatCount(counts.validation)} validation and ${formatCount(counts.test)} test images ` +
      '(SHA-256 checked by the engine).';
    dataStatus.dataset.ready = 'true';
    dataReady = true;
    configureNow();
    worker.send(ToWorker.GET_SAMPLES, { split: 'train', perClass: SAMPLES_PER_CLASS, offset: 0 });
  }

  function onConfigured({ summary, parameters, config, loaded }) {
    startNewRunViews();
    if (loaded) {
      // A model file brought its own settings: the form, the URL and the link show them, and
      // the model is trained (the worker sends its test evaluation next).
      clearTimeout(configureTimer);
      configDirty = false;
      form.setState(stateWithTrainConfig(form.state, config, engineDefaults));
      writeStateToUrl(form.state);
      updateShareLink(form.state);
      trained = true;
      draw.setTrained(true);
    }
    $('model-summary').textContent = summary;
    $('parameter-count').textContent = formatCount(parameters);
    form?.showModelError('');
    buttons.setBlocked(false);
    featureMaps.setModel(hasSpatialLayers(config.modelSpec));
    draw.refresh();  // the new model's prediction (and feature maps) for what is on the pad
  }

  function onPrediction(message) {
    draw.show(message);
    if (message.probabilities) featureMaps.request(message.input28);
    else featureMaps.clear();
  }

  function duringRun(state) {
    return state === RunState.RUNNING || state === RunState.PAUSED;
  }

  function onState({ state }) {
    runState = state;
    buttons.setRunState(state);
    modelFile.setRunState(state);
    progressView.setRunState(state);
    form?.setEnabled(!duringRun(state), duringRun(state));
    document.body.dataset.runState = state;
    if (state === RunState.FINISHED || state === RunState.STOPPED) draw.refresh();
  }

  function onProgress(p) {
    if (!trained) {
      trained = true;
      draw.setTrained(true);
    }
    progressView.progress(p);
    chart.addBatchPoint(p.samplesSeen, p.loss, p.accuracy);
  }

  function onEpoch(e) {
    progressView.epoch(e);
    chart.addEpochPoint(e.epoch - 1, e.trainLoss, e.trainAcc, e.valAcc);
    draw.refresh();
  }

  function onEvaluation(evaluation) {
    if (evaluation.split === 'test') {
      progressView.testResult(evaluation);
      predictions.show(evaluation);
    }
    mistakes.show(evaluation);
  }

  // The weights section shows the first dense layer's weights for an MLP, the convolution
  // filters for a CNN.
  function showWeightsOf(kind) {
    const conv = kind === 'conv';
    $('weights-view').hidden = conv;
    $('conv-filters').hidden = !conv;
    $('weights-heading').textContent = conv ? 'Convolution filters' : 'First-layer weights';
    $('weights-hint').textContent = conv
      ? 'Each framed block is one filter: its weights on each input channel as a small image (blue negative, ' +
        'red positive). The first layer\'s filters look at the digit itself; the next layer\'s combine its feature maps.'
      : 'Each image is one neuron\'s 784 input weights drawn as 28×28 pixels: what it looks for.';
  }

  function onWeights({ weights, rows, cols }) {
    showWeightsOf('dense');
    const square = Math.round(Math.sqrt(cols));
    const options = square * square === cols ? { imageWidth: square, imageHeight: square, maxImages: 64 } : { maxImages: 64 };
    drawWeightImages($('weights-view'), weights, rows, cols, options);
  }

  function onFilters({ layers }) {
    showWeightsOf('conv');
    const canvas = $('conv-filters');
    const width = Math.max(280, Math.min(720, canvas.parentElement.clientWidth || 560));
    drawConvFilters(canvas, layers, { width });
  }

  function onError(error) {
    // A failed drawing or feature-map request releases what waits for its answer (the draw pad
    // sends its next drawing then); a dead worker answers nothing, so everything is released.
    const drawing = error.request === ToWorker.PREDICT_DRAWING;
    const maps = error.request === ToWorker.GET_FEATURE_MAPS;
    if (drawing || error.fatal) draw.failed(error.fatal ? undefined : error.id, error.code === ErrorCode.NOT_READY);
    if (maps || error.fatal) featureMaps.failed(error.fatal ? undefined : error.id);
    if (error.code === ErrorCode.BAD_CONFIG) {
      // The engine refused the settings (usually the model): its message goes beside the spec,
      // and Train waits for settings it accepts.
      buttons.setBlocked(true);
      form?.showModelError(`The engine cannot build this model: ${error.message}`);
      return;
    }
    // Drawing before the model is ready: the pad says so itself, and asks again once it is.
    if ((drawing || maps) && error.code === ErrorCode.NOT_READY) return;
    banner.show(error);
    if (error.fatal) {
      dataStatus.textContent = error.message;
      dataStatus.dataset.failed = 'true';
      if (error.code === ErrorCode.NO_WASM || error.code === ErrorCode.ENGINE_MISSING) {
        badge.textContent = 'Engine: not loaded';
        badge.dataset.build = 'none';
      }
    }
  }
}
