// The page's one configuration state object and its mirror in the URL query, so a link reproduces
// a run: ?model=conv:8:5x5:relu,maxpool:2,...&loss=cross_entropy&opt=adam&lr=0.001&batch=64&epochs=1
//        &init=glorot_uniform&seed=1&schedule=constant&augment=0[&limit=10000]
// The page writes every field, so its links need nothing else. A hand-written link may start
// from a preset instead: ?preset=cnn-small&epochs=3 is that preset with 3 epochs (the preset is
// applied first, then the fields given override it); the page never writes ?preset= itself.
// Every field is listed once in FIELDS with its URL key, how to parse it and how to check it;
// everything else (controls, the worker's TrainConfig) is derived from that table. The model is
// its spec text (core/model/model_spec.h): the layer editor and the spec input both edit it, and
// the engine reads it (parse-spec: its canonical text replaces what was typed, see
// web/views/controls.js) and judges it when the worker configures. The loss, optimizer,
// initializer and schedule menus offer the engine's names (web/settings/grammar.js).
// Old links with ?hidden=256,128&act=tanh still work: they become the equivalent spec.
// No DOM here: the full page (web/page.js) mirrors the state to its address bar.
import { engineGrammar } from './grammar.js';
import { specDescription } from './spec-answers.js';

// ---------------------------------------------------------------- presets

// The preset menu is the engine's (core/model/presets.cpp: the seed MLP, two CNNs and three
// teaching MLPs), known once the worker's `ready` arrives; the form is built after that.

/** id -> {label, why, config}, in the engine's order; filled by setEnginePresets. */
export let PRESETS = Object.freeze({});

export const DEFAULT_PRESET = 'mlp';

// A float32 from the engine (0.0010000000474974513) as the decimal it was written as (0.001).
const fromFloat32 = (x) => Number(Number(x).toPrecision(7));

/**
 * The engine's TrainConfig (as the bindings give it) as state fields. Fields the page has no
 * control for (momentum, beta2, epsilon, the step schedule's gamma and period) take
 * the engine's defaults on the page; a preset that changed one is reported, not silently altered.
 */
export function fromTrainConfig(config, defaults = {}) {
  for (const name of ['momentum', 'beta2', 'epsilon', 'scheduleGamma', 'scheduleStepEpochs']) {
    if (name in defaults && fromFloat32(config[name]) !== fromFloat32(defaults[name])) {
      console.warn(`preset sets ${name}=${config[name]}, which the page cannot show; it uses ${defaults[name]}`);
    }
  }
  return {
    model: config.modelSpec,
    loss: config.loss,
    optimizer: config.optimizer,
    learningRate: fromFloat32(config.learningRate),
    batchSize: config.batchSize,
    epochs: config.epochs,
    init: config.init,
    weightDecay: fromFloat32(config.weightDecay ?? 0),
    seed: Number(config.seed),
    schedule: config.schedule,
    augment: Boolean(config.augment),
  };
}

/**
 * Makes the engine's presets ({id, name, description, config: TrainConfig}, from the worker's
 * `ready`) the page's PRESETS. `defaults` is the engine's default TrainConfig.
 */
export function setEnginePresets(list, defaults = {}) {
  const presets = {};
  for (const { id, name, description, config } of list) {
    presets[id] = { label: name, why: description, config: fromTrainConfig(config, defaults) };
  }
  PRESETS = Object.freeze(presets);
}

// ---------------------------------------------------------------- fields

// The values each menu offers, in menu order: the engine's names for what it implements
// (grammar.js), the page's own lists for the rest. Their labels are the interface's: choiceLabel().
const ENGINE_MENUS = { loss: 'losses', optimizer: 'optimizers', init: 'initializers', schedule: 'schedules' };
const PAGE_MENUS = {
  batchSize: [1, 8, 16, 32, 64, 128, 256],  // others (1..4096): added when used
  trainLimit: [0, 10000, 5000, 1000],  // others: added when used
  build: ['auto', 'simd', 'scalar'],
};
/** The menus (state fields) choiceLabel and menuValues know. */
export const MENUS = Object.freeze([...Object.keys(ENGINE_MENUS), ...Object.keys(PAGE_MENUS)]);

/** The values menu `name` offers, in menu order. */
export function menuValues(name) {
  if (name in ENGINE_MENUS) return engineGrammar()[ENGINE_MENUS[name]].map((c) => c.name);
  return PAGE_MENUS[name] ?? [];
}
// Menus whose values are numbers shown as they are (0, "all images", aside).
const NUMBER_CHOICES = new Set(['batchSize', 'trainLimit']);

/**
 * A menu value's label in the interface's language: the catalogue's choice.<menu>.<value>
 * (e.g. choice.loss.cross_entropy), the engine's English label for a name the catalogue does
 * not know yet, or the number itself in the locale's digits.
 * @param {string} name  a MENUS menu  @param {string|number} value
 * @param {(key: string) => string} t  @param {string} [locale]
 * @param {(key: string) => boolean} [has]  whether the catalogue has a key
 */
export function choiceLabel(name, value, t, locale = 'en-US', has = () => true) {
  if (NUMBER_CHOICES.has(name) && Number(value) !== 0) return Number(value).toLocaleString(locale);
  const key = `choice.${name}.${value}`;
  if (has(key) || !(name in ENGINE_MENUS)) return t(key);
  return engineGrammar()[ENGINE_MENUS[name]].find((c) => c.name === value)?.label ?? String(value);
}

export const MAX_SPEC_LENGTH = 2000;
const MAX_HIDDEN_LAYERS = 8;  // old ?hidden= links
const MAX_UNITS = 65536;

const oneOf = (name) => (v) => menuValues(name).some((value) => String(value) === String(v));
const intIn = (lo, hi) => (v) => Number.isInteger(v) && v >= lo && v <= hi;

// The TrainConfig fields a preset sets. key: URL query key; parse: string -> value;
// format: value -> string; valid: value -> boolean.
const FIELDS = {
  // Any text is accepted here: whether it makes a model is the engine's call (parse-spec, configure).
  model: { key: 'model', parse: String, format: String,
    valid: (v) => typeof v === 'string' && v.trim() !== '' && v.length <= MAX_SPEC_LENGTH },
  loss: { key: 'loss', parse: String, format: String, valid: oneOf('loss') },
  optimizer: { key: 'opt', parse: String, format: String, valid: oneOf('optimizer') },
  learningRate: { key: 'lr', parse: Number, format: String, valid: (v) => Number.isFinite(v) && v > 0 && v <= 100 },  // the engine's range
  batchSize: { key: 'batch', parse: Number, format: String, valid: intIn(1, 4096) },
  epochs: { key: 'epochs', parse: Number, format: String, valid: intIn(1, 1000) },
  init: { key: 'init', parse: String, format: String, valid: oneOf('init') },
  // L2 weight decay λ: adds λ·w to the gradient of every weight (not biases); 0 is off.
  weightDecay: { key: 'l2', parse: Number, format: String, valid: (v) => Number.isFinite(v) && v >= 0 && v <= 1 },
  seed: { key: 'seed', parse: Number, format: String, valid: intIn(0, 2 ** 32 - 1) },
  schedule: { key: 'schedule', parse: String, format: String, valid: oneOf('schedule') },
  augment: { key: 'augment', parse: (s) => ['1', 'true', 'on', 'yes'].includes(s), format: (v) => (v ? '1' : '0'),
    valid: (v) => typeof v === 'boolean' },
};
// Settings of the run that are not part of a preset, mirrored to the URL only when not the default.
const OPTIONS = {
  // Train on the first N of the 55,000 training images (0: all), for quick runs.
  trainLimit: { key: 'limit', fallback: 0, parse: Number, valid: intIn(0, 60000) },
  build: { key: 'build', fallback: 'auto', parse: String, valid: oneOf('build') },
  data: { key: 'data', fallback: '', parse: String, valid: (v) => typeof v === 'string' },
  // A built-in dataset's id (the engine's list; an unknown one is refused when it loads).
  dataset: { key: 'dataset', fallback: 'mnist', parse: String, valid: (v) => /^[a-z0-9-]{1,40}$/.test(v) },
};

/** A fresh state: the default preset's config plus default page options. Needs PRESETS. */
export function defaultState() {
  const name = PRESETS[DEFAULT_PRESET] ? DEFAULT_PRESET : Object.keys(PRESETS)[0];
  if (!name) throw new Error('the engine\'s presets are not known yet (setEnginePresets)');
  const options = Object.fromEntries(Object.entries(OPTIONS).map(([key, o]) => [key, o.fallback]));
  return { preset: name, ...structuredClone(PRESETS[name].config), ...options };
}

/** The preset whose config equals the state's, or 'custom'. */
export function matchingPreset(state) {
  for (const [name, preset] of Object.entries(PRESETS)) {
    if (Object.keys(FIELDS).every((f) => FIELDS[f].format(preset.config[f]) === FIELDS[f].format(state[f]))) {
      return name;
    }
  }
  return 'custom';
}

/** Applies a preset's config to the state (run options such as trainLimit kept). */
export function applyPreset(state, name) {
  const preset = PRESETS[name];
  if (!preset) return state;
  return { ...state, ...structuredClone(preset.config), preset: name };
}

/**
 * Sets one field if the value is valid. @returns {{state: object, error: string}} the new state
 * (unchanged when invalid) and a message for an invalid value. A new loss also wants the output
 * activation the engine fuses with it: the form asks the engine for that spec (parse-spec).
 */
export function setField(state, name, value) {
  const field = FIELDS[name] ?? OPTIONS[name];
  if (!field) return { state, error: `unknown setting ${name}` };
  if (!field.valid(value)) return { state, error: `invalid ${name}: ${JSON.stringify(value)}` };
  const next = { ...state, [name]: name === 'model' ? value.trim() : value };
  next.preset = matchingPreset(next);
  return { state: next, error: '' };
}

/**
 * The state for a TrainConfig the engine holds (a loaded model file's): its fields and its
 * training-image limit; a value the page cannot take keeps the state's (and is reported).
 */
export function stateWithTrainConfig(state, config, defaults = {}) {
  const next = { ...state };
  const values = { ...fromTrainConfig(config, defaults), trainLimit: config.trainLimit ?? 0 };
  for (const [name, value] of Object.entries(values)) {
    const field = FIELDS[name] ?? OPTIONS[name];
    if (field.valid(value)) next[name] = value;
    else console.warn(`the model file's ${name}=${JSON.stringify(value)} is outside the page's range`);
  }
  next.preset = matchingPreset(next);
  return next;
}

/** The spec an old ?hidden=256,128&act=relu link meant (hidden layers + a 10-way output). */
function specFromHidden(params, loss) {
  const text = params.get('hidden') ?? '256';
  const hidden = text === '' || text === 'none' ? [] : text.split(/[,\s]+/).map(Number);
  const act = params.get('act') ?? 'relu';  // the engine judges the name
  if (hidden.length > MAX_HIDDEN_LAYERS || !hidden.every(intIn(1, MAX_UNITS)) || !/^\w+$/.test(act)) return null;
  const output = loss === 'binary_cross_entropy' ? 'dense:10:sigmoid' : 'dense:10:softmax';
  return [...hidden.map((units) => `dense:${units}:${act}`), output].join(',');
}

/** Reads a state from a query string; invalid or missing fields keep the defaults. */
export function stateFromQuery(search) {
  const params = new URLSearchParams(search);
  let state = defaultState();
  const preset = params.get('preset');
  if (preset && PRESETS[preset]) state = applyPreset(state, preset);
  for (const [name, field] of Object.entries(FIELDS)) {
    if (!params.has(field.key)) continue;
    const value = field.parse(params.get(field.key));
    if (field.valid(value)) state[name] = value;
  }
  if (!params.has('model') && (params.has('hidden') || params.has('act'))) {
    state.model = specFromHidden(params, state.loss) ?? state.model;
  }
  for (const [name, option] of Object.entries(OPTIONS)) {
    if (!params.has(option.key)) continue;
    const value = option.parse(params.get(option.key));
    if (option.valid(value)) state[name] = value;
  }
  state.preset = matchingPreset(state);
  return state;
}

/** The query string for a state: every config field, page options only when not default. */
export function stateToQuery(state) {
  const params = new URLSearchParams();
  for (const [name, field] of Object.entries(FIELDS)) params.set(field.key, field.format(state[name]));
  for (const [name, option] of Object.entries(OPTIONS)) {
    if (state[name] !== option.fallback) params.set(option.key, String(state[name]));
  }
  // ':' and ',' are allowed in a query (RFC 3986) and keep the spec readable in the address bar.
  return params.toString().replace(/%3A/gi, ':').replace(/%2C/gi, ',');
}

/**
 * The engine's TrainConfig (core/train/train_config.h) for a state: what a configure carries;
 * the fields the page has no control for take the engine's defaults.
 */
export function toTrainConfig(state) {
  return {
    modelSpec: state.model,
    loss: state.loss,
    optimizer: state.optimizer,
    learningRate: state.learningRate,
    batchSize: state.batchSize,
    epochs: state.epochs,
    init: state.init,
    weightDecay: state.weightDecay,
    seed: state.seed,
    schedule: state.schedule,
    augment: state.augment,
    trainLimit: state.trainLimit,
  };
}

/** "784-256-10" for an MLP, else the layers in a line, as the engine wrote it; null: invalid. */
export function describeArchitecture(state) {
  return specDescription(state.model);
}
