// The confusion matrix as a heat map: row = true class, column = predicted class, each cell's
// count printed in it. Colour shows each row's share (what fraction of the true 4s went where):
// the diagonal (correct) shades toward --view-accent, mistakes toward --view-wrong on a separate,
// square-root scale relative to the largest mistake, so rare confusions still show. The numbers
// carry the information; colour only guides the eye. N classes give N x N cells; the class names
// label the axes (cut with '…' where they do not fit, the column names turned upright when
// they are wider than a cell), in full in the text alternative.
//
// Usage:
//   drawConfusionMatrix(canvas, metrics.confusion, { labels: classes.names(), selected: { actual: 4, predicted: 9 } });
//   canvas.addEventListener('click', (e) => {
//     const cell = confusionCellAt(canvas, e.offsetX, e.offsetY);  // {actual, predicted} | null
//   });
// The canvas keeps its width/height attributes as its size in CSS px; the grid is square.

import {
  describeCanvas, mixRgb, prepareCanvas, textColorOn, toLogical, toRgb, viewTheme,
} from './canvas.js';
import { digitLabels, fitText, widestText } from './text-fit.js';
import { DEFAULT_LANGUAGE, translator } from '../../i18n/index.js';

const AXIS_TITLE = 24;  // px for an axis title (12px text) beside the class names
const layouts = new WeakMap();  // canvas -> layout of the last drawing, for hit-testing

const ENGLISH = translator(DEFAULT_LANGUAGE);  // when the caller passes no translator

/** N for an (N, N) matrix of counts. */
export function classCount(confusion) {
  return Math.round(Math.sqrt(confusion.length));
}

/**
 * @param {HTMLCanvasElement} canvas
 * @param {Int32Array|number[]} confusion  (N, N) row-major counts: row = true, column = predicted
 * @param {{labels?: string[], selected?: {actual: number, predicted: number}|null, t?: Function}} [options]
 *   labels: the classes' names (default: the digits 0..N-1); selected: the cell to outline;
 *   t: the interface's translator (axis titles and the text alternative)
 */
export function drawConfusionMatrix(canvas, confusion, { labels, selected = null, t = ENGLISH } = {}) {
  const N = classCount(confusion);
  labels ??= digitLabels(N);
  const { ctx, width, height } = prepareCanvas(canvas);
  const theme = viewTheme(canvas);
  const layout = matrixLayout(ctx, theme, labels, width, height);
  layouts.set(canvas, layout);
  const { left, top, cell } = layout;

  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, width, height);

  const rowSums = Array.from({ length: N }, (_, r) => sumRow(confusion, N, r));
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

  drawAxes(ctx, theme, layout, labels, selected, t);
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

  describeCanvas(canvas, 'confusion-matrix', describeMatrix(confusion, labels, rowSums, selected, t));
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
  const { n } = layout;
  if (predicted < 0 || predicted >= n || actual < 0 || actual >= n) return null;
  return { actual, predicted };
}

// Room on the left for the row names and on top for the column names, each beside its axis
// title; the rest is a square grid. Names take at most a quarter of the canvas each way; column
// names wider than a cell stand upright.
function matrixLayout(ctx, theme, labels, width, height) {
  const n = labels.length;
  const labelSize = 13;  // the largest the axes use: measured before the cell size is known
  ctx.font = `bold ${labelSize}px ${theme.font}`;
  const widest = widestText(ctx, labels);
  const rowNames = Math.min(width / 4, widest);
  const left = AXIS_TITLE + rowNames + 6;
  const guess = Math.floor((Math.min(width - left, height - AXIS_TITLE - labelSize) - 4) / n);
  const upright = widest > guess - 2;
  const columnNames = upright ? Math.min(height / 4, widest) : labelSize;
  const top = AXIS_TITLE + columnNames + 6;
  const cell = Math.floor(Math.min(width - left - 4, height - top - 4) / n);
  return { n, left, top, cell, rowNames, columnNames, upright };
}

function drawAxes(ctx, theme, layout, labels, selected, t) {
  const { n, left, top, cell, rowNames, columnNames, upright } = layout;
  const labelSize = Math.max(11, Math.min(13, Math.round(cell * 0.36)));
  const font = (bold) => `${bold ? 'bold ' : ''}${labelSize}px ${theme.font}`;
  ctx.fillStyle = theme.text;
  ctx.textBaseline = 'middle';
  for (let i = 0; i < n; ++i) {
    // The selected cell's row and column names are bold, so the selection reads from the axes too.
    ctx.font = font(selected?.predicted === i);
    const x = left + (i + 0.5) * cell;
    if (upright) {
      ctx.save();
      ctx.translate(x, top - 4);
      ctx.rotate(-Math.PI / 2);
      ctx.textAlign = 'left';
      ctx.fillText(fitText(ctx, labels[i], columnNames), 0, 0);
      ctx.restore();
    } else {
      ctx.textAlign = 'center';
      ctx.fillText(fitText(ctx, labels[i], cell - 2), x, top - 4 - labelSize / 2);
    }
    ctx.font = font(selected?.actual === i);
    ctx.textAlign = 'right';
    ctx.fillText(fitText(ctx, labels[i], rowNames), left - 4, top + (i + 0.5) * cell);
  }
  ctx.fillStyle = theme.muted;
  ctx.font = `12px ${theme.font}`;
  ctx.textAlign = 'center';
  ctx.fillText(t('matrix.predictedAxis'), left + (n * cell) / 2, 12);
  ctx.save();
  ctx.translate(12, top + (n * cell) / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.fillText(t('matrix.trueAxis'), 0, 0);
  ctx.restore();
}

function sumRow(confusion, N, r) {
  let sum = 0;
  for (let c = 0; c < N; ++c) sum += confusion[r * N + c];
  return sum;
}

function describeMatrix(confusion, labels, rowSums, selected, t) {
  const N = labels.length;
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
    const top = mistakes.slice(0, 3).map((m) => t('matrix.mistake', { actual: labels[m.r], predicted: labels[m.c], count: m.count }));
    parts.push(t('matrix.commonMistakes', { list: top.join(t('list.comma')) }));
  }
  if (selected) {
    const count = confusion[selected.actual * N + selected.predicted];
    parts.push(t('matrix.selected', { actual: labels[selected.actual], predicted: labels[selected.predicted], count }));
  }
  return parts.join(' ');
}
