// The confusion matrix as a heat map: row = true digit, column = predicted digit, each cell's
// count printed in it. Colour shows each row's share (what fraction of the true 4s went where):
// the diagonal (correct) shades toward --view-accent, mistakes toward --view-wrong on a separate,
// square-root scale relative to the largest mistake, so rare confusions still show. The numbers
// carry the information; colour only guides the eye.
//
// Usage:
//   drawConfusionMatrix(canvas, metrics.confusion, { selected: { actual: 4, predicted: 9 } });
//   canvas.addEventListener('click', (e) => {
//     const cell = confusionCellAt(canvas, e.offsetX, e.offsetY);  // {actual, predicted} | null
//   });
// The canvas keeps its width/height attributes as its size in CSS px; the grid is square.

import {
  describeCanvas, mixRgb, prepareCanvas, textColorOn, toLogical, toRgb, viewTheme,
} from './canvas.js';
import { DEFAULT_LANGUAGE, translator } from '../../i18n/index.js';

const N = 10;
const layouts = new WeakMap();  // canvas -> layout of the last drawing, for hit-testing

const ENGLISH = translator(DEFAULT_LANGUAGE);  // when the caller passes no translator

/**
 * @param {HTMLCanvasElement} canvas
 * @param {Int32Array|number[]} confusion  (10, 10) row-major counts: row = true, column = predicted
 * @param {{selected?: {actual: number, predicted: number}|null, t?: Function}} [options]  cell to
 *   outline; t: the interface's translator (axis titles and the text alternative)
 */
export function drawConfusionMatrix(canvas, confusion, { selected = null, t = ENGLISH } = {}) {
  const { ctx, width, height } = prepareCanvas(canvas);
  const theme = viewTheme(canvas);
  const layout = matrixLayout(width, height);
  layouts.set(canvas, layout);
  const { left, top, cell } = layout;

  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, width, height);

  const rowSums = Array.from({ length: N }, (_, r) => sumRow(confusion, r));
  let maxMistake = 0;  // the largest off-diagonal share: full mistake colour
  for (let r = 0; r < N; ++r) {
    for (let c = 0; c < N; ++c) {
      if (r !== c && rowSums[r] > 0) {
        maxMistake = Math.max(maxMistake, confusion[r * N + c] / rowSums[r]);
      }
    }
  }

  const background = toRgb(theme.background);
  const correctRgb = toRgb(theme.accent);
  const wrongRgb = toRgb(theme.wrong);
  const fontSize = Math.max(11, Math.min(14, Math.round(cell * 0.32)));
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (let r = 0; r < N; ++r) {
    for (let c = 0; c < N; ++c) {
      const count = confusion[r * N + c];
      const share = rowSums[r] > 0 ? count / rowSums[r] : 0;
      const t = r === c ? share : maxMistake > 0 ? Math.sqrt(share / maxMistake) : 0;
      const rgb = mixRgb(background, r === c ? correctRgb : wrongRgb, t);
      const x = left + c * cell;
      const y = top + r * cell;
      ctx.fillStyle = `rgb(${rgb})`;
      ctx.fillRect(x, y, cell, cell);
      if (count > 0) {
        ctx.fillStyle = textColorOn(rgb);
        ctx.font = `${r === c ? 'bold ' : ''}${fontSize}px ${theme.font}`;
        ctx.fillText(String(count), x + cell / 2, y + cell / 2, cell - 2);
      }
    }
  }

  // Thin lines between cells keep empty cells readable as a grid.
  ctx.strokeStyle = theme.grid;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let i = 0; i <= N; ++i) {
    ctx.moveTo(left + i * cell, top);
    ctx.lineTo(left + i * cell, top + N * cell);
    ctx.moveTo(left, top + i * cell);
    ctx.lineTo(left + N * cell, top + i * cell);
  }
  ctx.stroke();

  drawAxes(ctx, theme, layout, selected, t);
  if (selected) {
    // A two-tone frame shows on light and dark cells alike.
    const x = left + selected.predicted * cell;
    const y = top + selected.actual * cell;
    ctx.lineWidth = 4;
    ctx.strokeStyle = theme.text;
    ctx.strokeRect(x + 1, y + 1, cell - 2, cell - 2);
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = theme.background;
    ctx.strokeRect(x + 3.5, y + 3.5, cell - 7, cell - 7);
  }

  describeCanvas(canvas, 'confusion-matrix', describeMatrix(confusion, rowSums, selected, t));
}

/**
 * The cell under a point in CSS px relative to the canvas (a pointer event's offsetX/offsetY),
 * or null outside the grid. Uses the layout of the last drawConfusionMatrix on this canvas.
 * @returns {{actual: number, predicted: number}|null}
 */
export function confusionCellAt(canvas, offsetX, offsetY) {
  const layout = layouts.get(canvas);
  if (!layout) return null;
  const p = toLogical(canvas, offsetX, offsetY);
  const predicted = Math.floor((p.x - layout.left) / layout.cell);
  const actual = Math.floor((p.y - layout.top) / layout.cell);
  if (predicted < 0 || predicted >= N || actual < 0 || actual >= N) return null;
  return { actual, predicted };
}

// Room on the left and top for the axis titles and digit labels; the rest is a square grid.
function matrixLayout(width, height) {
  const left = 44;
  const top = 44;
  const cell = Math.floor(Math.min(width - left - 4, height - top - 4) / N);
  return { left, top, cell };
}

function drawAxes(ctx, theme, { left, top, cell }, selected, t) {
  const labelSize = Math.max(11, Math.min(14, Math.round(cell * 0.36)));
  ctx.fillStyle = theme.text;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (let i = 0; i < N; ++i) {
    // The selected cell's row and column labels are bold, so the selection reads from the axes too.
    ctx.font = `${selected?.predicted === i ? 'bold ' : ''}${labelSize}px ${theme.font}`;
    ctx.fillText(String(i), left + (i + 0.5) * cell, top - 10);
    ctx.font = `${selected?.actual === i ? 'bold ' : ''}${labelSize}px ${theme.font}`;
    ctx.fillText(String(i), left - 12, top + (i + 0.5) * cell);
  }
  ctx.fillStyle = theme.muted;
  ctx.font = `12px ${theme.font}`;
  ctx.fillText(t('matrix.predictedAxis'), left + (N * cell) / 2, 12);
  ctx.save();
  ctx.translate(12, top + (N * cell) / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.fillText(t('matrix.trueAxis'), 0, 0);
  ctx.restore();
}

function sumRow(confusion, r) {
  let sum = 0;
  for (let c = 0; c < N; ++c) sum += confusion[r * N + c];
  return sum;
}

function describeMatrix(confusion, rowSums, selected, t) {
  const total = rowSums.reduce((a, b) => a + b, 0);
  let correct = 0;
  const mistakes = [];
  for (let r = 0; r < N; ++r) {
    correct += confusion[r * N + r];
    for (let c = 0; c < N; ++c) {
      if (r !== c && confusion[r * N + c] > 0) mistakes.push({ r, c, count: confusion[r * N + c] });
    }
  }
  mistakes.sort((a, b) => b.count - a.count);
  const parts = [t('matrix.describe', { total, correct })];
  if (mistakes.length) {
    const top = mistakes.slice(0, 3).map((m) => t('matrix.mistake', { actual: m.r, predicted: m.c, count: m.count }));
    parts.push(t('matrix.commonMistakes', { list: top.join(t('list.comma')) }));
  }
  if (selected) {
    const count = confusion[selected.actual * N + selected.predicted];
    parts.push(t('matrix.selected', { actual: selected.actual, predicted: selected.predicted, count }));
  }
  return parts.join(' ');
}
