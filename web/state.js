// The page's one configuration state object and its mirror in the URL query, so a link reproduces
// a run: ?hidden=256&act=relu&loss=cross_entropy&opt=adam&lr=0.001&batch=32&epochs=1&init=glorot_uniform&seed=1
// Every field is listed once in FIELDS with its URL key, how to parse it and how to check it;
// everything else (controls, the worker's TrainConfig) is derived from that table.
// No DOM here besides reading/writing location.

/** The presets offered first; "custom" is whatever the controls say when no preset matches. */
export const PRESETS = Object.freeze({
  mlp: {
    label: 'MLP (seed) 784-256-10',
    why: 'One hidden layer of 256 ReLUs trained with Adam: ~97% test accuracy after one epoch.',
    config: { hidden: [256], activation: 'relu', loss: 'cross_entropy', optimizer: 'adam',
      learningRate: 0.001, batchSize: 32, epochs: 1, init: 'glorot_uniform', seed: 1 },
  },
  softmax: {
    label: 'Softmax regression 784-10',
    why: 'No hidden layer: a linear classifier, ~92%. The weights images show one template per digit.',
    config: { hidden: [], activation: 'relu', loss: 'cross_entropy', optimizer: 'adam',
      learningRate: 0.001, batchSize: 32, epochs: 1, init: 'zeros', seed: 1 },
  },
  deep: {
    label: 'Deeper MLP 784-512-256-10',
    why: 'Two hidden layers, He initialisation for ReLU: slower per epoch, a little more accurate.',
    config: { hidden: [512, 256], activation: 'relu', loss: 'cross_entropy', optimizer: 'adam',
      learningRate: 0.001, batchSize: 64, epochs: 2, init: 'he_normal', seed: 1 },
  },
  classic: {
    label: 'Sigmoid MLP with SGD 784-100-10',
    why: 'The 1990s recipe: sigmoid units and plain SGD. Learns, but more slowly than ReLU + Adam.',
    config: { hidden: [100], activation: 'sigmoid', loss: 'cross_entropy', optimizer: 'sgd',
      learningRate: 0.1, batchSize: 32, epochs: 1, init: 'glorot_uniform', seed: 1 },
  },
});

export const DEFAULT_PRESET = 'mlp';

export const CHOICES = Object.freeze({
  activation: [['relu', 'ReLU'], ['leaky_relu', 'Leaky ReLU'], ['tanh', 'tanh'], ['sigmoid', 'Sigmoid']],
  loss: [['cross_entropy', 'Cross-entropy (softmax)'], ['binary_cross_entropy', 'Binary cross-entropy (sigmoid)'],
    ['mse', 'Mean squared error (softmax)']],
  optimizer: [['sgd', 'SGD'], ['momentum', 'SGD with momentum'], ['adam', 'Adam']],
  batchSize: [1, 8, 16, 32, 64, 128, 256].map((n) => [n, String(n)]),
  init: [['glorot_uniform', 'Glorot uniform'], ['glorot_normal', 'Glorot normal'],
    ['he_uniform', 'He uniform'], ['he_normal', 'He normal'], ['uniform', 'Uniform'],
    ['normal', 'Normal'], ['zeros', 'Zeros (see why it fails)']],
  build: [['auto', 'Automatic'], ['simd', 'SIMD'], ['scalar', 'Scalar']],
});

export const MAX_HIDDEN_LAYERS = 4;
export const MAX_UNITS = 2048;

const oneOf = (name) => (v) => CHOICES[name].some(([value]) => String(value) === String(v));
const intIn = (lo, hi) => (v) => Number.isInteger(v) && v >= lo && v <= hi;

// key: URL query key; parse: string -> value; format: value -> string; valid: value -> boolean.
const FIELDS = {
  hidden: {
    key: 'hidden',
    parse: (s) => (s === '' || s === 'none' ? [] : s.split(/[,\s]+/).map(Number)),
    format: (v) => (v.length ? v.join(',') : 'none'),
    valid: (v) => Array.isArray(v) && v.length <= MAX_HIDDEN_LAYERS && v.every(intIn(1, MAX_UNITS)),
  },
  activation: { key: 'act', parse: String, format: String, valid: oneOf('activation') },
  loss: { key: 'loss', parse: String, format: String, valid: oneOf('loss') },
  optimizer: { key: 'opt', parse: String, format: String, valid: oneOf('optimizer') },
  learningRate: { key: 'lr', parse: Number, format: String, valid: (v) => Number.isFinite(v) && v > 0 && v <= 100 },  // the engine's range
  batchSize: { key: 'batch', parse: Number, format: String, valid: intIn(1, 4096) },
  epochs: { key: 'epochs', parse: Number, format: String, valid: intIn(1, 100) },
  init: { key: 'init', parse: String, format: String, valid: oneOf('init') },
  seed: { key: 'seed', parse: Number, format: String, valid: intIn(0, 2 ** 32 - 1) },
};
// Page options mirrored to the URL only when not the default.
const OPTIONS = {
  build: { key: 'build', fallback: 'auto', valid: oneOf('build') },
  data: { key: 'data', fallback: '', valid: (v) => typeof v === 'string' },
};

/** A fresh state: the default preset's config plus page options. */
export function defaultState() {
  return { preset: DEFAULT_PRESET, ...structuredClone(PRESETS[DEFAULT_PRESET].config), build: 'auto', data: '' };
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

/** Applies a preset's config to the state (page options kept). */
export function applyPreset(state, name) {
  const preset = PRESETS[name];
  if (!preset) return state;
  return { ...state, ...structuredClone(preset.config), preset: name };
}

/**
 * Sets one field if the value is valid. @returns {{state: object, error: string}} the new state
 * (unchanged when invalid) and a message for an invalid value.
 */
export function setField(state, name, value) {
  const field = FIELDS[name] ?? OPTIONS[name];
  if (!field) return { state, error: `unknown setting ${name}` };
  if (!field.valid(value)) return { state, error: `invalid ${name}: ${JSON.stringify(value)}` };
  const next = { ...state, [name]: value };
  next.preset = matchingPreset(next);
  return { state: next, error: '' };
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
  for (const [name, option] of Object.entries(OPTIONS)) {
    const value = params.get(option.key);
    if (value !== null && option.valid(value)) state[name] = value;
  }
  state.preset = matchingPreset(state);
  return state;
}

/** The query string for a state: every config field, page options only when not default. */
export function stateToQuery(state) {
  const params = new URLSearchParams();
  for (const [name, field] of Object.entries(FIELDS)) params.set(field.key, field.format(state[name]));
  for (const [name, option] of Object.entries(OPTIONS)) {
    if (state[name] !== option.fallback) params.set(option.key, state[name]);
  }
  return params.toString();
}

/** Replaces the address bar's query (no new history entry per keystroke). */
export function writeStateToUrl(state) {
  const url = new URL(location.href);
  url.search = stateToQuery(state);
  history.replaceState(null, '', url);
}

/**
 * The engine's TrainConfig (core/train/train_config.h) for a state. Hidden layers use the chosen
 * activation; the output is a 10-way softmax, or 10 independent sigmoids for binary
 * cross-entropy (the pairs the engine fuses into one stable loss, core/train/trainer.cpp).
 */
export function toTrainConfig(state) {
  const layers = state.hidden.map((units) => `dense:${units}:${state.activation}`);
  layers.push(state.loss === 'binary_cross_entropy' ? 'dense:10:sigmoid' : 'dense:10:softmax');
  return {
    modelSpec: layers.join(','),
    loss: state.loss,
    optimizer: state.optimizer,
    learningRate: state.learningRate,
    batchSize: state.batchSize,
    epochs: state.epochs,
    init: state.init,
    seed: state.seed,
  };
}

/** "784-256-10": the architecture in the usual shorthand. */
export function describeArchitecture(state) {
  return [784, ...state.hidden, 10].join('-');
}
