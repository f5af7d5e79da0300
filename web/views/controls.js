// The settings form and the run buttons. The form edits the one state object (web/settings/state.js)
// through setField, so every value that reaches the worker was validated in one place; the model
// itself is edited by the layer editor (web/views/layer-editor.js). The buttons are enabled according to
// the worker's run state. No training logic here. The engine reads every spec the form takes
// (readSpec, answered by the worker's parse-spec): its canonical text replaces what was typed, its
// rows feed the layer editor. Labels come from the catalogues: menu values
// (choiceLabel), presets by id (preset.<id>.name/description, the engine's English where the
// catalogue has no entry), the run buttons; a change of language relabels them all.
import { PRESETS, choiceLabel, menuValues, setField, applyPreset, describeArchitecture } from '../settings/state.js';
import { knownSpec } from '../settings/spec-answers.js';
import { createLayerEditor } from './layer-editor.js';
import { RunState } from '../engine/protocol.js';
import { ENGINE_LANGUAGE } from '../i18n/index.js';

// Fills a menu, or relabels it in place when it already holds these values (the choice stays).
function fillSelect(select, options) {
  const values = [...select.options].map((o) => o.value);
  if (values.length === options.length && options.every(([value], i) => String(value) === values[i])) {
    options.forEach(([, label], i) => { select.options[i].text = label; });
    return;
  }
  select.replaceChildren(...options.map(([value, label]) => new Option(label, String(value))));
}

/**
 * A preset's name and why: the engine's own (English) text, or the catalogue's translation
 * (preset.<id>.name/description) in another language when it knows the preset.
 */
export function presetText(i18n, id) {
  const preset = PRESETS[id];
  const translated = (key) => i18n.lang !== ENGINE_LANGUAGE && i18n.has(key);
  const text = (part, english) => (translated(`preset.${id}.${part}`) ? i18n.t(`preset.${id}.${part}`) : english);
  return { name: text('name', preset?.label ?? id), why: text('description', preset?.why ?? '') };
}

// A number the state allows but the menu does not list (a ?batch=100 link, a model file's
// limit) gets its own option, placed in the menu's numeric order (0, "all", stays first), so the
// select shows the value in use.
function showNumberOption(select, value, locale) {
  const options = [...select.options];
  if (options.some((o) => o.value === String(value))) return;
  const numbers = options.map((o) => Number(o.value)).filter((n) => n !== 0);
  const descending = numbers.length > 1 && numbers[0] > numbers[1];
  const before = options.find((o) => {
    const n = Number(o.value);
    return n !== 0 && (descending ? n < value : n > value);
  });
  select.add(new Option(value.toLocaleString(locale), String(value)), before ?? null);
}

/**
 * @param {object} options
 * @param {object} options.state                initial state
 * @param {(state: object) => void} options.onChange  a valid change was made
 * @param {(request: object) => Promise<object>} options.readSpec  the engine's answer to a
 *   parse-spec request (ParseSpecMessage fields), remembered in settings/spec-answers.js
 * @param {ReturnType<import('../i18n/index.js').createI18n>} options.i18n
 */
export function createConfigForm(root, { state: initial, onChange, readSpec, i18n }) {
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

  const menus = { loss: 'loss', optimizer: 'optimizer', 'batch-size': 'batchSize', init: 'init', schedule: 'schedule', 'train-limit': 'trainLimit' };
  function fillMenus() {
    const { t } = i18n;
    fillSelect(preset, [...Object.keys(PRESETS).map((id) => [id, presetText(i18n, id).name]), ['custom', t('preset.custom')]]);
    for (const [id, name] of Object.entries(menus)) {
      // Numbers the menu did not list (added by showNumberOption) go; render() adds them back.
      fillSelect($(id), menuValues(name).map((value) => [value, choiceLabel(name, value, t, i18n.locale, i18n.has)]));
    }
  }
  fillMenus();

  let reported = null;  // the message shown, as a function of the translator
  function report(message, element) {
    reported = message || null;
    error.textContent = reported ? reported(i18n.t) : '';
    for (const el of fieldset.querySelectorAll('[aria-invalid]:not(#model-spec)')) el.removeAttribute('aria-invalid');
    if (message && element) element.setAttribute('aria-invalid', 'true');
  }

  function commit(name, value, element) {
    const result = setField(state, name, value);
    if (result.error) {
      // Named by its label on the page: "Not applied: 0 is not a valid value for Learning rate."
      const labelFor = () => root.querySelector(`label[for="${element.id}"]`)?.textContent ?? name;
      report((t) => t('settings.notApplied', { value: String(value), field: labelFor() }), element);
      render();
      return;
    }
    report('');
    state = result.state;
    render();
    onChange(state);
    if (name === 'loss') readModel({ text: state.model, loss: value });
  }

  // The engine's reading of the model. Only the latest request counts (an older answer that
  // arrives late is dropped); a valid answer's canonical text becomes the state's model.
  let lastRequest = 0;
  let asking = '';  // the text whose answer is on its way (render asks once per text)
  async function readModel(request, { onError } = {}) {
    const mine = ++lastRequest;
    let answer;
    try {
      answer = await readSpec(request);
    } catch {
      return;  // the worker is gone: the banner says so
    } finally {
      if (mine === lastRequest) asking = '';
    }
    if (mine !== lastRequest) return;
    if (answer.error && onError) {
      onError(answer.error);
    } else if (!answer.error && answer.text !== state.model) {
      state = setField(state, 'model', answer.text).state;
      onChange(state);
    }
    render();
  }

  const layers = createLayerEditor({
    list: $('layer-list'),
    addType: $('add-layer-type'),
    addButton: $('add-layer'),
    specInput: $('model-spec'),
    specError: $('model-spec-error'),
    note: $('layer-list-note'),
    onChange: (text) => commit('model', text, $('model-spec')),
    // Edited rows the engine cannot write keep the model as it was and show the engine's message.
    onRows: (rows, input) => readModel({ rows, input }, { onError: (message) => layers.showError(message) }),
    i18n,
  });

  function render() {
    preset.value = state.preset;
    presetWhy.textContent = PRESETS[state.preset] ? presetText(i18n, state.preset).why : i18n.t('preset.customWhy');
    const answer = knownSpec(state.model);
    layers.render(state.model, answer);
    if (!answer && asking !== state.model) {
      asking = state.model;
      readModel({ text: state.model });
    }
    showNumberOption($('batch-size'), state.batchSize, i18n.locale);
    showNumberOption($('train-limit'), state.trainLimit, i18n.locale);
    for (const [id, [name]] of Object.entries(simple)) {
      const el = $(id);
      if (el.value !== String(state[name])) el.value = String(state[name]);
    }
    $('augment').checked = state.augment;
    $('architecture').textContent = describeArchitecture(state) ?? i18n.t('settings.invalidSpec');
  }
  let modelError = '';  // the engine's message about the model, '' when it built it
  i18n.onChange(() => {
    fillMenus();
    render();
    if (reported) error.textContent = reported(i18n.t);
    if (modelError) layers.showError(i18n.t('settings.engineRefused', { message: modelError }));
  });

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
      modelError = message;
      layers.showError(message ? i18n.t('settings.engineRefused', { message }) : '');
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
 * @param {ReturnType<import('../i18n/index.js').createI18n>} i18n
 */
export function createRunButtons(root, actions, i18n) {
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
    buttons.pause.textContent = i18n.t(paused ? 'train.resume' : 'train.pause');
    buttons.pause.setAttribute('aria-pressed', String(paused));
    buttons.train.textContent = i18n.t(trained ? 'train.continue' : 'train.train');
    buttons.scratch.hidden = !trained || runState === RunState.RUNNING || runState === RunState.PAUSED;
    // A keyboard user whose focused button just got disabled keeps focus in the group.
    const focused = Object.values(buttons).find((b) => b === root.activeElement);
    if (focused?.disabled || focused?.hidden) Object.values(buttons).find((b) => !b.disabled && !b.hidden)?.focus({ preventScroll: true });
  }
  render();
  i18n.onChange(render);
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
