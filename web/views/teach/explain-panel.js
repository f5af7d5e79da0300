// "Explain a step": one mini-batch trained with a trace (explain-step -> step-traced), then one
// neuron of one layer for one example of that batch, with the engine's numbers (explain-unit ->
// unit-explanation), told as a story (explain-story.js). The reader picks the layer, the unit (a
// number, or a click on its weight image), the example (the batch's images as buttons) and, for
// a convolution, the output position. A new step keeps those choices, so the same weight can be
// followed from step to step. The batch's images are labelled with their classes' names.
import { ErrorCode, FromWorker, RunState, ToWorker } from '../../engine/protocol.js';
import { formatCount } from '../canvas/format.js';
import { h } from './dom.js';
import { renderStory } from './explain-story.js';
import { argMaxAbs } from './numbers.js';
import { drawVector } from './vector-view.js';

const MAX_GRID_UNITS = 64;  // neurons drawn in the clickable grid (the number input reaches all)

/**
 * @param {HTMLElement} panel  #explain-panel  @param {object} extension (controller.js)
 * @param {ReturnType<import('../class-labels.js').createClassLabels>} classes
 */
export function createExplainPanel(panel, extension, classes) {
  const t = (key, params) => extension.i18n.t(key, params);
  const state = {
    trace: null,          // the last step-traced message
    explanation: null,    // the last unit-explanation message
    layer: null, unit: 0, example: 0,
    position: null,       // conv: [row, col] asked for; null: the engine's default (largest |z|)
    weightChoice: null,   // the weight followed in the update; null: the one that moves most next
    waitingStep: false,
    asking: false, askAgain: false,  // one explain-unit in flight at a time; the latest wins
    status: '',
    layerWeights: null,   // {layer, shape, values}: the grid of one layer's neurons to click
  };
  let story = null;
  let grid = null;
  const el = {};

  // ---------------------------------------------------------------- requests

  function explainStep() {
    state.waitingStep = true;
    setStatus(t('teach.explain.training'));
    extension.actions.explainStep();
    updateButton();
  }

  function askUnit() {
    if (!state.trace || state.layer === null) return;
    if (state.asking) {
      state.askAgain = true;
      return;
    }
    state.asking = true;
    const fields = { layer: state.layer, unit: state.unit, example: state.example };
    if (state.position) fields.position = state.position;
    extension.send(ToWorker.EXPLAIN_UNIT, fields);
  }

  function answered() {
    state.asking = false;
    if (state.askAgain) {
      state.askAgain = false;
      askUnit();
    }
  }

  // ---------------------------------------------------------------- worker messages

  const unsubscribe = [
    extension.on(FromWorker.STEP_TRACED, (trace) => {
      state.waitingStep = false;
      state.trace = trace;
      updateButton();
      const layers = trace.layers.filter((l) => l.explainable);
      if (!layers.some((l) => l.index === state.layer)) {
        state.layer = layers[0]?.index ?? null;
        state.unit = 0;
        state.position = null;
      }
      state.unit = Math.min(state.unit, Math.max(0, currentLayer()?.units - 1));
      state.example = Math.min(state.example, trace.batchSize - 1);
      setStatus(t('teach.explain.traced', { loss: trace.loss.toFixed(4), count: trace.batchSize }));
      renderControls();
      askUnit();
    }),
    extension.on(FromWorker.UNIT_EXPLANATION, (explanation) => {
      const stale = state.askAgain;  // a newer choice was made while this one was computed
      answered();
      const chosen = explanation.layer === state.layer && explanation.unit === state.unit && explanation.example === state.example;
      if (stale || !chosen) return;
      state.explanation = explanation;
      if (explanation.kind === 'conv' && el.row) [el.row.value, el.col.value] = explanation.position;
      showStory();
    }),
    extension.on(FromWorker.CONFIGURED, () => {
      // Another model: the trace and its choices belonged to the old one.
      Object.assign(state, { trace: null, explanation: null, layer: null, unit: 0, example: 0, position: null, weightChoice: null, layerWeights: null });
      setStatus('');
      render();
    }),
    extension.on(FromWorker.WEIGHTS, ({ layer, rows, cols, weights }) => {
      const side = Math.round(Math.sqrt(cols));
      if (side * side !== cols) return;
      const count = Math.min(rows, MAX_GRID_UNITS);
      state.layerWeights = { layer, shape: [count, side, side], values: weights.slice(0, count * cols) };
      drawGrid();
    }),
    extension.on(FromWorker.STATE, updateButton),
    extension.on(FromWorker.ERROR, (error) => {
      if (error.request === ToWorker.EXPLAIN_STEP) state.waitingStep = false;
      else if (error.request === ToWorker.EXPLAIN_UNIT) answered();
      else return;
      // not-ready after a trace: the model trained since, and the engine let the trace go.
      const gone = error.request === ToWorker.EXPLAIN_UNIT && error.code === ErrorCode.NOT_READY;
      setStatus(gone ? t('teach.explain.gone') : t('teach.explain.failed', { message: error.message }));
      updateButton();
    }),
  ];

  // ---------------------------------------------------------------- rendering

  function currentLayer() {
    return state.trace?.layers.find((l) => l.index === state.layer) ?? null;
  }

  function setStatus(text) {
    state.status = text;
    if (el.status) el.status.textContent = text;
  }

  function updateButton() {
    if (!el.button) return;
    const run = extension.runState;
    el.button.disabled = state.waitingStep || !extension.dataReady || run === RunState.RUNNING || run === RunState.LOADING;
  }

  /** The whole panel (first time, and when the language changes). */
  function render() {
    el.button = h('button', { type: 'button', class: 'primary', id: 'explain-step-button', on: { click: explainStep } },
      t('teach.explain.button'));
    el.status = h('p', { id: 'explain-status', class: 'hint', role: 'status', 'aria-live': 'polite' }, state.status);
    el.controls = h('div', { class: 'explain-controls' });
    el.story = h('div', { class: 'explain-story', 'data-testid': 'explain-story' });
    panel.replaceChildren(
      h('h3', { id: 'explain-heading' }, t('teach.explain.title')),
      h('p', { class: 'hint' }, t('teach.explain.intro')),
      h('div', { class: 'buttons' }, el.button),
      el.status, el.controls, el.story);
    panel.setAttribute('aria-labelledby', 'explain-heading');
    panel.setAttribute('role', 'region');
    updateButton();
    renderControls();
    showStory();
  }

  /** The pickers: layer, unit, conv position, the neuron grid and the batch's examples. */
  function renderControls() {
    const trace = state.trace;
    if (!trace) {
      el.controls.replaceChildren();
      grid = null;
      return;
    }
    const layer = currentLayer();
    const select = h('select', { id: 'explain-layer', on: { change: (e) => chooseLayer(Number(e.target.value)) } },
      trace.layers.filter((l) => l.explainable).map((l) =>
        h('option', { value: l.index, selected: l.index === state.layer }, t('teach.explain.layerOption', { number: l.index + 1, spec: l.spec }))));
    el.unit = h('input', {
      id: 'explain-unit', type: 'number', min: 0, max: Math.max(0, (layer?.units ?? 1) - 1), step: 1, value: state.unit,
      inputmode: 'numeric', on: { change: (e) => chooseUnit(Number(e.target.value)) },
    });
    const fields = [
      h('label', { for: 'explain-layer' }, t('teach.explain.layer')), select,
      h('label', { for: 'explain-unit' }, t('teach.explain.unit', { count: layer?.units ?? 0 })), el.unit,
    ];
    el.row = el.col = null;
    if (layer?.kind.toLowerCase().startsWith('conv')) {
      const [, height, width] = layer.outputShape;
      const position = () => {
        state.position = [Number(el.row.value), Number(el.col.value)];
        askUnit();
      };
      el.row = h('input', { id: 'explain-row', type: 'number', min: 0, max: height - 1, step: 1, inputmode: 'numeric', on: { change: position } });
      el.col = h('input', { id: 'explain-col', type: 'number', min: 0, max: width - 1, step: 1, inputmode: 'numeric', on: { change: position } });
      fields.push(
        h('label', { for: 'explain-row' }, t('teach.explain.row')), el.row,
        h('label', { for: 'explain-col' }, t('teach.explain.col')), el.col,
        h('button', { type: 'button', class: 'secondary', on: { click: () => { state.position = null; askUnit(); } } }, t('teach.explain.largestZ')));
    }
    el.grid = h('canvas', { id: 'explain-unit-grid', class: 'pickable', width: 320, height: 120, on: { click: pickFromGrid } });
    el.gridBox = h('figure', { class: 'vector-figure', hidden: true }, el.grid, h('figcaption', {}, t('teach.explain.gridCaption')));
    el.controls.replaceChildren(
      h('p', { class: 'explain-summary' }, t('teach.explain.summary', {
        count: trace.batchSize, loss: trace.loss.toFixed(4), seen: formatCount(trace.samplesSeen, extension.i18n.locale),
      })),
      h('div', { class: 'inline-controls explain-pickers' }, fields),
      el.gridBox,
      h('h4', { id: 'explain-examples-heading' }, t('teach.explain.examples')),
      exampleStrip(trace));
    drawGrid();
  }

  /** The batch's examples as buttons: the image (when the trace has it), the label, the prediction. */
  function exampleStrip(trace) {
    const buttons = trace.labels.map((actual, i) => {
      const guess = trace.predictions?.[i];
      const wrong = guess !== undefined && guess !== actual;
      const label = classes.label(actual);
      const predicted = guess === undefined ? undefined : classes.label(guess);
      const thumbnail = trace.images ? h('canvas', { width: 28, height: 28, 'aria-hidden': 'true' }) : null;
      if (thumbnail) drawVector(thumbnail, trace.images.slice(i * 784, (i + 1) * 784), [1, 28, 28], { palette: 'gray', label: '', maxWidth: 28 });
      return h('button', {
        type: 'button', class: `example${wrong ? ' wrong' : ''}`, 'data-example': i, 'aria-pressed': String(i === state.example),
        'aria-label': t(wrong ? 'teach.explain.exampleWrong' : 'teach.explain.example', { number: i + 1, label, predicted }),
        on: { click: () => chooseExample(i) },
      }, thumbnail, h('span', { 'aria-hidden': 'true' }, wrong ? `${label}→${predicted}` : label));
    });
    el.examples = h('div', { class: 'example-strip', role: 'group', 'aria-labelledby': 'explain-examples-heading' }, buttons);
    return el.examples;
  }

  /** The clickable neurons of the chosen layer (its weights as last sent), when it has pictures. */
  function drawGrid() {
    if (!el.grid) return;
    const weights = state.layerWeights;
    const shown = Boolean(weights && weights.layer === state.layer);
    el.gridBox.hidden = !shown;
    if (!shown) return;
    grid = drawVector(el.grid, weights.values, weights.shape, {
      palette: 'diverging', scalePerChannel: true, selectedChannel: state.unit, maxWidth: 300,
      label: t('teach.explain.gridLabel', { count: weights.shape[0], unit: state.unit }),
    });
  }

  function pickFromGrid(event) {
    const index = grid?.hitIndex(event.offsetX, event.offsetY) ?? -1;
    if (index < 0) return;
    const [, height, width] = state.layerWeights.shape;
    chooseUnit(Math.floor(index / (height * width)));
  }

  function showStory() {
    const ex = state.explanation;
    if (!ex) {
      el.story.replaceChildren();
      story = null;
      return;
    }
    // What the story shows, for a reader's tools and tests: which step, layer, neuron and image.
    Object.assign(el.story.dataset, { samplesSeen: state.trace?.samplesSeen, layer: ex.layer, unit: ex.unit, example: ex.example });
    // The followed weight stays the same from step to step (until another neuron is chosen):
    // first the one that moved most.
    if (state.weightChoice === null || state.weightChoice >= ex.w.length) state.weightChoice = argMaxAbs(ex.deltaW);
    story = renderStory(el.story, ex, {
      t,
      weightIndex: state.weightChoice,
      onWeightChoice: (index) => {
        state.weightChoice = index ?? argMaxAbs(ex.deltaW);
        showStory();
      },
      crossEntropy: (extension.config?.loss ?? 'cross_entropy') === 'cross_entropy',
      batchSize: state.trace?.batchSize ?? 1,
      className: (label) => classes.label(label),
    });
  }

  // ---------------------------------------------------------------- choices

  function chooseLayer(index) {
    state.layer = index;
    state.unit = 0;
    state.position = null;
    state.weightChoice = null;
    renderControls();
    askUnit();
  }

  function chooseUnit(unit) {
    const units = currentLayer()?.units ?? 1;
    state.unit = Math.max(0, Math.min(units - 1, Math.round(unit) || 0));
    state.position = null;
    state.weightChoice = null;
    el.unit.value = state.unit;
    drawGrid();
    askUnit();
  }

  function chooseExample(i) {
    state.example = i;
    state.position = null;
    for (const button of el.examples.children) button.setAttribute('aria-pressed', String(Number(button.dataset.example) === i));
    askUnit();
  }

  /**
   * Another view chose a filter or neuron (a feature map clicked): explained from the last traced
   * step when it has that layer, else kept for the next one. The panel comes into view.
   */
  function pick({ layer, unit, position = null }) {
    Object.assign(state, { layer, unit, position, weightChoice: null });
    const traced = state.trace?.layers.find((l) => l.index === layer && l.explainable);
    if (traced) {
      state.unit = Math.min(unit, traced.units - 1);
      renderControls();
      askUnit();
    } else {
      setStatus(t('teach.explain.picked', { layer: layer + 1, unit }));
    }
    panel.scrollIntoView({ block: 'start' });
  }

  render();
  return {
    render,
    pick,
    repaint() {
      story?.repaint();
      drawGrid();
      if (state.trace?.images) renderControls();
    },
    destroy() {
      unsubscribe.forEach((off) => off());
    },
  };
}
