// The playground's markup: every panel the full page shows, built inside one root (a shadow
// root, so the ids below are local to each <mnist-playground> and two elements on a page never
// meet). Views find their elements with root.getElementById; `data-part` names the pieces the
// `controls` attribute can show or hide (see PARTS below). Static text only: no user data is
// ever put into this HTML.

const TEMPLATE = `
<div class="playground" part="playground">
  <div class="topbar" data-part="status">
    <p id="data-status" class="data-status" role="status" aria-live="polite">Loading the engine…</p>
    <label class="theme-choice">Theme
      <select id="theme-choice">
        <option value="auto">Auto</option><option value="light">Light</option><option value="dark">Dark</option>
      </select>
    </label>
    <p class="badge" id="build-badge" data-build="loading" title="Which engine build runs">Engine: loading…</p>
  </div>

  <div id="error-banner" class="error-banner" role="alert" hidden>
    <div>
      <strong id="error-title">Something went wrong</strong>
      <p id="error-message"></p>
      <p id="error-hint" class="hint"></p>
    </div>
    <button type="button" id="error-dismiss" class="secondary">Dismiss</button>
  </div>

  <div id="restore-notice" class="notice" role="status" hidden>
    <p id="restore-text"></p>
    <button type="button" id="discard-saved" class="secondary">Discard saved model</button>
  </div>

  <p class="intro" data-part="train">Press <strong>Train</strong> and watch the network learn from 55,000
    handwritten digits; then <strong>draw a digit</strong> (or use a test digit) and see what it answers.</p>

  <section class="panel lesson-panel" id="lesson-panel" data-part="lessons" aria-labelledby="lesson-heading"></section>

  <div class="panels">

    <section class="panel" id="train-section" data-part="train chart files" aria-labelledby="train-heading">
      <h2 id="train-heading">Training</h2>
      <div data-part="train">
        <div class="buttons" role="group" aria-label="Training controls">
          <button type="button" id="train-button" class="primary" disabled>Train</button>
          <button type="button" id="scratch-button" class="secondary" hidden>Train from scratch</button>
          <button type="button" id="pause-button" aria-pressed="false" disabled>Pause</button>
          <button type="button" id="step-button" disabled>Step</button>
          <button type="button" id="stop-button" disabled>Stop</button>
          <button type="button" id="reset-button" disabled>Reset</button>
        </div>
        <p id="train-hint" class="hint" hidden></p>
        <p id="run-announcer" class="visually-hidden" role="status" aria-live="polite"></p>
        <div class="progress-block">
          <label for="train-progress" id="progress-label">Progress</label>
          <progress id="train-progress" max="1" value="0"></progress>
          <dl class="counters" id="counters">
            <div><dt>State</dt><dd id="run-state">loading</dd></div>
            <div><dt>Epoch</dt><dd id="epoch-counter">–</dd></div>
            <div><dt>Batch</dt><dd id="batch-counter">–</dd></div>
            <div><dt>Samples seen</dt><dd id="samples-counter">0</dd></div>
            <div><dt>Speed</dt><dd id="speed">–</dd></div>
            <div><dt>Time left</dt><dd id="eta">–</dd></div>
            <div><dt>Loss (running)</dt><dd id="loss-value" title="Training loss, a running value over about the last 1,000 images, as on the chart">–</dd></div>
            <div><dt>Accuracy (running)</dt><dd id="accuracy-value" title="Training accuracy, a running value over about the last 1,000 images, as on the chart">–</dd></div>
            <div><dt>First-batch loss</dt><dd id="first-batch-loss">–</dd></div>
          </dl>
        </div>
      </div>
      <div data-part="chart">
        <div class="chart-box">
          <canvas id="training-chart" width="640" height="280"></canvas>
        </div>
        <div class="buttons small" role="group" aria-label="Training chart">
          <button type="button" class="secondary" data-table-for="training-chart" aria-controls="training-table" aria-expanded="false">Show as table</button>
          <button type="button" id="chart-png" class="secondary" data-png="training-chart">Chart as PNG</button>
        </div>
        <div id="training-table" class="data-table" hidden></div>
      </div>
      <div data-part="train">
        <h3>Epochs</h3>
        <ol id="epoch-log" class="epoch-log" aria-live="polite" aria-relevant="additions"></ol>
        <p id="test-accuracy" class="test-accuracy" role="status" aria-live="polite"></p>
      </div>
      <div data-part="files">
        <div class="buttons" role="group" aria-label="Model file">
          <button type="button" id="save-model-button" class="secondary" disabled>Download model</button>
          <button type="button" id="load-model-button" class="secondary" disabled>Load model file</button>
          <input type="file" id="load-model-input" accept=".bin,.model,application/octet-stream" hidden>
        </div>
        <p class="hint">The model file holds the layers, the settings and the trained weights; the command-line trainer reads it too (<code>--load mnist-model.bin</code>).</p>
        <div class="buttons" role="group" aria-label="Curves and metrics">
          <button type="button" id="export-csv" class="secondary" disabled>Curves as CSV</button>
          <button type="button" id="export-json" class="secondary" disabled>Curves and metrics as JSON</button>
        </div>
      </div>
    </section>

    <section class="panel teach-section" id="teach-section" data-part="teach" aria-labelledby="teach-heading">
      <h2 id="teach-heading">Inside the network</h2>
      <div id="explain-panel" class="teach-block"></div>
      <div id="gradcheck-panel" class="teach-block"></div>
      <div id="health-panel" class="teach-block"></div>
      <div id="compare-panel" class="teach-block"></div>
    </section>

    <section class="panel" id="draw-section" data-part="draw" aria-labelledby="draw-heading">
      <h2 id="draw-heading">Draw a digit</h2>
      <div class="draw-layout">
        <div class="pad-box">
          <canvas id="draw-pad" width="280" height="280" aria-label="Drawing pad: draw a digit with a mouse, pen or finger" aria-describedby="pad-keys"></canvas>
          <p id="pad-keys" class="hint">Or with the keys: focus the pad, move the pen with the arrow keys, Space puts it down or lifts it, Delete clears.</p>
          <div class="buttons">
            <button type="button" id="clear-drawing" class="secondary">Clear drawing</button>
            <button type="button" id="test-digit" class="secondary" disabled>Use a test digit</button>
          </div>
        </div>
        <div>
          <h3>What the model sees</h3>
          <canvas id="draw-input28" width="112" height="112" role="img" aria-label="Your drawing scaled to 28 by 28 pixels"></canvas>
          <p id="draw-prediction" class="draw-prediction" aria-live="polite">Draw a digit.</p>
        </div>
        <div class="grow">
          <h3>Probabilities</h3>
          <canvas id="probability-bars" width="320" height="220"></canvas>
        </div>
      </div>
      <h3 id="feature-maps-heading">Feature maps: what each layer sees in your drawing</h3>
      <p class="hint" id="feature-maps-hint">Choose a CNN preset and draw a digit: each convolution's filters light up where they find their pattern.</p>
      <canvas id="feature-maps" width="720" height="40" hidden></canvas>
    </section>

    <section class="panel" id="model-section" data-part="settings" aria-labelledby="model-heading">
      <details id="settings-details" open>
      <summary><h2 id="model-heading">Model and training settings</h2></summary>
      <form id="config-form" class="config-form" novalidate>
        <fieldset id="config-fieldset">
          <legend class="visually-hidden">Settings</legend>
          <div class="field wide">
            <label for="preset">Preset</label>
            <select id="preset" name="preset"></select>
            <p id="preset-why" class="hint"></p>
          </div>
          <div class="field wide layer-editor">
            <h3 id="layers-heading">Layers</h3>
            <p class="hint">From the 28×28 input to the 10 outputs. Convolutions and pooling work on the image; dense layers see every value.</p>
            <ol id="layer-list" class="layer-list" aria-labelledby="layers-heading"></ol>
            <p id="layer-list-note" class="hint" hidden></p>
            <div class="inline-controls">
              <label for="add-layer-type">New layer</label>
              <select id="add-layer-type"></select>
              <button type="button" id="add-layer" class="secondary">Add layer</button>
            </div>
            <label for="model-spec">Model spec</label>
            <input id="model-spec" name="model-spec" type="text" spellcheck="false" autocomplete="off" autocapitalize="off" aria-describedby="model-spec-hint model-spec-error">
            <p id="model-spec-hint" class="hint">The same model as text (press Enter to apply), e.g. <code>conv:8:5x5:relu,maxpool:2,flatten,dense:10:softmax</code>.</p>
            <p id="model-spec-error" class="field-error" aria-live="polite"></p>
          </div>
          <div class="field">
            <label for="loss">Loss</label>
            <select id="loss" name="loss"></select>
          </div>
          <div class="field">
            <label for="optimizer">Optimizer</label>
            <select id="optimizer" name="optimizer"></select>
          </div>
          <div class="field">
            <label for="learning-rate">Learning rate</label>
            <input id="learning-rate" name="learning-rate" type="number" min="0.000001" max="100" step="any" inputmode="decimal" list="learning-rates">
            <datalist id="learning-rates">
              <option value="0.0001"></option><option value="0.001"></option><option value="0.01"></option>
              <option value="0.1"></option><option value="0.5"></option><option value="1"></option>
            </datalist>
          </div>
          <div class="field">
            <label for="batch-size">Batch size</label>
            <select id="batch-size" name="batch-size"></select>
          </div>
          <div class="field">
            <label for="epochs">Epochs</label>
            <input id="epochs" name="epochs" type="number" min="1" max="1000" step="1" inputmode="numeric">
          </div>
          <div class="field">
            <label for="schedule">Learning-rate schedule</label>
            <select id="schedule" name="schedule"></select>
          </div>
          <div class="field">
            <label for="train-limit">Training images</label>
            <select id="train-limit" name="train-limit"></select>
          </div>
          <div class="field">
            <label for="init">Initialiser</label>
            <select id="init" name="init"></select>
          </div>
          <div class="field">
            <label for="weight-decay">L2 weight decay</label>
            <input id="weight-decay" name="weight-decay" type="number" min="0" max="1" step="any" inputmode="decimal" list="weight-decays" aria-describedby="weight-decay-hint">
            <datalist id="weight-decays">
              <option value="0"></option><option value="0.0001"></option><option value="0.001"></option><option value="0.01"></option>
            </datalist>
            <p id="weight-decay-hint" class="hint">λ: pulls every weight towards 0 a little each step (0: off).</p>
          </div>
          <div class="field">
            <label for="seed">Seed</label>
            <input id="seed" name="seed" type="number" min="0" max="4294967295" step="1" inputmode="numeric">
          </div>
          <div class="field checkbox wide">
            <input id="augment" name="augment" type="checkbox">
            <label for="augment">Augment the training images (random shifts up to 2 px and rotations up to 10°)</label>
          </div>
        </fieldset>
        <p id="config-lock" class="hint" hidden>Settings are locked during a run: press Stop or Reset to change them.</p>
        <p id="config-error" class="field-error" role="status" aria-live="polite"></p>
        <p class="model-summary"><span id="architecture">–</span> · <span id="parameter-count">–</span> parameters · <a id="share-link" href="">link to this setup</a></p>
        <details>
          <summary>Model summary</summary>
          <pre id="model-summary"></pre>
        </details>
      </form>
      </details>
    </section>

    <section class="panel" id="samples-section" data-part="samples" aria-labelledby="samples-heading">
      <h2 id="samples-heading">Training images</h2>
      <div class="inline-controls">
        <label for="sample-digit">Digit</label>
        <select id="sample-digit">
          <option value="all">All digits</option>
          <option>0</option><option>1</option><option>2</option><option>3</option><option>4</option>
          <option>5</option><option>6</option><option>7</option><option>8</option><option>9</option>
        </select>
        <button type="button" id="more-samples" class="secondary" disabled>Other images</button>
      </div>
      <canvas id="sample-grid" width="560" height="300"></canvas>
    </section>

    <section class="panel" id="predictions-section" data-part="predictions" aria-labelledby="predictions-heading">
      <h2 id="predictions-heading">Predictions on test digits</h2>
      <p class="hint" id="predictions-hint">Train the model to see its predictions on the 10,000 test images it never trained on.</p>
      <canvas id="prediction-grid" width="560" height="300"></canvas>
    </section>

    <section class="panel" id="errors-section" data-part="mistakes" aria-labelledby="errors-heading">
      <h2 id="errors-heading">Where it goes wrong</h2>
      <div class="two-columns">
        <div>
          <h3>Confusion matrix</h3>
          <p class="hint" id="matrix-hint">Rows: true digit. Columns: predicted digit. Choose a cell to see those mistakes: click it, or focus the matrix and use the arrow keys (Escape shows all).</p>
          <canvas id="confusion-matrix" width="360" height="360" tabindex="-1" aria-describedby="matrix-hint"></canvas>
          <div class="buttons small">
            <button type="button" class="secondary" data-table-for="confusion-matrix" aria-controls="confusion-table" aria-expanded="false">Show as table</button>
            <button type="button" class="secondary" data-png="confusion-matrix">Matrix as PNG</button>
          </div>
          <div id="confusion-table" class="data-table" hidden></div>
        </div>
        <div>
          <h3>Accuracy per digit</h3>
          <canvas id="per-class-accuracy" width="360" height="240"></canvas>
          <div class="buttons small">
            <button type="button" class="secondary" data-table-for="per-class-accuracy" aria-controls="per-class-table" aria-expanded="false">Show as table</button>
            <button type="button" class="secondary" data-png="per-class-accuracy">Accuracy chart as PNG</button>
          </div>
          <div id="per-class-table" class="data-table" hidden></div>
        </div>
      </div>
      <h3 id="gallery-heading">Misclassified test digits</h3>
      <div class="inline-controls">
        <label for="filter-actual">True digit</label>
        <select id="filter-actual"><option value="">any</option></select>
        <label for="filter-predicted">Predicted</label>
        <select id="filter-predicted"><option value="">any</option></select>
        <button type="button" id="filter-clear" class="secondary">Show all</button>
      </div>
      <p id="gallery-caption" class="hint" aria-live="polite">No test evaluation yet.</p>
      <canvas id="misclassified-grid" width="560" height="160"></canvas>
    </section>

    <section class="panel" id="weights-section" data-part="weights" aria-labelledby="weights-heading">
      <h2 id="weights-heading">First-layer weights</h2>
      <p class="hint" id="weights-hint">Each image is one neuron's 784 input weights drawn as 28×28 pixels: what it looks for.</p>
      <canvas id="weights-view" width="560" height="300"></canvas>
      <canvas id="conv-filters" width="560" height="200" hidden></canvas>
    </section>

  </div>

  <p class="offline" data-part="files">
    <span id="offline-status">Offline copy: checking…</span>
    <button type="button" id="offline-clear" class="secondary small" disabled>Clear offline copy</button>
  </p>
</div>
`;

/** Every name the `controls` attribute may list, in the order the full page shows them. */
export const PARTS = Object.freeze(['status', 'lessons', 'settings', 'train', 'chart', 'files', 'teach', 'samples',
  'predictions', 'mistakes', 'weights', 'draw']);

/** The named sets: full shows everything, compact a small demo, none only the chart. */
export const CONTROL_SETS = Object.freeze({
  full: PARTS,
  compact: ['status', 'train', 'chart', 'draw'],
  none: ['status', 'chart'],
});

/**
 * The parts a `controls` value shows: a named set, or a comma/space-separated list of PARTS
 * (unknown names are ignored; status is always shown, since errors and loading need a place).
 * @returns {{parts: Set<string>, unknown: string[]}}
 */
export function parseControls(value) {
  const text = (value ?? '').trim().toLowerCase() || 'full';
  if (CONTROL_SETS[text]) return { parts: new Set(CONTROL_SETS[text]), unknown: [] };
  const names = text.split(/[\s,]+/).filter(Boolean);
  const unknown = names.filter((n) => !PARTS.includes(n));
  return { parts: new Set(['status', ...names.filter((n) => PARTS.includes(n))]), unknown };
}

let template = null;

/** Builds the markup into `root` (a ShadowRoot or an element). */
export function buildMarkup(root) {
  if (!template) {
    template = document.createElement('template');
    template.innerHTML = TEMPLATE;
  }
  root.append(template.content.cloneNode(true));
}

/**
 * Shows the pieces whose data-part names a shown part; a piece naming several parts (the
 * training panel) shows when any of them is shown.
 * @param {ParentNode} root
 * @param {Set<string>} parts
 */
export function showParts(root, parts) {
  for (const el of root.querySelectorAll('[data-part]')) {
    el.hidden = !el.dataset.part.split(' ').some((name) => parts.has(name));
  }
  root.querySelector('.playground').dataset.layout = parts.size <= 4 ? 'compact' : 'full';
}
