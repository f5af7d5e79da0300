// The settings form and the run buttons. The form edits the one state object (web/settings/state.js)
// through setField, so every value that reaches the worker was validated in one place; the model
// itself is edited by the layer editor (web/views/layer-editor.js). The buttons are enabled according to
// the worker's run state. No training logic here.
import { CHOICES, PRESETS, setField, applyPreset, describeArchitecture } from '../settings/state.js';
import { createLayerEditor } from './layer-editor.js';
import { RunState } from '../engine/protocol.js';

function fillSelect(select, options) {
  select.replaceChildren(...options.map(([value, label]) => new Option(label, String(value))));
}

// A number the state allows but the menu does not list (a ?batch=100 link, a model file's
// limit) gets its own option, placed in the menu's numeric order (0, "all", stays first), so the
// select shows the value in use.
function showNumberOption(select, value) {
  const options = [...select.options];
  if (options.some((o) => o.value === String(value))) return;
  const numbers = options.map((o) => Number(o.value)).filter((n) => n !== 0);
  const descending = numbers.length > 1 && numbers[0] > numbers[1];
  const before = options.find((o) => {
    const n = Number(o.value);
    return n !== 0 && (descending ? n < value : n > value);
  });
  select.add(new Option(value.toLocaleString('en-US'), String(value)), before ?? null);
}

/**
 * @param {object} options
 * @param {object} options.state                initial state
 * @param {(state: object) => void} options.onChange  a valid change was made
 */
export function createConfigForm(root, { state: initial, onChange }) {
  let state = initial;
  const $ = (id) => root.getElementById(id);
  const fieldset = $('config-fieldset');
  const preset = $('preset');
  const presetWhy = $('preset-why');
  const error = $('config-error');
  // id -> [state field, how to read the element's value]
  const simple = {
    loss: ['loss', String],
    optimizer: ['optimizer', String],
    'learning-rate': ['learningRate', Number],
    'batch-size': ['batchSize', Number],
    epochs: ['epochs', Number],
    init: ['init', String],
    'weight-decay': ['weightDecay', Number],
    seed: ['seed', Number],
    schedule: ['schedule', String],
    'train-limit': ['trainLimit', Number],
  };

  fillSelect(preset, [...Object.entries(PRESETS).map(([name, p]) => [name, p.label]), ['custom', 'Custom']]);
  fillSelect($('loss'), CHOICES.loss);
  fillSelect($('optimizer'), CHOICES.optimizer);
  fillSelect($('batch-size'), CHOICES.batchSize);
  fillSelect($('init'), CHOICES.init);
  fillSelect($('schedule'), CHOICES.schedule);
  fillSelect($('train-limit'), CHOICES.trainLimit);

  function report(message, element) {
    error.textContent = message;
    for (const el of fieldset.querySelectorAll('[aria-invalid]:not(#model-spec)')) el.removeAttribute('aria-invalid');
    if (message && element) element.setAttribute('aria-invalid', 'true');
  }

  function commit(name, value, element) {
    const result = setField(state, name, value);
    if (result.error) {
      report(`Not applied: ${result.error}.`, element);
      render();
      return;
    }
    report('');
    state = result.state;
    render();
    onChange(state);
  }

  const layers = createLayerEditor({
    list: $('layer-list'),
    addType: $('add-layer-type'),
    addButton: $('add-layer'),
    specInput: $('model-spec'),
    specError: $('model-spec-error'),
    note: $('layer-list-note'),
    onChange: (text) => commit('model', text, $('model-spec')),
  });

  function render() {
    preset.value = state.preset;
    presetWhy.textContent = PRESETS[state.preset]?.why ?? 'Your own settings.';
    layers.render(state.model);
    showNumberOption($('batch-size'), state.batchSize);
    showNumberOption($('train-limit'), state.trainLimit);
    for (const [id, [name]] of Object.entries(simple)) {
      const el = $(id);
      if (el.value !== String(state[name])) el.value = String(state[name]);
    }
    $('augment').checked = state.augment;
    $('architecture').textContent = describeArchitecture(state);
  }

  preset.addEventListener('change', () => {
    if (preset.value === 'custom') return;
    state = applyPreset(state, preset.value);
    report('');
    render();
    onChange(state);
  });
  for (const [id, [name, read]] of Object.entries(simple)) {
    const el = $(id);
    el.addEventListener('change', () => commit(name, read(el.value), el));
  }
  $('augment').addEventListener('change', () => commit('augment', $('augment').checked, $('augment')));
  // Enter in a number field applies it instead of submitting the form.
  $('config-form').addEventListener('submit', (event) => event.preventDefault());

  render();
  return {
    get state() { return state; },
    /** Shows another state (e.g. a loaded model file's settings) without reporting a change. */
    setState(next) {
      state = next;
      report('');
      render();
    },
    /** Locks the settings; `duringRun` says why (shows the "press Stop or Reset" hint). */
    setEnabled(enabled, duringRun = false) {
      fieldset.disabled = !enabled;
      $('config-lock').hidden = enabled || !duringRun;
    },
    /** The engine's verdict on the model: its configure message, or '' once it built the model. */
    showModelError(message) {
      layers.showError(message);
    },
  };
}

// Which buttons work in which run state.
const ENABLED = {
  [RunState.LOADING]: [],
  [RunState.IDLE]: ['train', 'scratch', 'step', 'reset'],
  [RunState.RUNNING]: ['pause', 'stop', 'reset'],
  [RunState.PAUSED]: ['pause', 'step', 'stop', 'reset'],
  [RunState.STOPPED]: ['train', 'scratch', 'step', 'reset'],
  [RunState.FINISHED]: ['train', 'scratch', 'step', 'reset'],
};

/**
 * The run buttons. Once the model has learnt something (a run, a model file, a restored model),
 * the main button continues training from its weights and "Train from scratch" appears beside it:
 * starting over is always an explicit choice.
 * @param {{train, scratch, pause, resume, step, stop, reset}} actions  one callback per button
 */
export function createRunButtons(root, actions) {
  const $ = (id) => root.getElementById(id);
  const buttons = {
    train: $('train-button'),
    scratch: $('scratch-button'),
    pause: $('pause-button'),
    step: $('step-button'),
    stop: $('stop-button'),
    reset: $('reset-button'),
  };
  let runState = RunState.LOADING;
  let blocked = false;  // the engine refused the settings: nothing to train until they change
  let trained = false;  // the model has weights worth continuing from
  buttons.train.addEventListener('click', () => (trained ? actions.train() : actions.scratch()));
  buttons.scratch.addEventListener('click', () => actions.scratch());
  buttons.pause.addEventListener('click', () => (runState === RunState.PAUSED ? actions.resume() : actions.pause()));
  buttons.step.addEventListener('click', () => actions.step());
  buttons.stop.addEventListener('click', () => actions.stop());
  buttons.reset.addEventListener('click', () => actions.reset());

  function render() {
    const trainBlocked = (name) => blocked && (name === 'train' || name === 'scratch' || name === 'step');
    // Reset on a model that has learnt nothing would change nothing.
    const pointless = (name) => name === 'reset' && !trained && runState === RunState.IDLE;
    const enabled = (ENABLED[runState] ?? []).filter((name) => !trainBlocked(name) && !pointless(name));
    for (const [name, button] of Object.entries(buttons)) button.disabled = !enabled.includes(name);
    const paused = runState === RunState.PAUSED;
    buttons.pause.textContent = paused ? 'Resume' : 'Pause';
    buttons.pause.setAttribute('aria-pressed', String(paused));
    buttons.train.textContent = trained ? 'Continue training' : 'Train';
    buttons.scratch.hidden = !trained || runState === RunState.RUNNING || runState === RunState.PAUSED;
    // A keyboard user whose focused button just got disabled keeps focus in the group.
    const focused = Object.values(buttons).find((b) => b === root.activeElement);
    if (focused?.disabled || focused?.hidden) Object.values(buttons).find((b) => !b.disabled && !b.hidden)?.focus({ preventScroll: true });
  }
  render();
  return {
    setRunState(next) {
      runState = next;
      render();
    },
    /** Train and Step stay disabled while `value` is true (settings the engine refused). */
    setBlocked(value) {
      blocked = value;
      render();
    },
    /** Whether the model has learnt something (then the main button continues training). */
    setTrained(value) {
      trained = value;
      render();
    },
    get runState() { return runState; },
  };
}
