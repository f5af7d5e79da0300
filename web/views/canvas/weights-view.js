// A layer's weights as pictures: row j of a dense layer's (out, in) matrix is neuron j's weight
// on each input pixel, so drawn as a 28x28 image it shows the stroke pattern the neuron responds
// to. A diverging colour map (blue negative, near-white zero, red positive; ColorBrewer's RdBu,
// readable with common colour-vision deficiencies) over a range symmetric about zero, per image:
// each neuron's own largest |weight| is full colour, so zero always looks the same.
//
// Usage:
//   drawWeightImages(canvas, layer.weights, layer.rows, layer.cols);  // first dense layer
//   drawWeightImages(canvas, w, 10, 128, { imageWidth: 16, imageHeight: 8 });
// When cols != imageWidth * imageHeight, each row is laid out as a near-square image instead.
// The canvas keeps its width/height attributes as its size in CSS px; images are tiled to fit.

import { describeCanvas, prepareCanvas, viewTheme } from './canvas.js';
import { DIVERGING as LUT, LEGEND_HEIGHT, divergingIndex, drawLegend } from './colormap.js';
import { DEFAULT_LANGUAGE, translator } from '../../i18n/index.js';

const TILE_EXTRA = 6;  // per tile, CSS px: a 1-px frame on each side and a 4-px gap

const ENGLISH = translator(DEFAULT_LANGUAGE);  // when the caller passes no translator

/**
 * @param {HTMLCanvasElement} canvas
 * @param {Float32Array} weights  (rows, cols) row-major
 * @param {number} rows
 * @param {number} cols
 * @param {{imageWidth?: number, imageHeight?: number, maxImages?: number, t?: Function}} [options]
 *   t: the interface's translator (the legend and the text alternative)
 */
export function drawWeightImages(canvas, weights, rows, cols,
  { imageWidth = 28, imageHeight = 28, maxImages = 64, t = ENGLISH } = {}) {
  const { ctx, width, height } = prepareCanvas(canvas);
  const theme = viewTheme(canvas);
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, width, height);

  let iw = imageWidth;
  let ih = imageHeight;
  if (iw * ih !== cols) {
    iw = Math.ceil(Math.sqrt(cols));
    ih = Math.ceil(cols / iw);
  }
  const count = Math.min(rows, maxImages);
  const tiling = bestTiling(count, iw, ih, width, height - LEGEND_HEIGHT);

  // All images go into one atlas at 1 px per weight, then scaled up with smoothing off.
  const atlas = document.createElement('canvas');
  atlas.width = Math.max(1, count) * iw;
  atlas.height = ih;
  const atlasCtx = atlas.getContext('2d');
  const image = atlasCtx.createImageData(atlas.width, ih);
  for (let j = 0; j < count; ++j) {
    const row = weights.subarray(j * cols, (j + 1) * cols);
    let maxAbs = 0;
    for (let i = 0; i < cols; ++i) maxAbs = Math.max(maxAbs, Math.abs(row[i]));
    for (let i = 0; i < cols; ++i) {
      const t = maxAbs > 0 ? row[i] / maxAbs : 0;  // in [-1, 1]
      const entry = divergingIndex(t);
      const o = 4 * (Math.floor(i / iw) * atlas.width + j * iw + (i % iw));
      image.data.set(LUT[entry], o);
      image.data[o + 3] = 255;
    }
  }
  atlasCtx.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.strokeStyle = theme.grid;  // a frame: near-white (zero) weights would melt into a light page
  ctx.lineWidth = 1;
  for (let j = 0; j < count; ++j) {
    const x = (j % tiling.columns) * (tiling.tileWidth + TILE_EXTRA);
    const y = Math.floor(j / tiling.columns) * (tiling.tileHeight + TILE_EXTRA);
    ctx.drawImage(atlas, j * iw, 0, iw, ih, x + 1, y + 1, tiling.tileWidth, tiling.tileHeight);
    ctx.strokeRect(x + 0.5, y + 0.5, tiling.tileWidth + 1, tiling.tileHeight + 1);
  }

  drawLegend(ctx, theme, width, height, { note: t('weights.legend') });
  const shown = count < rows ? t('weights.someOf', { count, rows }) : `${rows}`;
  describeCanvas(canvas, 'weights', t('weights.describe', { shown, width: iw, height: ih, inputs: cols }));
}

// The number of columns that makes the tiles largest. From 3x up the zoom is rounded down to a
// whole number, so every weight is a square of the same size; below that, rounding would shrink
// the tiles too much, and uneven squares are the lesser evil.
function bestTiling(count, iw, ih, width, height) {
  let best = { columns: 1, scale: 0 };
  for (let columns = 1; columns <= Math.max(1, count); ++columns) {
    const rows = Math.ceil(count / columns);
    const scale = Math.min((width - columns * TILE_EXTRA) / (columns * iw),
      (height - rows * TILE_EXTRA) / (rows * ih));
    if (scale > best.scale) best = { columns, scale };
  }
  const scale = best.scale >= 3 ? Math.floor(best.scale) : best.scale;
  return { columns: best.columns, tileWidth: iw * scale, tileHeight: ih * scale };
}
