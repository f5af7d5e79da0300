// The settings form and the run buttons. The form edits the one state object (web/state.js)
// through setField, so every value that reaches the worker was validated in one place; the
// buttons are enabled according to the worker's run state. No training logic here.
import {
  CHOICES, PRESETS, MAX_HIDDEN_LAYERS, MAX_UNITS, setField, applyPreset, describeArchitecture,
} from './state.js';

function fillSelect(select, options) {
  select.replaceChildren(...options.map(([value, label]) => new Option(label, String(value))));
}

/**
 * @param {object} options
 * @param {object} options.state                initial state
 * @param {(state: object) => void} options.onChange  a valid change was made
 */
export function createConfigForm({ state: initial, onChange }) {
  let state = initial;
  const $ = (id) => document.getElementById(id);
  const fieldset = $('config-fieldset');
  const preset = $('preset');
  const presetWhy = $('preset-why');
  const hiddenCount = $('hidden-count');
  const hiddenSizes = $('hidden-sizes');
  const error = $('config-error');
  // id -> [state field, how to read the element's value]
  const simple = {
    activation: ['activation', String],
    loss: ['loss', String],
    optimizer: ['optimizer', String],
    'learning-rate': ['learningRate', Number],
    'batch-size': ['batchSize', Number],
    epochs: ['epochs', Number],
    init: ['init', String],
    seed: ['seed', Number],
  };

  fillSelect(preset, [...Object.entries(PRESETS).map(([name, p]) => [name, p.label]), ['custom', 'Custom']]);
  fillSelect($('activation'), CHOICES.activation);
  fillSelect($('loss'), CHOICES.loss);
  fillSelect($('optimizer'), CHOICES.optimizer);
  fillSelect($('batch-size'), CHOICES.batchSize);
  fillSelect($('init'), CHOICES.init);
  hiddenCount.max = String(MAX_HIDDEN_LAYERS);

  function report(message, element) {
    error.textContent = message;
    for (const el of fieldset.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    if (message && element) element.setAttribute('aria-invalid', 'true');
  }

  function commit(name, value, element) {
    const result = setField(state, name, value);
    if (result.error) {
      report(`Not applied: ${result.error}.`, element);
      return;
    }
    report('');
    state = result.state;
    render();
    onChange(state);
  }

  function renderHiddenSizes() {
    const count = state.hidden.length;
    while (hiddenSizes.children.length > count) hiddenSizes.lastElementChild.remove();
    for (let i = hiddenSizes.children.length; i < count; i++) {
      const field = document.createElement('div');
      field.className = 'field';
      const label = document.createElement('label');
      label.htmlFor = `hidden-size-${i + 1}`;
      label.textContent = `Layer ${i + 1} units`;
      const input = document.createElement('input');
      Object.assign(input, { id: `hidden-size-${i + 1}`, type: 'number', min: '1', max: String(MAX_UNITS), step: '1' });
      input.inputMode = 'numeric';
      input.addEventListener('change', () => {
        const hidden = [...state.hidden];
        hidden[i] = Number(input.value);
        commit('hidden', hidden, input);
      });
      field.append(label, input);
      hiddenSizes.append(field);
    }
    state.hidden.forEach((units, i) => {
      const input = hiddenSizes.children[i].querySelector('input');
      if (document.activeElement !== input || Number(input.value) !== units) input.value = String(units);
    });
  }

  function render() {
    preset.value = state.preset;
    presetWhy.textContent = PRESETS[state.preset]?.why ?? 'Your own settings.';
    hiddenCount.value = String(state.hidden.length);
    renderHiddenSizes();
    for (const [id, [name]] of Object.entries(simple)) {
      const el = $(id);
      if (el.value !== String(state[name])) el.value = String(state[name]);
    }
    $('architecture').textContent = describeArchitecture(state);
  }

  preset.addEventListener('change', () => {
    if (preset.value === 'custom') return;
    state = applyPreset(state, preset.value);
    report('');
    render();
    onChange(state);
  });
  hiddenCount.addEventListener('change', () => {
    const n = Number(hiddenCount.value);
    if (!Number.isInteger(n) || n < 0 || n > MAX_HIDDEN_LAYERS) {
      report(`Not applied: hidden layers must be 0 to ${MAX_HIDDEN_LAYERS}.`, hiddenCount);
      return;
    }
    const hidden = state.hidden.slice(0, n);
    while (hidden.length < n) hidden.push(hidden.at(-1) ?? 128);
    commit('hidden', hidden, hiddenCount);
  });
  for (const [id, [name, read]] of Object.entries(simple)) {
    const el = $(id);
    el.addEventListener('change', () => commit(name, read(el.value), el));
  }
  // Enter in a number field applies it instead of submitting the form.
  $('config-form').addEventListener('submit', (event) => event.preventDefault());

  render();
  return {
    get state() { return state; },
    /** Locks the settings; `duringRun` says why (shows the "press Stop or Reset" hint). */
    setEnabled(enabled, duringRun = false) {
      fieldset.disabled = !enabled;
      $('config-lock').hidden = enabled || !duringRun;
    },
  };
}

// Which buttons work in which run state (protocol.js RunState).
const ENABLED = {
  loading: [],
  idle: ['train', 'step', 'reset'],
  running: ['pause', 'stop', 'reset'],
  paused: ['pause', 'step', 'stop', 'reset'],
  stopped: ['train', 'step', 'reset'],
  finished: ['train', 'step', 'reset'],
};

/**
 * @param {{train, pause, resume, step, stop, reset}} actions  one callback per button
 */
export function createRunButtons(actions) {
  const buttons = {
    train: document.getElementById('train-button'),
    pause: document.getElementById('pause-button'),
    step: document.getElementById('step-button'),
    stop: document.getElementById('stop-button'),
    reset: document.getElementById('reset-button'),
  };
  let runState = 'loading';
  buttons.train.addEventListener('click', () => actions.train());
  buttons.pause.addEventListener('click', () => (runState === 'paused' ? actions.resume() : actions.pause()));
  buttons.step.addEventListener('click', () => actions.step());
  buttons.stop.addEventListener('click', () => actions.stop());
  buttons.reset.addEventListener('click', () => actions.reset());

  function setRunState(next) {
    runState = next;
    const enabled = ENABLED[next] ?? [];
    for (const [name, button] of Object.entries(buttons)) button.disabled = !enabled.includes(name);
    const paused = next === 'paused';
    buttons.pause.textContent = paused ? 'Resume' : 'Pause';
    buttons.pause.setAttribute('aria-pressed', String(paused));
    buttons.train.textContent = next === 'finished' || next === 'stopped' ? 'Train again' : 'Train';
    // A keyboard user whose focused button just got disabled keeps focus in the group.
    const focused = Object.values(buttons).find((b) => b === document.activeElement);
    if (focused?.disabled) Object.values(buttons).find((b) => !b.disabled)?.focus();
  }
  setRunState('loading');
  return { setRunState, get runState() { return runState; } };
}
