// "Where it goes wrong": the confusion matrix, accuracy per class, and the gallery of
// misclassified test images (most confident mistakes first), all in the classes' names. Choosing
// a matrix cell, by pointer or with the two selects (keyboard), filters the gallery to that
// (true, predicted) pair; a cell's title gives its names and count. The number of classes is the
// evaluation's (its N x N confusion counts). clear() blanks it all when the model it describes is
// replaced.
import { clearCanvas } from './canvas/canvas.js';
import { classCount, drawConfusionMatrix, confusionCellAt } from './canvas/confusion-matrix.js';
import { drawPerClassAccuracy } from './canvas/per-class-accuracy.js';
import { drawDigitGrid, digitGridColumns } from './canvas/digit-grid.js';
import { formatCount } from './canvas/format.js';

const GALLERY_MAX = 60;

/**
 * @param {ShadowRoot} root  @param {ReturnType<import('../i18n/index.js').createI18n>} i18n
 * @param {ReturnType<import('./class-labels.js').createClassLabels>} classes
 */
export function createMistakesView(root, i18n, classes) {
  const $ = (id) => root.getElementById(id);
  const matrix = $('confusion-matrix');
  const perClass = $('per-class-accuracy');
  const gallery = $('misclassified-grid');
  const caption = $('gallery-caption');
  const actualSelect = $('filter-actual');
  const predictedSelect = $('filter-predicted');
  // The page's sizes, before any drawing resizes the canvases: what clear() returns them to.
  const blankSizes = new Map([matrix, perClass, gallery].map((c) => [c, [c.width, c.height]]));
  let evaluation = null;  // the last EvaluationMessage
  let filter = { actual: null, predicted: null };

  /** The selects offer these classes by name ("any" first, as the markup has it). */
  function fillSelects(labels) {
    for (const select of [actualSelect, predictedSelect]) {
      select.replaceChildren(select.options[0], ...labels.map((name, c) => new Option(name, String(c))));
    }
  }

  function render() {
    if (!evaluation) return;
    const { t } = i18n;
    // The evaluation's classes: (N x N) counts, N names.
    const labels = Array.from({ length: classCount(evaluation.confusion) }, (_, c) => classes.label(c));
    const selected = filter.actual !== null && filter.predicted !== null ? filter : null;
    fillSelects(labels);
    drawConfusionMatrix(matrix, evaluation.confusion, { labels, selected, t });
    drawPerClassAccuracy(perClass, evaluation.perClassAccuracy, { labels, t });
    const items = evaluation.misclassified.filter((item) =>
      (filter.actual === null || item.label === filter.actual) &&
      (filter.predicted === null || item.predicted === filter.predicted));
    const shown = items.slice(0, GALLERY_MAX);
    drawDigitGrid(gallery, shown, { columns: digitGridColumns(gallery), cellSize: 48, labels, t });
    showCaption(labels, shown.length);
    actualSelect.value = filter.actual === null ? '' : String(filter.actual);
    predictedSelect.value = filter.predicted === null ? '' : String(filter.predicted);
  }

  /** "123 misclassified test images (true class 4, predicted 9): showing the 60 most confident..." */
  function showCaption(labels, shown) {
    const { t } = i18n;
    const pair = [
      filter.actual !== null ? t('mistakes.filterTrue', { name: labels[filter.actual] }) : '',
      filter.predicted !== null ? t('mistakes.filterPredicted', { name: labels[filter.predicted] }) : '',
    ].filter(Boolean).join(t('list.comma'));
    // The real count comes from the confusion matrix: the worker sends only the most confident
    // mistakes' images, so the list may hold fewer than there are.
    const total = mistakeCount(evaluation.confusion, filter);
    const count = (n) => formatCount(n, i18n.locale);
    caption.textContent = [
      t(evaluation.split === 'test' ? 'mistakes.countTest' : 'mistakes.countValidation', { count: count(total) }),
      pair ? t('mistakes.pair', { pair }) : '',
      shown < total ? t('mistakes.showing', { count: count(shown) }) : '',
      t(shown > 1 ? 'mistakes.endOrdered' : 'mistakes.end'),
    ].join('');
    caption.dataset.total = String(total);
    caption.dataset.shown = String(shown);
  }

  /** Mistakes with this true and/or predicted class, from the (N x N) confusion counts. */
  function mistakeCount(confusion, { actual, predicted }) {
    const n = classCount(confusion);
    let count = 0;
    for (let a = 0; a < n; a++) {
      for (let p = 0; p < n; p++) {
        if (a !== p && (actual === null || a === actual) && (predicted === null || p === predicted)) count += confusion[a * n + p];
      }
    }
    return count;
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
  // A title names the cell under the pointer in full (the axes may cut long names).
  matrix.addEventListener('pointermove', (event) => {
    const cell = evaluation && confusionCellAt(matrix, event.offsetX, event.offsetY);
    if (!cell) {
      matrix.removeAttribute('title');
      return;
    }
    const count = evaluation.confusion[cell.actual * classCount(evaluation.confusion) + cell.predicted];
    matrix.title = i18n.t('matrix.cell', { actual: classes.label(cell.actual), predicted: classes.label(cell.predicted), count });
  });
  // Keyboard on the focused matrix: arrows move the selected cell, Escape clears it.
  matrix.addEventListener('keydown', (event) => {
    if (!evaluation) return;
    const moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    if (event.key === 'Escape') { setFilter(null, null); event.preventDefault(); return; }
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    const last = classCount(evaluation.confusion) - 1;
    const a = filter.actual ?? 0;
    const p = filter.predicted ?? 1;
    setFilter(Math.min(last, Math.max(0, a + move[0])), Math.min(last, Math.max(0, p + move[1])));
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
    /** The evaluation shown (its confusion matrix and per-class accuracy), or null. */
    get evaluation() { return evaluation; },
    /** No evaluation of the current model yet: blank views, no filter. */
    clear() {
      evaluation = null;
      filter = { actual: null, predicted: null };
      actualSelect.value = '';
      predictedSelect.value = '';
      matrix.tabIndex = -1;  // an empty box is no place for keyboard focus
      matrix.removeAttribute('title');
      fillSelects(classes.names());
      for (const [canvas, [width, height]] of blankSizes) clearCanvas(canvas, i18n.t('canvas.notEvaluated'), width, height);
      caption.textContent = i18n.t('mistakes.none');
    },
  };
  // Other classes or another language (the names follow the interface's): shown at once.
  classes.onChange(() => {
    if (evaluation) render();
    else view.clear();
  });
  fillSelects(classes.names());
  caption.textContent = i18n.t('mistakes.none');
  return view;
}
