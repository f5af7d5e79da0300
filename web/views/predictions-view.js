// "Predictions on test digits": the first test images with the model's answers, under a line
// giving the test accuracy. clear() puts back the empty grid and the invitation to train, for a
// model that has not been evaluated yet.
import { clearCanvas } from './canvas/canvas.js';
import { drawDigitGrid, digitGridColumns } from './canvas/digit-grid.js';
import { formatCount, formatPercent } from './canvas/format.js';

export function createPredictionsView(root) {
  const grid = root.getElementById('prediction-grid');
  const hint = root.getElementById('predictions-hint');
  const blank = { text: hint.textContent, width: grid.width, height: grid.height };

  let shown = null;  // the evaluation drawn, to draw again in another theme
  return {
    /** @param {import('../engine/protocol.js').EvaluationMessage} evaluation  of the test set */
    show(evaluation) {
      shown = evaluation;
      drawDigitGrid(grid, evaluation.preview, { columns: digitGridColumns(grid), cellSize: 48 });
      hint.textContent = `The first ${evaluation.preview.length} test images: ` +
        `${formatPercent(evaluation.accuracy, 2)} of all ${formatCount(evaluation.count)} are right.`;
    },
    /** Draws what it shows again (the theme changed). */
    repaint() {
      if (shown) this.show(shown);
    },
    clear() {
      shown = null;
      clearCanvas(grid, 'Nothing yet: the model has not been evaluated on the test set.', blank.width, blank.height);
      hint.textContent = blank.text;
    },
  };
}
