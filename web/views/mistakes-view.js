// "Where it goes wrong": the confusion matrix, accuracy per digit, and the gallery of
// misclassified test digits (most confident mistakes first). Choosing a matrix cell, by pointer or
// with the two selects (keyboard), filters the gallery to that (true, predicted) pair. clear()
// blanks it all when the model it describes is replaced.
import { clearCanvas } from './canvas/canvas.js';
import { drawConfusionMatrix, confusionCellAt } from './canvas/confusion-matrix.js';
import { drawPerClassAccuracy } from './canvas/per-class-accuracy.js';
import { drawDigitGrid, digitGridColumns } from './canvas/digit-grid.js';
import { formatCount } from './canvas/format.js';

const GALLERY_MAX = 60;

/** @param {ShadowRoot} root  @param {ReturnType<import('../i18n/index.js').createI18n>} i18n */
export function createMistakesView(root, i18n) {
  const $ = (id) => root.getElementById(id);
  const matrix = $('confusion-matrix');
  const perClass = $('per-class-accuracy');
  const gallery = $('misclassified-grid');
  const caption = $('gallery-caption');
  const actualSelect = $('filter-actual');
  const predictedSelect = $('filter-predicted');
  for (const select of [actualSelect, predictedSelect]) {
    for (let d = 0; d < 10; d++) select.append(new Option(String(d), String(d)));
  }
  // The page's sizes, before any drawing resizes the canvases: what clear() returns them to.
  const blankSizes = new Map([matrix, perClass, gallery].map((c) => [c, [c.width, c.height]]));
  let evaluation = null;  // the last EvaluationMessage
  let filter = { actual: null, predicted: null };

  function render() {
    if (!evaluation) return;
    const { t } = i18n;
    const selected = filter.actual !== null && filter.predicted !== null ? filter : null;
    drawConfusionMatrix(matrix, evaluation.confusion, { selected, t });
    drawPerClassAccuracy(perClass, evaluation.perClassAccuracy, { t });
    const items = evaluation.misclassified.filter((item) =>
      (filter.actual === null || item.label === filter.actual) &&
      (filter.predicted === null || item.predicted === filter.predicted));
    const shown = items.slice(0, GALLERY_MAX);
    drawDigitGrid(gallery, shown, { columns: digitGridColumns(gallery), cellSize: 48, t });
    const pair = [
      filter.actual !== null ? t('mistakes.filterTrue', { digit: filter.actual }) : '',
      filter.predicted !== null ? t('mistakes.filterPredicted', { digit: filter.predicted }) : '',
    ].filter(Boolean).join(t('list.comma'));
    // The real count comes from the confusion matrix: the worker sends only the most confident
    // mistakes' images, so the list may hold fewer than there are.
    const total = mistakeCount(evaluation.confusion, filter);
    const count = (n) => formatCount(n, i18n.locale);
    caption.textContent = [
      t(evaluation.split === 'test' ? 'mistakes.countTest' : 'mistakes.countValidation', { count: count(total) }),
      pair ? t('mistakes.pair', { pair }) : '',
      shown.length < total ? t('mistakes.showing', { count: count(shown.length) }) : '',
      t(shown.length > 1 ? 'mistakes.endOrdered' : 'mistakes.end'),
    ].join('');
    caption.dataset.total = String(total);
    caption.dataset.shown = String(shown.length);
    actualSelect.value = filter.actual === null ? '' : String(filter.actual);
    predictedSelect.value = filter.predicted === null ? '' : String(filter.predicted);
  }

  /** Mistakes with this true and/or predicted digit, from the (10 x 10) confusion counts. */
  function mistakeCount(confusion, { actual, predicted }) {
    let n = 0;
    for (let a = 0; a < 10; a++) {
      for (let p = 0; p < 10; p++) {
        if (a !== p && (actual === null || a === actual) && (predicted === null || p === predicted)) n += confusion[a * 10 + p];
      }
    }
    return n;
  }

  function setFilter(actual, predicted) {
    filter = { actual, predicted };
    render();
  }

  matrix.addEventListener('click', (event) => {
    if (!evaluation) return;
    const cell = confusionCellAt(matrix, event.offsetX, event.offsetY);
    if (cell) setFilter(cell.actual, cell.predicted);
  });
  // Keyboard on the focused matrix: arrows move the selected cell, Escape clears it.
  matrix.addEventListener('keydown', (event) => {
    if (!evaluation) return;
    const moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    if (event.key === 'Escape') { setFilter(null, null); event.preventDefault(); return; }
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    const a = filter.actual ?? 0;
    const p = filter.predicted ?? 1;
    setFilter(Math.min(9, Math.max(0, a + move[0])), Math.min(9, Math.max(0, p + move[1])));
  });
  const fromSelect = (select) => (select.value === '' ? null : Number(select.value));
  actualSelect.addEventListener('change', () => setFilter(fromSelect(actualSelect), filter.predicted));
  predictedSelect.addEventListener('change', () => setFilter(filter.actual, fromSelect(predictedSelect)));
  $('filter-clear').addEventListener('click', () => setFilter(null, null));

  const view = {
    /** @param {import('./protocol.js').EvaluationMessage} message */
    show(message) {
      evaluation = message;
      matrix.tabIndex = 0;  // something to explore with the arrow keys now
      render();
    },
    /** Draws what it shows again (the theme changed). */
    repaint: render,
    /** The evaluation shown (its confusion matrix and per-digit accuracy), or null. */
    get evaluation() { return evaluation; },
    /** No evaluation of the current model yet: blank views, no filter. */
    clear() {
      evaluation = null;
      filter = { actual: null, predicted: null };
      actualSelect.value = '';
      predictedSelect.value = '';
      matrix.tabIndex = -1;  // an empty box is no place for keyboard focus
      for (const [canvas, [width, height]] of blankSizes) clearCanvas(canvas, i18n.t('canvas.notEvaluated'), width, height);
      caption.textContent = i18n.t('mistakes.none');
    },
  };
  i18n.onChange(() => {
    if (evaluation) render();
    else view.clear();
  });
  caption.textContent = i18n.t('mistakes.none');
  return view;
}
