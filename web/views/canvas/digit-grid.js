// A grid of 28x28 images (digits, clothes...), each with its prediction: "7 (98%)" or
// "Sneaker (97%)" under the image. A wrong prediction is marked three ways, so it reads without
// colour vision: a dashed outline, a ✗ badge on the image and a ✗ before the prediction, plus
// the true label on a second line. Long names (clothes, folders) change the wording of every
// caption of the grid alike: right predictions' percentages go to the second line and the word
// "label" goes; a wrong prediction's percentage goes where it does not fit, and what is still too
// wide ends with '…'. The text alternative names every mistake in full.
//
// Usage:
//   drawDigitGrid(canvas, items, { columns: digitGridColumns(canvas), cellSize: 48, labels: classes.names() });
// The canvas is resized to fit the grid: columns x rows cells of cellSize (CSS px) plus captions.

import { describeCanvas, prepareCanvas, viewTheme } from './canvas.js';
import { formatPercent } from './format.js';
import { firstThatFits } from './text-fit.js';
import { DEFAULT_LANGUAGE, translator } from '../../i18n/index.js';

const SIDE = 28;  // the images are 28x28

const ENGLISH = translator(DEFAULT_LANGUAGE);  // when the caller passes no translator

/**
 * How many columns of about 64 CSS px fit the width of the canvas's container (4 to 12), so a
 * grid fills a phone's screen or a desktop panel.
 * @param {HTMLCanvasElement} canvas
 */
export function digitGridColumns(canvas) {
  return Math.max(4, Math.min(12, Math.floor((canvas.parentElement.clientWidth || 560) / 64)));
}

/**
 * @typedef {object} DigitItem
 * @property {Uint8Array} pixels      (28, 28) row-major, 0..255, white on black (as MNIST)
 * @property {number} label           the true class
 * @property {number} [predicted]     the model's class
 * @property {number} [confidence]    probability of `predicted`, in [0, 1]
 */

/**
 * Draws `items` as a grid, resizing the canvas to fit. Returns nothing.
 * @param {HTMLCanvasElement} canvas
 * @param {DigitItem[]} items
 * @param {{columns?: number, cellSize?: number, labels?: string[], t?: Function}} [options]  cellSize:
 *   image side in CSS px; labels: the classes' names, index = class (default: the digits);
 *   t: the interface's translator (captions and the text alternative)
 */
export function drawDigitGrid(canvas, items, { columns = 10, cellSize = SIDE * 2, labels = [], t = ENGLISH } = {}) {
  const name = (c) => labels[c] ?? String(c);
  const layout = gridLayout(items.length, columns, cellSize);
  const { ctx, width, height } = prepareCanvas(canvas, layout.width, layout.height);
  const theme = viewTheme(canvas);
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, width, height);

  // Every digit goes into an atlas at 1 px per pixel, laid out like the grid (a single strip
  // would pass browsers' canvas size limits for long lists), then each is scaled into its cell
  // with smoothing off: the real pixels, enlarged, as the model sees them.
  const atlas = document.createElement('canvas');
  atlas.width = columns * SIDE;
  atlas.height = layout.rows * SIDE;
  const atlasCtx = atlas.getContext('2d');
  const image = atlasCtx.createImageData(atlas.width, atlas.height);
  items.forEach((item, n) => {
    const left = (n % columns) * SIDE;
    const top = Math.floor(n / columns) * SIDE;
    for (let y = 0; y < SIDE; ++y) {
      for (let x = 0; x < SIDE; ++x) {
        const v = item.pixels[y * SIDE + x];
        const o = 4 * ((top + y) * atlas.width + left + x);
        image.data[o] = image.data[o + 1] = image.data[o + 2] = v;
        image.data[o + 3] = 255;
      }
    }
  });
  atlasCtx.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = false;

  const style = captionStyle(ctx, theme, layout, items, name, t);
  const wrongOnes = [];
  let predictedCount = 0;
  items.forEach((item, n) => {
    const { x, y } = cellOrigin(layout, n, columns);
    const sx = (n % columns) * SIDE;
    const sy = Math.floor(n / columns) * SIDE;
    ctx.drawImage(atlas, sx, sy, SIDE, SIDE, x, y, cellSize, cellSize);
    const hasPrediction = item.predicted !== undefined && item.predicted !== null;
    const wrong = hasPrediction && item.predicted !== item.label;
    if (hasPrediction) predictedCount += 1;
    if (wrong) {
      wrongOnes.push(n);
      markWrong(ctx, theme, x, y, cellSize);
    }
    drawCaption(ctx, theme, layout, { item, hasPrediction, wrong, name, style }, x, y + cellSize);
  });

  describeCanvas(canvas, 'digit-grid', describeGrid(items, name, predictedCount, wrongOnes, t));
}

// The grid's geometry in CSS px: each cell is the image with a two-line
// caption below it; cells are `gap` apart and the grid has a margin for the wrong-outline.
function gridLayout(count, columns, cellSize) {
  const fontSize = Math.min(14, Math.max(11, Math.round(cellSize * 0.2)));
  const lineHeight = Math.round(fontSize * 1.3);
  const captionHeight = 2 * lineHeight + 2;
  const gap = 8;
  const margin = 4;
  const rows = Math.max(1, Math.ceil(count / columns));
  const stepX = cellSize + gap;
  const stepY = cellSize + captionHeight + gap;
  const captionWidth = cellSize + gap - 2;  // most of the gap to the next cell
  return {
    cellSize, rows, fontSize, lineHeight, captionHeight, captionWidth, margin, stepX, stepY,
    width: 2 * margin + columns * stepX - gap,
    height: 2 * margin + rows * stepY - gap,
  };
}

function cellOrigin(layout, n, columns) {
  return {
    x: layout.margin + (n % columns) * layout.stepX,
    y: layout.margin + Math.floor(n / columns) * layout.stepY,
  };
}

// Dashed outline around the image and a ✗ badge in its top-right corner.
function markWrong(ctx, theme, x, y, size) {
  ctx.save();
  ctx.strokeStyle = theme.wrong;
  ctx.lineWidth = 3;
  ctx.setLineDash([5, 3]);
  ctx.strokeRect(x - 1.5, y - 1.5, size + 3, size + 3);
  const r = Math.max(7, size * 0.14);
  ctx.setLineDash([]);
  ctx.fillStyle = theme.wrong;
  ctx.beginPath();
  ctx.arc(x + size - r, y + r, r, 0, 2 * Math.PI);
  ctx.fill();
  ctx.fillStyle = '#ffffff';
  ctx.font = `bold ${Math.round(r * 1.4)}px ${theme.font}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText('✗', x + size - r, y + r + 1);
  ctx.restore();
}

// How the grid words its captions, the same under every image: a true class as "label 4" where
// that fits under each image, else the bare name; a right prediction's percentage beside its
// name, "7 (98%)", where that fits for each, else on the line below.
function captionStyle(ctx, theme, layout, items, name, t) {
  ctx.font = `${layout.fontSize}px ${theme.font}`;
  const fits = (text) => ctx.measureText(text).width <= layout.captionWidth;
  const worded = (item) => t('grid.label', { name: name(item.label) });
  const right = items.filter((item) => item.predicted === item.label && item.confidence !== undefined);
  return {
    trueLabel: items.every((item) => fits(worded(item))) ? worded : (item) => name(item.label),
    confidenceBelow: !right.every((item) => fits(`${name(item.label)} (${formatPercent(item.confidence, 0)})`)),
  };
}

// The caption under a cell. Line 1: the prediction, "7 (98%)", or "✗ 9 (61%)" in bold when
// wrong; or "label 4" without a prediction. Line 2: "label 4" under a wrong prediction, or a
// right one's percentage when the grid puts it there (captionStyle).
function drawCaption(ctx, theme, layout, { item, hasPrediction, wrong, name, style }, x, top) {
  const room = layout.captionWidth;
  const label = [style.trueLabel(item)];
  ctx.save();
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  ctx.fillStyle = theme.text;  // small text keeps full contrast; the outline carries the colour
  const write = (line, choices, bold = false) => {
    ctx.font = `${bold ? 'bold ' : ''}${layout.fontSize}px ${theme.font}`;
    ctx.fillText(firstThatFits(ctx, choices, room), x + layout.cellSize / 2, top + 2 + line * layout.lineHeight);
  };
  if (!hasPrediction) {
    write(0, label);
  } else {
    const predicted = `${wrong ? '✗ ' : ''}${name(item.predicted)}`;
    const confidence = item.confidence === undefined ? '' : formatPercent(item.confidence, 0);
    const whole = confidence ? `${predicted} (${confidence})` : predicted;
    const split = !wrong && confidence && style.confidenceBelow;
    write(0, split ? [predicted] : [whole, predicted], wrong);
    if (wrong) write(1, label);
    else if (split) write(1, [confidence]);
  }
  ctx.restore();
}

function describeGrid(items, name, predictedCount, wrongOnes, t) {
  const parts = [t('grid.images', { count: items.length })];
  if (predictedCount > 0) {
    parts.push(t(wrongOnes.length ? 'grid.predicted' : 'grid.predictedAllRight', { right: predictedCount - wrongOnes.length, wrong: wrongOnes.length }));
    const listed = wrongOnes.slice(0, 10).map((n) =>
      t('grid.wrongItem', { number: n + 1, label: name(items[n].label), predicted: name(items[n].predicted) }));
    if (listed.length) parts.push(t(wrongOnes.length > listed.length ? 'grid.wrongListMore' : 'grid.wrongList', { list: listed.join(t('list.separator')) }));
  }
  return parts.join(' ');
}
