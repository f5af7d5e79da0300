// One playground: mountPlayground(root, options) builds the whole UI inside `root` (the custom
// element's shadow root), starts its own training worker (web/engine/worker.js, protocol in
// web/engine/protocol.js) and wires the views to it. Everything heavy happens in the worker; this
// thread turns messages into pixels and text. Nothing here reaches outside `root`: the host hears
// about the run through options.emit (the element turns that into DOM events), and the full page
// mirrors the settings to its address bar through options.onSettings.
// When the worker fails for good (it ended, its engine stopped, the data could not be loaded),
// the playground says so once and Reset starts a new worker in place, without a page reload.
// Every view shows its text in the playground's language (web/i18n) and shows it again when the
// language changes (the menu, the element's lang attribute): the model and the run stay.
import { ErrorCode, FromWorker, RunState, ToWorker, PROTOCOL_VERSION, DATA_FILES, CHECKSUM_FILE } from '../engine/protocol.js';
import { startWorker } from '../engine/worker-client.js';
import { setEnginePresets, stateFromQuery, stateToQuery, stateWithTrainConfig, toTrainConfig } from '../settings/state.js';
import { setEngineGrammar } from '../settings/grammar.js';
import { knownSpec, rememberSpec } from '../settings/spec-answers.js';
import { createRequests } from './requests.js';
import { emptyRecord, addBatch, addEpoch, setTest, recordToCsv, recordToJson } from './run-record.js';
import { createPersistence } from './persistence.js';
import { clearOfflineCache, keepOffline, offlineCacheSize } from './offline.js';
import { buildMarkup, showParts } from '../views/template.js';
import { createBanner } from '../views/banner.js';
import { createStatusView } from '../views/status-view.js';
import { createDatasetView } from '../views/dataset-view.js';
import { readFiles } from '../views/dropped-files.js';
import { createConfigForm, createRunButtons } from '../views/controls.js';
import { createProgressView } from '../views/progress-view.js';
import { createMistakesView } from '../views/mistakes-view.js';
import { createPredictionsView } from '../views/predictions-view.js';
import { createDrawSection } from '../views/draw-section.js';
import { createModelFileButtons } from '../views/model-file-buttons.js';
import { createCodeView } from '../views/code-view.js';
import { createSamplesView, SAMPLES_PER_CLASS } from '../views/samples-view.js';
import { createFeatureMapsSection } from '../views/feature-maps-section.js';
import { createWeightsSection } from '../views/weights-section.js';
import { createExportButtons } from '../views/export-buttons.js';
import { createRestoreNotice } from '../views/restore-notice.js';
import { createOfflineView } from '../views/offline-view.js';
import { createTrainingChart } from '../views/canvas/training-chart.js';
import { createDataTables, confusionTable, perClassTable, trainingTable } from '../views/data-tables.js';
import { createThemeSwitch } from '../views/theme-switch.js';
import { createLanguageSwitch } from '../views/language-switch.js';
import { createThreadsChoice } from '../views/threads-choice.js';
import { formatCount } from '../views/canvas/format.js';
import { createI18n, pickLanguage } from '../i18n/index.js';
import { createClassLabels } from '../views/class-labels.js';
import { mountTeaching } from './teaching.js';
import { mountLessons } from './lessons.js';
import { mountBenchmark } from './benchmark.js';

/**
 * @typedef {object} MountOptions
 * @property {string} engineUrl     folder of engine-{simd,scalar,threads}.{mjs,wasm}, engine-threads.worker.js
 * @property {(dataset: string) => string} dataUrlFor  folder of a built-in dataset's files (and
 *                                  optionally SHA256SUMS.raw), by the engine's dataset id
 * @property {'auto'|'threads'|'simd'|'scalar'} [build]
 * @property {number|null} [threads]  the threads the engine should use (null: all it has)
 * @property {string} [settings]    the settings as a query string (preset=...&epochs=...&model=...)
 * @property {Set<string>} parts    what to show (views/template.js PARTS)
 * @property {string|null} [persistKey]  where the trained model is kept in IndexedDB; null: not kept
 * @property {boolean} [autostart]  train as soon as the data is ready (not a restored model)
 * @property {(name: string, detail: object) => void} emit   events for the host
 * @property {(query: string) => void} [onSettings]          the settings changed
 * @property {(query: string) => string} [shareUrl]          a link that reproduces the settings
 * @property {string} [lang]        the interface language asked for (en, zh); else the browser's
 * @property {string} [lesson]      a lesson to open (web/lessons/), e.g. "neuron"
 */

const CUSTOM_DATASET = 'custom';  // data-ready's id for load-files

/** @param {ShadowRoot} root  @param {MountOptions} options */
export function mountPlayground(root, options) {
  const i18n = createI18n(pickLanguage(options.lang));
  const classes = createClassLabels(i18n);  // the data's class names, for every view
  buildMarkup(root, i18n);
  showParts(root, options.parts);
  if (typeof WebAssembly !== 'object' || typeof Worker !== 'function') return mountUnsupported(root, options, i18n);
  const $ = (id) => root.getElementById(id);
  const emit = (name, detail) => { if (!destroyed) options.emit(name, detail); };

  let runState = RunState.LOADING;
  let dataReady = false;
  let dataset = null;         // data-ready's {id, name, classNames}: the data the engine holds
  let switchingTo = '';       // the dataset a load-data is loading
  let builtinDataset = '';    // the last built-in dataset loaded (the settings' dataset)
  let engineDefaults = {};
  let trained = false;        // the model has learnt something (a batch, a file, a restored model)
  let configured = null;      // the TrainConfig the engine's model was built from
  let configDirty = false;    // settings that change the model were edited since
  let record = emptyRecord(); // the current model's curves and test figures
  let build = '';
  let threads = null;         // the engine's {threads, maxThreads}, from ready and threads; null while it loads
  let wantedThreads = options.threads ?? null;  // asked for (the element's attribute); null: all
  let epochsDone = 0;         // epochs the model has been trained for (the engine's count)
  let trainedAt = 0;          // when it last learnt something (ms since the epoch)
  let saveAfterTest = false;  // keep the model once the test evaluation on its way arrives
  let destroyed = false;      // after destroy(): late worker messages are ignored
  let failure = null;         // the fatal error that stopped the worker; Reset starts a new one
  let readyBefore = false;    // a first `ready` was emitted (a restarted worker does not autostart)
  let onDisposed = () => {};
  /** @type {ReturnType<typeof createConfigForm> | null} made once the engine's presets are known */
  let form = null;

  // Listeners of the extensions (teaching panels, lessons) per worker message type.
  const listeners = new Map();
  const hear = (type, message) => { for (const listener of listeners.get(type) ?? []) listener(message); };

  const requests = createRequests();
  const banner = createBanner(root, i18n);
  const status = createStatusView(root, i18n);
  const datasetView = createDatasetView(root, i18n, { onChoose: (id) => chooseDataset(id), onFiles: (list) => uploadFiles(list) });
  const datasetNames = new Map();  // id -> name, of the engine's datasets
  let dataCounts = null;           // the loaded data's {train, validation, test}
  const progressView = createProgressView(root, i18n);
  const mistakes = createMistakesView(root, i18n, classes);
  const predictions = createPredictionsView(root, i18n, classes);
  const weights = createWeightsSection(root, i18n);
  const chart = createTrainingChart($('training-chart'), i18n);
  const offline = createOfflineView(root, { size: offlineCacheSize, clear: clearOfflineCache }, i18n);
  const exportsView = createExportButtons(root, {
    csv: () => recordToCsv(record),
    json: () => recordToJson(record, { settings: configured, build }),
  });

  const handlers = {
    [FromWorker.READY]: onReady,
    [FromWorker.DATA_PROGRESS]: (m) => status.dataProgress(m),
    [FromWorker.DATA_READY]: onDataReady,
    [FromWorker.CONFIGURED]: onConfigured,
    [FromWorker.STATE]: onState,
    [FromWorker.PROGRESS]: onProgress,
    [FromWorker.EPOCH]: onEpoch,
    [FromWorker.EVALUATION]: onEvaluation,
    [FromWorker.PREDICTION]: onPrediction,
    [FromWorker.PROBABILITIES]: (m) => requests.resolve(m.id, m.probabilities),
    [FromWorker.WEIGHTS]: (m) => weights.showWeights(m),
    [FromWorker.FILTERS]: (m) => weights.showFilters(m),
    [FromWorker.FEATURE_MAPS]: (m) => featureMaps.show(m),
    // Training images for the browser; a test image is the one "Use a test digit" asked for.
    [FromWorker.SAMPLES]: (m) => (m.split === 'test' ? showTestDigit(m.items) : samples.show(m)),
    [FromWorker.MODEL_FILE]: (m) => requests.resolve(m.id, m.bytes) || modelFile.download(m.bytes),
    [FromWorker.ONNX_FILE]: (m) => requests.resolve(m.id, m.bytes) || modelFile.downloadOnnx(m.bytes),
    [FromWorker.SPEC_PARSED]: (m) => requests.resolve(m.id, m),
    [FromWorker.CODE_FILE]: (m) => requests.resolve(m.id, m.text),
    [FromWorker.ERROR]: onError,
    [FromWorker.THREADS]: onThreads,
  };
  let connections = 0;
  /**
   * Starts a worker. Its handlers run only while this playground exists and this worker is the
   * current one (a destroyed playground, or one that replaced its worker, may still hear the old
   * one); after a fatal failure only its errors are heard, so that the requests they answer settle.
   */
  function connect() {
    const mine = ++connections;
    const current = () => !destroyed && mine === connections;
    const wrap = (type, handler = () => {}) => (message) => {
      if (!current() || (failure && type !== FromWorker.ERROR)) return;
      handler(message);
      hear(type, message);
    };
    return startWorker({
      ...Object.fromEntries(Object.values(FromWorker).map((type) => [type, wrap(type, handlers[type])])),
      [FromWorker.DISPOSED]: () => onDisposed(),
    }, (error) => { if (current()) onError({ ...error, fatal: true }); });
  }
  let worker = connect();

  // Messages whose answer settles a promise (the API's predict, save, load; saving the model; a
  // recover): their errors go to the promise. `quiet` ones (the playground's own background
  // saves) fail without a banner.
  const ANSWERED = new Set([ToWorker.PREDICT, ToWorker.SAVE_MODEL, ToWorker.EXPORT_ONNX, ToWorker.EXPORT_CODE, ToWorker.LOAD_MODEL,
    ToWorker.RECOVER, ToWorker.PARSE_SPEC]);
  const quietIds = new Set();
  function ask(type, fields = {}, transfer = [], { quiet = false } = {}) {
    if (failure) return Promise.reject(Object.assign(new Error(failure.message), failure));
    const { id, promise } = requests.open();
    if (quiet) quietIds.add(id);
    worker.send(type, { ...fields, id }, transfer);
    return promise.finally(() => quietIds.delete(id));
  }

  /**
   * The engine's reading of a model spec (ParseSpecMessage fields -> SpecParsedMessage), kept in
   * settings/spec-answers.js: under the text asked about, or under the text the engine wrote.
   */
  async function readSpec(request) {
    const answer = await ask(ToWorker.PARSE_SPEC, request, [], { quiet: true });
    const asIs = request.rows === undefined && request.loss === undefined && request.outputUnits === undefined;
    rememberSpec(asIs ? request.text : answer.text, answer);
    return answer;
  }

  /** The feature maps are offered for a model with image layers (the engine says which). */
  async function showFeatureMapsFor(spec) {
    const answer = knownSpec(spec) ?? await readSpec({ text: spec }).catch(() => null);
    featureMaps.setModel(Boolean(answer?.spatial));
  }

  // For tests only: a `mnist-playground-fault` event on the element (detail 'exit', 'uncaught' or
  // 'abort') makes the worker fail that way (FaultMessage in web/engine/protocol.js), so the
  // handling of a worker that dies or an engine that fails can be tested in a real browser.
  const host = root.host;
  const onFault = (event) => worker.send(ToWorker.FAULT, { fault: String(event.detail) });
  host?.addEventListener(FAULT_EVENT, onFault);

  const persistence = createPersistence({
    key: options.persistKey,
    notice: createRestoreNotice(root, { discard: () => discardSaved() }, i18n),
    saveModel: () => ask(ToWorker.SAVE_MODEL, {}, [], { quiet: true }),
    loadModel: (bytes) => ask(ToWorker.LOAD_MODEL, { bytes }, [bytes.buffer], { quiet: true }),
    snapshot: () => ({ record, epochsDone, trainedAt, config: configured, mountedWith: options.settings ?? '', dataset: dataset?.id }),
    fits: savedModelFits,
  });

  /**
   * Whether a saved model belongs here: always when no settings were asked for (a bare page or
   * element); else when it was made by a playground mounted with the same settings, or has the
   * settings asked for (a link to a model's settings brings that model back, another link does not).
   */
  function savedModelFits(saved) {
    if ((saved.dataset ?? 'mnist') !== dataset?.id) return false;  // learnt from other images
    const asked = new URLSearchParams(options.settings ?? '');
    for (const key of ['data', 'build', 'threads']) asked.delete(key);
    if ([...asked].length === 0 || saved.mountedWith === (options.settings ?? '')) return true;
    return Boolean(saved.config) && !differsBesidesEpochs(toTrainConfig(stateFromQuery(options.settings)), saved.config);
  }

  // ------------------------------------------------------------ controls

  const buttons = createRunButtons(root, {
    train: () => train({ fromScratch: false }),
    scratch: () => train({ fromScratch: true }),
    pause: () => worker.send(ToWorker.PAUSE),
    resume: () => worker.send(ToWorker.RESUME),
    step,
    stop,
    reset,
  }, i18n);

  const modelFile = createModelFileButtons(root, {
    save: () => worker.send(ToWorker.SAVE_MODEL),
    exportOnnx: () => worker.send(ToWorker.EXPORT_ONNX),
    load: (bytes) => load(bytes).catch(() => {}),  // the banner shows why it failed
  });
  const codeView = createCodeView(root, {
    exportCode: (framework) => ask(ToWorker.EXPORT_CODE, { framework }),
    i18n,
  });

  const draw = createDrawSection(root, (id, gray, width, height) =>
    worker.send(ToWorker.PREDICT_DRAWING, { id, gray, width, height }, [gray.buffer]), {
    onClear: () => featureMaps.clear(),
    // One image of each digit, from a random place in the test set; one of them is shown.
    requestTestDigit: () => worker.send(ToWorker.GET_SAMPLES,
      { split: 'test', perClass: 1, offset: Math.floor(Math.random() * 800) }),
    i18n,
    classes,
  });
  const showTestDigit = (items) => items.length && draw.showTestDigit(items[Math.floor(Math.random() * items.length)]);
  const tables = createDataTables(root, {
    'training-chart': (t) => trainingTable(chart.table(), t),
    'confusion-matrix': (t) => confusionTable(mistakes.evaluation?.confusion, classes.label, t),
    'per-class-accuracy': (t) => perClassTable(mistakes.evaluation?.perClassAccuracy, classes.label, t),
  }, i18n);
  // Every canvas is drawn again in the new colours when the theme changes.
  const themeSwitch = createThemeSwitch(root, () => {
    chart.applyTheme();
    for (const view of [samples, predictions, mistakes, weights, draw, featureMaps]) view.repaint();
  });
  // The language menu sets the element's lang attribute, which comes back as setLanguage.
  createLanguageSwitch(root, i18n, (lang) => (host ? host.setAttribute('lang', lang) : setLanguage(lang)));
  // The threads menu sets the element's threads attribute, which comes back as setThreads.
  const threadsChoice = createThreadsChoice(root, i18n,
    (count) => (host ? host.setAttribute('threads', String(count)) : setThreads(count)));
  i18n.onChange((lang) => emit('languagechange', { lang }));
  const featureMaps = createFeatureMapsSection(root, (id, pixels) =>
    worker.send(ToWorker.GET_FEATURE_MAPS, { id, pixels }, [pixels.buffer]), i18n,
  (choice) => teaching.explain(choice));  // a clicked conv map: explain that filter
  const samples = createSamplesView(root, (offset) =>
    worker.send(ToWorker.GET_SAMPLES, { split: 'train', perClass: SAMPLES_PER_CLASS, offset }), i18n, classes);


  /** The dataset the settings ask for (?dataset=), MNIST by default. */
  const askedDataset = () => new URLSearchParams(options.settings ?? '').get('dataset') || 'mnist';

  function sendInit() {
    const wanted = builtinDataset || askedDataset();
    worker.send(ToWorker.INIT, {
      dataset: wanted, dataUrl: options.dataUrlFor(wanted), engineUrl: options.engineUrl, build: options.build ?? 'auto',
      keepModels: Boolean(options.persistKey), aliveLock: worker.aliveLock,
    });
  }
  sendInit();

  // The settings form waits for the engine's presets (in `ready`), so a preset=cnn-small setting
  // and the preset menu use the engine's own configs; until then the form is locked.
  $('config-fieldset').disabled = true;
  function createForm() {
    form = createConfigForm(root, {
      i18n,
      state: stateFromQuery(options.settings ?? ''),
      readSpec,
      onChange(state) {
        settingsChanged(state);
        configDirty = modelSettingsDiffer(state);
        // A change that makes another model builds it right away (its size and initial weights
        // show), unless a run is going on: the form is locked then. The epoch count alone does
        // not: it says how long the next run trains, so a trained model is kept.
        if (configDirty && dataReady && !duringRun(runState)) configureSoon();
      },
    });
    form.setEnabled(!duringRun(runState));
    settingsChanged(form.state);
  }

  function settingsChanged(state) {
    const query = stateToQuery(state);
    options.onSettings?.(query);
    const link = $('share-link');
    const href = options.shareUrl?.(query);
    link.hidden = !href;
    if (href) link.href = href;
  }

  /** True when `state` would build another model than the engine's (anything but the epochs). */
  function modelSettingsDiffer(state) {
    return !configured || differsBesidesEpochs(toTrainConfig(state), configured);
  }

  let configureTimer = 0;
  function configureSoon() {
    clearTimeout(configureTimer);
    configureTimer = setTimeout(() => fitOutputToClasses().then(configureNow), 150);
  }

  /**
   * The model's output layer as wide as the data has classes: the engine rewrites the spec
   * (three class folders make dense:3:softmax). A spec it cannot fit is left for configure to
   * refuse with its own message.
   */
  async function fitOutputToClasses() {
    const classCount = dataset?.classNames.length;
    if (!form || !classCount) return;
    const answer = await readSpec({ text: form.state.model, outputUnits: classCount }).catch(() => null);
    if (!answer || answer.error || answer.text === form.state.model) return;
    form.setState({ ...form.state, model: answer.text });
    settingsChanged(form.state);
  }
  function configureNow() {
    clearTimeout(configureTimer);
    if (!form) return;
    configDirty = false;
    worker.send(ToWorker.CONFIGURE, { config: toTrainConfig(form.state) });  // the full TrainConfig
  }

  // ------------------------------------------------------------ actions (buttons and the API)

  /** Trains form.state.epochs epochs: from the current weights, or from fresh ones. */
  function train({ fromScratch = !trained } = {}) {
    if (!form || duringRun(runState) || switchingTo) return;
    banner.hide();
    const epochs = form.state.epochs;
    if (fromScratch) {
      if (configDirty || trained || configured?.epochs !== epochs) configureNow();
      persistence.hideNotice();
      worker.send(ToWorker.START, { mode: 'scratch', epochs });
    } else {
      if (configDirty) configureNow();
      worker.send(ToWorker.START, { mode: 'continue', epochs });
    }
  }

  /** One mini-batch (the settings' model first, if they changed). */
  function step() {
    if (configDirty) configureNow();
    worker.send(ToWorker.STEP);
  }

  /** One mini-batch as step, recorded whole for explain-this-step (step-traced answers). */
  function explainStep() {
    if (configDirty) configureNow();
    worker.send(ToWorker.EXPLAIN_STEP);
  }

  function stop() {
    if (!duringRun(runState)) return;
    worker.send(ToWorker.STOP);
    if (trained) {
      saveAfterTest = true;
      worker.send(ToWorker.EVALUATE, { split: 'test' });
    }
  }

  /** A fresh model from the settings; after a fatal failure, a new worker first. */
  function reset() {
    banner.hide();
    persistence.hideNotice();
    if (failure) restartWorker();
    else configureNow();
  }

  /**
   * A new worker in place of one that failed for good, initialised as at mount: the settings
   * form stays; the model comes back from the kept copy if there is one, else fresh from the
   * settings. What waited for the old worker fails.
   */
  function restartWorker() {
    const reason = failure;
    worker.terminate();
    failure = null;
    requests.rejectAll(Object.assign(new Error(`the engine was restarted after: ${reason.message}`), reason));
    quietIds.clear();
    clearTimeout(configureTimer);
    dataReady = false;
    draw.setDataReady(false);  // no test digits until the new worker has the data
    configured = null;
    banner.hide();
    status.restarting();
    threads = null;
    threadsChoice.loading();
    onState({ state: RunState.LOADING });
    worker = connect();
    sendInit();
  }

  /** Back from a diverged run: the worker's last good weights with this learning rate. */
  function recover(learningRate) {
    banner.hide();
    return ask(ToWorker.RECOVER, { learningRate }).catch(() => {});  // the banner shows why it failed
  }

  /** Replaces the model with a model file's (the CLI's format). */
  function load(bytes) {
    banner.hide();
    clearTimeout(configureTimer);  // a configure still pending would replace the loaded model
    configDirty = false;
    const copy = bytes instanceof Uint8Array ? bytes.slice() : new Uint8Array(bytes);
    persistence.hideNotice();
    return ask(ToWorker.LOAD_MODEL, { bytes: copy }, [copy.buffer]).then((info) => {
      trainedAt = Date.now();
      saveAfterTest = true;  // kept once its test evaluation (on its way) is in the record
      return info;
    });
  }

  async function discardSaved() {
    await persistence.discard();
    form?.setState(stateFromQuery(options.settings ?? ''));
    if (form) settingsChanged(form.state);
    if (dataReady && !duringRun(runState)) configureNow();
  }

  // ------------------------------------------------------------ worker messages


  function onReady({ build: chosen, arch, protocol, presets, defaults, datasets, grammar, threads: count, maxThreads }) {
    if (protocol !== PROTOCOL_VERSION) {
      onError({ code: ErrorCode.INTERNAL, message: `The worker speaks protocol ${protocol}, the page ${PROTOCOL_VERSION}.`, hint: 'Reload the page.', fatal: true });
      return;
    }
    build = chosen;
    engineDefaults = defaults;
    setEngineGrammar(grammar);
    setEnginePresets(presets, defaults);
    datasetView.setDatasets(datasets);
    for (const d of datasets) datasetNames.set(d.id, d.name);
    if (!form) createForm();  // a restarted worker keeps the form as it was
    threads = { threads: count, maxThreads };
    status.engineReady({ build: chosen, arch, threads: count, maxThreads });
    threadsChoice.engineReady({ build: chosen, threads: count, maxThreads });
    if (wantedThreads !== null && wantedThreads !== count) setThreads(wantedThreads);
  }

  /** The engine's answer to set-threads. */
  function onThreads({ threads: count, maxThreads }) {
    threads = { threads: count, maxThreads };
    status.threadsChanged(count);
    threadsChoice.show(count);
    emit('threadschange', { ...threads });
  }

  /** Asks the engine to use `count` threads (null: all it has); a restarted engine is asked again. */
  function setThreads(count) {
    wantedThreads = count;
    if (threads) worker.send(ToWorker.SET_THREADS, { threads: count ?? threads.maxThreads });
  }

  async function onDataReady({ counts, dataset: loaded }) {
    const switched = Boolean(dataset) && dataReady;
    dataset = loaded;
    classes.setClasses({ dataset: loaded.id, names: loaded.classNames });
    dataCounts = counts;
    switchingTo = '';
    status.dataReady(counts, datasetLabel(), loaded.id === CUSTOM_DATASET);
    datasetView.setLoaded(loaded, counts);
    datasetView.setBusy(duringRun(runState));
    // The settings (and so the URL) name built-in datasets only: an upload cannot come back from a link.
    if (loaded.id !== CUSTOM_DATASET) builtinDataset = loaded.id;
    if (form && form.state.dataset !== builtinDataset) form.setState({ ...form.state, dataset: builtinDataset });
    if (switched) {
      afterDatasetSwitch(counts);
      return;
    }
    dataReady = true;
    draw.setDataReady(true);
    keepOffline(offlineUrls());
    worker.send(ToWorker.GET_SAMPLES, { split: 'train', perClass: SAMPLES_PER_CLASS, offset: 0 });
    const restored = await persistence.restore();
    if (destroyed) return;
    if (restored) {
      record = restored.record ?? emptyRecord();
      trainedAt = restored.trainedAt ?? restored.savedAt;
      replayRecord();
    } else {
      configureNow();
    }
    offline.refresh();
    emit('ready', { build, ...threads, counts, restored: Boolean(restored) });
    if (options.autostart && !restored && !readyBefore) train({ fromScratch: true });
    readyBefore = true;
  }

  function offlineUrls() {
    const engine = ['threads', 'simd', 'scalar'].flatMap((b) => [`engine-${b}.mjs`, `engine-${b}.wasm`])
      .concat('engine-threads.worker.js');
    const dataUrl = options.dataUrlFor(dataset.id);
    return [...engine.map((f) => new URL(f, options.engineUrl).href),
      ...[...Object.values(DATA_FILES), CHECKSUM_FILE].map((f) => new URL(f, dataUrl).href)];
  }

  // ------------------------------------------------------------ datasets

  /**
   * Loads another built-in dataset (the menu, or settings that name one). A run going on stops;
   * the model is built again for the new data once it is there. If it fails, the data and the
   * model stay as they were and the banner says why.
   */
  function chooseDataset(id) {
    if (!startDataLoad(id, datasetNames.get(id) ?? id)) return;
    worker.send(ToWorker.LOAD_DATA, { dataset: id, dataUrl: options.dataUrlFor(id) });
  }

  /**
   * A dataset of one's own: the files dropped or picked (a promise: a dropped folder is walked
   * first), read once they are known to be within the upload limits, then handed to the engine.
   */
  async function uploadFiles(listed) {
    if (!startDataLoad(CUSTOM_DATASET, i18n.t('data.ownDefaultName'))) return;
    try {
      const files = await readFiles(await listed);
      worker.send(ToWorker.LOAD_FILES, { files }, files.map((f) => f.bytes.buffer));
    } catch (err) {
      onError({ request: ToWorker.LOAD_FILES, code: err.code ?? ErrorCode.BAD_UPLOAD, message: err.message, hint: err.hint ?? '' });
    }
  }

  /** Locks the data for a load; false when one is under way or the data is not there yet. */
  function startDataLoad(id, name) {
    if (!dataReady || switchingTo || (id === dataset?.id && id !== CUSTOM_DATASET)) return false;
    if (duringRun(runState)) stop();
    switchingTo = id;
    banner.hide();
    datasetView.setBusy(true);
    status.loadingDataset(name);
    return true;
  }


  /** The data changed under the model: a fresh model for it, the views of the old data cleared. */
  function afterDatasetSwitch(counts) {
    if (form) settingsChanged(form.state);
    if (dataset.id !== CUSTOM_DATASET) keepOffline(offlineUrls());
    worker.send(ToWorker.GET_SAMPLES, { split: 'train', perClass: SAMPLES_PER_CLASS, offset: 0 });
    draw.refresh();
    fitOutputToClasses().then(configureNow);
    emit('datasetchange', { dataset: dataset.id, name: dataset.name, classNames: [...dataset.classNames], counts });
  }

  /** The loaded data's name for the status line (an upload without a folder name has none). */
  const datasetLabel = () => dataset.name || i18n.t('data.ownDefaultName');

  /** A load-data that failed: back to the dataset the engine still holds. */
  function datasetSwitchFailed() {
    switchingTo = '';
    if (dataset) status.dataReady(dataCounts, datasetLabel(), dataset.id === CUSTOM_DATASET);
    datasetView.showLoaded();
    datasetView.setBusy(duringRun(runState));
    if (form && form.state.dataset !== builtinDataset) {
      form.setState({ ...form.state, dataset: builtinDataset });
      settingsChanged(form.state);
    }
  }

  /** Puts a restored model's curves back on the chart and in the epoch log. */
  function replayRecord() {
    let e = 0;
    for (const [samplesSeen, loss, accuracy] of record.batches) {
      while (e < record.epochs.length && record.epochs[e].samplesSeen < samplesSeen) replayEpoch(record.epochs[e++]);
      chart.addBatchPoint(samplesSeen, loss, accuracy);
    }
    while (e < record.epochs.length) replayEpoch(record.epochs[e++]);
    exportsView.setAvailable(record.batches.length > 0);
  }
  function replayEpoch(ep) {
    chart.addEpochPoint(ep.epoch - 1, ep.trainLoss, ep.trainAcc, ep.valAcc, ep.samplesSeen);
    progressView.epoch({ ...ep, wallSeconds: ep.seconds, samplesPerSec: ep.seconds > 0 ? ep.samples / ep.seconds : 0 });
  }

  // Every message after this one belongs to the new model (configure, reset, a model file), so
  // progress still in flight from the old run cannot leak into the views.
  function startNewRunViews() {
    persistence.cancel();
    saveAfterTest = false;
    setTrained(false);
    record = emptyRecord();
    exportsView.setAvailable(false);
    progressView.reset();
    chart.reset();
    predictions.clear();
    mistakes.clear();
  }

  function setTrained(value) {
    trained = value;
    draw.setTrained(value);
    buttons.setTrained(value);
    modelFile.setTrained(value);
  }

  function onConfigured({ summary, parameters, config, loaded, recovered, id, epochsDone: done = 0, samplesSeen = 0, memory }) {
    // A recover goes back to a model the run had passed: its curves up to there stay.
    const kept = recovered ? recordUpTo(record, samplesSeen) : null;
    startNewRunViews();
    configured = config;
    epochsDone = done;
    if (memory) status.memory(memory);
    if (loaded || recovered) {
      // A model file brought its own settings, a recover a new learning rate: the form and the
      // link show them. A loaded model is trained (the worker sends its test evaluation next).
      clearTimeout(configureTimer);
      configDirty = false;
      // Epochs stays as it was: it is how long the next run trains, not how long this model did.
      form.setState({ ...stateWithTrainConfig(form.state, config, engineDefaults), epochs: form.state.epochs });
      settingsChanged(form.state);
      setTrained(loaded || samplesSeen > 0);
    }
    if (kept) {
      record = kept;
      replayRecord();
    }
    $('model-summary').textContent = summary;
    $('parameter-count').textContent = formatCount(parameters, i18n.locale);
    form?.showModelError('');
    buttons.setBlocked(false);
    showFeatureMapsFor(config.modelSpec);
    draw.refresh();  // the new model's prediction (and feature maps) for what is on the pad
    codeView.modelChanged();
    if (id) requests.resolve(id, { summary, parameters, config });
  }

  function onPrediction(message) {
    draw.show(message);
    if (message.probabilities) featureMaps.request(message.input28);
    else featureMaps.clear();
  }

  function duringRun(state) {
    return state === RunState.RUNNING || state === RunState.PAUSED;
  }

  function onState({ state, memory }) {
    if (memory) status.memory(memory);
    const previous = runState;
    runState = state;
    buttons.setRunState(state);
    modelFile.setRunState(state);
    progressView.setRunState(state);
    form?.setEnabled(!duringRun(state), duringRun(state));
    datasetView.setBusy(duringRun(state) || Boolean(switchingTo));
    if (state === RunState.FINISHED || state === RunState.STOPPED) draw.refresh();
    if (state !== previous) emit('statechange', { state });
  }

  function onProgress(p) {
    if (!trained) setTrained(true);
    trainedAt = Date.now();
    progressView.progress(p);
    chart.addBatchPoint(p.samplesSeen, p.loss, p.accuracy);
    addBatch(record, p);
    exportsView.setAvailable(true);
    emit('progress', p);
  }

  function onEpoch({ modelFile, ...e }) {
    const samplesSeen = record.batches.length ? record.batches[record.batches.length - 1][0] : 0;
    progressView.epoch(e);
    chart.addEpochPoint(e.epoch - 1, e.trainLoss, e.trainAcc, e.valAcc);
    addEpoch(record, e, samplesSeen);
    epochsDone = e.epoch;
    draw.refresh();
    tables.refresh();
    if (modelFile) persistence.saveBytes(modelFile);
    emit('epoch', e);
  }

  function onEvaluation(evaluation) {
    if (evaluation.split === 'test') {
      progressView.testResult(evaluation);
      predictions.show(evaluation);
      setTest(record, evaluation);
      if (trained && (evaluation.final || saveAfterTest)) persistence.saveNow();
      saveAfterTest = false;
      if (evaluation.final) {
        const { accuracy, loss, count, wrongCount } = evaluation;
        emit('trained', { accuracy, loss, count, wrongCount });
      }
    }
    mistakes.show(evaluation);
    tables.refresh();
  }

  function onError(error) {
    if (error.request === ToWorker.LOAD_DATA || error.request === ToWorker.LOAD_FILES) datasetSwitchFailed();
    const answered = ANSWERED.has(error.request) && error.id;
    if (failure) {
      // Reported once: a failed worker's later errors only settle what waits for them.
      if (answered) requests.reject(error.id, Object.assign(new Error(error.message), error));
      return;
    }
    // The teaching panels show their own requests' refusals (no trace yet, a field out of range)
    // beside their buttons; a banner would repeat it, and health is asked for again and again.
    if (TEACHING_REQUESTS.has(error.request) && !error.fatal
        && (error.code === ErrorCode.NOT_READY || error.code === ErrorCode.BAD_REQUEST)) return;
    if (answered && quietIds.has(error.id)) {
      requests.reject(error.id, Object.assign(new Error(error.message), error));
      return;  // the playground's own background request: its caller says what it means
    }
    const apiRequest = answered && requests.reject(error.id, Object.assign(new Error(error.message), error));
    // A failed drawing or feature-map request releases what waits for its answer (the draw pad
    // sends its next drawing then); a dead worker answers nothing, so everything is released.
    const drawing = error.request === ToWorker.PREDICT_DRAWING;
    const maps = error.request === ToWorker.GET_FEATURE_MAPS;
    if (drawing || error.fatal) draw.failed(error.fatal ? undefined : error.id, error.code === ErrorCode.NOT_READY);
    if (maps || error.fatal) featureMaps.failed(error.fatal ? undefined : error.id);
    if (error.fatal) requests.rejectAll(Object.assign(new Error(error.message), error));
    const { code, message, hint } = error;
    if (code === ErrorCode.BAD_CONFIG) {
      // The engine refused the settings (usually the model): its message goes beside the spec,
      // and Train waits for settings it accepts.
      buttons.setBlocked(true);
      form?.showModelError(message);
      emit('error', { code, message, hint });
      return;
    }
    // Drawing before the model is ready: the pad says so itself, and asks again once it is.
    if ((drawing || maps) && code === ErrorCode.NOT_READY) return;
    if (error.fatal) failure = { code, message, hint, fatal: true };
    emit('error', { code, message, hint, fatal: Boolean(error.fatal) });
    if (apiRequest && error.request === ToWorker.PREDICT) return;  // the caller's promise says it
    banner.show(error, { action: bannerAction(error) });
    if (error.fatal) {
      status.failed({ code, message }, code === ErrorCode.NO_WASM || code === ErrorCode.ENGINE_MISSING);
      onState({ state: RunState.LOADING });  // nothing runs until a new worker is there ...
      if (code !== ErrorCode.NO_WASM) $('reset-button').disabled = false;  // ... which Reset starts
    }
  }

  /** The one-click way out an error offers in the banner, if any. */
  function bannerAction(error) {
    const rate = error.recovery?.learningRate;
    if (error.code === ErrorCode.DIVERGED && rate) {
      return { label: () => i18n.t('banner.recover', { rate }), run: () => recover(rate) };
    }
    if (error.fatal && error.code !== ErrorCode.NO_WASM) return { label: () => i18n.t('banner.restart'), run: reset };
    return undefined;
  }

  // ------------------------------------------------------------ extensions: teaching and lessons

  /** What the teaching panels and the lessons may use: the worker, the run, the settings. */
  const extension = {
    i18n,
    /** An event for the host (the element turns it into a DOM event), e.g. lessonchange. */
    emit: (name, detail) => emit(name, detail),
    send: (type, fields = {}, transfer = []) => worker.send(type, fields, transfer),
    /** Hears every worker message of `type` after the playground did; returns an unsubscribe. */
    on(type, listener) {
      if (!listeners.has(type)) listeners.set(type, new Set());
      listeners.get(type).add(listener);
      return () => listeners.get(type).delete(listener);
    },
    actions: {
      train, stop, reset,
      step,
      explainStep,
      pause: () => worker.send(ToWorker.PAUSE),
      resume: () => worker.send(ToWorker.RESUME),
      applySettings: (query) => applySettings(query),
    },
    readSpec,
    get runState() { return runState; },
    get trained() { return trained; },
    get dataReady() { return dataReady; },
    get settings() { return form ? stateToQuery(form.state) : options.settings ?? ''; },
    get config() { return configured; },
    get record() { return record; },
  };
  const teaching = mountTeaching(root, extension, classes);
  const lessons = mountLessons(root, extension, { lesson: options.lesson });
  const benchmark = mountBenchmark(root, extension, { engineUrl: options.engineUrl, dataUrl: options.dataUrlFor('mnist') });

  /** Shows these settings (a query string: preset=...&epochs=...) as if chosen in the form. */
  function applySettings(query) {
    options.settings = query;
    if (!form) return;
    form.setState(stateFromQuery(query));
    settingsChanged(form.state);
    if (dataset && form.state.dataset !== builtinDataset) {
      chooseDataset(form.state.dataset);  // builds the model once the data is there
      return;
    }
    configDirty = modelSettingsDiffer(form.state);
    if (configDirty && dataReady && !duringRun(runState)) configureNow();
  }

  /** Shows the interface in `lang` (a tag such as zh-CN works; null or unknown: the browser's). */
  function setLanguage(lang) {
    i18n.set(pickLanguage(lang));
  }

  // ------------------------------------------------------------ what the element and API call

  return {
    train,
    pause: () => worker.send(ToWorker.PAUSE),
    resume: () => worker.send(ToWorker.RESUME),
    stop,
    reset,
    load,
    /** @param {Float32Array} pixels (784) in [0, 1] @returns {Promise<Float32Array>} */
    predict: (pixels) => ask(ToWorker.PREDICT, { pixels }, [pixels.buffer]),
    /** @returns {Promise<Uint8Array>} the model file */
    save: () => ask(ToWorker.SAVE_MODEL),
    /** @returns {Promise<Uint8Array>} the model as ONNX (opset 13) */
    exportOnnx: () => ask(ToWorker.EXPORT_ONNX),
    /** @param {'pytorch'|'keras'} framework @returns {Promise<string>} the model as Python code */
    exportCode: (framework) => ask(ToWorker.EXPORT_CODE, { framework }),
    get state() { return runState; },
    showParts: (parts) => showParts(root, parts),
    /** The `theme` attribute changed: the menu follows and the canvases are drawn again. */
    themeChanged: () => themeSwitch.themeChanged(),
    applySettings,
    /** The interface language changed (en, zh; null: the browser's): every view shows its text in it. */
    setLanguage,
    /** Uses `count` threads (1..maxThreads; null: all the engine has). */
    setThreads,
    /** The language shown (en, zh). */
    get language() { return i18n.lang; },
    /** Opens a lesson by id (web/lessons/), or closes the one open with null. */
    openLesson: (id) => lessons.open(id),
    /** Stops everything: the worker frees its engine and ends; the views let go of the canvas. */
    async destroy() {
      destroyed = true;
      host?.removeEventListener(FAULT_EVENT, onFault);
      persistence.cancel();
      requests.rejectAll(new Error('the playground was destroyed'));
      clearTimeout(configureTimer);
      const disposed = new Promise((resolve) => {
        onDisposed = resolve;
        setTimeout(resolve, 500);
      });
      worker.send(ToWorker.DISPOSE);
      await disposed;
      worker.terminate();
      themeSwitch.destroy();
      chart.destroy();
      teaching.destroy();
      lessons.destroy();
      benchmark.destroy();
      root.replaceChildren();
    },
  };
}

/** Requests of the teaching panels, which report their own refusals. */
const TEACHING_REQUESTS = new Set([ToWorker.EXPLAIN_STEP, ToWorker.EXPLAIN_UNIT, ToWorker.GRADIENT_CHECK, ToWorker.GET_HEALTH]);

/** The event a test dispatches on the element to make its worker fail (see connect's caller). */
const FAULT_EVENT = 'mnist-playground-fault';

/** The record as it stood when the model had seen `samplesSeen` images (where a recover goes back). */
function recordUpTo(record, samplesSeen) {
  return {
    batches: record.batches.filter(([seen]) => seen <= samplesSeen),
    epochs: record.epochs.filter((epoch) => epoch.samplesSeen <= samplesSeen),
    test: null,
  };
}

/**
 * A browser without WebAssembly or workers: the playground says so where the host put it, and its
 * methods fail with the same message.
 */
function mountUnsupported(root, options, i18n) {
  const error = {
    code: ErrorCode.NO_WASM,
    message: 'This playground needs WebAssembly and Web Workers, which this browser does not offer.',
    hint: 'Use a current version of Chrome, Edge, Firefox or Safari.',
  };
  createBanner(root, i18n).show(error);
  createStatusView(root, i18n).unavailable();
  queueMicrotask(() => options.emit('error', { ...error, fatal: true }));
  const fail = () => Promise.reject(Object.assign(new Error(error.message), error));
  const nothing = () => {};
  return {
    train: nothing, pause: nothing, resume: nothing, stop: nothing, reset: nothing,
    load: fail, predict: fail, save: fail, exportOnnx: fail, exportCode: fail, state: RunState.LOADING,
    showParts: (parts) => showParts(root, parts), applySettings: nothing, themeChanged: nothing,
    setLanguage: nothing, openLesson: nothing,
    setLanguage: (lang) => i18n.set(pickLanguage(lang)), get language() { return i18n.lang; },
    destroy: async () => root.replaceChildren(),
  };
}

/**
 * Two TrainConfigs that build different models or train differently (the epoch count aside). The
 * engine holds the learning rate as a float32 (0.001 comes back as 0.0010000000474974513), so
 * it is compared as one.
 */
function differsBesidesEpochs(next, current) {
  // Two texts of one spec ("dense:10:softmax" and " dense : 10 : softmax ") build the same model.
  const spec = (text) => (knownSpec(text)?.error === '' ? knownSpec(text).text : String(text));
  const same = (k) => (k === 'learningRate' ? Math.fround(next[k]) === Math.fround(current[k])
    : k === 'modelSpec' ? spec(next[k]) === spec(current[k]) : String(next[k]) === String(current[k]));
  return Object.keys(next).some((k) => k !== 'epochs' && !same(k));
}
