// The playground's markup: every panel the full page shows, built inside one root (a shadow
// root, so the ids below are local to each <mnist-playground> and two elements on a page never
// meet). Views find their elements with root.getElementById; `data-part` names the pieces the
// `controls` attribute can show or hide (see PARTS below). No text in any language here: an
// element marked data-i18n="key" (or data-i18n-attr="aria-label:key") gets its text from the
// catalogues (web/i18n/<lang>/ui.js, via views/translate.js); the others are filled by their
// views. No user data is ever put into this HTML.
import { translateMarkup } from './translate.js';

const TEMPLATE = `
<div class="playground" part="playground">
  <div class="topbar" data-part="status">
    <p id="data-status" class="data-status" role="status" aria-live="polite"></p>
    <label class="theme-choice"><span data-i18n="top.theme"></span>
      <select id="theme-choice">
        <option value="auto" data-i18n="top.themeAuto"></option><option value="light" data-i18n="top.themeLight"></option><option value="dark" data-i18n="top.themeDark"></option>
      </select>
    </label>
    <label class="theme-choice"><span data-i18n="top.language"></span>
      <select id="language-choice"></select>
    </label>
    <p class="badge" id="build-badge" data-build="loading"></p>
    <label class="theme-choice"><span data-i18n="top.threads"></span>
      <select id="threads-choice" aria-describedby="threads-why"></select>
    </label>
    <span id="threads-why" class="visually-hidden"></span>
  </div>

  <div id="error-banner" class="error-banner" role="alert" hidden>
    <div>
      <strong id="error-title"></strong>
      <p id="error-message"></p>
      <p id="error-hint" class="hint"></p>
    </div>
    <button type="button" id="error-dismiss" class="secondary" data-i18n="banner.dismiss"></button>
  </div>

  <div id="restore-notice" class="notice" role="status" hidden>
    <p id="restore-text"></p>
    <button type="button" id="discard-saved" class="secondary" data-i18n="restore.discard"></button>
  </div>

  <p class="intro" data-part="train" data-i18n="intro"></p>

  <section class="panel lesson-panel" id="lesson-panel" data-part="lessons" aria-labelledby="lesson-heading"></section>

  <div class="panels">

    <section class="panel" id="train-section" data-part="train chart files" aria-labelledby="train-heading">
      <h2 id="train-heading" data-i18n="train.heading"></h2>
      <div data-part="train">
        <div class="buttons" role="group" data-i18n-attr="aria-label:train.controls">
          <button type="button" id="train-button" class="primary" disabled></button>
          <button type="button" id="scratch-button" class="secondary" hidden data-i18n="train.scratch"></button>
          <button type="button" id="pause-button" aria-pressed="false" disabled></button>
          <button type="button" id="step-button" disabled data-i18n="train.step"></button>
          <button type="button" id="stop-button" disabled data-i18n="train.stop"></button>
          <button type="button" id="reset-button" disabled data-i18n="train.reset"></button>
        </div>
        <p id="train-hint" class="hint" hidden></p>
        <p id="run-announcer" class="visually-hidden" role="status" aria-live="polite"></p>
        <div class="progress-block">
          <label for="train-progress" id="progress-label"></label>
          <progress id="train-progress" max="1" value="0"></progress>
          <dl class="counters" id="counters">
            <div><dt data-i18n="counter.state"></dt><dd id="run-state"></dd></div>
            <div><dt data-i18n="counter.epoch"></dt><dd id="epoch-counter">–</dd></div>
            <div><dt data-i18n="counter.batch"></dt><dd id="batch-counter">–</dd></div>
            <div><dt data-i18n="counter.samples"></dt><dd id="samples-counter">0</dd></div>
            <div><dt data-i18n="counter.speed"></dt><dd id="speed">–</dd></div>
            <div><dt data-i18n="counter.eta"></dt><dd id="eta">–</dd></div>
            <div><dt data-i18n="counter.loss"></dt><dd id="loss-value" data-i18n-attr="title:counter.lossTitle">–</dd></div>
            <div><dt data-i18n="counter.accuracy"></dt><dd id="accuracy-value" data-i18n-attr="title:counter.accuracyTitle">–</dd></div>
            <div><dt data-i18n="counter.firstLoss"></dt><dd id="first-batch-loss">–</dd></div>
          </dl>
        </div>
      </div>
      <div data-part="chart">
        <div class="chart-box">
          <canvas id="training-chart" width="640" height="280"></canvas>
        </div>
        <div class="buttons small" role="group" data-i18n-attr="aria-label:chart.group">
          <button type="button" class="secondary" data-table-for="training-chart" aria-controls="training-table" aria-expanded="false"></button>
          <button type="button" id="chart-png" class="secondary" data-png="training-chart" data-i18n="chart.png"></button>
        </div>
        <div id="training-table" class="data-table" hidden></div>
      </div>
      <div data-part="train">
        <h3 data-i18n="epochs.heading"></h3>
        <ol id="epoch-log" class="epoch-log" aria-live="polite" aria-relevant="additions"></ol>
        <p id="test-accuracy" class="test-accuracy" role="status" aria-live="polite"></p>
      </div>
      <div data-part="files">
        <div class="buttons" role="group" data-i18n-attr="aria-label:files.modelGroup">
          <button type="button" id="save-model-button" class="secondary" disabled data-i18n="files.download"></button>
          <button type="button" id="export-onnx-button" class="secondary" disabled data-i18n="files.onnx"></button>
          <button type="button" id="load-model-button" class="secondary" disabled data-i18n="files.load"></button>
          <input type="file" id="load-model-input" accept=".bin,.model,application/octet-stream" hidden>
        </div>
        <p class="hint" data-i18n="files.hint"></p>
        <p class="hint" data-i18n="files.onnxHint"></p>
        <details id="code-view" class="code-view">
          <summary data-i18n="code.summary"></summary>
          <div class="buttons" role="group" data-i18n-attr="aria-label:code.group">
            <label for="code-framework" data-i18n="code.framework"></label>
            <select id="code-framework">
              <option value="pytorch" data-i18n="code.pytorch"></option>
              <option value="keras" data-i18n="code.keras"></option>
            </select>
            <button type="button" id="code-copy" class="secondary" disabled data-i18n="code.copy"></button>
            <button type="button" id="code-download" class="secondary" disabled data-i18n="code.download"></button>
            <span id="code-status" role="status"></span>
          </div>
          <p class="hint" data-i18n="code.note"></p>
          <pre class="code-text" tabindex="0"><code id="code-text"></code></pre>
        </details>
        <div class="buttons" role="group" data-i18n-attr="aria-label:files.curvesGroup">
          <button type="button" id="export-csv" class="secondary" disabled data-i18n="files.csv"></button>
          <button type="button" id="export-json" class="secondary" disabled data-i18n="files.json"></button>
        </div>
      </div>
    </section>

    <section class="panel" id="draw-section" data-part="draw" aria-labelledby="draw-heading">
      <h2 id="draw-heading" data-i18n="draw.heading"></h2>
      <div class="draw-layout">
        <div class="pad-box">
          <canvas id="draw-pad" width="280" height="280" aria-describedby="pad-keys"></canvas>
          <p id="pad-keys" class="hint" data-i18n="draw.keys"></p>
          <div class="buttons">
            <button type="button" id="clear-drawing" class="secondary" data-i18n="draw.clear"></button>
            <button type="button" id="test-digit" class="secondary" disabled data-i18n="draw.testDigit"></button>
          </div>
        </div>
        <div>
          <h3 data-i18n="draw.modelSees"></h3>
          <canvas id="draw-input28" width="112" height="112" role="img" data-i18n-attr="aria-label:draw.input28"></canvas>
          <p id="draw-prediction" class="draw-prediction" aria-live="polite"></p>
        </div>
        <div class="grow">
          <h3 data-i18n="draw.probabilities"></h3>
          <canvas id="probability-bars" width="320" height="220"></canvas>
        </div>
      </div>
      <h3 id="feature-maps-heading" data-i18n="maps.heading"></h3>
      <p class="hint" id="feature-maps-hint"></p>
      <canvas id="feature-maps" width="720" height="40" hidden></canvas>
    </section>

    <section class="panel teach-section" id="teach-section" data-part="teach" aria-labelledby="teach-heading">
      <h2 id="teach-heading" data-i18n="inside.heading"></h2>
      <div id="explain-panel" class="teach-block"></div>
      <div id="gradcheck-panel" class="teach-block"></div>
      <div id="health-panel" class="teach-block"></div>
      <div id="compare-panel" class="teach-block"></div>
    </section>

    <section class="panel" id="data-section" data-part="data" aria-labelledby="data-heading">
      <h2 id="data-heading" data-i18n="data.heading"></h2>
      <div class="inline-controls">
        <label for="dataset-choice" data-i18n="data.choose"></label>
        <select id="dataset-choice" disabled></select>
      </div>
      <p class="hint" id="dataset-about"></p>
      <p class="hint" id="dataset-source"></p>
      <p id="dataset-split" role="status" aria-live="polite"></p>
      <h3 data-i18n="data.ownHeading"></h3>
      <p class="hint" id="upload-hint" data-i18n="data.ownHint"></p>
      <div id="upload-zone" class="drop-zone" data-i18n="data.drop"></div>
      <div class="buttons small" role="group" data-i18n-attr="aria-label:data.ownHeading">
        <button type="button" id="upload-folder-button" class="secondary" disabled data-i18n="data.chooseFolder" aria-describedby="upload-hint"></button>
        <button type="button" id="upload-files-button" class="secondary" disabled data-i18n="data.chooseFiles" aria-describedby="upload-hint"></button>
        <input type="file" id="upload-folder-input" webkitdirectory multiple hidden>
        <input type="file" id="upload-files-input" multiple hidden>
      </div>
      <p id="upload-notes" class="hint"></p>
    </section>

    <section class="panel" id="model-section" data-part="settings" aria-labelledby="model-heading">
      <details id="settings-details" open>
      <summary><h2 id="model-heading" data-i18n="settings.heading"></h2></summary>
      <form id="config-form" class="config-form" novalidate>
        <fieldset id="config-fieldset">
          <legend class="visually-hidden" data-i18n="settings.legend"></legend>
          <div class="field wide">
            <label for="preset" data-i18n="settings.preset"></label>
            <select id="preset" name="preset"></select>
            <p id="preset-why" class="hint"></p>
          </div>
          <div class="field wide layer-editor">
            <h3 id="layers-heading" data-i18n="layers.heading"></h3>
            <p class="hint" data-i18n="layers.hint"></p>
            <ol id="layer-list" class="layer-list" aria-labelledby="layers-heading"></ol>
            <p id="layer-list-note" class="hint" hidden></p>
            <div class="inline-controls">
              <label for="add-layer-type" data-i18n="layers.newLayer"></label>
              <select id="add-layer-type"></select>
              <button type="button" id="add-layer" class="secondary" data-i18n="layers.add"></button>
            </div>
            <label for="model-spec" data-i18n="layers.spec"></label>
            <input id="model-spec" name="model-spec" type="text" spellcheck="false" autocomplete="off" autocapitalize="off" aria-describedby="model-spec-hint model-spec-error">
            <p id="model-spec-hint" class="hint" data-i18n="layers.specHint"></p>
            <p id="model-spec-error" class="field-error" aria-live="polite"></p>
          </div>
          <div class="field">
            <label for="loss" data-i18n="settings.loss"></label>
            <select id="loss" name="loss"></select>
          </div>
          <div class="field">
            <label for="optimizer" data-i18n="settings.optimizer"></label>
            <select id="optimizer" name="optimizer"></select>
          </div>
          <div class="field">
            <label for="learning-rate" data-i18n="settings.learningRate"></label>
            <input id="learning-rate" name="learning-rate" type="number" min="0.000001" max="100" step="any" inputmode="decimal" list="learning-rates">
            <datalist id="learning-rates">
              <option value="0.0001"></option><option value="0.001"></option><option value="0.01"></option>
              <option value="0.1"></option><option value="0.5"></option><option value="1"></option>
            </datalist>
          </div>
          <div class="field">
            <label for="batch-size" data-i18n="settings.batchSize"></label>
            <select id="batch-size" name="batch-size"></select>
          </div>
          <div class="field">
            <label for="epochs" data-i18n="settings.epochs"></label>
            <input id="epochs" name="epochs" type="number" min="1" max="1000" step="1" inputmode="numeric">
          </div>
          <div class="field">
            <label for="schedule" data-i18n="settings.schedule"></label>
            <select id="schedule" name="schedule"></select>
          </div>
          <div class="field">
            <label for="train-limit" data-i18n="settings.trainLimit"></label>
            <select id="train-limit" name="train-limit"></select>
          </div>
          <div class="field">
            <label for="init" data-i18n="settings.init"></label>
            <select id="init" name="init"></select>
          </div>
          <div class="field">
            <label for="weight-decay" data-i18n="settings.weightDecay"></label>
            <input id="weight-decay" name="weight-decay" type="number" min="0" max="1" step="any" inputmode="decimal" list="weight-decays" aria-describedby="weight-decay-hint">
            <datalist id="weight-decays">
              <option value="0"></option><option value="0.0001"></option><option value="0.001"></option><option value="0.01"></option>
            </datalist>
            <p id="weight-decay-hint" class="hint" data-i18n="settings.weightDecayHint"></p>
          </div>
          <div class="field">
            <label for="seed" data-i18n="settings.seed"></label>
            <input id="seed" name="seed" type="number" min="0" max="4294967295" step="1" inputmode="numeric">
          </div>
          <div class="field checkbox wide">
            <input id="augment" name="augment" type="checkbox">
            <label for="augment" data-i18n="settings.augment"></label>
          </div>
        </fieldset>
        <p id="config-lock" class="hint" hidden data-i18n="settings.locked"></p>
        <p id="config-error" class="field-error" role="status" aria-live="polite"></p>
        <p class="model-summary"><span id="architecture">–</span> · <span id="parameter-count">–</span> <span data-i18n="settings.parameters"></span> · <a id="share-link" href="" data-i18n="settings.shareLink"></a></p>
        <details>
          <summary data-i18n="settings.summary"></summary>
          <pre id="model-summary"></pre>
        </details>
      </form>
      </details>
    </section>

    <section class="panel" id="samples-section" data-part="samples" aria-labelledby="samples-heading">
      <h2 id="samples-heading" data-i18n="samples.heading"></h2>
      <div class="inline-controls">
        <label for="sample-digit" data-i18n="samples.digit"></label>
        <select id="sample-digit">
          <option value="all" data-i18n="samples.allDigits"></option>
        </select>
        <button type="button" id="more-samples" class="secondary" disabled data-i18n="samples.more"></button>
      </div>
      <canvas id="sample-grid" width="560" height="300"></canvas>
    </section>

    <section class="panel" id="predictions-section" data-part="predictions" aria-labelledby="predictions-heading">
      <h2 id="predictions-heading" data-i18n="predictions.heading"></h2>
      <p class="hint" id="predictions-hint"></p>
      <canvas id="prediction-grid" width="560" height="300"></canvas>
    </section>

    <section class="panel" id="errors-section" data-part="mistakes" aria-labelledby="errors-heading">
      <h2 id="errors-heading" data-i18n="mistakes.heading"></h2>
      <div class="two-columns">
        <div>
          <h3 data-i18n="mistakes.matrix"></h3>
          <p class="hint" id="matrix-hint" data-i18n="mistakes.matrixHint"></p>
          <canvas id="confusion-matrix" width="360" height="360" tabindex="-1" aria-describedby="matrix-hint"></canvas>
          <div class="buttons small">
            <button type="button" class="secondary" data-table-for="confusion-matrix" aria-controls="confusion-table" aria-expanded="false"></button>
            <button type="button" class="secondary" data-png="confusion-matrix" data-i18n="mistakes.matrixPng"></button>
          </div>
          <div id="confusion-table" class="data-table" hidden></div>
        </div>
        <div>
          <h3 data-i18n="mistakes.perDigit"></h3>
          <canvas id="per-class-accuracy" width="360" height="240"></canvas>
          <div class="buttons small">
            <button type="button" class="secondary" data-table-for="per-class-accuracy" aria-controls="per-class-table" aria-expanded="false"></button>
            <button type="button" class="secondary" data-png="per-class-accuracy" data-i18n="mistakes.perDigitPng"></button>
          </div>
          <div id="per-class-table" class="data-table" hidden></div>
        </div>
      </div>
      <h3 id="gallery-heading" data-i18n="mistakes.gallery"></h3>
      <div class="inline-controls">
        <label for="filter-actual" data-i18n="mistakes.trueDigit"></label>
        <select id="filter-actual"><option value="" data-i18n="mistakes.any"></option></select>
        <label for="filter-predicted" data-i18n="mistakes.predicted"></label>
        <select id="filter-predicted"><option value="" data-i18n="mistakes.any"></option></select>
        <button type="button" id="filter-clear" class="secondary" data-i18n="mistakes.showAll"></button>
      </div>
      <p id="gallery-caption" class="hint" aria-live="polite"></p>
      <canvas id="misclassified-grid" width="560" height="160"></canvas>
    </section>

    <section class="panel" id="weights-section" data-part="weights" aria-labelledby="weights-heading">
      <h2 id="weights-heading"></h2>
      <p class="hint" id="weights-hint"></p>
      <canvas id="weights-view" width="560" height="300"></canvas>
      <canvas id="conv-filters" width="560" height="200" hidden></canvas>
    </section>

    <section class="panel" id="bench-section" data-part="bench" aria-labelledby="bench-heading">
      <h2 id="bench-heading" data-i18n="bench.heading"></h2>
      <div id="bench-panel"></div>
    </section>

  </div>

  <p class="offline" data-part="files">
    <span id="offline-status"></span>
    <button type="button" id="offline-clear" class="secondary small" disabled data-i18n="offline.clear"></button>
  </p>
</div>
`;

/** Every name the `controls` attribute may list, in the order the full page shows them. */
export const PARTS = Object.freeze(['status', 'lessons', 'data', 'settings', 'train', 'chart', 'files', 'teach',
  'samples', 'predictions', 'mistakes', 'weights', 'draw', 'bench']);

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

/** The markup as written (for the test that checks it holds no untranslated text). */
export const MARKUP = TEMPLATE;

/**
 * Builds the markup into `root` (a ShadowRoot or an element), its static text in the language of
 * `i18n`, which it follows when the language changes; the root element gets the language's tag.
 */
export function buildMarkup(root, i18n) {
  if (!template) {
    template = document.createElement('template');
    template.innerHTML = TEMPLATE;
  }
  root.append(template.content.cloneNode(true));
  const translate = () => {
    root.querySelector('.playground').lang = i18n.tag;
    translateMarkup(root, i18n.t);
  };
  translate();
  i18n.onChange(translate);
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
