// "Predictions on test images": the first test images with the model's answers in the classes'
// names, under a line giving the test accuracy. clear() puts back the empty grid and the
// invitation to train, for a model that has not been evaluated yet.
import { clearCanvas } from './canvas/canvas.js';
import { drawDigitGrid, digitGridColumns } from './canvas/digit-grid.js';
import { formatCount, formatPercent } from './canvas/format.js';

/**
 * @param {ShadowRoot} root  @param {ReturnType<import('../i18n/index.js').createI18n>} i18n
 * @param {ReturnType<import('./class-labels.js').createClassLabels>} classes
 */
export function createPredictionsView(root, i18n, classes) {
  const grid = root.getElementById('prediction-grid');
  const hint = root.getElementById('predictions-hint');
  const blank = { width: grid.width, height: grid.height };

  let shown = null;  // the evaluation drawn, to draw again in another theme or language
  const view = {
    /** @param {import('../engine/protocol.js').EvaluationMessage} evaluation  of the test set */
    show(evaluation) {
      const { t } = i18n;
      shown = evaluation;
      drawDigitGrid(grid, evaluation.preview, { columns: digitGridColumns(grid), cellSize: 48, labels: classes.names(), t });
      hint.textContent = t('predictions.summary', {
        shown: evaluation.preview.length, accuracy: formatPercent(evaluation.accuracy, 2),
        count: formatCount(evaluation.count, i18n.locale),
      });
    },
    /** Draws what it shows again (the theme, the language or the class names changed). */
    repaint() {
      if (shown) view.show(shown);
      else view.clear();
    },
    clear() {
      shown = null;
      clearCanvas(grid, i18n.t('canvas.notEvaluated'), blank.width, blank.height);
      hint.textContent = i18n.t('predictions.hint');
    },
  };
  classes.onChange(view.repaint);  // other names, or another language
  hint.textContent = i18n.t('predictions.hint');
  return view;
}
